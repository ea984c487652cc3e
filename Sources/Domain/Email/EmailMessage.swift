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
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedHeader(subject, lineEnd: lineEnd))",
            "Date: \(dateFormatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalised.utf8).base64EncodedString(options: .lineLength76Characters)
            .replacingOccurrences(of: "\r\n", with: lineEnd)
        return headers.joined(separator: lineEnd) + lineEnd + lineEnd + encoded + lineEnd
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
