import PlainEnglish

/// The readable text of a Markdown file: headings, list items, quotes and
/// paragraphs as blocks; links, images and emphasis reduced to their words;
/// code left out, since it is not prose.
///
/// Written by hand, in time that grows in step with the file. Ink, the
/// Markdown package in the mirror, backtracks on unclosed brackets: 22 "["
/// took it 15 seconds and 30 would take hours, which a 100-byte upload could
/// use to stop a server. Everything here is one pass over each line, with
/// brackets, parentheses and code marks matched in a single pass beforehand.
enum MarkdownText {
    static func document(_ markdown: String, deadline: DocumentReader.Deadline) throws -> Document {
        var reader = Reader(deadline: deadline)
        try reader.read(markdown)
        return try reader.output.document()
    }

    /// The deepest nesting any line starts with: each ">" is a quote inside a
    /// quote, each "- " a list inside a list, and every two spaces of indent
    /// (a tab is four) one more level.
    static func nesting(of markdown: String) -> Int {
        var deepest = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            deepest = max(deepest, Line(Substring(line)).depth)
        }
        return deepest
    }

    /// One line's leading markers, read once.
    struct Line {
        /// The line without its quote markers and indent.
        let content: Substring
        let quoteDepth: Int
        let indent: Int
        /// Nested list markers at the start ("- - item" is a list in a list).
        let listMarkers: Int

        init(_ line: Substring) {
            var rest = line
            var quotes = 0
            var indent = 0
            var markers = 0
            // Quote markers, each with the spaces before it.
            while true {
                let spaces = rest.prefix { $0 == " " || $0 == "\t" }
                let afterSpaces = rest.dropFirst(spaces.count)
                guard afterSpaces.first == ">" else { break }
                quotes += 1
                rest = afterSpaces.dropFirst()
                if rest.first == " " { rest = rest.dropFirst() }
            }
            for character in rest {
                if character == " " { indent += 1 } else if character == "\t" { indent += 4 } else { break }
            }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            var probe = rest
            while let marker = probe.first, marker == "-" || marker == "*" || marker == "+", probe.dropFirst().first == " " {
                markers += 1
                probe = probe.dropFirst(2).drop { $0 == " " }
            }
            content = rest
            quoteDepth = quotes
            self.indent = indent
            listMarkers = markers
        }

        var depth: Int { quoteDepth + max(listMarkers - 1, 0) + indent / 2 }
        var isBlank: Bool { content.allSatisfy { $0 == " " || $0 == "\t" } }
    }

    struct Reader {
        let deadline: DocumentReader.Deadline
        var output: LaidOutText
        /// Link targets defined on lines of their own: `[label]: https://…`.
        private var references: [String: String] = [:]
        /// The lines of the block being gathered, and its kind.
        private var pending: [Substring] = []
        private var pendingKind = BlockKind.paragraph
        /// A quote starts a block of its own; its lines carry on in it.
        private var pendingIsQuote = false
        private var codeFence: Substring?
        private var previousWasBlank = true

        init(deadline: DocumentReader.Deadline) {
            self.deadline = deadline
            output = LaidOutText(maximumBytes: deadline.limits.maximumTextBytes)
        }

        mutating func read(_ markdown: String) throws {
            let lines = markdown.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            // Reference definitions first: a link may use one defined further down.
            for line in lines where line.first == "[" || line.first == " " {
                if let (label, target) = Self.referenceDefinition(Line(line).content) { references[label] = target }
            }
            for (number, raw) in lines.enumerated() {
                if number & 0x3FF == 0 {
                    try deadline.check()
                    if output.isOverLimit { break }
                }
                let line = Line(raw)
                if line.depth > deadline.limits.maximumNesting { throw DocumentReader.ReadError.nestedTooDeeply(deadline.limits) }
                readLine(line)
            }
            flush()
        }

        private mutating func readLine(_ line: Line) {
            let content = line.content
            // Inside a fenced code block: skip until the fence closes.
            if let fence = codeFence {
                if content.hasPrefix(fence) && content.dropFirst(fence.count).allSatisfy({ $0 == fence.first || $0 == " " }) { codeFence = nil }
                previousWasBlank = false
                return
            }
            if line.isBlank {
                flush()
                previousWasBlank = true
                return
            }
            defer { previousWasBlank = false }
            if !pending.isEmpty, (line.quoteDepth > 0) != pendingIsQuote { flush() }
            pendingIsQuote = line.quoteDepth > 0
            if let fence = Self.openingFence(content) {
                flush()
                codeFence = fence
                return
            }
            // Indented code: four spaces after a blank line, outside a list.
            if line.indent >= 4 && previousWasBlank && pendingKind != .listItem && line.listMarkers == 0 && !Self.isOrderedMarker(content) {
                flush()
                return
            }
            if Self.referenceDefinition(content) != nil {
                flush()
                return
            }
            if let level = Self.atxHeadingLevel(content) {
                flush()
                var text = content.dropFirst(level).drop { $0 == " " || $0 == "\t" }
                while text.last == "#" || text.last == " " { text = text.dropLast() }
                add(.heading, text)
                flush()
                return
            }
            if Self.isThematicBreak(content) {
                // "---" under a paragraph makes it a heading.
                if content.first == "-", !pending.isEmpty, pendingKind == .paragraph { pendingKind = .heading }
                flush()
                return
            }
            if content.first == "=", content.allSatisfy({ $0 == "=" || $0 == " " }), !pending.isEmpty, pendingKind == .paragraph {
                pendingKind = .heading
                flush()
                return
            }
            if Self.isTableSeparator(content) { return }
            if line.listMarkers > 0 || Self.isOrderedMarker(content) {
                flush()
                var text = content
                for _ in 0..<line.listMarkers { text = text.dropFirst(2).drop { $0 == " " } }
                if line.listMarkers == 0 { text = Self.droppingOrderedMarker(text) }
                add(.listItem, text)
                return
            }
            if content.first == "|" || (content.contains("|") && pendingKind == .paragraph && pending.isEmpty && content.hasSuffix("|")) {
                // A table row: each row a block of its own, cells apart.
                flush()
                add(.paragraph, Substring(content.split(separator: "|").map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: ". ")))
                flush()
                return
            }
            add(pending.isEmpty ? .paragraph : pendingKind, content)
        }

        private mutating func add(_ kind: BlockKind, _ text: Substring) {
            if pending.isEmpty { pendingKind = kind }
            pending.append(text)
        }

        /// Writes the gathered block, its lines joined by spaces.
        private mutating func flush() {
            guard !pending.isEmpty else { return }
            output.beginBlock(pendingKind)
            Inline(String(pending.joined(separator: " ")), references: references).write(to: &output)
            output.endBlock()
            pending = []
            pendingKind = .paragraph
        }

        // MARK: Line kinds

        static func atxHeadingLevel(_ content: Substring) -> Int? {
            let hashes = content.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes) else { return nil }
            let after = content.dropFirst(hashes).first
            return after == nil || after == " " || after == "\t" ? hashes : nil
        }

        static func isThematicBreak(_ content: Substring) -> Bool {
            guard let mark = content.first, mark == "-" || mark == "*" || mark == "_" else { return false }
            var count = 0
            for character in content {
                if character == mark { count += 1 } else if character != " " && character != "\t" { return false }
            }
            return count >= 3
        }

        static func isTableSeparator(_ content: Substring) -> Bool {
            content.contains("-") && content.contains("|") && content.allSatisfy { "|-: \t".contains($0) }
        }

        static func openingFence(_ content: Substring) -> Substring? {
            guard let mark = content.first, mark == "`" || mark == "~" else { return nil }
            let fence = content.prefix { $0 == mark }
            return fence.count >= 3 ? fence : nil
        }

        /// "1. " or "12) ".
        static func isOrderedMarker(_ content: Substring) -> Bool {
            let digits = content.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count) else { return false }
            let rest = content.dropFirst(digits.count)
            guard let mark = rest.first, mark == "." || mark == ")" else { return false }
            let after = rest.dropFirst().first
            return after == nil || after == " " || after == "\t"
        }

        static func droppingOrderedMarker(_ content: Substring) -> Substring {
            content.drop { $0.isASCII && $0.isNumber }.dropFirst().drop { $0 == " " || $0 == "\t" }
        }

        /// `[label]: target`, the label in lower case.
        static func referenceDefinition(_ content: Substring) -> (String, String)? {
            guard content.first == "[", let close = content.firstIndex(of: "]"), close > content.index(after: content.startIndex) else { return nil }
            let rest = content[content.index(after: close)...]
            guard rest.first == ":" else { return nil }
            let target = rest.dropFirst().drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
            guard !target.isEmpty else { return nil }
            let label = content[content.index(after: content.startIndex)..<close].lowercased()
            let cleaned = target.hasPrefix("<") && target.hasSuffix(">") ? target.dropFirst().dropLast() : target
            return (label, String(cleaned))
        }
    }

    /// The words of one block: emphasis marks dropped, links and images
    /// reduced to their text, code kept as words, HTML tags removed.
    struct Inline {
        let characters: [Character]
        let references: [String: String]
        /// For each "[", "(" and "`" run, where it closes: found in one pass.
        private var closingBracket: [Int: Int] = [:]
        private var closingParenthesis: [Int: Int] = [:]
        private var closingCode: [Int: Int] = [:]
        private var nextGreaterThan: [Int]

        init(_ text: String, references: [String: String]) {
            characters = Array(text)
            self.references = references
            nextGreaterThan = Array(repeating: -1, count: characters.count + 1)
            var next = -1
            for index in stride(from: characters.count - 1, through: 0, by: -1) {
                if characters[index] == ">" { next = index }
                nextGreaterThan[index] = next
            }
            matchCode()
            matchBrackets()
        }

        /// Code spans: a run of backticks closes at the next run of the same length.
        private mutating func matchCode() {
            var open: [Int: Int] = [:] // run length -> where it opened
            var index = 0
            while index < characters.count {
                guard characters[index] == "`" else {
                    index += characters[index] == "\\" ? 2 : 1
                    continue
                }
                let start = index
                while index < characters.count, characters[index] == "`" { index += 1 }
                let length = index - start
                if let opened = open[length] {
                    closingCode[opened] = start
                    open[length] = nil
                } else {
                    open[length] = start
                }
            }
        }

        /// Brackets and parentheses matched with stacks, outside code spans and escapes.
        private mutating func matchBrackets() {
            var brackets: [Int] = []
            var parentheses: [Int] = []
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == "\\" { index += 2; continue }
                if character == "`", let close = closingCode[index] {
                    index = close + runLength(at: close)
                    continue
                }
                switch character {
                case "[": brackets.append(index)
                case "]": if let open = brackets.popLast() { closingBracket[open] = index }
                case "(": parentheses.append(index)
                case ")": if let open = parentheses.popLast() { closingParenthesis[open] = index }
                default: break
                }
                index += 1
            }
        }

        private func runLength(at index: Int) -> Int {
            var end = index
            while end < characters.count, characters[end] == "`" { end += 1 }
            return end - index
        }

        func write(to output: inout LaidOutText) {
            write(0..<characters.count, to: &output)
        }

        /// Writes a range. A link's words are written through the same function,
        /// but a link inside a link is not a link, so it goes no deeper than that.
        private func write(_ range: Range<Int>, to output: inout LaidOutText, insideLink: Bool = false) {
            var text = ""
            // Brackets that are not a link are dropped, the words between them kept.
            var droppedClosings = Set<Int>()
            func emit() {
                if !text.isEmpty { output.append(HTMLText.decodeEntities(text)) }
                text = ""
            }
            var index = range.lowerBound
            while index < range.upperBound {
                let character = characters[index]
                switch character {
                case "\\":
                    // An escaped punctuation mark is itself.
                    if index + 1 < range.upperBound, characters[index + 1].isPunctuation || characters[index + 1].isSymbol {
                        text.append(characters[index + 1])
                        index += 2
                    } else {
                        text.append(character)
                        index += 1
                    }
                case "`":
                    let length = runLength(at: index)
                    if let close = closingCode[index], close < range.upperBound {
                        text += String(characters[(index + length)..<close]).trimmingSpaces
                        index = close + length
                    } else {
                        index += length
                    }
                case "*", "_", "~":
                    // Emphasis marks touch a word on one side; a mark between spaces, or inside a word (snake_case), is text.
                    var end = index
                    while end < range.upperBound, characters[end] == character { end += 1 }
                    let before = index > range.lowerBound ? characters[index - 1] : " "
                    let after = end < range.upperBound ? characters[end] : " "
                    let touchesWord = !before.isWhitespace || !after.isWhitespace
                    let insideWord = character == "_" && before.isLetterOrNumber && after.isLetterOrNumber
                    if !touchesWord || insideWord { text += String(characters[index..<end]) }
                    index = end
                case "]" where droppedClosings.contains(index):
                    index += 1
                case "!" where !insideLink && index + 1 < range.upperBound && characters[index + 1] == "[":
                    // An image: its description is read out, so it is checked.
                    if let (label, after) = link(at: index + 1, within: range) {
                        emit()
                        output.append(" ")
                        write(label, to: &output, insideLink: true)
                        output.append(" ")
                        index = after
                    } else {
                        text.append(character)
                        index += 1
                    }
                case "[":
                    if !insideLink, let (label, after) = link(at: index, within: range) {
                        emit()
                        output.beginLink(target(at: index, label: label, within: range) ?? "")
                        write(label, to: &output, insideLink: true)
                        output.endLink()
                        index = after
                    } else if let close = closingBracket[index], close < range.upperBound {
                        droppedClosings.insert(close)
                        index += 1
                    } else {
                        text.append(character)
                        index += 1
                    }
                case "<":
                    let close = nextGreaterThan[index]
                    if close > index, close < range.upperBound, close - index <= 2048 {
                        let inside = String(characters[(index + 1)..<close])
                        if inside.hasPrefix("http://") || inside.hasPrefix("https://") || inside.hasPrefix("mailto:") || (inside.contains("@") && !inside.contains(" ")) {
                            emit()
                            output.beginLink(inside)
                            output.append(inside)
                            output.endLink()
                            index = close + 1
                            continue
                        }
                        if let first = inside.first, first.isLetter || first == "/" || first == "!" {
                            // An HTML tag: dropped; a line break tag leaves a space.
                            text.append(" ")
                            index = close + 1
                            continue
                        }
                    }
                    text.append(character)
                    index += 1
                default:
                    text.append(character)
                    index += 1
                }
            }
            emit()
        }

        /// At a "[": the range of the link's words and where the link ends,
        /// for `[words](target)`, `[words][label]` and `[label]` when the label is defined.
        private func link(at open: Int, within range: Range<Int>) -> (Range<Int>, Int)? {
            guard let close = closingBracket[open], close < range.upperBound else { return nil }
            let label = (open + 1)..<close
            let next = close + 1
            if next < range.upperBound, characters[next] == "(", let end = closingParenthesis[next], end < range.upperBound {
                return (label, end + 1)
            }
            guard !references.isEmpty else { return nil }
            if next < range.upperBound, characters[next] == "[", let end = closingBracket[next], end < range.upperBound {
                let name = end == next + 1 ? label : (next + 1)..<end
                if reference(name) != nil { return (label, end + 1) }
            }
            if reference(label) != nil { return (label, next) }
            return nil
        }

        /// The target defined for a label. Labels are at most 999 characters
        /// long (as CommonMark says), which also keeps nested brackets from
        /// costing time in proportion to the square of their number.
        private func reference(_ label: Range<Int>) -> String? {
            guard !label.isEmpty, label.count <= 999 else { return nil }
            return references[String(characters[label]).lowercased()]
        }

        /// Where a link goes: the first word inside its parentheses, or its reference's target.
        private func target(at open: Int, label: Range<Int>, within range: Range<Int>) -> String? {
            let next = label.upperBound + 1
            if next < range.upperBound, characters[next] == "(", let end = closingParenthesis[next] {
                let inside = String(characters[(next + 1)..<end]).trimmingSpaces
                let destination = inside.prefix { $0 != " " && $0 != "\t" }
                return String(destination.hasPrefix("<") && destination.hasSuffix(">") ? destination.dropFirst().dropLast() : destination)
            }
            if next < range.upperBound, characters[next] == "[", let end = closingBracket[next], end > next + 1 {
                return reference((next + 1)..<end)
            }
            return reference(label)
        }
    }
}

private extension Character {
    var isLetterOrNumber: Bool { isLetter || isNumber }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    var trimmingSpaces: String {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
