/// The text cut into pieces for showing with its findings in place: plain
/// runs of text, highlighted words (a finding about those words), and flags
/// at the start of a sentence (a finding about the whole sentence).
public enum Highlights {
    public struct Piece: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case text
            /// Words a finding is about.
            case highlight
            /// Placed before a sentence a finding is about.
            case flag
        }

        public var kind: Kind
        public var text: String
        /// 1-based number of the finding in `Analysis.findings`, for highlights and flags.
        public var finding: Int?
    }

    public struct Block: Sendable, Equatable {
        public var kind: BlockKind
        public var pieces: [Piece]
    }

    /// Findings about a whole sentence are flagged, not highlighted: their
    /// range holds the other highlights.
    static let sentenceKinds: Set<FindingKind> = [.longSentence, .veryLongSentence, .moreThanOneIdea]

    /// The blocks of the document with the findings placed in them, up to
    /// `maximumBytes` of text so that a very long document still gives a page
    /// of a sensible size; `isComplete` is false when text was left out.
    public static func blocks(of document: Document, findings: [Finding], maximumBytes: Int = 200_000) -> (blocks: [Block], isComplete: Bool) {
        var result: [Block] = []
        var shown = 0
        var next = 0 // findings are sorted by where they start
        for block in document.blocks {
            if shown + block.range.length > maximumBytes && !result.isEmpty { return (result, false) }
            shown += block.range.length
            var pieces: [Piece] = []
            var cursor = block.range.start
            func addText(upTo end: Int) {
                guard end > cursor else { return }
                pieces.append(Piece(kind: .text, text: document.text(of: TextRange(start: cursor, end: end)), finding: nil))
                cursor = end
            }
            while next < findings.count, findings[next].range.start < block.range.end {
                let finding = findings[next]
                let number = next + 1
                next += 1
                // A finding that starts before the text already placed (overlapping one shown) is only listed.
                guard finding.range.start >= cursor, finding.range.start >= block.range.start else { continue }
                addText(upTo: finding.range.start)
                if sentenceKinds.contains(finding.kind) {
                    pieces.append(Piece(kind: .flag, text: finding.kind.title, finding: number))
                } else {
                    let end = min(finding.range.end, block.range.end)
                    pieces.append(Piece(kind: .highlight, text: document.text(of: TextRange(start: cursor, end: end)), finding: number))
                    cursor = end
                }
            }
            addText(upTo: block.range.end)
            result.append(Block(kind: block.kind, pieces: pieces))
        }
        return (result, true)
    }
}
