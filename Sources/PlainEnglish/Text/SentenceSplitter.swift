/// Splits blocks into sentences and words in one pass over the UTF-8 bytes.
///
/// A full stop ends a sentence unless it belongs to something else:
/// - an abbreviation: e.g., i.e., etc. (when a lowercase word follows), Dr, Mr, St, No. 5, Cllr;
/// - a number: 3.5, clause 2.1.3, 10.00;
/// - an initial: J. Smith, J.R.R. Tolkien;
/// - a web address or e-mail address: www.example.org, info@forum.org.uk.
/// A full stop, question or exclamation mark followed by a lowercase word
/// does not end the sentence either. The end of a block always does.
struct SentenceSplitter {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var sentences: [Sentence] = []
    private(set) var words: [Word] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Reserve about what is needed: an array that doubles near the end of a
        // large paper holds twice the memory. Papers have a word for each run of
        // letters between spaces, give or take punctuation.
        words.reserveCapacity(Self.estimatedWordCount(bytes))
        sentences.reserveCapacity(bytes.count / 100)
    }

    private static func estimatedWordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var runs = 0
        var inRun = false
        for byte in bytes {
            let isSpace = byte <= UInt8(ascii: " ")
            if !isSpace && !inRun { runs += 1 }
            inRun = !isSpace
        }
        return runs + runs / 8 + 16
    }

    mutating func split(_ range: TextRange, blockIndex: Int) {
        var index = range.start
        let end = range.end
        var sentenceStart: Int?
        var sentenceFirstWord = words.count

        func closeSentence(at sentenceEnd: Int) {
            if let start = sentenceStart, words.count > sentenceFirstWord {
                sentences.append(Sentence(range: TextRange(start: start, end: sentenceEnd), words: sentenceFirstWord..<words.count, blockIndex: blockIndex))
            }
            sentenceStart = nil
            sentenceFirstWord = words.count
        }

        while index < end {
            let byte = bytes[index]
            if byte < 0x80 && isASCIISpace(byte) || isSpace(bytes, index) {
                index += byte == 0xC2 ? 2 : 1
                continue
            }
            if sentenceStart == nil { sentenceStart = index }

            if let addressEnd = webAddressEnd(from: index, limit: end) {
                words.append(Word(start: index, end: addressEnd, kind: .url))
                index = addressEnd
                continue
            }
            if isLetterStart(index) {
                index = scanWord(from: index, limit: end)
                continue
            }
            if isDigit(byte) {
                index = scanNumber(from: index, limit: end)
                continue
            }
            if let terminator = terminatorRun(from: index, limit: end) {
                index = terminator.end
                if shouldEndSentence(terminator, limit: end) { closeSentence(at: index) }
                continue
            }
            index += scalarLength(byte)
        }
        closeSentence(at: end)
    }

    // MARK: Words

    private mutating func scanWord(from start: Int, limit: Int) -> Int {
        var index = start
        var hasDots = false
        while index < limit {
            let byte = bytes[index]
            // ASCII letters and digits first, without decoding: most of a word is these.
            if byte < 0x80 ? isASCIILetter(byte) || index > start && isDigit(byte) : isLetterStart(index) {
                index += scalarLength(byte)
                continue
            }
            // Joiners inside a word: don't, parent's (’), well-being, e.g.
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "&"), index + 1 < limit, isLetterStart(index + 1) {
                index += 1
                continue
            }
            if byte == 0xE2, index + 3 < limit, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99, isLetterStart(index + 3) {
                index += 3
                continue
            }
            if byte == UInt8(ascii: "."), index + 1 < limit, isLetterStart(index + 1), index + 2 < limit, isDottedPart(from: index + 1, limit: limit) {
                // e.g., i.e., a.m., U.K.: a letter, a dot, a letter, a dot.
                hasDots = true
                index += 1
                continue
            }
            break
        }
        if hasDots, index < limit, bytes[index] == UInt8(ascii: ".") { index += 1 }
        if index < limit, bytes[index] == UInt8(ascii: "@") {
            // An e-mail address: the name before @ and the domain after it.
            let addressEnd = trimTrailingPunctuation(start: start, end: runEnd(from: index, limit: limit))
            words.append(Word(start: start, end: addressEnd, kind: .email))
            return addressEnd
        }
        // Only a word that starts with a capital can be an acronym; most words start lowercase.
        let kind: WordKind = hasDots ? .abbreviation : isUppercaseLetter(bytes[start]) && isAcronym(bytes[start..<index]) ? .acronym : .word
        words.append(Word(start: start, end: index, kind: kind))
        return index
    }

    /// After a dot inside a word: one or two letters and another dot (e.g., a.m.) make an abbreviation.
    private func isDottedPart(from index: Int, limit: Int) -> Bool {
        var cursor = index
        var letters = 0
        while cursor < limit, cursor - index < 3, isASCIILetter(bytes[cursor]) { cursor += 1; letters += 1 }
        return letters >= 1 && letters <= 2 && cursor < limit && bytes[cursor] == UInt8(ascii: ".")
    }

    private mutating func scanNumber(from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            let byte = bytes[index]
            if isDigit(byte) { index += 1; continue }
            // 3.5, 2.1.3, 1,500, 10:30
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":"), index + 1 < limit, isDigit(bytes[index + 1]) {
                index += 1
                continue
            }
            break
        }
        if index < limit, bytes[index] == UInt8(ascii: "%") {
            index += 1
        } else {
            // 1st, 2nd, 3rd, 4th; "10am" is split into a number and a word.
            var suffixEnd = index
            while suffixEnd < limit, suffixEnd - index < 2, isLowercaseLetter(bytes[suffixEnd]) { suffixEnd += 1 }
            let suffix = bytes[index..<suffixEnd]
            let isOrdinal = ["st", "nd", "rd", "th"].contains { suffix.elementsEqual($0.utf8) }
            if isOrdinal, suffixEnd == limit || !isLetterStart(suffixEnd) { index = suffixEnd }
        }
        words.append(Word(start: start, end: index, kind: .number))
        return index
    }

    // MARK: Sentence ends

    private struct TerminatorRun {
        let start: Int
        let end: Int
        let hasQuestionOrExclamation: Bool
        let isEllipsis: Bool
    }

    /// . ! ? … and runs of them, with the closing quotes and brackets after them.
    private func terminatorRun(from start: Int, limit: Int) -> TerminatorRun? {
        var index = start
        var stops = 0
        var strong = false
        var ellipsis = false
        while index < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") { stops += 1; index += 1 }
            else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { strong = true; index += 1 }
            else if byte == 0xE2, index + 2 < limit, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 { ellipsis = true; index += 3 }
            else { break }
        }
        guard index > start else { return nil }
        // Closing quotes and brackets belong to the sentence they close.
        while index < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") {
                index += 1
            } else if byte == 0xE2, index + 2 < limit, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9D || bytes[index + 2] == 0x99 {
                index += 3 // ” ’
            } else {
                break
            }
        }
        return TerminatorRun(start: start, end: index, hasQuestionOrExclamation: strong, isEllipsis: ellipsis || stops >= 2)
    }

    private func shouldEndSentence(_ run: TerminatorRun, limit: Int) -> Bool {
        var next = run.end
        while next < limit, bytes[next] < 0x80 && isASCIISpace(bytes[next]) || isSpace(bytes, next) { next += spaceLength(bytes, next) }
        guard next < limit else { return true }
        // "Stop." followed by a lowercase word is not the end (etc. and more; the p. value).
        if isLowercaseLetter(bytes[next]) { return false }
        // A full stop must follow a space to end anything else: 3.5 and www.x.org never reach here.
        guard next > run.end || !isLetterStart(next) else { return false }
        if run.hasQuestionOrExclamation { return true }
        let nextIsCapital = isUppercaseLetter(bytes[next])
        if run.isEllipsis { return nextIsCapital }

        guard let previous = words.last, previous.end == run.start else { return true }
        let word = bytes[previous.start..<previous.end]
        switch previous.kind {
        case .abbreviation:
            // e.g. and i.e. never end a sentence; a.m. and U.K. do before a capital,
            // but J.R.R. Tolkien is initials.
            if Abbreviations.neverEnding.contains(Abbreviations.key(word)) { return false }
            let isInitials = word.allSatisfy { isUppercaseLetter($0) || $0 == UInt8(ascii: ".") } && word.count <= 8
            return nextIsCapital && !isInitials
        case .word:
            // Abbreviations are short: a longer word ends the sentence without a look-up.
            guard word.count <= Abbreviations.longest else { return true }
            let key = Abbreviations.key(word)
            if word.count == 1 && isUppercaseLetter(word.first!) { return false } // J. Smith
            if Abbreviations.titles.contains(key) { return false } // Dr. Patel
            if Abbreviations.beforeNumbers.contains(key) { return !isDigit(bytes[next]) } // No. 5, p. 12; but "The answer is no. We"
            if Abbreviations.mayEnd.contains(key) { return nextIsCapital } // "etc. The", but "Nov. 2025", "Fri. 27 March"
            return true
        default:
            return true
        }
    }

    // MARK: Web addresses

    /// The end of a web address starting here (http://, https://, www.), or nil.
    private func webAddressEnd(from start: Int, limit: Int) -> Int? {
        // Asked at every word: most words rule themselves out by their first letter.
        let first = bytes[start]
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") || first == UInt8(ascii: "W") else { return nil }
        let startsAddress = hasPrefix("http://", at: start, limit: limit) || hasPrefix("https://", at: start, limit: limit)
            || hasPrefix("www.", at: start, limit: limit) || hasPrefix("WWW.", at: start, limit: limit)
        guard startsAddress else { return nil }
        return trimTrailingPunctuation(start: start, end: runEnd(from: start, limit: limit))
    }

    private func runEnd(from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit, !(bytes[index] < 0x80 && isASCIISpace(bytes[index])), !isSpace(bytes, index) { index += 1 }
        return index
    }

    private func trimTrailingPunctuation(start: Int, end: Int) -> Int {
        var end = end
        while end > start + 1, ".,;:!?)]\"'".utf8.contains(bytes[end - 1]) { end -= 1 }
        return end
    }

    private func hasPrefix(_ prefix: StaticString, at index: Int, limit: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= limit else { return false }
        for offset in 0..<length where bytes[index + offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    // MARK: Characters

    /// Whether a letter starts here: a-z, A-Z, or a letter outside ASCII (é, ß, Arabic).
    func isLetterStart(_ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIILetter(byte) }
        guard let scalar = decodeScalar(at: index) else { return false }
        return scalar.properties.isAlphabetic
    }

    private func decodeScalar(at index: Int) -> Unicode.Scalar? {
        let length = scalarLength(bytes[index])
        guard length > 1, index + length <= bytes.count else { return nil }
        var value = UInt32(bytes[index]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)
    }
}

