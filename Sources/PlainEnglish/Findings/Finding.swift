/// Something in the text that makes it harder to read, where it is, and
/// what to do about it.
public struct Finding: Sendable, Codable, Equatable {
    public var kind: FindingKind
    public var range: TextRange
    /// 1-based line and column (in characters) of the start, for people.
    public var line: Int
    public var column: Int
    /// The words found, as written.
    public var excerpt: String
    public var message: String
    /// A plain alternative, when there is one.
    public var suggestion: String?
    /// Whether the profile counts it against the text, or only advises.
    public var severity: Severity

    public enum Severity: String, Sendable, Codable {
        /// Counts against the text: it does not meet the profile while this is here.
        case problem
        /// Worth changing, but the text can meet the profile with it.
        case advice
    }
}

public enum FindingKind: String, Sendable, Codable, CaseIterable, Comparable {
    case longSentence = "long-sentence"
    case veryLongSentence = "very-long-sentence"
    case moreThanOneIdea = "more-than-one-idea"
    case passiveVoice = "passive-voice"
    case acronymNotSpelledOut = "acronym-not-spelled-out"
    case acronymUsedBeforeSpelledOut = "acronym-used-before-spelled-out"
    case ambiguousAcronym = "ambiguous-acronym"
    case jargon
    case deficitLanguage = "deficit-language"
    case preferredLanguage = "preferred-language"
    case complexWord = "complex-word"
    case fillerPhrase = "filler-phrase"
    case allCapitals = "all-capitals"
    case vagueLinkText = "vague-link-text"

    /// A short name for people, as a heading or a label.
    public var title: String {
        switch self {
        case .longSentence: "Long sentence"
        case .veryLongSentence: "Very long sentence"
        case .moreThanOneIdea: "More than one idea"
        case .passiveVoice: "Passive voice"
        case .acronymNotSpelledOut: "Acronym not spelled out"
        case .acronymUsedBeforeSpelledOut: "Acronym used before it is spelled out"
        case .ambiguousAcronym: "Acronym with more than one meaning"
        case .jargon: "Jargon"
        case .deficitLanguage: "Deficit language"
        case .preferredLanguage: "Language your area has chosen"
        case .complexWord: "Complex word"
        case .fillerPhrase: "Filler or vague words"
        case .allCapitals: "All capitals"
        case .vagueLinkText: "Link text that does not say where it goes"
        }
    }

    public static func < (lhs: FindingKind, rhs: FindingKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
