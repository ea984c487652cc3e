import Testing
@testable import PlainEnglish

@Suite struct SyllableTests {
    let counter = SyllableCounter(acronymsSaidAsWords: ["SEND", "SENCO"])
    let rules = SyllableCounter(method: .rulesOnly)

    @Test(arguments: [("parent", 2), ("education", 4), ("children", 2), ("every", 3), ("the", 1), ("Assessment", 3), ("don't", 1)])
    func wordsFromTheDictionary(word: String, syllables: Int) {
        #expect(counter.syllables(of: word) == syllables)
    }

    @Test func theDictionaryHoldsCMUdict() {
        #expect(PronunciationDictionary.shared.wordCount == 124_911)
        #expect(PronunciationDictionary.shared.syllables(of: Array("aaron".utf8)) == 2)
        #expect(PronunciationDictionary.shared.syllables(of: Array("zywicki".utf8)) == 3) // the last line
        #expect(PronunciationDictionary.shared.syllables(of: Array("a".utf8)) == 1) // the first
        #expect(PronunciationDictionary.shared.syllables(of: Array("qqqx".utf8)) == nil)
        #expect(PronunciationDictionary.shared.syllables(of: Array("paren".utf8)) == nil) // a prefix of "parent"
    }

    @Test(arguments: [
        ("behavioural", 4), ("behaviour", 3), ("paediatric", 4), ("organise", 3), ("organisation", 5),
        ("centre", 2), ("colour", 2), ("analyse", 3), ("licence", 2), ("travelled", 2), ("programme", 2),
        ("oesophagus", 4), ("catalogue", 3), ("recognised", 3),
    ])
    func britishSpellingsFindTheirAmericanEntry(word: String, syllables: Int) {
        #expect(counter.syllables(of: word) == syllables)
    }

    @Test(arguments: [
        ("2024", 5), ("1998", 5), ("1905", 4), ("2005", 5), ("3.5", 3), ("15%", 4), ("2.1.3", 5),
        ("10:30", 3), ("10.00", 1), ("1,500", 6), ("1500", 4), ("7", 2), ("0", 2), ("1st", 1), ("2nd", 2), ("20th", 3), ("105", 5),
    ])
    func numbersAreCountedAsTheyAreReadAloud(number: String, syllables: Int) {
        #expect(counter.syllables(of: number) == syllables)
    }

    @Test func acronymsAreSaidLetterByLetterUnlessSaidAsAWord() {
        #expect(counter.syllables(of: "NHS") == 3)
        #expect(counter.syllables(of: "EHCP") == 4)
        #expect(counter.syllables(of: "EHCPs") == 4)
        #expect(counter.syllables(of: "WHO") == 5) // double-u, aitch, oh
        #expect(counter.syllables(of: "SEND") == 1)
        #expect(counter.syllables(of: "SENCO") == 2)
    }

    @Test func hyphenatedWordsAndPossessivesAreCountedByTheirParts() {
        #expect(counter.syllables(of: "well-being") == 3)
        #expect(counter.syllables(of: "co-production") == 4)
        #expect(counter.syllables(of: "parent's") == 2)
        #expect(counter.syllables(of: "Rotherham's") == 3)
        #expect(counter.syllables(of: "Jameses's") >= 3)
    }

    @Test(arguments: [
        ("make", 1), ("table", 2), ("create", 2), ("video", 3), ("fluent", 2), ("being", 2), ("loved", 1),
        ("wanted", 2), ("boxes", 2), ("homes", 1), ("lovely", 2), ("statement", 2), ("autism", 3), ("react", 2),
        ("nation", 2), ("quiet", 2), ("dyslexia", 4), ("cooperate", 4), ("player", 2), ("happier", 3),
    ])
    func rulesAloneCountCommonPatterns(word: String, syllables: Int) {
        #expect(rules.syllables(of: word) == syllables)
    }

    @Test func rulesGiveAtLeastOneSyllableToAnyWord() {
        for word in ["rhythm", "nth", "x", "bcdfg", "crwth"] {
            #expect(SyllableRules.syllables(of: Array(word.utf8)) >= 1)
        }
        #expect(SyllableRules.syllables(of: [UInt8]()) == 0)
    }

    @Test func lettersOutsideASCIIStillGetACount() {
        #expect(counter.syllables(of: "café") >= 1)
        #expect(counter.syllables(of: "مرحبا") == 1)
    }
}
