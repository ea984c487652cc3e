/// Counts the syllables of a word as the readability formulas expect:
/// the dictionary first (trying the American spelling of a British word),
/// then the spelling rules; numbers as they are read aloud; acronyms letter
/// by letter; hyphenated words part by part.
public struct SyllableCounter: Sendable {
    public enum Method: Sendable {
        /// CMUdict, then the rules for words it does not have.
        case dictionaryAndRules
        /// The rules alone, so that they can be measured.
        case rulesOnly
    }

    public let method: Method
    /// Acronyms said as a word (SEND, SENCO), not letter by letter.
    public let acronymsSaidAsWords: Set<String>

    public init(method: Method = .dictionaryAndRules, acronymsSaidAsWords: Set<String> = []) {
        self.method = method
        self.acronymsSaidAsWords = acronymsSaidAsWords
    }

    /// The syllables of one word as written: "Behavioural", "EHCP", "2024",
    /// "well-being", "parent's", "15%".
    public func syllables(of written: String) -> Int {
        let bytes = Array(written.utf8)
        guard let first = bytes.first else { return 0 }
        if isDigit(first) { return NumberSyllables.syllables(of: bytes) }
        if bytes.contains(UInt8(ascii: "-")) {
            return written.split(separator: "-").reduce(0) { $0 + syllables(of: String($1)) }
        }
        if isAcronym(bytes) && !acronymsSaidAsWords.contains(written) {
            return acronymSyllables(bytes)
        }
        return wordSyllables(lowercased(bytes))
    }

    /// The syllables of a lowercase word of letters and apostrophes.
    func wordSyllables(_ word: [UInt8]) -> Int {
        guard !word.isEmpty else { return 0 }
        let isPlainASCII = word.allSatisfy { isLowercaseLetter($0) || $0 == UInt8(ascii: "'") }
        guard isPlainASCII else {
            // Letters outside a-z (café, naïve, Arabic): the vowel rules on the ASCII letters give a fair count.
            return max(1, SyllableRules.syllables(of: word))
        }
        if method == .dictionaryAndRules {
            let dictionary = PronunciationDictionary.shared
            if let count = dictionary.syllables(of: word) { return count }
            // parent's, children's, James's: the stem, plus a syllable after s, x, z, ch, sh, ce, ge
            if word.count > 2, word[word.count - 2] == UInt8(ascii: "'"), word.last == UInt8(ascii: "s") {
                let stem = Array(word.dropLast(2))
                return wordSyllables(stem) + (Self.endsInSibilant(stem) ? 1 : 0)
            }
            if let count = BritishSpelling.americanForms(of: word).lazy.compactMap({ dictionary.syllables(of: $0) }).first {
                return count
            }
        }
        return SyllableRules.syllables(of: word)
    }

    private func acronymSyllables(_ bytes: [UInt8]) -> Int {
        // Letter by letter: N-H-S is three, W is "double-u", three; a plural s adds nothing (EHCPs).
        bytes.reduce(0) { total, byte in
            switch byte {
            case UInt8(ascii: "W"): total + 3
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): total + 1
            default: total
            }
        }
    }

    private static func endsInSibilant(_ word: [UInt8]) -> Bool {
        guard let last = word.last else { return false }
        if last == UInt8(ascii: "s") || last == UInt8(ascii: "x") || last == UInt8(ascii: "z") { return true }
        guard word.count >= 2 else { return false }
        let lastTwo = word.suffix(2)
        return lastTwo.elementsEqual("ch".utf8) || lastTwo.elementsEqual("sh".utf8)
            || lastTwo.elementsEqual("ce".utf8) || lastTwo.elementsEqual("ge".utf8)
    }
}

/// Two or more capitals, digits allowed, with at most a plural s: NHS, EHCPs, 0-25 is not one.
func isAcronym(_ bytes: some Collection<UInt8>) -> Bool {
    var capitals = 0
    var index = 0
    let count = bytes.count
    for byte in bytes {
        defer { index += 1 }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { capitals += 1; continue }
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") && index > 0 { continue }
        if byte == UInt8(ascii: "&") && index > 0 { continue }
        if byte == UInt8(ascii: "s") && index == count - 1 && capitals >= 2 { continue }
        return false
    }
    return capitals >= 2
}

func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
func isUppercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

/// ASCII letters lowercased, the curly apostrophe made straight; other bytes kept.
func lowercased(_ bytes: some Collection<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var iterator = bytes.makeIterator()
    while let byte = iterator.next() {
        if isUppercaseLetter(byte) {
            result.append(byte + 32)
        } else if byte == 0xE2 {
            // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) and U+2018 are apostrophes inside words.
            let second = iterator.next()
            let third = iterator.next()
            if second == 0x80, third == 0x99 || third == 0x98 {
                result.append(UInt8(ascii: "'"))
            } else {
                result.append(byte)
                if let second { result.append(second) }
                if let third { result.append(third) }
            }
        } else {
            result.append(byte)
        }
    }
    return result
}
