import Foundation

/// Cleans up what people type or send, so every piece of text is stored in
/// one form: Unicode NFC, no hidden control characters, no characters that
/// reverse the direction of the text, and spaces as people see them.
public enum TextInput {
    /// Why a piece of text was refused.
    public enum Problem: Error, Sendable, Equatable {
        /// NUL, bell, escape and the other control characters: invisible, and
        /// some of them cut text short or colour a terminal.
        case controlCharacter
        /// The characters that make text display in a different order from
        /// the order it is stored in ("right-to-left override").
        case directionOverride

        /// What to tell the person, naming the field.
        public func message(label: String) -> String {
            switch self {
            case .controlCharacter:
                "\(label) contains a hidden control character. Delete it, or type the text again instead of pasting it"
            case .directionOverride:
                "\(label) contains a hidden character that changes the direction of the text. Delete it, or type the text again instead of pasting it"
            }
        }
    }

    /// One line of text, such as a name or a title: NFC; every run of spaces,
    /// tabs, line breaks and other space characters becomes one space;
    /// invisible formatting characters such as zero-width spaces are removed;
    /// spaces at either end are trimmed.
    public static func singleLine(_ raw: String?) -> Result<String, Problem> {
        guard let raw else { return .success("") }
        if let problem = problem(in: raw) { return .failure(problem) }
        return .success(collapsingSpaces(raw.precomposedStringWithCanonicalMapping))
    }

    /// Text of several lines, such as a summary or terms of reference: NFC;
    /// line endings made "\n"; invisible formatting characters removed; spaces
    /// trimmed from the end of each line and blank lines from both ends.
    /// Tabs are kept.
    public static func multiLine(_ raw: String?) -> Result<String, Problem> {
        guard let raw else { return .success("") }
        if let problem = problem(in: raw) { return .failure(problem) }
        // Lines are split scalar by scalar: "\r\n" is one Character to Swift,
        // and "\r\r\n" holds one only after a first pass.
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var previousWasReturn = false
        func endLine() {
            while let last = line.last, last.properties.isWhitespace { line.removeLast() }
            lines.append(String(line))
            line = String.UnicodeScalarView()
        }
        for scalar in raw.precomposedStringWithCanonicalMapping.unicodeScalars {
            defer { previousWasReturn = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasReturn: continue // the second half of "\r\n"
            case "\n", "\r", "\u{2028}", "\u{2029}": endLine()
            default: if !isInvisibleFormatting(scalar) { line.append(scalar) }
            }
        }
        endLine()
        let first = lines.firstIndex { !$0.isEmpty } ?? lines.endIndex
        let last = lines.lastIndex { !$0.isEmpty } ?? lines.startIndex
        return .success(first <= last ? lines[first...last].joined(separator: "\n") : "")
    }

