/// The words the checker knows: acronyms and what they stand for, SEND
/// jargon and deficit language with plain, respectful alternatives, complex
/// words with simpler ones, and filler phrases. The built-in list is data
/// (`BuiltInGlossary.source`); an area adds its own entries and exceptions.
public struct Glossary: Sendable {
    public let entries: [GlossaryEntry]
    /// Acronym entries by their capitals: "EHCP".
    let acronyms: [String: Int]
    /// Phrase entries by their first word, lowercase; longest phrases first.
    let phrasesByFirstWord: [String: [Phrase]]

    struct Phrase: Sendable {
        let words: [String]
        let entryIndex: Int
    }

    public init(entries: [GlossaryEntry]) {
        self.entries = entries
        var acronyms: [String: Int] = [:]
        var phrases: [String: [Phrase]] = [:]
        for (index, entry) in entries.enumerated() {
            for term in entry.terms {
                if entry.kind.isAcronym {
                    acronyms[term] = index
                } else {
                    let words = term.lowercased().utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
                    guard let first = words.first else { continue }
                    phrases[first, default: []].append(Phrase(words: words, entryIndex: index))
                }
            }
        }
        for key in phrases.keys { phrases[key]?.sort { $0.words.count > $1.words.count } }
        self.acronyms = acronyms
        phrasesByFirstWord = phrases
    }

    /// The built-in SEND glossary.
    public static let builtIn: Glossary = {
        do {
            return Glossary(entries: try GlossaryEntry.parse(BuiltInGlossary.source))
        } catch {
            preconditionFailure("The built-in glossary does not parse: \(error)")
        }
    }()

    /// This glossary with an area's own entries (which win over built-in
    /// entries for the same term) and without the terms it asks us not to flag.
    public func customised(adding additions: [GlossaryEntry], exceptions: Set<String>) -> Glossary {
        let added = Set(additions.flatMap(\.terms).map { $0.lowercased() })
        let excluded = Set(exceptions.map { $0.lowercased() })
        var kept: [GlossaryEntry] = []
        for entry in entries {
            let terms = entry.terms.filter { !added.contains($0.lowercased()) && !excluded.contains($0.lowercased()) }
            guard !terms.isEmpty else { continue }
            var trimmed = entry
            trimmed.terms = terms
            kept.append(trimmed)
        }
        for entry in additions {
            var trimmed = entry
            trimmed.terms = entry.terms.filter { !excluded.contains($0.lowercased()) }
            if !trimmed.terms.isEmpty { kept.append(trimmed) }
        }
        return Glossary(entries: kept)
    }

    public func acronym(_ capitals: String) -> GlossaryEntry? {
        acronyms[capitals].map { entries[$0] }
    }

    /// Acronyms said as words (SEND, SENCO), for the syllable counter.
    public var acronymsSaidAsWords: Set<String> {
        Set(entries.filter { $0.kind == .acronymSaidAsWord }.flatMap(\.terms))
    }
}

public struct GlossaryEntry: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Spelled out in `alternatives`: EHCP, education, health and care plan.
        case acronym
        /// An acronym said as a word, not letter by letter: SEND, SENCO.
        case acronymSaidAsWord = "acronym-word"
        /// Means different things in different services: CP, OT, SLT.
        case ambiguousAcronym = "ambiguous"
        /// So well known it needs no spelling out: NHS, GP, UK.
        case knownAcronym = "known"
        /// SEND words families don't use, with everyday ones.
        case jargon
        /// Words that describe a child by a deficit, with respectful ones.
        case deficit
        /// Long words with short ones: utilise, use.
        case complexWord = "complex"
        /// Words and phrases that add nothing, or that hedge.
        case filler

        var isAcronym: Bool {
            self == .acronym || self == .acronymSaidAsWord || self == .ambiguousAcronym || self == .knownAcronym
        }
    }

    public var kind: Kind
    /// The term and its other forms; acronyms in capitals, others as written.
    public var terms: [String]
    /// Plain alternatives, or what an acronym stands for (several for an ambiguous one).
    public var alternatives: [String]
    public var explanation: String

    public init(kind: Kind, terms: [String], alternatives: [String], explanation: String) {
        self.kind = kind
        self.terms = terms
        self.alternatives = alternatives
        self.explanation = explanation
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "Line \(line): \(reason)" }
    }

    /// Reads entries written one a line as `kind | terms | alternatives | explanation`,
    /// with terms and alternatives separated by semicolons. Lines starting
    /// with # and blank lines are skipped.
    /// Read as UTF-8 bytes: the built-in list is read at every start, and reading
    /// it a Character at a time took longer than checking a one-page letter.
    public static func parse(_ source: String) throws -> [GlossaryEntry] {
        let bytes = Array(source.utf8)
        var entries: [GlossaryEntry] = []
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            let line = trimmed(bytes, lineStart..<lineEnd)
            guard !line.isEmpty, bytes[line.lowerBound] != UInt8(ascii: "#") else { continue }
            let fields = parts(bytes, line, separator: UInt8(ascii: "|")).map { String(decoding: bytes[$0], as: UTF8.self) }
            guard fields.count >= 2, fields.count <= 4 else {
                throw ParseError(line: lineNumber, reason: "write kind | words | plain words | why, with | between them")
            }
            guard let kind = Kind(rawValue: fields[0]) else {
                throw ParseError(line: lineNumber, reason: "unknown kind \"\(fields[0])\": use \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let terms = list(fields[1])
            guard !terms.isEmpty else { throw ParseError(line: lineNumber, reason: "the words to look for are missing") }
            let alternatives = fields.count > 2 ? list(fields[2]) : []
            if kind == .ambiguousAcronym && alternatives.count < 2 {
                throw ParseError(line: lineNumber, reason: "an ambiguous acronym needs two or more meanings")
            }
            entries.append(GlossaryEntry(kind: kind, terms: terms, alternatives: alternatives, explanation: fields.count > 3 ? fields[3] : ""))
        }
        return entries
    }

    /// "a; b ;c" as ["a", "b", "c"].
    private static func list(_ field: String) -> [String] {
        let bytes = Array(field.utf8)
        return parts(bytes, 0..<bytes.count, separator: UInt8(ascii: ";")).filter { !$0.isEmpty }.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The parts of a range between separators, each trimmed.
    private static func parts(_ bytes: [UInt8], _ range: Range<Int>, separator: UInt8) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where bytes[index] == separator {
            result.append(trimmed(bytes, start..<index))
            start = index + 1
        }
        result.append(trimmed(bytes, start..<range.upperBound))
        return result
    }

    /// Without white space at either end: spaces, tabs, the "\r" of a line from
    /// a browser's text box, and no-break and other Unicode spaces.
    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, let length = whitespaceLength(bytes, at: start, end: end) { start += length }
        while end > start {
            var lastScalar = end - 1
            while lastScalar > start, bytes[lastScalar] & 0xC0 == 0x80 { lastScalar -= 1 } // back over continuation bytes
            guard whitespaceLength(bytes, at: lastScalar, end: end) == end - lastScalar else { break }
            end = lastScalar
        }
        return start..<end
    }

    /// The length of the white-space character at `index`, or nil when there is none.
    private static func whitespaceLength(_ bytes: [UInt8], at index: Int, end: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) ? 1 : nil }
        let length = scalarLength(byte)
        guard index + length <= end,
              let scalar = String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars.first,
              scalar.properties.isWhitespace else { return nil }
        return length
    }
}

extension StringProtocol {
    /// Without white space at either end (a line break from a browser's text box is "\r\n").
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
