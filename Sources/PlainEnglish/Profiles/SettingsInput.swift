/// An area's plain English settings as typed on its settings page, and the
/// rules they must meet.
public struct CheckerSettingsInput: Sendable, Equatable {
    public var longSentenceWords: String
    public var veryLongSentenceWords: String
    public var targetReadingAge: String
    public var defaultProfile: String
    public var languagePreference: String
    /// The area's own glossary entries, one a line: `kind | terms | alternatives | explanation`.
    public var glossary: String
    /// Terms not to flag, one a line.
    public var exceptions: String

    public init(longSentenceWords: String = "", veryLongSentenceWords: String = "", targetReadingAge: String = "",
                defaultProfile: String = Profile.Name.standard.rawValue, languagePreference: String = LanguagePreference.either.rawValue,
                glossary: String = "", exceptions: String = "") {
        self.longSentenceWords = longSentenceWords
        self.veryLongSentenceWords = veryLongSentenceWords
        self.targetReadingAge = targetReadingAge
        self.defaultProfile = defaultProfile
        self.languagePreference = languagePreference
        self.glossary = glossary
        self.exceptions = exceptions
    }

    public struct Problem: Sendable, Equatable {
        public let field: String
        public let message: String
    }

    public static let sentenceLengths = 8...60
    public static let readingAges = 6...18

    /// The settings, or every problem found, each with its field.
    public func validated() -> Result<CheckerSettings, ProblemList> {
        var problems: [Problem] = []
        func number(_ text: String, field: String, range: ClosedRange<Int>, name: String) -> Int? {
            let trimmed = text.trimmingSpaces
            guard !trimmed.isEmpty else { return nil }
            guard let value = Int(trimmed), range.contains(value) else {
                problems.append(Problem(field: field, message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return nil
            }
            return value
        }
        let long = number(longSentenceWords, field: "longSentenceWords", range: Self.sentenceLengths, name: "A long sentence")
        let veryLong = number(veryLongSentenceWords, field: "veryLongSentenceWords", range: 9...100, name: "A very long sentence")
        if let long, let veryLong, veryLong <= long {
            problems.append(Problem(field: "veryLongSentenceWords", message: "A very long sentence must have more words than a long one (\(long))"))
        }
        let age = number(targetReadingAge, field: "targetReadingAge", range: Self.readingAges, name: "The reading age")
        let profile = Profile.Name(rawValue: defaultProfile)
        if profile == nil { problems.append(Problem(field: "defaultProfile", message: "Choose who your papers are usually for")) }
        let preference = LanguagePreference(rawValue: languagePreference)
        if preference == nil { problems.append(Problem(field: "languagePreference", message: "Choose how your area talks about autism and disability")) }
        var additions: [GlossaryEntry] = []
        if let problem = Self.problem(in: glossary, name: "Your own glossary", maximumBytes: Self.maximumGlossaryBytes) {
            problems.append(Problem(field: "glossary", message: problem))
        } else {
            do {
                additions = try GlossaryEntry.parse(glossary)
            } catch let error as GlossaryEntry.ParseError {
                problems.append(Problem(field: "glossary", message: "Glossary line \(error.line): \(error.reason)"))
            } catch {
                problems.append(Problem(field: "glossary", message: "The glossary could not be read"))
            }
        }
        if let problem = Self.problem(in: exceptions, name: "Words not to flag", maximumBytes: Self.maximumExceptionsBytes) {
            problems.append(Problem(field: "exceptions", message: problem))
        }
        let exceptionTerms = Set(exceptions.split(whereSeparator: \.isNewline).map(\.trimmingSpaces).filter { !$0.isEmpty })
        guard problems.isEmpty, let profile, let preference else { return .failure(ProblemList(problems: problems)) }
        return .success(CheckerSettings(longSentenceWords: long, veryLongSentenceWords: veryLong, targetReadingAge: age,
                                        languagePreference: preference, glossaryAdditions: additions, exceptions: exceptionTerms,
                                        defaultProfile: profile))
    }

    /// Every check loads the area's glossary: it stays small enough to cost nothing.
    public static let maximumGlossaryBytes = 100_000
    public static let maximumExceptionsBytes = 20_000

    /// Too long, or holding control characters that nobody types (tab and line breaks aside).
    static func problem(in text: String, name: String, maximumBytes: Int) -> String? {
        if text.utf8.count > maximumBytes { return "\(name) must be \(maximumBytes / 1000) KB or less: keep the entries that matter most" }
        let hasControl = text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
        return hasControl ? "\(name) contains a hidden control character. Delete it, or type the text again instead of pasting it" : nil
    }

    public struct ProblemList: Error, Sendable, Equatable {
        public let problems: [Problem]
    }
}