    /// The first problem with the characters of a text, if any. Tab, line feed
    /// and carriage return are the only control characters people type.
    public static func problem(in text: String) -> Problem? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F: return .controlCharacter
            case 0x202A...0x202E, 0x2066...0x2069: return .directionOverride
            default: continue
            }
        }
        return nil
    }

    /// How two names are compared: "Riverside  Council", "RIVERSIDE COUNCIL"
    /// and "Ｒｉｖｅｒｓｉｄｅ Council" (full-width letters) are the same name.
    /// Compatibility forms are folded (NFKC), case is folded, invisible
    /// characters are removed and spaces collapsed. Accents are kept: Zoë is
    /// not Zoe.
    public static func comparisonKey(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if isInvisibleFormatting(scalar) || scalar.properties.isDefaultIgnorableCodePoint { continue }
            kept.append(scalar)
        }
        return collapsingSpaces(String(kept).lowercased().precomposedStringWithCompatibilityMapping)
    }

    /// Zero-width spaces, the byte order mark, the word joiner and soft
    /// hyphens: they change nothing a reader sees, so they are not kept.
    /// Zero-width joiners stay in stored text, because emoji and some
    /// scripts need them.
    static func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0xFEFF, 0x2060, 0x00AD, 0x180E: true
        default: false
        }
    }

    /// Every run of white space (including tabs, line breaks, no-break and
    /// ideographic spaces) as one space, without invisible formatting
    /// characters, trimmed.
    static func collapsingSpaces(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isInvisibleFormatting(scalar) { continue }
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }

    /// Trims spaces and line breaks from both ends: for values chosen from a
    /// list (kinds, statuses, ids), which are then matched exactly.
    public static func clean(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Trimmed text, or nil when nothing but spaces was entered.
    public static func optional(_ text: String?) -> String? {
        let cleaned = clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// How many characters a length limit counts: Unicode scalars, so a
    /// letter carrying thousands of combining marks cannot pass as one.
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// Whether the text looks like an e-mail address: one @, something each side,
    /// a dot in the domain, no spaces. Delivery is the only real proof.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: \.isWhitespace), length(text) <= 254 else { return false }
        return true
    }

    /// E-mail addresses are compared without regard to case; hidden characters are dropped.
    public static func normalisedEmail(_ text: String?) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in clean(text).precomposedStringWithCanonicalMapping.unicodeScalars
        where problem(in: String(scalar)) == nil && !isInvisibleFormatting(scalar) {
            kept.append(scalar)
        }
        return String(kept).lowercased()
    }

    /// UK phone numbers: digits, spaces, brackets, hyphens and a leading +; 10 to 15 digits.
    public static func isPlausiblePhone(_ text: String) -> Bool {
        let allowed = CharacterSet(charactersIn: "0123456789 +()-")
        guard text.unicodeScalars.allSatisfy(allowed.contains) else { return false }
        let digits = text.filter(\.isNumber).count
        return (10...15).contains(digits)
    }
}

extension ValidationErrors {
    /// One line of text from a field, cleaned by `TextInput.singleLine`. A
    /// refused character or a text over `maximum` is reported against the
    /// field; the cleaned text (empty when refused) is returned.
    public mutating func line(_ raw: String?, field: String, label: String, maximum: Int) -> String {
        // As sent, too: a limit a client can read in the API's schema holds for what it sends.
        accept(TextInput.singleLine(raw), sentLength: TextInput.length(raw ?? ""), field: field, label: label, maximum: maximum)
    }

    /// `line`, or nil when nothing was entered.
    public mutating func optionalLine(_ raw: String?, field: String, label: String, maximum: Int) -> String? {
        let text = line(raw, field: field, label: label, maximum: maximum)
        return text.isEmpty ? nil : text
    }

    /// Text of several lines from a field, cleaned by `TextInput.multiLine`.
    public mutating func paragraphs(_ raw: String?, field: String, label: String, maximum: Int) -> String {
        // As sent too, counting a browser's CR LF line break as one character, as the form's limit does.
        let sent = TextInput.length((raw ?? "").replacingOccurrences(of: "\r\n", with: "\n"))
        return accept(TextInput.multiLine(raw), sentLength: sent, field: field, label: label, maximum: maximum)
    }

    /// The cleaned text, or "" with the problem reported against the field.
    private mutating func accept(_ cleaned: Result<String, TextInput.Problem>, sentLength: Int, field: String, label: String, maximum: Int) -> String {
        switch cleaned {
        case .failure(let problem):
            add(field: field, message: problem.message(label: label))
            return ""
        case .success(let text):
            if TextInput.length(text) > maximum || sentLength > maximum {
                add(field: field, message: "\(label) must be \(maximum.withCommas) characters or fewer")
            }
            return text
        }
    }

    /// `paragraphs`, or nil when nothing was entered.
    public mutating func optionalParagraphs(_ raw: String?, field: String, label: String, maximum: Int) -> String? {
        let text = paragraphs(raw, field: field, label: label, maximum: maximum)
        return text.isEmpty ? nil : text
    }
}

private extension Int {
    /// 5000 as "5,000", as GOV.UK writes numbers.
    var withCommas: String {
        let digits = String(self)
        guard digits.count > 3 else { return digits }
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
