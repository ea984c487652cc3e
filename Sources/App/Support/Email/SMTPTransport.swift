import Domain
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to reach the mail server, from the COPRODUCE_SMTP_... settings.
struct SMTPSettings: Sendable, Equatable {
    enum Security: String, Sendable, CaseIterable {
        /// Plain connection turned into TLS by the STARTTLS command (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only for a relay on the same machine or network.
        case none

        var defaultPort: Int {
            switch self {
            case .startTLS: 587
            case .tls: 465
            case .none: 25
            }
        }
    }

    var host: String
    var port: Int
    var security: Security
    var username: String?
    var password: String?
    /// A PEM file of certificates to trust besides the system's, for a server with a private certificate authority.
    var certificateAuthorityFile: String?
    /// The name Coproduce greets the server with (EHLO).
    var greetingName: String
    /// How long to wait for a connection.
    var connectTimeout: TimeAmount = .seconds(15)
    /// How long one message's whole conversation may take, writing a large pack on a slow link
    /// included; then the connection is closed. Well inside the job's four minutes, so a
    /// delivery never outlives its job's lease and another instance never sends it too.
    var deadline: TimeAmount = .seconds(150)
}

/// Sends each message straight to a mail server by SMTP (RFC 5321), over
/// TLS or STARTTLS, logging in with PLAIN or LOGIN when a name is set. One
/// connection a message: the outbox sends a few at a time, and a fresh
/// connection cannot be left in a half-finished state by the last one.
struct SMTPTransport: MailTransport {
    let settings: SMTPSettings
    let tls: NIOSSLContext?

