import Foundation
import Testing
import ZIPFoundation
@testable import PlainEnglish
@testable import PlainEnglishDocuments

/// Each format read from a small sample file the test makes itself.
@Suite struct DocumentReaderTests {
    func units(_ document: Document) -> [String] {
        document.blocks.map { "\($0.kind.rawValue): \(document.text(of: $0.range))" }
    }

    @Test func plainTextInUTF8WithAByteOrderMarkOrWindows1252() async throws {
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("Hello there.".utf8)
        let withMark = try await DocumentReader.read(bom, named: "a.txt")
        #expect(units(withMark) == ["paragraph: Hello there."])
        let windows = Data([0x49, 0x74, 0x92, 0x73, 0x20, 0x64, 0x6F, 0x6E, 0x65, 0x2E]) // It’s done. in Windows-1252
        let older = try await DocumentReader.read(windows, named: "a.txt")
        #expect(units(older) == ["paragraph: It’s done."])
    }

    /// The command line reads a file's bytes into an array: every kind of file
    /// reads the same as from Data, and plain UTF-8 text is not copied again.
    @Test func bytesReadTheSameAsData() async throws {
        let samples: [(String, [UInt8])] = [
            ("a.txt", Array("Papers\n\nWe will send them. - Clubs\n".utf8)),
            ("a.txt", [0xEF, 0xBB, 0xBF] + Array("Hello there.".utf8)),
            ("a.txt", [0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00, 0x2E, 0x00]),
            ("a.txt", [0x49, 0x74, 0x92, 0x73, 0x20, 0x64, 0x6F, 0x6E, 0x65, 0x2E]),
            ("notes", Array("No extension, plain text.".utf8)),
            ("page.html", Array("<h1>Title</h1><p>Some text.</p>".utf8)),
            ("plan.md", Array("# Plan\n\n- one\n- two\n".utf8)),
        ]
        for (name, bytes) in samples {
            let fromBytes = units(try await DocumentReader.read(bytes, named: name))
            let fromData = units(try await DocumentReader.read(Data(bytes), named: name))
            #expect(fromBytes == fromData, "\(name)")
        }
        await #expect(throws: DocumentReader.ReadError.self) { try await DocumentReader.read([0x00, 0x00, 0x50, 0x4E, 0x47], named: "picture.txt") }
        #expect(throws: DocumentReader.ReadError.self) { try DocumentReader.checkSize(DocumentReader.Limits.server.maximumFileBytes + 1) }
    }

    @Test func htmlKeepsHeadingsListItemsAndLinksAndDropsScripts() async throws {
        let html = """
        <!DOCTYPE html><html><head><title>Skip me</title><style>p{}</style></head><body>
        <h1>Short breaks</h1><script>var x = "not text";</script>
        <p>Families &amp; carers can <a href="/guide">click here</a> to read&nbsp;more.<br>New line.</p>
        <ul><li>Clubs</li><li>Holiday play</ul><!-- a comment --><img src="x.png" alt="A child swimming">
        </body></html>
        """
        let document = try await DocumentReader.read(Data(html.utf8), named: "page.html")
        #expect(units(document) == ["heading: Short breaks", "paragraph: Families & carers can click here to read\u{A0}more.", "paragraph: New line.", "listItem: Clubs", "listItem: Holiday play", "paragraph: A child swimming"])
        #expect(document.links.map { document.text(of: $0.range) } == ["click here"])
        #expect(document.links.first?.target == "/guide")
    }

    @Test func markdownSyntaxIsRemoved() async throws {
        let markdown = "# Our plan\n\nWe **will** meet [the forum](https://example.org).\n\n- First item\n- Second item\n"
        let document = try await DocumentReader.read(Data(markdown.utf8), named: "plan.md")
        #expect(units(document) == ["heading: Our plan", "paragraph: We will meet the forum.", "listItem: First item", "listItem: Second item"])
        #expect(document.links.first?.target == "https://example.org")
    }

