import Foundation
import PlainEnglish

/// The readable text of an HTML page: tags removed, scripts, styles and
/// comments skipped, entities decoded, and each heading, list item, paragraph
/// and table cell a block of its own.
///
/// Written by hand because the Swift package mirror has no HTML parser; it is
/// forgiving, as browsers are, of tags that are never closed.
enum HTMLText {
    static func document(_ html: String, deadline: DocumentReader.Deadline) throws -> Document {
        var output = LaidOutText(maximumBytes: deadline.limits.maximumTextBytes)
        var scanner = Substring(html)
        var steps = 0
        while !scanner.isEmpty {
            steps += 1
            if steps & 0xFFF == 0 {
                try deadline.check()
                if output.isOverLimit { break }
            }
            guard let open = scanner.firstIndex(of: "<") else {
                output.append(decodeEntities(scanner))
                break
            }
            if open > scanner.startIndex { output.append(decodeEntities(scanner[..<open])) }
            scanner = scanner[open...]
            if scanner.hasPrefix("<!--") {
                scanner = scanner.range(of: "-->").map { scanner[$0.upperBound...] } ?? ""
                continue
            }
            guard let close = scanner.firstIndex(of: ">") else { break } // an unfinished tag at the end
            let tag = Tag(scanner[scanner.index(after: open)..<close])
            scanner = scanner[scanner.index(after: close)...]
            guard let tag else { continue }

            if !tag.isClosing, skippedContent.contains(tag.name) {
                // Skip to </script>, </style> and the like.
                let end = "</\(tag.name)"
                if let range = scanner.range(of: end, options: .caseInsensitive) {
                    scanner = scanner[range.upperBound...]
                    scanner = scanner.firstIndex(of: ">").map { scanner[scanner.index(after: $0)...] } ?? ""
                } else {
                    scanner = ""
                }
                continue
            }
            switch tag.name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                if tag.isClosing { output.endBlock() } else { output.beginBlock(.heading) }
            case "li", "dt", "dd":
                if tag.isClosing { output.endBlock() } else { output.beginBlock(.listItem) }
            case "a":
                if tag.isClosing { output.endLink() } else if let href = tag.attribute("href") { output.beginLink(decodeEntities(href)) }
            case "img":
                // Alternative text is read aloud, so it is checked.
                if let alt = tag.attribute("alt"), !alt.isEmpty { output.append(" " + decodeEntities(alt) + " ") }
            default:
                if blockTags.contains(tag.name) { output.endBlock() }
            }
        }
        return try output.document()
    }

    private static let skippedContent: Set<String> = ["script", "style", "head", "noscript", "template", "svg", "math", "title"]
    private static let blockTags: Set<String> = [
        "p", "div", "br", "hr", "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre",
        "ul", "ol", "dl", "table", "tr", "td", "th", "caption", "figcaption", "figure", "address", "form", "fieldset",
        "legend", "label", "button", "option", "body", "details", "summary",
    ]

    /// A start or end tag: its name and attributes.
    struct Tag {
        let name: String
        let isClosing: Bool
        let source: Substring

        init?(_ source: Substring) {
            var body = source
            isClosing = body.first == "/"
            if isClosing { body = body.dropFirst() }
            let name = body.prefix { $0.isLetter || $0.isNumber }
            guard !name.isEmpty else { return nil } // <!DOCTYPE>, <?xml?>
            self.name = name.lowercased()
            self.source = body.dropFirst(name.count)
        }

        /// The value of an attribute, quoted or not.
        func attribute(_ attribute: String) -> String? {
            var rest = source
            while let range = rest.range(of: attribute, options: .caseInsensitive) {
                let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : " "
                var after = rest[range.upperBound...].drop { $0 == " " }
                guard before.isWhitespace, after.first == "=" else { rest = rest[range.upperBound...]; continue }
                after = after.dropFirst().drop { $0 == " " }
                if let quote = after.first, quote == "\"" || quote == "'" {
                    let value = after.dropFirst().prefix { $0 != quote }
                    return String(value)
                }
                return String(after.prefix { !$0.isWhitespace && $0 != ">" })
            }
            return nil
        }
    }

    /// &amp; &lt; &#39; &#x2019; &rsquo; and the other entities papers use.
    static func decodeEntities(_ text: some StringProtocol) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            if let decoded = decode(name) {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static func decode(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return namedEntities[String(name)]
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "rsquo": "’", "lsquo": "‘",
        "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…", "pound": "£", "euro": "€", "copy": "©",
        "bull": "•", "middot": "·", "shy": "", "zwj": "", "zwnj": "", "trade": "™", "reg": "®", "deg": "°", "frac12": "½",
    ]
}
