import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlainEnglish
import ZIPFoundation

/// The text of a Word (.docx) file: the paragraphs of word/document.xml,
/// with headings (the Heading and Title styles), list items (numbered or
/// bulleted paragraphs) and hyperlinks kept.
enum WordText {
    static func document(_ data: Data) throws -> Document {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // Password-protected .docx files and old .doc files are both OLE containers.
            throw DocumentReader.ReadError("This Word file is protected by a password, or is an older .doc file. Save it as .docx without a password and try again.")
        }
        guard data.starts(with: [0x50, 0x4B]) else {
            throw DocumentReader.ReadError("This is not a Word file, or it is damaged: a .docx file is a zip archive. \(DocumentReader.supportedFormatsSentence)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw DocumentReader.ReadError("This Word file is damaged and cannot be opened.")
        }
        guard let entry = archive["word/document.xml"] else {
            throw DocumentReader.ReadError("This zip file has no Word document in it. \(DocumentReader.supportedFormatsSentence)")
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) }
        } catch {
            throw DocumentReader.ReadError("This Word file is damaged and cannot be opened.")
        }
        let relationships = archive["word/_rels/document.xml.rels"].flatMap { entry -> Data? in
            var data = Data()
            return (try? archive.extract(entry) { data.append($0) }) != nil ? data : nil
        }
        let reader = WordXMLReader(linkTargets: relationships.map(LinkTargets.read) ?? [:])
        let parser = XMLParser(data: xml)
        parser.delegate = reader
        guard parser.parse() else {
            throw DocumentReader.ReadError("This Word file is damaged: its text cannot be read.")
        }
        return reader.output.document()
    }
}

/// Walks word/document.xml: w:p paragraphs, w:t text, w:pStyle, w:numPr, w:hyperlink.
private final class WordXMLReader: NSObject, XMLParserDelegate {
    var output = LaidOutText()
    private let linkTargets: [String: String]
    private var inText = false
    private var paragraphKind = BlockKind.paragraph
    private var paragraphText = ""
    private var paragraphLinks: [(range: Range<Int>, target: String)] = []
    private var linkStart: (offset: Int, target: String)?

    init(linkTargets: [String: String]) {
        self.linkTargets = linkTargets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:p":
            paragraphKind = .paragraph
            paragraphText = ""
            paragraphLinks = []
        case "w:pStyle":
            let style = (attributes["w:val"] ?? "").lowercased()
            if style.hasPrefix("heading") || style == "title" || style == "subtitle" { paragraphKind = .heading }
            if style.hasPrefix("list") { paragraphKind = .listItem }
        case "w:numPr":
            if paragraphKind == .paragraph { paragraphKind = .listItem }
        case "w:t":
            inText = true
        case "w:tab", "w:br", "w:cr":
            paragraphText += " "
        case "w:hyperlink":
            let target = attributes["r:id"].flatMap { linkTargets[$0] } ?? attributes["w:anchor"].map { "#" + $0 } ?? ""
            linkStart = (paragraphText.unicodeScalars.count, target)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraphText += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t":
            inText = false
        case "w:hyperlink":
            if let start = linkStart { paragraphLinks.append((start.offset..<paragraphText.unicodeScalars.count, start.target)) }
            linkStart = nil
        case "w:p":
            output.beginBlock(paragraphKind)
            var cursor = 0
            let scalars = Array(paragraphText.unicodeScalars)
            for link in paragraphLinks {
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