    init(settings: SMTPSettings) throws {
        self.settings = settings
        if settings.security == .none {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let file = settings.certificateAuthorityFile {
                configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(file))]
            }
            tls = try NIOSSLContext(configuration: configuration)
        }
    }

    var destination: String? {
        let security = switch settings.security {
        case .startTLS: "STARTTLS"
        case .tls: "TLS"
        case .none: "no encryption"
        }
        return "the mail server \(settings.host), port \(settings.port) (\(security)\(settings.username.map { ", signed in as \($0)" } ?? ""))"
    }

    /// A failure worth trying again: the server was away, busy, or said "not now" (4xx).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func deliver(_ message: EmailMessage, messageID: String, date: Date) async throws {
        let connection = try await SMTPConnection.open(settings, tls: tls)
        // Past the deadline, or when the job is cancelled, the connection is closed, which fails whatever waits on it.
        let channel = connection.channel
        let deadline = channel.eventLoop.scheduleTask(in: settings.deadline) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        try await withTaskCancellationHandler {
            do {
                try await converse(connection, message: message, messageID: messageID, date: date)
                // The message is accepted; a server that answers QUIT badly changes nothing.
                _ = try? await connection.send(.quit)
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    private func converse(_ connection: SMTPConnection, message: EmailMessage, messageID: String, date: Date) async throws {
        try expect(try await connection.reply(), "greeting")
        var capabilities = try await greet(connection)
        if settings.security == .startTLS {
            guard capabilities.startTLS else {
                throw Failure(description: "The mail server \(settings.host) does not offer STARTTLS; set COPRODUCE_SMTP_SECURITY to tls if it takes TLS on port \(settings.port)")
            }
            try expect(try await connection.send(.startTLS), "STARTTLS")
            try await connection.startTLS(tls!, serverName: settings.host)
            // What the server said before TLS cannot be trusted: ask again (RFC 3207, 4.2).
            capabilities = try await greet(connection)
        }
        if let username = settings.username, let password = settings.password {
            try await logIn(connection, username: username, password: password, offered: capabilities.loginMethods)
        }
        let text = message.internetMessage(date: date, messageID: messageID)
        if let maximum = capabilities.maximumSize, text.utf8.count > maximum {
            throw MessageRefused(description: "The message is \(text.utf8.count) bytes; the mail server takes at most \(maximum)", tooLarge: true)
        }
        try expect(try await connection.send(.mailFrom(message.from)), "the sender \(message.from)")
        try expect(try await connection.send(.recipient(message.to)), "the recipient \(message.to)", refusalIsFinal: true)
        let ready = try await connection.send(.data)
        guard ready.code == 354 else { try expect(ready, "the message", refusalIsFinal: true); throw unexpected(ready, "DATA") }
        try await connection.write(SMTPCommand.dataBody(text))
        try expect(try await connection.reply(), "the message", refusalIsFinal: true)
    }

    private func greet(_ connection: SMTPConnection) async throws -> SMTPCapabilities {
        let reply = try await connection.send(.ehlo(settings.greetingName))
        try expect(reply, "EHLO")
        return SMTPCapabilities(ehlo: reply)
    }

    private func logIn(_ connection: SMTPConnection, username: String, password: String, offered: Set<String>) async throws {
        switch SMTPCommand.loginMethod(offered: offered) {
        case "PLAIN":
            try expect(try await connection.send(.loginPlain(username: username, password: password)), "the login")
        case "LOGIN":
            for step in [SMTPCommand.loginStart, .loginAnswer(username)] {
                let reply = try await connection.send(step)
                guard reply.code == 334 else { try expect(reply, "the login"); throw unexpected(reply, "AUTH LOGIN") }
            }
            try expect(try await connection.send(.loginAnswer(password)), "the login")
        default:
            let offeredText = offered.isEmpty ? "none" : offered.sorted().joined(separator: ", ")
            throw Failure(description: "The mail server \(settings.host) offers no login method Coproduce knows (it offers: \(offeredText)); Coproduce logs in with PLAIN or LOGIN")
        }
    }

    /// Goes on after a 2xx reply. A 5xx refusal of this recipient or this
    /// message is final; anything else may go better later.
    private func expect(_ reply: SMTPReply, _ what: String, refusalIsFinal: Bool = false) throws {
        if reply.isCompletion { return }
        if reply.isPermanentFailure, refusalIsFinal {
            // 552: too much mail storage asked for; servers give it for a message over their size limit.
            throw MessageRefused(description: "The mail server refused \(what): \(reply)", tooLarge: reply.code == 552)
        }
        throw Failure(description: "The mail server \(settings.host) answered \(what) with \(reply)")
    }

    private func unexpected(_ reply: SMTPReply, _ command: String) -> Failure {
        Failure(description: "The mail server \(settings.host) answered \(command) with \(reply)")
    }
}

/// One connection to a mail server: commands go out as lines, and each
/// reply comes back through `SMTPReplyHandler`.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<SMTPReplyHandler>
    /// The conversation at trace level, passwords hidden (`SMTPCommand.loggable`), for whoever looks into a failing server.
    static let logger = Logger(label: "coproduce.smtp")

    static func open(_ settings: SMTPSettings, tls: NIOSSLContext?) async throws -> SMTPConnection {
        let implicitTLS = settings.security == .tls ? tls : nil
        let serverName = Self.serverName(settings.host)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(settings.connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPTransport.Failure(description: "Could not reach the mail server \(settings.host) on port \(settings.port): \(error)")
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return SMTPConnection(channel: channel, handler: handler)
    }

    /// Certificates are checked against the host's name; an address written as numbers has no name to send.
    static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    func reply() async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let handler = self.handler
        channel.eventLoop.execute { handler.value.expectReply(promise) }
        return try await promise.futureResult.get()
    }

    func send(_ command: SMTPCommand) async throws -> SMTPReply {
        Self.logger.trace("SMTP sent: \(command.loggable)")
        try await write(command.line + "\r\n")
        let answer = try await reply()
        Self.logger.trace("SMTP answered: \(answer)")
        return answer
    }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Turns the connection into TLS after the server agreed to STARTTLS.
    func startTLS(_ context: NIOSSLContext, serverName host: String) async throws {
        let handler = self.handler
        let channel = self.channel
        let serverName = Self.serverName(host)
        try await channel.eventLoop.submit {
            // Anything the server sent after agreeing was sent in the clear and may have been put
            // there by someone in between (CVE-2011-0411): refuse rather than read it as TLS's.
            try handler.value.requireNothingWaiting()
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    func close() async throws {
        try await channel.close().get()
    }
}

/// Cuts what the server sends into lines and the lines into replies, and
/// hands each reply to the one waiting for it.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// RFC 5321 allows reply lines of 512 bytes; anything far longer is not a mail server.
    static let maximumLineLength = 4096

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    private var unread = ByteBuffer()
    private var reader = SMTPReplyReader()
    private var replies: [SMTPReply] = []
    private var waiting: EventLoopPromise<SMTPReply>?
    private var failure: (any Error)?

    func expectReply(_ promise: EventLoopPromise<SMTPReply>) {
        if !replies.isEmpty {
            promise.succeed(replies.removeFirst())
        } else if let failure {
            promise.fail(failure)
        } else {
            waiting = promise
        }
    }

    func requireNothingWaiting() throws {
        guard replies.isEmpty, unread.readableBytes == 0 else {
            throw Problem(description: "The mail server sent more after agreeing to STARTTLS; the connection was not trusted")
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        unread.writeBuffer(&bytes)
        while let end = unread.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = unread.readString(length: end - unread.readerIndex) ?? ""
            unread.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            do {
                if let reply = try reader.read(line) { arrived(reply) }
            } catch {
                stop(error, context: context)
                return
            }
        }
        if unread.readableBytes > Self.maximumLineLength {
            stop(Problem(description: "The mail server sent a line of more than \(Self.maximumLineLength) bytes"), context: context)
            return
        }
        unread.discardReadBytes()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        stop(error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(Problem(description: "The connection to the mail server closed before it answered (or it took too long)"))
        context.fireChannelInactive()
    }

    private func arrived(_ reply: SMTPReply) {
        if let waiting {
            self.waiting = nil
            waiting.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    private func stop(_ error: any Error, context: ChannelHandlerContext) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: any Error) {
        if failure == nil { failure = error }
        if let waiting {
            self.waiting = nil
            waiting.fail(failure ?? error)
        }
    }
}
