import Foundation

/// A plain-text e-mail, checked and written out as an Internet message
/// (RFC 5322 with MIME) for a mail transfer agent. Header values that hold
/// line breaks are refused, so nothing typed can add a header or a recipient.
public struct EmailMessage: Sendable, Equatable, Codable {
    public let from: String
    public let to: [String]
    public let subject: String
    public let body: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noRecipients
        case notAnAddress(String)
        case lineBreakInHeader(String)

        public var description: String {
            switch self {
            case .noRecipients: "An e-mail needs at least one address to go to"
            case .notAnAddress(let address): "\"\(address)\" is not an e-mail address"
            case .lineBreakInHeader(let name): "The \(name) of an e-mail cannot have a line break in it"
            }
        }
    }

    public init(from: String, to: [String], subject: String, body: String) throws {
        guard !to.isEmpty else { throw Problem.noRecipients }
        for address in [from] + to {
            guard Self.isAddress(address) else { throw Problem.notAnAddress(address) }
        }
        guard !subject.contains(where: \.isNewline) else { throw Problem.lineBreakInHeader("subject") }
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// A bare address, as sendmail and SMTP take it: something@domain, no
    /// spaces, angle brackets, commas or line breaks, and no leading dash
    /// that a program could read as an option.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.hasPrefix("-"), text.utf8.count <= 254 else { return false }
        return !text.contains { $0.isWhitespace || $0.isNewline || "<>,;:\"()[]\\".contains($0) || $0.asciiValue == nil }
    }

    /// The message as an MTA reads it on its standard input (`sendmail -t -i`):
    /// CRLF line ends, the subject as an RFC 2047 encoded word when it is not
    /// plain ASCII, and the body in base64 so any text survives the trip.
    public func internetMessage(date: Date, messageID: String) -> String {
        let dateFormatter = DateFormatter()
        dateFormatter.locale = Locale(identifier: "en_US_POSIX")
        dateFormatter.timeZone = TimeZone(identifier: "UTC")
        dateFormatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(Self.encodedHeader(subject))",
            "Date: \(dateFormatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalised.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// Plain ASCII as it is; anything else as =?UTF-8?B?...?= words, each
    /// short enough for a header line and never splitting a character.
    static func encodedHeader(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if !chunk.isEmpty, chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }
}
