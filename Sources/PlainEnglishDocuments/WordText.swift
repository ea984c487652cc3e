import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlainEnglish

/// The text of a Word (.docx) file: the paragraphs of word/document.xml,
/// with headings (the Heading and Title styles), list items (numbered or
/// bulleted paragraphs) and hyperlinks kept.
enum WordText {
    static func document(_ data: Data, deadline: DocumentReader.Deadline) throws -> Document {
        let limits = deadline.limits
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // Password-protected .docx files and old .doc files are both OLE containers.
            throw DocumentReader.ReadError("This Word file is protected by a password, or is an older .doc file. Save it as .docx without a password and try again.")
        }
        guard data.starts(with: [0x50, 0x4B]) else {
            throw DocumentReader.ReadError("This is not a Word file, or it is damaged: a .docx file is a zip archive. \(DocumentReader.supportedFormatsSentence)")
        }
        let archive: ZipParts
        do {
            archive = try ZipParts(data, maximumParts: limits.maximumParts)
        } catch ZipParts.Problem.tooManyParts {
            throw DocumentReader.ReadError.tooManyParts(limits)
        } catch {
            throw DocumentReader.ReadError("This Word file is damaged and cannot be opened.")
        }
        let documentEntry = archive.parts.first { $0.path == "word/document.xml" }
        let relationshipsEntry = archive.parts.first { $0.path == "word/_rels/document.xml.rels" }
        guard let documentEntry else {
            throw DocumentReader.ReadError("This zip file has no Word document in it. \(DocumentReader.supportedFormatsSentence)")
        }
        let xml = try unpack(documentEntry, from: archive, deadline: deadline)
        // Word never writes a document type declaration; one can define entities that expand without end.
        if declaresDocumentType(xml) {
            throw DocumentReader.ReadError("This Word file has parts that Word does not write, so Coproduce does not read it. Save it again from Word and try again.")
        }
        // A damaged list of links only loses the link targets.
        let relationships = relationshipsEntry.flatMap { try? unpack($0, from: archive, deadline: deadline) }
            .flatMap { declaresDocumentType($0) ? nil : $0 }
        let reader = WordXMLReader(linkTargets: relationships.map(LinkTargets.read) ?? [:], deadline: deadline)
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let parsed = parser.parse()
        if let stop = reader.stop { throw stop }
        guard parsed else {
            throw DocumentReader.ReadError("This Word file is damaged: its text cannot be read.")
        }
        return try reader.output.document()
    }

    /// One part of the archive, unpacked up to the limit. The size the zip
    /// declares can lie, so the bytes are counted as they come.
    private static func unpack(_ entry: ZipParts.Part, from archive: ZipParts, deadline: DocumentReader.Deadline) throws -> Data {
        let limits = deadline.limits
        guard entry.uncompressedSize <= limits.maximumUnpackedBytes else { throw DocumentReader.ReadError.unpacksTooLarge(limits) }
        var data = Data()
        do {
            try archive.unpack(entry) { piece in
                guard data.count + piece.count <= limits.maximumUnpackedBytes else { throw DocumentReader.ReadError.unpacksTooLarge(limits) }
                try deadline.check()
                data.append(piece)
            }
        } catch let error as DocumentReader.ReadError {
            throw error
        } catch ZipParts.Problem.encrypted {
            throw DocumentReader.ReadError("This Word file is protected by a password. Save it as .docx without a password and try again.")
        } catch {
            throw DocumentReader.ReadError("This Word file is damaged and cannot be opened.")
        }
        return data
    }

    /// Whether the XML declares a document type before its first element.
    /// The whole prolog is read, however long: comments and processing
    /// instructions before a declaration do not hide it.
    static func declaresDocumentType(_ xml: Data) -> Bool {
        xml.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            let count = bytes.count
            var index = 0
            func skip(past terminator: [UInt8]) {
                while index < count {
                    if bytes[index] == terminator[0], index + terminator.count <= count,
                       (0..<terminator.count).allSatisfy({ bytes[index + $0] == terminator[$0] }) {
                        index += terminator.count
                        return
                    }
                    index += 1
                }
            }
            while index < count {
                guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
                let next = index + 1 < count ? bytes[index + 1] : 0
                if next == UInt8(ascii: "?") {
                    skip(past: Array("?>".utf8))
                } else if next == UInt8(ascii: "!") {
                    // A comment is passed over; anything else ("<!DOCTYPE", "<!ENTITY") is a declaration.
                    guard index + 3 < count, bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") else { return true }
                    skip(past: Array("-->".utf8))
                } else {
                    return false // the first element
                }
            }
            return false
        }
    }
}

