/// A text as the checker reads it: blocks (paragraphs, headings, list
/// items), the sentences in each block and the words in each sentence, each
/// with its place in the text as UTF-8 byte offsets, so a page can highlight
/// any of them.
public struct Document: Sendable {
    /// The text the offsets refer to: the input itself, or the text read
    /// out of a Word, HTML, Markdown or PDF file. Made on demand: the
    /// document keeps only the UTF-8 bytes, so a large file is held once.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public let blocks: [Block]
    public let sentences: [Sentence]
    public let words: [Word]
    /// Links whose text the reader knows (HTML, Markdown, Word).
    public let links: [Link]
    let bytes: [UInt8]

    /// Reads plain text: blank lines end paragraphs; headings and list items
    /// are found from the lines themselves.
    public init(plainText: String) {
        let bytes = Array(plainText.utf8)
        self.init(bytes: bytes, layout: bytes.withUnsafeBufferPointer { PlainTextLayout.blocks(in: $0) }, links: [])
    }

    /// Reads plain text from UTF-8 bytes, without first making a String of
    /// them; nil when the bytes are not valid UTF-8.
    public init?(plainTextUTF8 bytes: [UInt8]) {
        guard bytes.withUnsafeBufferPointer({ UTF8Validation.isValid($0) }) else { return nil }
        self.init(bytes: bytes, layout: bytes.withUnsafeBufferPointer { PlainTextLayout.blocks(in: $0) }, links: [])
    }

    /// A text whose blocks are already known, as a document reader finds them.
    public init(text: String, layout: [LaidOutBlock], links: [Link] = []) {
        self.init(bytes: Array(text.utf8), layout: layout, links: links)
    }

    private init(bytes: [UInt8], layout: [LaidOutBlock], links: [Link]) {
        self.bytes = bytes
        self.links = links
        // The splitter reads the bytes through a pointer: no bounds check or reference count for each byte.
        (blocks, sentences, words) = bytes.withUnsafeBufferPointer { buffer in
            var splitter = SentenceSplitter(bytes: buffer)
            var blocks: [Block] = []
            blocks.reserveCapacity(layout.count)
            for laidOut in layout {
                let firstSentence = splitter.sentences.count
                splitter.split(laidOut.range, blockIndex: blocks.count)
                let sentenceRange = firstSentence..<splitter.sentences.count
                guard !sentenceRange.isEmpty else { continue }
                blocks.append(Block(kind: laidOut.kind, range: laidOut.range, sentences: sentenceRange))
            }
            return (blocks, splitter.sentences, splitter.words)
        }
    }

    /// The text of a range.
    /// The nearest offset at or before `offset` that starts a character, so
    /// text cut there is never half a letter.
    public func characterBoundary(atOrBefore offset: Int) -> Int {
        var boundary = min(max(0, offset), bytes.count)
        while boundary > 0, boundary < bytes.count, bytes[boundary] & 0xC0 == 0x80 { boundary -= 1 }
        return boundary
    }

    public func text(of range: TextRange) -> String {
        String(decoding: bytes[range.start..<range.end], as: UTF8.self)
    }

    /// The words of a sentence.
    public func words(of sentence: Sentence) -> ArraySlice<Word> {
        words[sentence.words]
    }
}

/// Where something is in the text: UTF-8 byte offsets, end not included.
public struct TextRange: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
}

public enum BlockKind: String, Sendable, Codable, CaseIterable {
    case paragraph
    case heading
    case listItem
}

/// A block as a layout finds it, before it is split into sentences.
public struct LaidOutBlock: Sendable, Equatable {
    public var kind: BlockKind
    public var range: TextRange

    public init(kind: BlockKind, range: TextRange) {
        self.kind = kind
        self.range = range
    }
}

public struct Block: Sendable {
    public let kind: BlockKind
    private let start: UInt32
    private let end: UInt32
    private let firstSentence: UInt32
    private let endSentence: UInt32

    init(kind: BlockKind, range: TextRange, sentences: Range<Int>) {
        self.kind = kind
        start = UInt32(truncatingIfNeeded: range.start)
        end = UInt32(truncatingIfNeeded: range.end)
        firstSentence = UInt32(truncatingIfNeeded: sentences.lowerBound)
        endSentence = UInt32(truncatingIfNeeded: sentences.upperBound)
    }

    public var range: TextRange { TextRange(start: Int(start), end: Int(end)) }
    /// Indexes into `Document.sentences`.
    public var sentences: Range<Int> { Int(firstSentence)..<Int(endSentence) }
}

/// One sentence in 20 bytes: a long paper has tens of thousands.
public struct Sentence: Sendable {
    private let start: UInt32
    private let end: UInt32
    private let firstWord: UInt32
    private let endWord: UInt32
    private let block: UInt32

    init(range: TextRange, words: Range<Int>, blockIndex: Int) {
        start = UInt32(truncatingIfNeeded: range.start)
        end = UInt32(truncatingIfNeeded: range.end)
        firstWord = UInt32(truncatingIfNeeded: words.lowerBound)
        endWord = UInt32(truncatingIfNeeded: words.upperBound)
        block = UInt32(truncatingIfNeeded: blockIndex)
    }

    public var range: TextRange { TextRange(start: Int(start), end: Int(end)) }
    /// Indexes into `Document.words`.
    public var words: Range<Int> { Int(firstWord)..<Int(endWord) }
    public var blockIndex: Int { Int(block) }
    public var wordCount: Int { words.count }
}

public enum WordKind: UInt8, Sendable, Codable {
    case word
    case number
    /// Two or more capitals: NHS, EHCPs, SENCo is a word.
    case acronym
    /// e.g., i.e., a.m., U.K.: letters with dots inside.
    case abbreviation
    /// Not read as words, so left out of the readability scores.
    case url
    case email
}

/// One word in 8 bytes, so that a 50 MB paper fits in memory. A "word" of
/// more than 65,535 bytes (a run of letters with no space) keeps only its start.
public struct Word: Sendable {
    private let startOffset: UInt32
    private let length: UInt16
    public let kind: WordKind

    init(start: Int, end: Int, kind: WordKind) {
        startOffset = UInt32(truncatingIfNeeded: start)
        length = UInt16(clamping: end - start)
        self.kind = kind
    }

    public var range: TextRange { TextRange(start: start, end: end) }
    var start: Int { Int(startOffset) }
    var end: Int { Int(startOffset) + Int(length) }
    /// Whether the readability formulas count it.
    public var isReadAloud: Bool { kind != .url && kind != .email }
}

public struct Link: Sendable, Equatable {
    public var range: TextRange
    public var target: String

    public init(range: TextRange, target: String) {
        self.range = range
        self.target = target
    }
}
