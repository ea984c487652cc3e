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
            var blockEnd = block.range.end
            var isCut = false
            if shown + block.range.length > maximumBytes {
                guard result.isEmpty else { return (result, false) }
                // The first block alone is too long (a file with no paragraph breaks): show its start.
                blockEnd = document.characterBoundary(atOrBefore: block.range.start + maximumBytes)
                isCut = true
            }
            shown += blockEnd - block.range.start
            var pieces: [Piece] = []
            var cursor = block.range.start
            func addText(upTo end: Int) {
                guard end > cursor else { return }
                pieces.append(Piece(kind: .text, text: document.text(of: TextRange(start: cursor, end: end)), finding: nil))
                cursor = end
            }
            while next < findings.count, findings[next].range.start < blockEnd {
                let finding = findings[next]
                let number = next + 1
                next += 1
                // A finding that starts before the text already placed (overlapping one shown) is only listed.
                guard finding.range.start >= cursor, finding.range.start >= block.range.start else { continue }
                addText(upTo: finding.range.start)
                if sentenceKinds.contains(finding.kind) {
                    pieces.append(Piece(kind: .flag, text: finding.kind.title, finding: number))
                } else {
                    let end = min(finding.range.end, blockEnd)
                    pieces.append(Piece(kind: .highlight, text: document.text(of: TextRange(start: cursor, end: end)), finding: number))
                    cursor = end
                }
            }
            addText(upTo: blockEnd)
            result.append(Block(kind: block.kind, pieces: pieces))
            if isCut { return (result, false) }
        }
        return (result, true)
    }
}