/// Walks word/document.xml: w:p paragraphs, w:t text, w:pStyle, w:numPr, w:hyperlink.
private final class WordXMLReader: NSObject, XMLParserDelegate {
    var output: LaidOutText
    /// Why reading stopped early: a limit was met.
    private(set) var stop: DocumentReader.ReadError?
    private let deadline: DocumentReader.Deadline
    private var depth = 0
    private var events = 0
    private let linkTargets: [String: String]
    private var inText = false
    private var paragraphKind = BlockKind.paragraph
    private var paragraphText = ""
    private var paragraphLinks: [(range: Range<Int>, target: String)] = []
    private var linkStart: (offset: Int, target: String)?
    /// The paragraph's length in Unicode scalars, kept as it grows: counting
    /// it again at each link made a paragraph of many links slow to read.
    private var paragraphScalars = 0

    init(linkTargets: [String: String], deadline: DocumentReader.Deadline) {
        self.linkTargets = linkTargets
        self.deadline = deadline
        output = LaidOutText(maximumBytes: deadline.limits.maximumTextBytes)
    }

    /// Stops the parser when a limit is met; checked on every element.
    private func withinLimits(_ parser: XMLParser) -> Bool {
        guard stop == nil else { return false }
        events += 1
        if depth > deadline.limits.maximumNesting { stop = .nestedTooDeeply(deadline.limits) }
        else if events & 0x3FF == 0, deadline.hasPassed { stop = .tookTooLong(deadline.limits) }
        else if paragraphText.utf8.count > deadline.limits.maximumTextBytes || output.isOverLimit { stop = .tooMuchText(deadline.limits) }
        guard stop == nil else {
            parser.abortParsing()
            return false
        }
        return true
    }

    private func appendToParagraph(_ text: String) {
        paragraphText += text
        paragraphScalars += text.unicodeScalars.count
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        guard withinLimits(parser) else { return }
        switch name {
        case "w:p":
            paragraphKind = .paragraph
            paragraphText = ""
            paragraphScalars = 0
            paragraphLinks = []
            linkStart = nil // a link is inside one paragraph
        case "w:pStyle":
            let style = (attributes["w:val"] ?? "").lowercased()
            if style.hasPrefix("heading") || style == "title" || style == "subtitle" { paragraphKind = .heading }
            if style.hasPrefix("list") { paragraphKind = .listItem }
        case "w:numPr":
            if paragraphKind == .paragraph { paragraphKind = .listItem }
        case "w:t":
            inText = true
        case "w:tab", "w:br", "w:cr":
            appendToParagraph(" ")
        case "w:hyperlink":
            let target = attributes["r:id"].flatMap { linkTargets[$0] } ?? attributes["w:anchor"].map { "#" + $0 } ?? ""
            linkStart = (paragraphScalars, target)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText, withinLimits(parser) else { return }
        appendToParagraph(string)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        guard withinLimits(parser) else { return }
        switch name {
        case "w:t":
            inText = false
        case "w:hyperlink":
            if let start = linkStart, start.offset <= paragraphScalars { paragraphLinks.append((start.offset..<paragraphScalars, start.target)) }
            linkStart = nil
        case "w:p":
            output.beginBlock(paragraphKind)
            var cursor = 0
            let scalars = Array(paragraphText.unicodeScalars)
            for link in paragraphLinks where link.range.lowerBound >= cursor && link.range.upperBound <= scalars.count {
                output.append(String(String.UnicodeScalarView(scalars[cursor..<link.range.lowerBound])))
                output.beginLink(link.target)
                output.append(String(String.UnicodeScalarView(scalars[link.range])))
                output.endLink()
                cursor = link.range.upperBound
            }
            output.append(String(String.UnicodeScalarView(scalars[cursor...])))
            output.endBlock()
        default:
            break
        }
    }
}

/// Hyperlink targets by relationship id, from word/_rels/document.xml.rels.
private final class LinkTargets: NSObject, XMLParserDelegate {
    private var targets: [String: String] = [:]

    static func read(_ data: Data) -> [String: String] {
        let reader = LinkTargets()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse() // a damaged list of links only loses the link targets
        return reader.targets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}