/// a-z or A-Z: setting the 0x20 bit makes a capital lowercase, so one range test does.
func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0x0B || byte == 0x0C
}

/// The length of the UTF-8 sequence a byte starts (1 for a stray continuation byte).
func scalarLength(_ byte: UInt8) -> Int {
    switch byte {
    case 0xF0...: 4
    case 0xE0...: 3
    case 0xC0...: 2
    default: 1
    }
}

/// Abbreviations, each kept as its lowercase letters packed into an integer:
/// a sentence end is checked against them, and an integer compares at once.
enum Abbreviations {
    /// Never the end of a sentence.
    static let neverEnding = keys(["eg", "ie", "cf", "viz", "nb"])
    /// Come before a name, so never end a sentence: Dr. Patel, Cllr. Jones.
    static let titles = keys([
        "mr", "mrs", "ms", "mx", "dr", "prof", "cllr", "rev", "revd", "st", "sr", "jr", "vs", "v",
        "lt", "capt", "sgt", "hon", "rt", "mt",
    ])
    /// Come before a number: No. 5, p. 12, para. 3, approx. 40.
    static let beforeNumbers = keys([
        "no", "nos", "p", "pp", "para", "paras", "fig", "figs", "vol", "ch", "sec", "sect", "ref", "tel", "ext", "mob",
        "approx", "min", "max", "est", "art", "reg", "sch", "app",
    ])
    /// End a sentence only when a capital follows: "pens etc. The next day", but "in Nov. 2025".
    static let mayEnd = keys([
        "etc", "al", "ltd", "inc", "co", "plc",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ])

    /// A word's letters, lowercase and without dots, packed into an integer;
    /// 0 for a word too long to be an abbreviation.
    static func key(_ word: some Collection<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        var letters = 0
        for byte in word where byte != UInt8(ascii: ".") {
            letters += 1
            guard letters <= 8 else { return 0 }
            key = key << 8 | UInt64(isUppercaseLetter(byte) ? byte + 32 : byte)
        }
        return key
    }

    /// The longest abbreviation a word can be, in letters: a key holds a letter in each of its eight bytes.
    static let longest = [neverEnding, titles, beforeNumbers, mayEnd].joined().map { ($0.bitWidth - $0.leadingZeroBitCount + 7) / 8 }.max() ?? 8

    private static func keys(_ words: [String]) -> Set<UInt64> {
        Set(words.map { key($0.utf8) })
    }
}
