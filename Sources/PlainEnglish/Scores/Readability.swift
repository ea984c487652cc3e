/// What the readability formulas count in a text.
public struct TextStatistics: Sendable, Codable, Equatable {
    /// Sentences, headings and list items (a line that is only an address counts too).
    public var sentences: Int
    /// Words read aloud (web and e-mail addresses are left out).
    public var words: Int
    public var syllables: Int
    /// Words of three or more syllables (SMOG).
    public var polysyllables: Int
    /// Words of three or more syllables that are not names, hyphenated or
    /// three only because of -es, -ed or -ing (Gunning Fog's "complex words").
    public var complexWords: Int
    /// Letters in the words (Coleman-Liau).
    public var letters: Int
    /// Letters and digits in the words (ARI).
    public var characters: Int
    public var paragraphs: Int

    public init(sentences: Int = 0, words: Int = 0, syllables: Int = 0, polysyllables: Int = 0, complexWords: Int = 0, letters: Int = 0, characters: Int = 0, paragraphs: Int = 0) {
        self.sentences = sentences
        self.words = words
        self.syllables = syllables
        self.polysyllables = polysyllables
        self.complexWords = complexWords
        self.letters = letters
        self.characters = characters
        self.paragraphs = paragraphs
    }

    public var wordsPerSentence: Double { sentences == 0 ? 0 : Double(words) / Double(sentences) }
    public var syllablesPerWord: Double { words == 0 ? 0 : Double(syllables) / Double(words) }
}

/// The standard readability scores, as their authors published them.
///
/// W words, S sentences, Y syllables, P polysyllables (3+ syllables),
/// C complex words, L letters, K letters and digits:
/// - Flesch reading ease = 206.835 - 1.015 (W / S) - 84.6 (Y / W)
/// - Flesch-Kincaid grade = 0.39 (W / S) + 11.8 (Y / W) - 15.59
/// - Gunning Fog = 0.4 ((W / S) + 100 (C / W))
/// - SMOG = 1.0430 √(P × 30 / S) + 3.1291
/// - Coleman-Liau = 0.0588 (100 L / W) - 0.296 (100 S / W) - 15.8
/// - ARI = 4.71 (K / W) + 0.5 (W / S) - 21.43
/// - Reading age = Flesch-Kincaid grade + 5, because a child in US grade 1
///   is 6 years old; UK schools and GOV.UK speak of reading ages.
public struct ReadabilityScores: Sendable, Codable, Equatable {
    public var fleschReadingEase: Double
    public var fleschKincaidGrade: Double
    public var gunningFog: Double
    public var smog: Double
    public var colemanLiau: Double
    public var automatedReadabilityIndex: Double
    /// In whole years, at least 5.
    public var readingAge: Int

    /// Nil when the text has no words to score.
    public init?(_ statistics: TextStatistics) {
        guard statistics.words > 0, statistics.sentences > 0 else { return nil }
        let words = Double(statistics.words)
        let sentences = Double(statistics.sentences)
        let wordsPerSentence = words / sentences
        let syllablesPerWord = Double(statistics.syllables) / words
        fleschReadingEase = 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
        fleschKincaidGrade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
        gunningFog = 0.4 * (wordsPerSentence + 100 * Double(statistics.complexWords) / words)
        smog = 1.0430 * (Double(statistics.polysyllables) * 30 / sentences).squareRoot() + 3.1291
        colemanLiau = 0.0588 * (100 * Double(statistics.letters) / words) - 0.296 * (100 * sentences / words) - 15.8
        automatedReadabilityIndex = 4.71 * Double(statistics.characters) / words + 0.5 * wordsPerSentence - 21.43
        readingAge = Self.readingAge(forGrade: fleschKincaidGrade)
    }

    static func readingAge(forGrade grade: Double) -> Int {
        max(5, Int((grade + 5).rounded()))
    }
}
