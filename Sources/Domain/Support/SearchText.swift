/// How a typed search meets stored names. Both sides are folded the same
/// way, so "okafor" finds Amara Okafor, "zoe" finds Zoë, "obrien" finds
/// O'Brien and "smith jones" finds Smith-Jones. A search of several words
/// finds names holding every word, in any order ("okafor amara").
public enum SearchText {
    /// The most words a search uses; more add nothing but work.
    public static let maximumTerms = 6
    /// The longest search read, in characters; a name is never longer.
    public static let maximumLength = 200

    /// A text folded for searching: compatibility forms mapped, lower case,
    /// accents and apostrophes removed, other punctuation a space, spaces
    /// collapsed. The letters that carry no accent to remove (ø, ł, ß, æ)
    /// are spelled as an English keyboard types them.
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        let decomposed = text.precomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars {
            if TextInput.isInvisibleFormatting(scalar) || scalar.properties.isDefaultIgnorableCodePoint { continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                continue
            default:
                break
            }
            if apostrophes.contains(scalar) { continue }
            if let spelled = spellings[scalar] {
                folded.append(contentsOf: spelled.unicodeScalars)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                folded.append(scalar)
            } else {
                folded.append(" ")
            }
        }
        return TextInput.collapsingSpaces(String(folded))
    }

    /// The words of a typed search, folded, without repeats, at most
    /// `maximumTerms` of them; empty when there is nothing to search for.
    public static func terms(_ typed: String) -> [String] {
        let limited = String(typed.prefix(maximumLength))
        var terms: [String] = []
        for word in fold(limited).split(separator: " ") where !terms.contains(String(word)) {
            terms.append(String(word))
            if terms.count == maximumTerms { break }
        }
        return terms
    }

    /// Whether a stored text holds every term: the rule the database's
    /// query follows, for checking it and for lists kept in memory.
    public static func matches(_ terms: [String], in text: String) -> Bool {
        let folded = fold(text)
        return terms.allSatisfy { folded.contains($0) }
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]

    private static let spellings: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h",
    ]
}
