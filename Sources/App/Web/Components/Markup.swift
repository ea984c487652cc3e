import Vapor

/// HTML, written as Swift string interpolation: the literal parts are markup
/// and everything interpolated is escaped, unless it is `Markup` itself.
///
///     let row: Markup = "<li><a href=\"\(person.href)\">\(person.name)</a></li>"
///
/// A `Markup` can only be made from string literals (its literal type is
/// `StaticString`) and from other `Markup`, so no text from a person or a
/// database can become a tag. Pages are Swift functions returning `Markup`;
/// measured on the People page, that is 30 times as fast as Leaf (see
/// docs/performance.md), and the compiler checks every page.
struct Markup: ExpressibleByStringInterpolation, Sendable, Equatable, CustomStringConvertible {
    private(set) var bytes: [UInt8]

    init(stringLiteral literal: StaticString) {
        bytes = literal.withUTF8Buffer { Array($0) }
    }

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    static let empty: Markup = ""

    var description: String { String(decoding: bytes, as: UTF8.self) }

    var isEmpty: Bool { bytes.isEmpty }

    static func + (lhs: Markup, rhs: Markup) -> Markup {
        var joined = lhs
        joined.bytes.append(contentsOf: rhs.bytes)
        return joined
    }

    static func += (lhs: inout Markup, rhs: Markup) {
        lhs.bytes.append(contentsOf: rhs.bytes)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        typealias StringLiteralType = StaticString
        var bytes: [UInt8]

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = []
            bytes.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        /// Text, escaped.
        mutating func appendInterpolation(_ text: String) {
            Markup.escape(text, into: &bytes)
        }

        mutating func appendInterpolation(_ text: String?) {
            if let text { Markup.escape(text, into: &bytes) }
        }

        mutating func appendInterpolation(_ number: Int) {
            bytes.append(contentsOf: String(number).utf8)
        }

        /// Markup, as it is.
        mutating func appendInterpolation(_ markup: Markup) {
            bytes.append(contentsOf: markup.bytes)
        }

        mutating func appendInterpolation(_ markup: Markup?) {
            if let markup { bytes.append(contentsOf: markup.bytes) }
        }

        /// Each piece, one after another.
        mutating func appendInterpolation(_ pieces: [Markup]) {
            for piece in pieces { bytes.append(contentsOf: piece.bytes) }
        }

        /// The markup only when the condition holds: `\(if: isCurrent, " aria-current=\"page\"")`.
        mutating func appendInterpolation(if condition: Bool, _ markup: @autoclosure () -> Markup) {
            if condition { bytes.append(contentsOf: markup().bytes) }
        }
    }

    /// Only five characters need escaping, all ASCII: text is copied a UTF-8
    /// byte at a time, and letters in other scripts pass through whole.
    static func escape(_ text: String, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let replacement: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}

extension Sequence {
    /// Markup for each element, one after another.
    func markup(_ transform: (Element) throws -> Markup) rethrows -> Markup {
        var joined = Markup.empty
        for element in self { joined += try transform(element) }
        return joined
    }
}

extension Response {
    /// An HTML page.
    convenience init(status: HTTPResponseStatus = .ok, html: Markup) {
        var headers = HTTPHeaders()
        headers.contentType = .html
        self.init(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: html.bytes)))
    }
}
