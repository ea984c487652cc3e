import Foundation

/// One reply from a mail server (RFC 5321, 4.2): a three-digit code and the
/// lines of text after it.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: done.
    public var isCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: go on (send the message, the next login step).
    public var isIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: not now; the same command may work later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: no; the same command will get the same answer.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    public var description: String { "\(code) \(lines.joined(separator: " ").trimmingCharacters(in: .whitespaces))" }
}

/// Builds replies from the lines a server sends, one line at a time: lines
/// written "250-..." go on, and the line written "250 ..." ends the reply.
public struct SMTPReplyReader: Sendable {
    /// A reply of more lines than this is not a mail server talking.
    public static let maximumLines = 200

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAReply(String)
        case codeChanged(from: Int, to: Int)
        case tooManyLines

        public var description: String {
            switch self {
            case .notAReply(let line): "The mail server sent a line that is not an SMTP reply: \"\(line.prefix(80))\""
            case .codeChanged(let from, let to): "The mail server changed its reply code from \(from) to \(to) within one reply"
            case .tooManyLines: "The mail server sent a reply of more than \(SMTPReplyReader.maximumLines) lines"
            }
        }
    }

    private var code: Int?
    private var lines: [String] = []

    public init() {}

    /// Reads one line (without its line end); gives the reply when this line finishes one.
    public mutating func read(_ line: String) throws -> SMTPReply? {
        let characters = Array(line.utf8)
        guard characters.count >= 3, characters[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              characters[0] >= UInt8(ascii: "2"), characters[0] <= UInt8(ascii: "5"),
              characters.count == 3 || characters[3] == UInt8(ascii: " ") || characters[3] == UInt8(ascii: "-")
        else { throw Problem.notAReply(line) }
        let lineCode = Int(String(decoding: characters[0...2], as: UTF8.self))!
        if let code, code != lineCode { throw Problem.codeChanged(from: code, to: lineCode) }
        code = lineCode
        lines.append(characters.count > 4 ? String(decoding: characters[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maximumLines else { throw Problem.tooManyLines }
        let continues = characters.count > 3 && characters[3] == UInt8(ascii: "-")
        guard !continues else { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        self = SMTPReplyReader()
        return reply
    }
}

/// What a server says it can do, from its answer to EHLO.
public struct SMTPCapabilities: Sendable, Equatable {
    public let startTLS: Bool
    /// Login methods offered, in capitals: "PLAIN", "LOGIN"...
    public let loginMethods: Set<String>
    /// The largest message it takes, in bytes, when it says.
    public let maximumSize: Int?

    public init(ehlo reply: SMTPReply) {
        // The first line greets; each later line names one extension and its parameters.
        let extensions = reply.lines.dropFirst().map { $0.uppercased().split(separator: " ").map(String.init) }
        startTLS = extensions.contains { $0.first == "STARTTLS" }
        loginMethods = Set(extensions.filter { $0.first == "AUTH" }.flatMap { $0.dropFirst() })
        maximumSize = extensions.first { $0.first == "SIZE" }.flatMap { $0.count > 1 ? Int($0[1]) : nil }.flatMap { $0 > 0 ? $0 : nil }
    }
}

/// The lines Coproduce sends a mail server. Every value in them was checked
/// before (addresses by `EmailMessage.isAddress`, the greeting name by
/// `isHostName`), so nothing can end a command early and start another.
public enum SMTPCommand: Sendable, Equatable {
    case ehlo(String)
    case helo(String)
    case startTLS
    /// AUTH PLAIN with the name and password in the same line (RFC 4616).
    case loginPlain(username: String, password: String)
    /// AUTH LOGIN, then the name, then the password, each in base64 on a line of its own.
    case loginStart
    case loginAnswer(String)
    case mailFrom(String)
    case recipient(String)
    case data
    case quit

    /// The line, without its CRLF.
    public var line: String {
        switch self {
        case .ehlo(let name): "EHLO \(name)"
        case .helo(let name): "HELO \(name)"
        case .startTLS: "STARTTLS"
        case .loginPlain(let username, let password): "AUTH PLAIN " + Data("\0\(username)\0\(password)".utf8).base64EncodedString()
        case .loginStart: "AUTH LOGIN"
        case .loginAnswer(let text): Data(text.utf8).base64EncodedString()
        case .mailFrom(let address): "MAIL FROM:<\(address)>"
        case .recipient(let address): "RCPT TO:<\(address)>"
        case .data: "DATA"
        case .quit: "QUIT"
        }
    }

    /// What to say in the log: never a password.
    public var loggable: String {
        switch self {
        case .loginPlain: "AUTH PLAIN (hidden)"
        case .loginAnswer: "(login answer hidden)"
        default: line
        }
    }

    /// The message as sent after DATA (RFC 5321, 4.5.2): CRLF line ends, a
    /// dot doubled at the start of a line so no line of the message can end
    /// it, and the lone dot that does.
    public static func dataBody(_ internetMessage: String) -> String {
        let lines = internetMessage.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var text = lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return text + ".\r\n"
    }

    /// A name to greet a server with: letters, digits, dots and hyphens, as in a host name.
    public static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 253 && !text.hasPrefix("-") && !text.hasPrefix(".")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }

    /// The login method to use of those a server offers: PLAIN, else LOGIN, else none we know.
    public static func loginMethod(offered: Set<String>) -> String? {
        ["PLAIN", "LOGIN"].first { offered.contains($0) }
    }
}
