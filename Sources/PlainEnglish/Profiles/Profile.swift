/// Who a text is for. A profile sets the reading age to aim at, how long a
/// sentence may be, and which findings count against the text.
public struct Profile: Sendable, Codable, Equatable {
    public enum Name: String, Sendable, Codable, CaseIterable {
        /// Papers, letters and web pages for parent carers and partners.
        case standard
        /// Easy read: very short sentences, one idea a sentence, reading age 7.
        case easyRead = "easy-read"
        /// Children aged 8 to 11.
        case children8to11 = "children-8-11"
        /// Young people aged 12 to 15.
        case youngPeople12to15 = "young-people-12-15"
        /// Young people aged 16 to 25.
        case youngPeople16to25 = "young-people-16-25"

        public var title: String {
            switch self {
            case .standard: "Standard (papers and letters)"
            case .easyRead: "Easy read"
            case .children8to11: "Children aged 8 to 11"
            case .youngPeople12to15: "Young people aged 12 to 15"
            case .youngPeople16to25: "Young people aged 16 to 25"
            }
        }
    }

    public var name: Name
    /// The highest reading age the text should need.
    public var targetReadingAge: Int
    /// Sentences longer than this many words are long.
    public var longSentenceWords: Int
    /// Sentences longer than this many words are very long.
    public var veryLongSentenceWords: Int
    /// Findings that count against the text; all others are advice.
    public var problems: Set<FindingKind>
    /// Findings looked for at all.
    public var checks: Set<FindingKind>

    public init(name: Name, targetReadingAge: Int, longSentenceWords: Int, veryLongSentenceWords: Int, problems: Set<FindingKind>, checks: Set<FindingKind>) {
        self.name = name
        self.targetReadingAge = targetReadingAge
        self.longSentenceWords = longSentenceWords
        self.veryLongSentenceWords = veryLongSentenceWords
        self.problems = problems
        self.checks = checks
    }

    private enum CodingKeys: String, CodingKey {
        case name, targetReadingAge, longSentenceWords, veryLongSentenceWords, problems, checks
    }

    /// The kinds are written in a fixed order: a Set's own order changes from
    /// one run to the next, and the same text must give the same JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(targetReadingAge, forKey: .targetReadingAge)
        try container.encode(longSentenceWords, forKey: .longSentenceWords)
        try container.encode(veryLongSentenceWords, forKey: .veryLongSentenceWords)
        try container.encode(FindingKind.allCases.filter(problems.contains), forKey: .problems)
        try container.encode(FindingKind.allCases.filter(checks.contains), forKey: .checks)
    }

    /// Every check except "one idea a sentence", which is for easy read.
    private static let usualChecks = Set(FindingKind.allCases).subtracting([.moreThanOneIdea])
    /// What no reader should meet: walls of words, unexplained acronyms,
    /// disrespectful words, capitals and links that say "click here".
    private static let alwaysProblems: Set<FindingKind> = [
        .veryLongSentence, .acronymNotSpelledOut, .acronymUsedBeforeSpelledOut, .ambiguousAcronym,
        .deficitLanguage, .preferredLanguage, .vagueLinkText,
    ]

    /// Papers and letters: reading age 11, the end of primary school (GOV.UK
    /// aims at 9 for its own pages; papers for partnership meetings carry more).
    public static let standard = Profile(
        name: .standard, targetReadingAge: 11, longSentenceWords: 25, veryLongSentenceWords: 40,
        problems: alwaysProblems, checks: usualChecks
    )

    public static let easyRead = Profile(
        name: .easyRead, targetReadingAge: 7, longSentenceWords: 12, veryLongSentenceWords: 15,
        problems: alwaysProblems.union([.longSentence, .moreThanOneIdea, .passiveVoice, .jargon, .complexWord, .allCapitals]),
        checks: Set(FindingKind.allCases)
    )

    /// Many children with SEND read below their age, so each group aims a
    /// little below its youngest age.
    public static let children8to11 = Profile(
        name: .children8to11, targetReadingAge: 8, longSentenceWords: 15, veryLongSentenceWords: 20,
        problems: alwaysProblems.union([.longSentence, .jargon]), checks: usualChecks
    )

    public static let youngPeople12to15 = Profile(
        name: .youngPeople12to15, targetReadingAge: 10, longSentenceWords: 20, veryLongSentenceWords: 30,
        problems: alwaysProblems.union([.jargon]), checks: usualChecks
    )

    public static let youngPeople16to25 = Profile(
        name: .youngPeople16to25, targetReadingAge: 11, longSentenceWords: 20, veryLongSentenceWords: 35,
        problems: alwaysProblems.union([.jargon]), checks: usualChecks
    )

    public static func named(_ name: Name) -> Profile {
        switch name {
        case .standard: standard
        case .easyRead: easyRead
        case .children8to11: children8to11
        case .youngPeople12to15: youngPeople12to15
        case .youngPeople16to25: youngPeople16to25
        }
    }
}

/// Whether a community prefers "autistic person" or "person with autism".
public enum LanguagePreference: String, Sendable, Codable, CaseIterable {
    /// Accept both.
    case either
    /// "Autistic child", "disabled person": many autistic and disabled people prefer it.
    case identityFirst = "identity-first"
    /// "Child with autism", "person with a disability".
    case personFirst = "person-first"
}

/// An area's choices, applied on top of a profile.
public struct CheckerSettings: Sendable, Codable, Equatable {
    /// Overrides the standard profile's long-sentence length.
    public var longSentenceWords: Int?
    /// Overrides the standard profile's very-long-sentence length.
    public var veryLongSentenceWords: Int?
    /// Overrides the standard profile's target reading age.
    public var targetReadingAge: Int?
    public var languagePreference: LanguagePreference
    /// The area's own glossary entries.
    public var glossaryAdditions: [GlossaryEntry]
    /// Terms the area does not want flagged ("we spell out EHCP in our glossary").
    public var exceptions: Set<String>
    /// The profile a check uses unless the person chooses another.
    public var defaultProfile: Profile.Name

    public init(longSentenceWords: Int? = nil, veryLongSentenceWords: Int? = nil, targetReadingAge: Int? = nil, languagePreference: LanguagePreference = .either, glossaryAdditions: [GlossaryEntry] = [], exceptions: Set<String> = [], defaultProfile: Profile.Name = .standard) {
        self.defaultProfile = defaultProfile
        self.longSentenceWords = longSentenceWords
        self.veryLongSentenceWords = veryLongSentenceWords
        self.targetReadingAge = targetReadingAge
        self.languagePreference = languagePreference
        self.glossaryAdditions = glossaryAdditions
        self.exceptions = exceptions
    }

    /// The profile with the area's standard-profile settings applied.
    public func applied(to profile: Profile) -> Profile {
        guard profile.name == .standard else { return profile }
        var result = profile
        if let longSentenceWords { result.longSentenceWords = longSentenceWords }
        if let veryLongSentenceWords { result.veryLongSentenceWords = max(veryLongSentenceWords, result.longSentenceWords + 1) }
        if let targetReadingAge { result.targetReadingAge = targetReadingAge }
        return result
    }
}
