import PlainEnglish

/// Builds the text of a marked-up document block by block: spaces are
/// collapsed as a browser or Word shows them, each block gets a blank line
/// after it, and links keep where their text is.
struct LaidOutText {
    /// Text past this many bytes is not kept, and `document()` says so.
    let maximumBytes: Int
    private var bytes: [UInt8] = []
    private var layout: [LaidOutBlock] = []
    private var links: [Link] = []
    private var blockStart: Int?
    private var blockKind = BlockKind.paragraph
    private var pendingSpace = false
    private var openLink: (start: Int, target: String)?

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    /// Whether more text arrived than is kept.
    var isOverLimit: Bool { bytes.count > maximumBytes }

    /// Adds text to the current block, starting a paragraph if none is open.
    mutating func append(_ text: some StringProtocol, preservingSpaces: Bool = false) {
        guard !isOverLimit else { return }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace && scalar != "\u{A0}" && !preservingSpaces || scalar == "\n" || scalar == "\r" {
                if blockStart != nil { pendingSpace = true }
                continue
            }
            if blockStart == nil { startBlock(blockKind) }
            if pendingSpace { bytes.append(UInt8(ascii: " ")); pendingSpace = false }
            bytes.append(contentsOf: String(scalar).utf8)
        }
    }

    /// Ends the current block; the next text starts a block of this kind.
    mutating func beginBlock(_ kind: BlockKind) {
        endBlock()
        blockKind = kind
    }

    mutating func endBlock() {
        if let start = blockStart, bytes.count > start {
            layout.append(LaidOutBlock(kind: blockKind, range: TextRange(start: start, end: bytes.count)))
            bytes.append(contentsOf: [UInt8(ascii: "\n"), UInt8(ascii: "\n")])
        }
        blockStart = nil
        pendingSpace = false
        blockKind = .paragraph
    }

    mutating func beginLink(_ target: String) {
        if pendingSpace, blockStart != nil { bytes.append(UInt8(ascii: " ")); pendingSpace = false }
        openLink = (bytes.count, target)
    }

    mutating func endLink() {
        guard let link = openLink else { return }
        if bytes.count > link.start { links.append(Link(range: TextRange(start: link.start, end: bytes.count), target: link.target)) }
        openLink = nil
    }

    private mutating func startBlock(_ kind: BlockKind) {
        blockStart = bytes.count
        blockKind = kind
        pendingSpace = false
    }

    mutating func document() throws -> Document {
        endBlock()
        if isOverLimit { throw DocumentReader.ReadError.tooMuchText(maximumBytes: maximumBytes) }
        return Document(text: String(decoding: bytes, as: UTF8.self), layout: layout, links: links)
    }
}
