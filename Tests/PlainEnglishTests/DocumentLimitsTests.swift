import Foundation
import Testing
import ZIPFoundation
@testable import PlainEnglish
@testable import PlainEnglishDocuments

/// Hostile files: each limit stops the reading with a message naming it,
/// quickly and without holding much memory.
@Suite struct DocumentLimitsTests {
    /// The server's limits, made small so the tests run quickly.
    static let small = DocumentReader.Limits(
        maximumFileBytes: 4 * 1_048_576, maximumTextBytes: 256 * 1024, maximumUnpackedBytes: 1_048_576, maximumParts: 20,
        maximumNesting: 50, maximumPDFPages: 10, timeLimit: .seconds(5), maximumPDFReaderMemoryBytes: 512 * 1_048_576)

    static let wordStart = #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
    static let wordEnd = "</w:body></w:document>"

    /// A Word file whose document.xml is `start`, then `repeated` written `count` times, then `end`,
    /// streamed into the zip so that a bomb never exists unpacked in the test either.
    static func word(start: String = wordStart, repeated: String, count: Int, end: String = wordEnd, extraParts: Int = 0) throws -> Data {
        let head = Data(start.utf8), piece = Data(repeated.utf8), tail = Data(end.utf8)
        let total = head.count + piece.count * count + tail.count
        let archive = try Archive(accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(total), compressionMethod: .deflate) { position, size in
            var chunk = Data(capacity: size)
            var offset = Int(position)
            while chunk.count < size {
                let source: Data, start: Int
                if offset < head.count { source = head; start = offset }
                else if offset < head.count + piece.count * count { source = piece; start = (offset - head.count) % piece.count }
                else { source = tail; start = offset - head.count - piece.count * count }
                let take = min(size - chunk.count, source.count - start)
                chunk.append(source[source.startIndex + start ..< source.startIndex + start + take])
                offset += take
            }
            return chunk
        }
        for index in 0..<extraParts {
            let data = Data("<x/>".utf8)
            try archive.addEntry(with: "customXml/item\(index).xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { _, _ in data }
        }
        return archive.data ?? Data()
    }

    func readError(_ data: Data, named name: String, limits: DocumentReader.Limits = small) async -> String? {
        do {
            _ = try await DocumentReader.read(data, named: name, limits: limits)
            return nil
        } catch let error as DocumentReader.ReadError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func aWordZipBombStopsAtTheUnpackedLimit() async throws {
        // 20 MB of text packed into a few KB.
        let bomb = try Self.word(start: Self.wordStart + "<w:p><w:r><w:t>", repeated: String(repeating: "a", count: 1000), count: 20_000, end: "</w:t></w:r></w:p>" + Self.wordEnd)
        #expect(bomb.count < 200_000)
        let started = ContinuousClock.now
        #expect(await readError(bomb, named: "bomb.docx") == "This Word file unpacks to more than 1 MB, which is more than Coproduce reads. Save it again from Word, or as a .txt file, and try again.")
        // Not a speed target: a reader without the limit would unpack all 20 MB and run out of patience here.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func aWordFileThatUnderstatesItsSizeIsStillStopped() async throws {
        var bomb = try Self.word(start: Self.wordStart + "<w:p><w:r><w:t>", repeated: String(repeating: "b", count: 1000), count: 5_000, end: "</w:t></w:r></w:p>" + Self.wordEnd)
        // Say 1,000 bytes in both the local header and the central directory.
        Self.overwriteUncompressedSizes(&bomb, with: 1000)
        let message = await readError(bomb, named: "liar.docx")
        #expect(message != nil)
        #expect(message?.contains("1 MB") == true || message?.contains("damaged") == true, "\(message ?? "")")
    }

    @Test func tooManyPartsAreRefused() async throws {
        let data = try Self.word(repeated: "<w:p/>", count: 1, extraParts: 30)
        #expect(await readError(data, named: "parts.docx") == "This Word file has more than 20 parts inside it, which is more than Coproduce reads. Save it again from Word, or as a .txt file, and try again.")
    }

    @Test func deeplyNestedWordXMLIsRefused() async throws {
        let data = try Self.word(start: Self.wordStart + String(repeating: "<w:sdt>", count: 60), repeated: "<w:p><w:r><w:t>Hi</w:t></w:r></w:p>", count: 1,
                                 end: String(repeating: "</w:sdt>", count: 60) + Self.wordEnd)
        #expect(await readError(data, named: "deep.docx") == "This file has more than 50 levels of parts inside parts, which is more than Coproduce reads. Save it as a .txt file and try again.")
    }

    @Test func aDocumentTypeDeclarationIsRefused() async throws {
        let laughs = #"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>"#
        let data = try Self.word(start: laughs + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
                                 repeated: "<w:p><w:r><w:t>&c;</w:t></w:r></w:p>", count: 1000)
        #expect(await readError(data, named: "laughs.docx") == "This Word file has parts that Word does not write, so Coproduce does not read it. Save it again from Word and try again.")
    }

    @Test func aDocumentTypeDeclarationAfterALongCommentIsStillFound() async throws {
        let hidden = #"<?xml version="1.0"?><!--"# + String(repeating: "padding ", count: 2000) + #"--><?pi x?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>"#
        let data = try Self.word(start: hidden + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
                                 repeated: "<w:p><w:r><w:t>&a;</w:t></w:r></w:p>", count: 10)
        #expect(await readError(data, named: "hidden.docx") == "This Word file has parts that Word does not write, so Coproduce does not read it. Save it again from Word and try again.")
        #expect(!WordText.declaresDocumentType(Data(#"<?xml version="1.0"?><!-- a <!DOCTYPE in a comment --><w:document/>"#.utf8)))
    }

    @Test func moreTextThanTheLimitIsRefused() async throws {
        let limits = DocumentReader.Limits(maximumFileBytes: 4 * 1_048_576, maximumTextBytes: 64 * 1024, maximumUnpackedBytes: 4 * 1_048_576,
                                           maximumParts: 20, maximumNesting: 50, maximumPDFPages: 10, timeLimit: .seconds(5),
                                           maximumPDFReaderMemoryBytes: 512 * 1_048_576)
        let expected = "This file has more than 64 KB of text, which is more than Coproduce checks at once. Check it in parts."
        let word = try Self.word(repeated: "<w:p><w:r><w:t>Papers go out a week before.</w:t></w:r></w:p>", count: 5000)
        #expect(await readError(word, named: "long.docx", limits: limits) == expected)
        let html = Data(String(repeating: "<p>Papers go out a week before.</p>", count: 5000).utf8)
        #expect(await readError(html, named: "long.html", limits: limits) == expected)
        let text = Data(String(repeating: "Papers go out a week before.\n", count: 5000).utf8)
        #expect(await readError(text, named: "long.txt", limits: limits) == expected)
        #expect(await readError(Data(text), named: "long.md", limits: limits) == expected)
    }

    @Test func deeplyNestedMarkdownIsRefusedBeforeItIsParsed() async throws {
        let expected = "This file has more than 50 levels of parts inside parts, which is more than Coproduce reads. Save it as a .txt file and try again."
        #expect(await readError(Data((String(repeating: ">", count: 100_000) + " quote").utf8), named: "quotes.md") == expected)
        #expect(await readError(Data((String(repeating: "- ", count: 1000) + "item").utf8), named: "lists.md") == expected)
        let indented = (0..<200).map { String(repeating: " ", count: $0 * 2) + "- item \($0)" }.joined(separator: "\n")
        #expect(await readError(Data(indented.utf8), named: "indent.md") == expected)
        // Ordinary Markdown is untouched, horizontal rules included.
        #expect(MarkdownText.nesting(of: "# Title\n\n- one\n  - two\n\n> quote\n\n----------------------------------------\n") <= 3)
    }

    @Test func aLinkThatStartsAfterOneParagraphAndEndsAfterTheNextIsNotACrash() async throws {
        // The link opens after a long paragraph and closes after a short one: its start is past the short one's end.
        let data = try Self.word(repeated: #"<w:p><w:r><w:t>A long first paragraph</w:t></w:r></w:p><w:hyperlink r:id="rId1"><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:hyperlink>"#, count: 3)
        let document = try await DocumentReader.read(data, named: "links.docx", limits: Self.small)
        #expect(document.text.contains("Hi"))
    }

    @Test func aParagraphOfManyLinksReadsQuickly() async throws {
        let data = try Self.word(start: Self.wordStart + "<w:p>", repeated: #"<w:hyperlink w:anchor="x"><w:r><w:t>link </w:t></w:r></w:hyperlink>"#, count: 10_000,
                                 end: "</w:p>" + Self.wordEnd)
        let started = ContinuousClock.now
        let document = try await DocumentReader.read(data, named: "links.docx", limits: Self.small)
        #expect(document.links.count == 10_000)
        // Counting the paragraph again at each link took minutes here; the bound only catches that.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    // MARK: PDF

    /// A stand-in for pdftotext: a shell script.
    static func fakeReader(_ script: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-fake-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("pdftotext")
        try Data("#!/bin/sh\n\(script)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    static let aPDF = Data("%PDF-1.4 anything".utf8)

    @Test func megabytesOfWarningsDoNotStallTheReader() async throws {
        // 8 MB on standard error, far more than a pipe holds, then the text.
        let reader = try Self.fakeReader("head -c 8000000 /dev/zero | tr '\\\\0' 'w' >&2; echo 'Papers go out a week before.'")
        let started = ContinuousClock.now
        let document = try await PDFText.document(Self.aPDF, limits: Self.small, reader: reader)
        #expect(document.text.contains("Papers go out a week before."))
        // Reading the text before the warnings stalled both programs for ever; any bound catches that.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func aReaderThatNeverFinishesIsKilledWithWhatItStarted() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-child-\(UUID().uuidString)").path
        // Ignores the polite signal, and starts a child that would outlive it.
        let reader = try Self.fakeReader("trap '' TERM; (trap '' TERM; sleep 30; touch \(marker)) & sleep 30")
        var limits = Self.small
        limits.timeLimit = .milliseconds(500)
        let started = ContinuousClock.now
        await #expect(throws: DocumentReader.ReadError.tookTooLong(limits)) {
            try await PDFText.document(Self.aPDF, limits: limits, reader: reader)
        }
        // The reader would sleep for 30 seconds: it was stopped well before.
        #expect(ContinuousClock.now - started < .seconds(25))
        // The child went with it: its process group was killed.
        try await Task.sleep(for: .seconds(1))
        #expect(!Self.processRunning(commandContaining: marker))
    }

    @Test func aReaderThatWritesTooMuchTextIsStopped() async throws {
        let reader = try Self.fakeReader("yes 'Papers go out a week before.'")
        await #expect(throws: DocumentReader.ReadError.tooMuchText(Self.small)) {
            try await PDFText.document(Self.aPDF, limits: Self.small, reader: reader)
        }
    }

    @Test func thePDFReadersMemoryIsLimited() async throws {
        // Asks for 900 MB, over the 512 MB limit: the allocation fails and nothing is printed.
        let reader = try Self.fakeReader("perl -e '$x = \"a\" x 900_000_000; print \"allocated\\n\"'")
        do {
            let document = try await PDFText.document(Self.aPDF, limits: Self.small, reader: reader)
            Issue.record("the reader was not limited: it printed \(document.text)")
        } catch let error as DocumentReader.ReadError {
            #expect(error != DocumentReader.ReadError("This PDF has no text in it: it may be scanned pictures of pages. Check the document it was made from."))
        }
    }

    @Test func aPDFOfBrokenDrawingOperatorsIsReadQuickly() async throws {
        guard PDFSample.hasPdftotext else { return }
        var stream = "BT /F1 12 Tf 72 712 Td (Hello there.) Tj ET\n"
        stream += String(repeating: "1 2 zz\n", count: 90_000)
        let pdf = PDFSample.make(stream: stream)
        let started = ContinuousClock.now
        let document = try await DocumentReader.read(pdf, named: "noisy.pdf", limits: Self.small)
        #expect(document.text.contains("Hello there."))
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    // MARK: Helpers

    static func processRunning(commandContaining text: String) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for entry in entries where entry.allSatisfy(\.isNumber) {
            if let command = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline")),
               String(decoding: command, as: UTF8.self).contains(text) { return true }
        }
        return false
    }

    /// Sets the uncompressed size of every entry, in local headers and the central directory.
    static func overwriteUncompressedSizes(_ data: inout Data, with size: UInt32) {
        let bytes = [UInt8](data)
        var patched = bytes
        func write(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { patched[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
        }
        for index in 0..<(bytes.count - 4) {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x03, bytes[index + 3] == 0x04 { write(size, at: index + 22) }
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 { write(size, at: index + 24) }
        }
        data = Data(patched)
    }
}