    @Test func markdownInItsCommonForms() async throws {
        let markdown = """
        Papers for the meeting
        ======================

        Read the **agenda** and the _minutes_ before you come. See [the guide][guide], \\*not\\* the [old one](<https://old.example.org> "Old").
        A line that carries on.

        ```
        let code = "not prose"
        ```

            indented code is not prose either

        1. First, bring your `EHCP` if you have one.
        2) Second
        * Bullet with ![a child swimming](swim.png) in it
          - nested item
        > A quote from a parent: <b>bold</b> words.
        > > A quote in a quote.

        | Who | When |
        |-----|:----:|
        | Forum | Monday |

        Mail <forum@example.org> or visit <https://example.org>. snake_case_name stays, and 5 * 3 too.

        Subheading
        ----------

        ### Closing ###

        [guide]: https://example.org/guide
        """
        let document = try await DocumentReader.read(Data(markdown.utf8), named: "paper.md")
        #expect(units(document) == [
            "heading: Papers for the meeting",
            "paragraph: Read the agenda and the minutes before you come. See the guide, *not* the old one. A line that carries on.",
            "listItem: First, bring your EHCP if you have one.",
            "listItem: Second",
            "listItem: Bullet with a child swimming in it",
            "listItem: nested item",
            "paragraph: A quote from a parent: bold words. A quote in a quote.",
            "paragraph: Who. When",
            "paragraph: Forum. Monday",
            "paragraph: Mail forum@example.org or visit https://example.org. snake_case_name stays, and 5 * 3 too.",
            "heading: Subheading",
            "heading: Closing",
        ])
        #expect(document.links.map(\.target) == ["https://example.org/guide", "https://old.example.org", "forum@example.org", "https://example.org"])
        #expect(document.links.map { document.text(of: $0.range) } == ["the guide", "old one", "forum@example.org", "https://example.org"])
    }

    @Test func markdownThatWouldMakeABacktrackingParserHangIsReadInAMoment() async throws {
        for pathological in [String(repeating: "[", count: 200_000), String(repeating: "![", count: 100_000), String(repeating: "[a](", count: 50_000),
                             String(repeating: "<", count: 200_000), String(repeating: "`a``", count: 50_000), String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)] {
            let started = ContinuousClock.now
            _ = try await DocumentReader.read(Data(pathological.utf8), named: "hostile.md")
            // Ink took hours on 30 brackets; a linear reader takes a moment, so any bound catches a return to backtracking.
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    @Test func wordFilesKeepHeadingsListsAndLinks() async throws {
        let data = try WordSample.make(paragraphs: [
            ("Heading1", false, "Papers for the meeting"),
            (nil, false, "Papers go out seven days before."),
            (nil, true, "Read the minutes"),
        ], link: "guide")
        let document = try await DocumentReader.read(data, named: "papers.docx")
        #expect(units(document) == ["heading: Papers for the meeting", "paragraph: Papers go out seven days before. guide", "listItem: Read the minutes"])
        #expect(document.links.map { document.text(of: $0.range) } == ["guide"])
        #expect(document.links.first?.target == "https://example.org/guide")
    }

    @Test func badFilesGetAClearMessage() async throws {
        await #expect(throws: DocumentReader.ReadError("This Word file is protected by a password, or is an older .doc file. Save it as .docx without a password and try again.")) {
            try await DocumentReader.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), named: "secret.docx")
        }
        await #expect(throws: DocumentReader.ReadError("This Word file is damaged and cannot be opened.")) {
            try await DocumentReader.read(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]), named: "broken.docx")
        }
        await #expect(throws: DocumentReader.ReadError("This is not a Word file, or it is damaged: a .docx file is a zip archive. Coproduce reads .txt, .md, .html, .docx and .pdf files.")) {
            try await DocumentReader.read(Data("plain words".utf8), named: "wrong.docx")
        }
        await #expect(throws: DocumentReader.ReadError("This file is not text: it may be a picture, a program or a compressed file. Coproduce reads .txt, .md, .html, .docx and .pdf files.")) {
            try await DocumentReader.read(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]), named: "photo.txt")
        }
        await #expect(throws: DocumentReader.ReadError("This looks like an older Word file (.doc). Save it as .docx and try again.")) {
            try await DocumentReader.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]), named: "old.doc")
        }
        let emptyZip = try Archive(accessMode: .create)
        await #expect(throws: DocumentReader.ReadError("This zip file has no Word document in it. Coproduce reads .txt, .md, .html, .docx and .pdf files.")) {
            try await DocumentReader.read(emptyZip.data ?? Data(), named: "empty.docx")
        }
    }

    @Test func pdfTextComesFromPdftotext() async throws {
        let data = PDFSample.make(lines: ["Short breaks", "Papers go out seven days before the meeting."])
        if PDFSample.hasPdftotext {
            let document = try await DocumentReader.read(data, named: "papers.pdf")
            #expect(document.sentences.map { document.text(of: $0.range) } == ["Short breaks", "Papers go out seven days before the meeting."])
            await #expect(throws: DocumentReader.ReadError("This PDF is damaged and its text cannot be read.")) {
                try await DocumentReader.read(Data("%PDF-1.4 this is not really a PDF".utf8), named: "broken.pdf")
            }
        } else {
            await #expect(throws: DocumentReader.ReadError("Reading PDF files needs pdftotext, which is not installed here. Ask your administrator to install poppler-utils, or save the document as .docx or .txt.")) {
                try await DocumentReader.read(data, named: "papers.pdf")
            }
        }
        await #expect(throws: DocumentReader.ReadError("This is not a PDF file, or it is damaged. Coproduce reads .txt, .md, .html, .docx and .pdf files.")) {
            try await DocumentReader.read(Data("hello".utf8), named: "fake.pdf")
        }
    }

    @Test func standardInputIsRecognisedByItsContent() async throws {
        let html = try await DocumentReader.read(Data("<html><p>Hi there.</p></html>".utf8), named: "-")
        #expect(units(html) == ["paragraph: Hi there."])
        let text = try await DocumentReader.read(Data("Hi there.".utf8), named: "-")
        #expect(units(text) == ["paragraph: Hi there."])
    }
}

