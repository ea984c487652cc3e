/// The order clauses are read in, by their numbers as people write them:
/// "4.3" before "4.6 a" before "4.6 b" before "4.10", and "2" before "10".
/// Runs of digits compare as numbers, everything else as text, ignoring case.
public enum ClauseNumber {
    public static func precedes(_ first: String, _ second: String) -> Bool {
        let a = parts(first), b = parts(second)
        for (left, right) in zip(a, b) where left != right {
            switch (left, right) {
            case (.number(let x), .number(let y)): return x < y
            // A number comes before text at the same place: "4.6" before "4.a".
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let x), .text(let y)): return x < y
            }
        }
        return a.count < b.count
    }

    /// A key two numbers share when they read alike ("4.6 a", "4.6a", "4.6 (A)"), so the same clause is not copied twice.
    public static func comparisonKey(_ number: String) -> String {
        parts(number).map { part in
            switch part {
            case .number(let value): "#\(value)"
            case .text(let text): text
            }
        }.joined(separator: "|")
    }

    private enum Part: Equatable {
        case number(Int)
        case text(String)
    }

    /// Digits and the rest, with spaces and full stops kept as separators so
    /// "4.6 a" and "4.6a" read alike.
    private static func parts(_ number: String) -> [Part] {
        var parts: [Part] = []
        var digits = ""
        var text = ""
        func flush() {
            // Numbers longer than any clause number saturate rather than overflow.
            if !digits.isEmpty { parts.append(.number(Int(digits.prefix(18)) ?? Int.max)); digits = "" }
            if !text.isEmpty { parts.append(.text(text)); text = "" }
        }
        for character in number.lowercased() {
            if character.isASCII && character.isNumber {
                if !text.isEmpty { flush() }
                digits.append(character)
            } else if character == " " || character == "." || character == "(" || character == ")" {
                flush()
            } else {
                if !digits.isEmpty { flush() }
                text.append(character)
            }
        }
        flush()
        return parts
    }
}
