import Foundation

/// A plain-text e-mail to one person, checked and written out as an
/// Internet message (RFC 5322 with MIME) for a mail transfer agent. One
/// recipient a message, so nobody sees who else was written to. Header
/// values that hold line breaks are refused, so nothing typed can add a
/// header or a recipient.
public struct EmailMessage: Sendable, Equatable {
    public let from: String
    public let to: String
    public let subject: String
    public let body: String
    /// Files sent with the text, such as a meeting's papers.
    public var attachments: [Attachment] = []

    /// A file sent with a message.
    public struct Attachment: Sendable, Equatable {
        public let fileName: String
        public let contentType: String
        public let data: [UInt8]

        public init(fileName: String, data: [UInt8]) {
            self.fileName = fileName
            self.contentType = Self.contentType(of: fileName)
            self.data = data
        }

        /// The media type of the kinds of file Coproduce keeps, from the name's ending.
        public static func contentType(of fileName: String) -> String {
            switch fileName.split(separator: ".").last.map({ $0.lowercased() }) {
            case "pdf": "application/pdf"
            case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case "txt": "text/plain; charset=utf-8"
            case "md": "text/markdown; charset=utf-8"
            case "html", "htm": "text/html; charset=utf-8"
            default: "application/octet-stream"
            }
        }

        /// `filename="notes.txt"` for a plain ASCII name; otherwise the RFC 2231 form,
        /// `filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`, which mail programs read in place of the plain one.
        public func nameParameter(_ parameter: String) -> String {
            let plain = fileName.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }
            return plain && fileName.utf8.count <= 200 ? "\(parameter)=\"\(fileName)\"" : "\(parameter)*=\(encodedName)"
        }

        /// The name in UTF-8 as RFC 2231 writes a parameter: unreserved characters as they are, the rest %XX.
        /// A very long name keeps its end (with the file's kind), so the header line stays within the 998 characters allowed.
        var encodedName: String {
            let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
            var encoded: [String] = []
            var length = 0
            for character in fileName.reversed() {
                let part = String(character).utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
                guard length + part.count <= 900 else { break }
                encoded.append(part)
                length += part.count
            }
            return "UTF-8''" + encoded.reversed().joined()
        }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAnAddress(String)
        case lineBreakInHeader(String)

        public var description: String {
            switch self {
            case .notAnAddress(let address): "\"\(address)\" is not an e-mail address"
            case .lineBreakInHeader(let name): "The \(name) of an e-mail cannot have a line break in it"
            }
        }
    }

    public init(from: String, to: String, subject: String, body: String) throws {
        for address in [from, to] {
            guard Self.isAddress(address) else { throw Problem.notAnAddress(address) }
        }
        guard !subject.contains(where: \.isNewline) else { throw Problem.lineBreakInHeader("subject") }
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// A bare address, as sendmail and SMTP take it: something@domain in
    /// printable ASCII, with no spaces, angle brackets, commas or control
    /// characters (a NUL would cut the address short on its way to sendmail),
    /// and no leading dash that a program could read as an option.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.hasPrefix("-"), text.utf8.count <= 254 else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>,;:\"()[]\\".unicodeScalars.contains($0) }
    }

    /// The message as a mail transfer agent reads it. Line ends are CRLF, as
    /// the standard writes them; a program reading it on its standard input
    /// (sendmail) takes `"\n"`. The subject is sent as RFC 2047 encoded words
    /// when it is not short plain ASCII, and the body in base64, so any text
    /// survives the trip.
    public func internetMessage(date: Date, messageID: String, lineEnd: String = "\r\n") -> String {
        let dateFormatter = DateFormatter()
        dateFormatter.locale = Locale(identifier: "en_US_POSIX")
        dateFormatter.timeZone = TimeZone(identifier: "UTC")
        dateFormatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedHeader(subject, lineEnd: lineEnd))",
            "Date: \(dateFormatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let text = Self.base64Lines(Array(normalised.utf8), lineEnd: lineEnd)
        guard !attachments.isEmpty else {
            headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"]
            return headers.joined(separator: lineEnd) + lineEnd + lineEnd + text + lineEnd
        }
        // Base64 never holds "_", so no line of any part can be mistaken for the boundary.
        let boundary = "=_coproduce_" + messageID.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(40)
        headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        var lines = [headers.joined(separator: lineEnd), "", "This message has files attached.",
                     "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", text]
        for attachment in attachments {
            lines += [
                "--\(boundary)",
                "Content-Type: \(attachment.contentType);" + lineEnd + " " + attachment.nameParameter("name"),
                "Content-Disposition: attachment;" + lineEnd + " " + attachment.nameParameter("filename"),
                "Content-Transfer-Encoding: base64",
                "",
                Self.base64Lines(attachment.data, lineEnd: lineEnd),
            ]
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: lineEnd) + lineEnd
    }

    /// Bytes in base64, 76 characters a line.
    static func base64Lines(_ bytes: [UInt8], lineEnd: String) -> String {
        Data(bytes).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: lineEnd)
    }

    /// Short plain ASCII as it is; anything else as =?UTF-8?B?...?= words,
    /// folded so that every line, "Subject: " included, stays within 76
    /// characters, never splitting a character.
    static func encodedHeader(_ text: String, lineEnd: String = "\r\n") -> String {
        if text.count <= 60, text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var words: [String] = []
        var chunk = ""
        // 39 bytes are 52 in base64: with =?UTF-8?B? and ?= and "Subject: ", 73 characters.
        for character in text {
            if !chunk.isEmpty, chunk.utf8.count + String(character).utf8.count > 39 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: lineEnd + " ")
    }
}
