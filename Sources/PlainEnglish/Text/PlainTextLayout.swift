/// Finds the blocks of a plain text from its lines.
///
/// - A blank line ends a block.
/// - A line that starts with a list marker (-, *, •, ▶, 1., 2), (a), a)) is a
///   list item of its own; the marker is not part of the item.
/// - A Markdown heading (# Title) is a heading.
/// - A line with no full stop, question or exclamation mark at its end is a
///   unit of its own (a heading or a label) when it is short and the next
///   line starts a new thought with a capital, digit or marker. Longer lines
///   without a full stop are taken as hard-wrapped text and joined to the
///   next line, as e-mails and old documents are wrapped at 70 to 80 columns.
enum PlainTextLayout {
    static func blocks(in bytes: UnsafeBufferPointer<UInt8>) -> [LaidOutBlock] {
        let lines = Line.split(bytes)
        let wrapWidth = typicalWrapWidth(lines)
        var blocks: [LaidOutBlock] = []
        var current: LaidOutBlock?
        var currentEndsUnit = true
        var currentLines = 0

        func finish() {
            if let block = current { blocks.append(block) }
            current = nil
        }

        for (index, line) in lines.enumerated() {
            guard let content = line.content(in: bytes) else {
                finish() // a blank line
                continue
            }
            let marker = ListMarker.match(bytes, in: content)
            let heading = marker == nil ? MarkdownHeading.match(bytes, in: content) : nil
            let startsNew = current == nil || currentEndsUnit || marker != nil || heading != nil
            if startsNew {
                finish()
                currentLines = 0
                if let marker {
                    current = LaidOutBlock(kind: .listItem, range: TextRange(start: marker.textStart, end: content.end))
                } else if let heading {
                    current = LaidOutBlock(kind: .heading, range: TextRange(start: heading, end: content.end))
                } else {
                    current = LaidOutBlock(kind: .paragraph, range: content)
                }
            } else {
                current?.range.end = content.end
            }
            currentLines += 1

            // Does this line end its unit, or does the text run on to the next line?
            let endsWithStop = endsSentence(bytes, content)
            // Looked at only when it matters: most lines of prose end with a full stop and run on.
            func nextStartsFresh() -> Bool {
                guard index + 1 < lines.count, let next = lines[index + 1].content(in: bytes) else { return true }
                return startsFresh(bytes, next)
            }
            if heading != nil {
                currentEndsUnit = true
            } else if endsWithStop {
                // Wrapped prose runs on; the sentence splitter finds the full stop. A list item ends here.
                currentEndsUnit = current?.kind == .listItem && nextStartsFresh()
            } else {
                let isShort = content.length < max(40, wrapWidth * 3 / 4)
                let endsWithJoin = endsWithJoiningPunctuation(bytes, content)
                currentEndsUnit = isShort && !endsWithJoin && nextStartsFresh()
                if current?.kind == .paragraph, currentEndsUnit, currentLines == 1, content.length < 120 {
                    current?.kind = .heading
                }
            }
        }
        finish()
        return blocks
    }

    /// The width text was wrapped at: the longest of most lines, or no wrap.
    /// Counted, not sorted: a long paper has a hundred thousand lines.
    static func typicalWrapWidth(_ lines: [Line]) -> Int {
        // Lines longer than this are counted together, and sorted only if the answer is among them.
        let longest = 4096
        var counts = [Int](repeating: 0, count: longest + 1)
        var nonEmpty = 0
        for line in lines where line.length > 0 {
            counts[min(line.length, longest)] += 1
            nonEmpty += 1
        }
        guard nonEmpty >= 4 else { return 1_000_000 } // too few lines to tell: not wrapped
        // The length at the 90th percentile: the line at position nonEmpty * 9 / 10, counting from 0.
        var position = nonEmpty * 9 / 10
        for length in 0..<longest {
            position -= counts[length]
            if position < 0 { return length }
        }
        return lines.map(\.length).filter { $0 >= longest }.sorted()[position]
    }

    private static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ content: TextRange) -> Bool {
        var index = content.end - 1
        // Step back over closing quotes and brackets.
        while index > content.start, isCloser(bytes[index]) || bytes[index] == 0x9D || bytes[index] == 0x99 && index >= 2 && bytes[index - 2] == 0xE2 {
            index -= bytes[index] >= 0x80 ? 3 : 1
        }
        guard index >= content.start else { return false }
        let byte = bytes[index]
        if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { return true }
        return byte == 0xA6 && index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80 // …
    }

    private static func endsWithJoiningPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ content: TextRange) -> Bool {
        let last = bytes[content.end - 1]
        return last == UInt8(ascii: ",") || last == UInt8(ascii: "-") || last == UInt8(ascii: "(") || last == UInt8(ascii: "&")
    }

    private static func startsFresh(_ bytes: UnsafeBufferPointer<UInt8>, _ content: TextRange) -> Bool {
        let first = bytes[content.start]
        if ListMarker.match(bytes, in: content) != nil || MarkdownHeading.match(bytes, in: content) != nil { return true }
        if isLowercaseLetter(first) {
            // A line that is only an e-mail or web address (a letter's heading) stands alone.
            let line = bytes[content.start..<content.end]
            return !line.contains(UInt8(ascii: " ")) && (line.contains(UInt8(ascii: "@")) || line.starts(with: "www.".utf8) || line.starts(with: "http".utf8))
        }
        return isUppercaseLetter(first) || isDigit(first) || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first >= 0x80
    }

    private static func isCloser(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_")
    }
}

