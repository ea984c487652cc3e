import Testing
@testable import PlainEnglish

@Suite struct HighlightsTests {
    let checker = PlainEnglishChecker()

    @Test func wordsAreMarkedAndWholeSentencesFlagged() throws {
        let text = "Heading\n\nThe provision was agreed. Then " + Array(repeating: "word", count: 30).joined(separator: " ") + "."
        let document = Document(plainText: text)
        let analysis = checker.check(document)
        let (blocks, isComplete) = Highlights.blocks(of: document, findings: analysis.findings)
        #expect(isComplete)
        #expect(blocks.map(\.kind) == [.heading, .paragraph])
        let pieces = blocks[1].pieces
        #expect(pieces.map(\.kind) == [.text, .highlight, .text, .highlight, .text, .flag, .text])
        #expect(pieces[1].text == "provision")
        #expect(pieces[3].text == "was agreed")
        #expect(pieces[5].text == "Long sentence")
        // Every piece's finding number points at a finding of that text.
        for piece in pieces where piece.kind == .highlight {
            #expect(analysis.findings[piece.finding! - 1].excerpt == piece.text)
        }
        // Put back together, the pieces are the text (flags aside).
        #expect(pieces.filter { $0.kind != .flag }.map(\.text).joined() == document.text(of: document.blocks[1].range))
    }

    @Test func overlappingFindingsAreListedButMarkedOnce() {
        let document = Document(plainText: "It is just provided.")
        let first = Finding(kind: .passiveVoice, range: TextRange(start: 3, end: 19), line: 1, column: 4, excerpt: "", message: "", suggestion: nil, severity: .advice)
        let inside = Finding(kind: .fillerPhrase, range: TextRange(start: 6, end: 10), line: 1, column: 7, excerpt: "", message: "", suggestion: nil, severity: .advice)
        let pieces = Highlights.blocks(of: document, findings: [first, inside]).blocks[0].pieces
        #expect(pieces.map(\.kind) == [.text, .highlight, .text])
        #expect(pieces[1].finding == 1)
    }

    @Test func aVeryLongTextIsShownInPart() {
        let text = Array(repeating: "A short paragraph of plain words.", count: 100).joined(separator: "\n\n")
        let document = Document(plainText: text)
        let (blocks, isComplete) = Highlights.blocks(of: document, findings: [], maximumBytes: 340)
        #expect(!isComplete)
        #expect(blocks.count == 10)
    }

    @Test func aTextWithNoParagraphBreaksIsCutWithinItsOneBlockAtACharacterBoundary() {
        let text = String(repeating: "Café provision ", count: 10_000)
        let document = Document(plainText: text)
        let findings = PlainEnglishChecker().check(document).findings
        let (blocks, isComplete) = Highlights.blocks(of: document, findings: findings, maximumBytes: 1001)
        #expect(!isComplete)
        #expect(blocks.count == 1)
        let shown = blocks[0].pieces.filter { $0.kind != .flag }.map(\.text).joined()
        #expect(shown.utf8.count <= 1001)
        #expect(shown.utf8.count > 900)
        #expect(!shown.contains("\u{FFFD}"))
    }
}