/// Builds a minimal .docx in memory.
enum WordSample {
    static func make(paragraphs: [(style: String?, isListItem: Bool, text: String)], link: String) throws -> Data {
        var body = ""
        for (index, paragraph) in paragraphs.enumerated() {
            var properties = ""
            if let style = paragraph.style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
            if paragraph.isListItem { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" }
            var runs = "<w:r><w:t xml:space=\"preserve\">\(paragraph.text)</w:t></w:r>"
            if index == 1 { runs += "<w:r><w:tab/></w:r><w:hyperlink r:id=\"rId9\"><w:r><w:t>\(link)</w:t></w:r></w:hyperlink>" }
            body += "<w:p><w:pPr>\(properties)</w:pPr>\(runs)</w:p>"
        }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body)</w:body></w:document>
        """
        let relationships = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="hyperlink" Target="https://example.org/guide" TargetMode="External"/></Relationships>
        """
        let archive = try Archive(accessMode: .create)
        for (path, text) in [("word/document.xml", document), ("word/_rels/document.xml.rels", relationships)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return archive.data ?? Data()
    }
}

/// Builds a one-page PDF with one line of text for each string.
enum PDFSample {
    static var hasPdftotext: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext")
        }
    }

    static func make(lines: [String]) -> Data {
        var stream = "BT /F1 12 Tf 72 720 Td 16 TL\n"
        for line in lines { stream += "(\(line)) Tj T*\n" }
        stream += "ET"
        return make(stream: stream)
    }

    /// A one-page PDF whose page draws `stream`.
    static func make(stream: String) -> Data {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