/// One line of the input, without its line break.
struct Line: Equatable {
    let start: Int
    let end: Int
    var length: Int { end - start }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index < bytes.count {
            // Most of a line is letters and spaces: skip eight bytes at a time
            // while none of them can break a line (a byte below 0x0E or 0xE2).
            while index + 8 <= bytes.count {
                let eight = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highBits: UInt64 = 0x8080_8080_8080_8080
                let hasControl = (eight &- ones &* 0x0E) & ~eight & highBits
                let otherE2 = eight ^ (ones &* 0xE2)
                let hasE2 = (otherE2 &- ones) & ~otherE2 & highBits
                guard hasControl | hasE2 == 0 else { break }
                index += 8
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(Line(start: start, end: index))
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                // U+2028 and U+2029, the Unicode line and paragraph separators
                lines.append(Line(start: start, end: index))
                index += 2
                start = index + 1
            } else if byte == 0x0C {
                lines.append(Line(start: start, end: index)) // a form feed, as pdftotext ends each page
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(Line(start: start, end: bytes.count)) }
        return lines
    }

    /// The line without leading and trailing spaces, or nil when blank.
    func content(in bytes: UnsafeBufferPointer<UInt8>) -> TextRange? {
        var first = start
        var last = end
        while first < last, isSpace(bytes, first) { first += spaceLength(bytes, first) }
        while last > first, isTrailingSpace(bytes, last) { last -= trailingSpaceLength(bytes, last) }
        return first < last ? TextRange(start: first, end: last) : nil
    }
}

/// Spaces, tabs and the no-break space (C2 A0).
func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let byte = bytes[index]
    if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0B { return true }
    return byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0
}

func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int { bytes[index] == 0xC2 ? 2 : 1 }

private func isTrailingSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
    let byte = bytes[end - 1]
    if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0B { return true }
    return byte == 0xA0 && end >= 2 && bytes[end - 2] == 0xC2
}

private func trailingSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Int { bytes[end - 1] == 0xA0 ? 2 : 1 }

/// A list marker at the start of a line and where the item's text begins.
struct ListMarker {
    let textStart: Int

    static func match(_ bytes: UnsafeBufferPointer<UInt8>, in content: TextRange) -> ListMarker? {
        var index = content.start
        let end = content.end
        let first = bytes[index]
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            index += 1
        case 0xE2 where index + 2 < end:
            // • ‣ ◦ ▪ ▶ ► – —, and the Private Use bullets Word's text export uses are not here
            let two = (bytes[index + 1], bytes[index + 2])
            let bullets: [(UInt8, UInt8)] = [(0x80, 0xA2), (0x80, 0xA3), (0x97, 0xA6), (0x96, 0xAA), (0x96, 0xB6), (0x96, 0xBA), (0x80, 0x93), (0x80, 0x94), (0x97, 0x8F), (0x9E, 0xA2), (0x9C, 0x93)]
            guard bullets.contains(where: { $0 == two }) else { return nil }
            index += 3
        case 0xEF where index + 2 < end && bytes[index + 1] == 0x82:
            index += 3 // Symbol-font bullets from Word (U+F0B7 and neighbours)
        case UInt8(ascii: "("):
            // (a) (iv) (1)
            index += 1
            let start = index
            while index < end, isLowercaseLetter(bytes[index]) || isDigit(bytes[index]) { index += 1 }
            guard index > start, index - start <= 4, index < end, bytes[index] == UInt8(ascii: ")") else { return nil }
            index += 1
        default:
            // 1. 2) 10. a) a. iv)
            let start = index
            while index < end, isDigit(bytes[index]) { index += 1 }
            if index == start {
                while index < end, isLowercaseLetter(bytes[index]) { index += 1 }
                guard index - start >= 1, index - start <= 3, index < end, bytes[index] == UInt8(ascii: ")") || bytes[index] == UInt8(ascii: ".") && index - start == 1 else { return nil }
            } else {
                guard index - start <= 3, index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
            }
            index += 1
        }
        // A marker is followed by a space; "-5 degrees" and "*emphasis*" are not lists.
        guard index < end, isSpace(bytes, index) else { return nil }
        while index < end, isSpace(bytes, index) { index += spaceLength(bytes, index) }
        guard index < end else { return nil }
        return ListMarker(textStart: index)
    }
}

enum MarkdownHeading {
    /// Where a "# Heading" line's text starts.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, in content: TextRange) -> Int? {
        var index = content.start
        while index < content.end, bytes[index] == UInt8(ascii: "#"), index - content.start < 6 { index += 1 }
        guard index > content.start, index < content.end, bytes[index] == UInt8(ascii: " ") else { return nil }
        while index < content.end, bytes[index] == UInt8(ascii: " ") { index += 1 }
        return index < content.end ? index : nil
    }
}
