import Foundation

/// Small helpers for cleaning up what people type.
public enum TextInput {
    /// Trims spaces and line breaks from both ends.
    public static func clean(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Trimmed text, or nil when nothing but spaces was entered.
    public static func optional(_ text: String?) -> String? {
        let cleaned = clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Whether the text looks like an e-mail address: one @, something each side,
    /// a dot in the domain, no spaces. Delivery is the only real proof.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: \.isWhitespace), text.count <= 254 else { return false }
        return true
    }

    /// E-mail addresses are compared without regard to case.
    public static func normalisedEmail(_ text: String?) -> String {
        clean(text).lowercased()
    }

    /// UK phone numbers: digits, spaces, brackets, hyphens and a leading +; 10 to 15 digits.
    public static func isPlausiblePhone(_ text: String) -> Bool {
        let allowed = CharacterSet(charactersIn: "0123456789 +()-")
        guard text.unicodeScalars.allSatisfy(allowed.contains) else { return false }
        let digits = text.filter(\.isNumber).count
        return (10...15).contains(digits)
    }
}
