import Testing
@testable import PlainEnglish

/// Each formula against a hand-worked example; the working is in the comments.
@Suite struct ReadabilityTests {
    let checker = PlainEnglishChecker()

    /// "The cat sat on the mat. The dog ran." 2 sentences, 9 words, 9 syllables,
    /// no word of 3 syllables, 26 letters.
    @Test func aVerySimpleText() throws {
        let analysis = try checker.check(text: "The cat sat on the mat. The dog ran.")
        #expect(analysis.statistics == TextStatistics(sentences: 2, words: 9, syllables: 9, polysyllables: 0, complexWords: 0, letters: 26, characters: 26, paragraphs: 1))
        let scores = try #require(analysis.scores)
        #expect(abs(scores.fleschReadingEase - 117.6675) < 0.0001) // 206.835 - 1.015 × 4.5 - 84.6 × 1
        #expect(abs(scores.fleschKincaidGrade - -2.035) < 0.0001) // 0.39 × 4.5 + 11.8 × 1 - 15.59
        #expect(abs(scores.gunningFog - 1.8) < 0.0001) // 0.4 × (4.5 + 0)
        #expect(abs(scores.smog - 3.1291) < 0.0001) // 1.043 × √0 + 3.1291
        #expect(abs(scores.colemanLiau - -5.3911) < 0.0001) // 0.0588 × 288.89 - 0.296 × 22.22 - 15.8
        #expect(abs(scores.automatedReadabilityIndex - -5.5733) < 0.0001) // 4.71 × 26/9 + 0.5 × 4.5 - 21.43
        #expect(scores.readingAge == 5) // grade -2 + 5 = 3, and no reading age is under 5
    }

    /// "Education is important. Families deserve information." 2 sentences,
    /// 6 words, 17 syllables (4+1+3, 3+2+4), 4 words of 3 or more syllables, 46 letters.
    @Test func aTextOfLongWords() throws {
        let analysis = try checker.check(text: "Education is important. Families deserve information.")
        #expect(analysis.statistics == TextStatistics(sentences: 2, words: 6, syllables: 17, polysyllables: 4, complexWords: 4, letters: 46, characters: 46, paragraphs: 1))
        let scores = try #require(analysis.scores)
        #expect(abs(scores.fleschReadingEase - -35.91) < 0.0001) // 206.835 - 3.045 - 84.6 × 17/6
        #expect(abs(scores.fleschKincaidGrade - 19.0133) < 0.0001) // 1.17 + 11.8 × 17/6 - 15.59
        #expect(abs(scores.gunningFog - 27.8667) < 0.0001) // 0.4 × (3 + 100 × 4/6)
        #expect(abs(scores.smog - 11.2081) < 0.0001) // 1.043 × √60 + 3.1291
        #expect(abs(scores.colemanLiau - 19.4133) < 0.0001) // 0.0588 × 766.67 - 0.296 × 33.33 - 15.8
        #expect(abs(scores.automatedReadabilityIndex - 16.18) < 0.0001) // 4.71 × 46/6 + 1.5 - 21.43
        #expect(scores.readingAge == 24) // grade 19.01 + 5
    }

    @Test func gunningLeavesOutNamesCompoundsAndSuffixSyllables() throws {
        // Rotherham (a name, not first), well-organised (hyphenated) and "decided" (3 only with -ed) are not complex.
        let analysis = try checker.check(text: "We visited Rotherham and decided it was well-organised.")
        #expect(analysis.statistics.polysyllables == 4)
        #expect(analysis.statistics.complexWords == 0)
    }

    @Test func webAddressesAreNotCountedAsWords() throws {
        let analysis = try checker.check(text: "Read it at www.example.org today.")
        #expect(analysis.statistics.words == 4)
    }

    @Test func anEmptyTextHasNoScores() throws {
        let analysis = try checker.check(text: "   \n\n ")
        #expect(analysis.scores == nil)
        #expect(analysis.statistics.words == 0)
        #expect(analysis.findings.isEmpty)
        #expect(analysis.meetsProfile)
    }
}
