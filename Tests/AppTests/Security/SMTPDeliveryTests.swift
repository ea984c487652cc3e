@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor

/// A real mail server for one test: aiosmtpd, run by scripts/lib/smtp-test-server.py,
/// which keeps every message it accepts in a folder.
final class TestMailServer {
    let folder: URL
    let port: Int
    private let process: Process
    private let input: Pipe

    enum Mode: String { case startTLS = "starttls", tls, plain, injection }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/lib/smtp-test-server.py").path

    private init(folder: URL, port: Int, process: Process, input: Pipe) {
        self.folder = folder
        self.port = port
        self.process = process
        self.input = input
    }

    static func start(_ mode: Mode, login: String? = nil, methods: String? = nil, sizeLimit: Int? = nil) async throws -> TestMailServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-smtp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder.path, mode.rawValue] + (login.map { ["--login", $0] } ?? []) + (methods.map { ["--methods", $0] } ?? [])
            + (sizeLimit.map { ["--size-limit", String($0)] } ?? [])
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let portFile = folder.appendingPathComponent("port").path
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                return TestMailServer(folder: folder, port: port, process: process, input: input)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        Issue.record("The test mail server did not start. It needs aiosmtpd 1.4.6: python3 -m pip install aiosmtpd==1.4.6 (scripts/test installs it)")
        throw CancellationError()
    }

    var certificate: String { folder.appendingPathComponent("cert.pem").path }

    struct Received {
        let text: String
        let from: String
        let to: [String]
        let tls: Bool
        let login: String?
        /// As Python's e-mail parser read them.
        let subject: String
        let bodyText: String?
        let attachments: [(name: String, type: String, bytes: Int)]
        let defects: [String]
    }

    /// What arrived, in order.
    func received() throws -> [Received] {
        var messages: [Received] = []
        var number = 1
        while let data = FileManager.default.contents(atPath: folder.appendingPathComponent("mail-\(number).eml").path) {
            let envelope = try JSONSerialization.jsonObject(with: try Data(contentsOf: folder.appendingPathComponent("mail-\(number).json"))) as? [String: Any] ?? [:]
            let attachments = (envelope["attachments"] as? [[String: Any]] ?? []).map {
                (name: $0["name"] as? String ?? "", type: $0["type"] as? String ?? "", bytes: $0["bytes"] as? Int ?? -1)
            }
            messages.append(Received(text: String(decoding: data, as: UTF8.self), from: envelope["from"] as? String ?? "",
                                     to: envelope["to"] as? [String] ?? [], tls: envelope["tls"] as? Bool ?? false, login: envelope["login"] as? String,
                                     subject: envelope["subject"] as? String ?? "", bodyText: envelope["text"] as? String,
                                     attachments: attachments, defects: envelope["defects"] as? [String] ?? []))
            number += 1
        }
        return messages
    }

    func settings(_ security: SMTPSettings.Security, login: (String, String)? = nil, trustTestCertificate: Bool = true) -> SMTPSettings {
        var settings = SMTPSettings(host: "localhost", port: port, security: security, username: login?.0, password: login?.1,
                                    certificateAuthorityFile: trustTestCertificate ? certificate : nil, greetingName: "coproduce.test")
        settings.deadline = .seconds(20)
        return settings
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite("E-mail through a real mail server")
struct SMTPDeliveryTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    static func message(to: String = "amara@example.com", body: String = "Hello") throws -> EmailMessage {
        try EmailMessage(from: "coproduce@example.org", to: to, subject: "Papers for Tuesday’s meeting: à bientôt, and a long subject line to fold", body: body)
    }

    /// The decoded text of a base64 body, as the message's reader sees it.
    static func body(of text: String) -> String {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        return String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
    }

    @Test("STARTTLS and a PLAIN login: the message arrives whole, from and to the right addresses, over TLS")
    func startTLS() async throws {
        let server = try await TestMailServer.start(.startTLS, login: "coproduce:correct horse")
        defer { server.stop() }
        let transport = try SMTPTransport(settings: server.settings(.startTLS, login: ("coproduce", "correct horse")))
        let body = ".A first line starting with a dot\n.\nAnd the last line, with ünïcödé"
        try await transport.deliver(try Self.message(body: body), messageID: "m1@coproduce", date: Self.start)
        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].from == "coproduce@example.org" && received[0].to == ["amara@example.com"])
        #expect(received[0].tls && received[0].login == "coproduce")
        #expect(received[0].text.contains("Message-ID: <m1@coproduce>\r\n"))
        #expect(received[0].text.contains("Subject: =?UTF-8?B?"))
        #expect(Self.body(of: received[0].text) == body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(received[0].subject == "Papers for Tuesday’s meeting: à bientôt, and a long subject line to fold")
        #expect(received[0].bodyText == body.replacingOccurrences(of: "\n", with: "\r\n") && received[0].defects.isEmpty)
        #expect(transport.destination == "the mail server localhost, port \(server.port) (STARTTLS, signed in as coproduce)")
    }

    @Test("TLS from the first byte, with a server that offers only the LOGIN method")
    func implicitTLS() async throws {
        let server = try await TestMailServer.start(.tls, login: "coproduce:s3cret", methods: "LOGIN")
        defer { server.stop() }
        let transport = try SMTPTransport(settings: server.settings(.tls, login: ("coproduce", "s3cret")))
        try await transport.deliver(try Self.message(), messageID: "m2@coproduce", date: Self.start)
        let received = try server.received()
        #expect(received.count == 1 && received.first?.tls == true && received.first?.login == "coproduce")
    }

    @Test("Papers attached: a mail program's parser finds the text and each file whole, named as uploaded")
    func attachments() async throws {
        let server = try await TestMailServer.start(.startTLS)
        defer { server.stop() }
        var message = try Self.message(body: "The agenda.\nPapers attached.")
        let pdf = Array("%PDF-1.4\n".utf8) + (0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let notes = Array("--=_coproduce_x\nA line like a boundary.\n".utf8)
        message.attachments = [
            EmailMessage.Attachment(fileName: "Résumé d'été — short breaks.pdf", data: pdf),
            EmailMessage.Attachment(fileName: "notes.txt", data: notes),
        ]
        try await SMTPTransport(settings: server.settings(.startTLS)).deliver(message, messageID: "pack-1@coproduce", date: Self.start)
        let received = try #require(try server.received().first)
        #expect(received.defects.isEmpty)
        #expect(received.bodyText == "The agenda.\r\nPapers attached.")
        #expect(received.attachments.map(\.name) == ["Résumé d'été — short breaks.pdf", "notes.txt"])
        #expect(received.attachments.map(\.type) == ["application/pdf", "text/plain"])
        #expect(received.attachments.map(\.bytes) == [pdf.count, notes.count])
    }

    @Test("A wrong password, a certificate not trusted, and a server without STARTTLS fail with their reasons, to be tried again")
    func failures() async throws {
        let server = try await TestMailServer.start(.startTLS, login: "coproduce:right")
        defer { server.stop() }
        let wrongPassword = try SMTPTransport(settings: server.settings(.startTLS, login: ("coproduce", "wrong")))
        await #expect {
            try await wrongPassword.deliver(try Self.message(), messageID: "m3@coproduce", date: Self.start)
        } throws: { error in
            error is SMTPTransport.Failure && String(describing: error).contains("535")
        }
        let untrusted = try SMTPTransport(settings: server.settings(.startTLS, login: ("coproduce", "right"), trustTestCertificate: false))
        await #expect {
            try await untrusted.deliver(try Self.message(), messageID: "m4@coproduce", date: Self.start)
        } throws: { error in
            !(error is MessageRefused)
        }
        #expect(try server.received().isEmpty)

        let plain = try await TestMailServer.start(.plain)
        defer { plain.stop() }
        let expectsTLS = try SMTPTransport(settings: plain.settings(.startTLS))
        await #expect {
            try await expectsTLS.deliver(try Self.message(), messageID: "m5@coproduce", date: Self.start)
        } throws: { error in
            String(describing: error).contains("does not offer STARTTLS")
        }
        // Nothing to reach: the port is closed.
        var closed = plain.settings(.none)
        closed.port = 1
        await #expect {
            try await SMTPTransport(settings: closed).deliver(try Self.message(), messageID: "m6@coproduce", date: Self.start)
        } throws: { error in
            String(describing: error).contains("Could not reach the mail server localhost on port 1")
        }
        #expect(try plain.received().isEmpty)
    }

    @Test("A reply forged in the clear after the server agreed to STARTTLS ends the connection before any TLS or login")
    func startTLSInjection() async throws {
        let server = try await TestMailServer.start(.injection)
        defer { server.stop() }
        await #expect {
            try await SMTPTransport(settings: server.settings(.startTLS)).deliver(try Self.message(), messageID: "m7@coproduce", date: Self.start)
        } throws: { error in
            String(describing: error).contains("sent more after agreeing to STARTTLS")
        }
    }

    @Test("A pack too large for the receiving server goes again at once without its files, saying so, and arrives")
    func tooLargeWithFiles() async throws {
        let server = try await TestMailServer.start(.startTLS, sizeLimit: 40_000)
        defer { server.stop() }
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let context = try await MeetingsTests.context(app, setting)
            try await EmailSettingsStore(context).setPapersInEmail("attached")
            let meeting = try await MeetingStore(context).find(meetingID)
            let agenda = AgendaStore(context)
            let item = try await agenda.propose(for: meeting, .init(title: "Short breaks", purpose: "decision", forumAsk: "Agree", minutes: nil, leadId: nil))
            let big = Data(String(repeating: "Families told us short breaks help them rest. ", count: 1_200).utf8)
            _ = try await agenda.addPaper(to: item, of: meeting, title: "What families told us",
                                          upload: try await agenda.read(file: ("families.txt", big), work: app.documentWork))
            _ = try await agenda.sendPack(for: meeting, siteAddress: "https://coproduce.example.org")
            app.mailTransport = try SMTPTransport(settings: server.settings(.startTLS))
            #expect(try await app.jobs.runDue(app) == 2)
            #expect(try server.received().isEmpty)
            #expect(try await OutboxAttachmentModel.query(on: app.db).count() == 0)
            app.timeSource = FixedTimeSource(instant: MeetingsTests.now.addingTimeInterval(JobQueue.backoff(afterAttempt: 1) + 1))
            #expect(try await app.jobs.runDue(app) == 2)
            let received = try server.received()
            #expect(received.count == 2)
            #expect(received.allSatisfy { $0.attachments.isEmpty && $0.bodyText?.hasPrefix(EmailOutbox.withoutAttachmentsNote) == true })
            #expect(try await OutboxEmailModel.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
        }
    }

    @Test("Through the outbox: a refused recipient stops at once and is never retried; one told to try later goes on the next try, once")
    func refusalAndRetry() async throws {
        let server = try await TestMailServer.start(.startTLS)
        defer { server.stop() }
        try await withTestApp(now: Self.start) { app in
            app.mailTransport = try SMTPTransport(settings: server.settings(.startTLS))
            for address in ["refused@example.com", "later@example.com"] {
                _ = try await app.db.writeTransaction { db in try await EmailOutbox(db: db, now: Self.start).queue(try Self.message(to: address), areaID: nil) }
            }
            #expect(try await app.jobs.runDue(app) == 2)
            let refused = try #require(try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == "refused@example.com").first())
            #expect(refused.refusedAt != nil && refused.sentAt == nil && refused.attempts == 1)
            #expect(refused.lastError == "The mail server refused the recipient refused@example.com: 550 5.1.1 No such mailbox here")
            #expect(refused.state == "Not accepted by the person's e-mail provider: the address may be wrong")
            let later = try #require(try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == "later@example.com").first())
            #expect(later.sentAt == nil && later.refusedAt == nil && later.lastError?.contains("451 4.7.1 Greylisted") == true)
            #expect(later.state == "Not sent after 1 try. Coproduce will try again soon")
            #expect(try server.received().isEmpty)

            let next = Self.start.addingTimeInterval(JobQueue.backoff(afterAttempt: 1) + 1)
            app.timeSource = FixedTimeSource(instant: next)
            #expect(try await app.jobs.runDue(app) == 1, "only the message told to try later is tried again")
            let sent = try #require(try await OutboxEmailModel.find(later.requireID(), on: app.db))
            #expect(sent.sentAt == next && sent.lastError == nil && sent.attempts == 2)
            let received = try server.received()
            #expect(received.map(\.to) == [["later@example.com"]])

            // Days later, the sweep queues again what gave up, but not what was refused.
            let days = Self.start.addingTimeInterval(2 * 24 * 60 * 60)
            app.timeSource = FixedTimeSource(instant: days)
            try await Housekeeping.sweep(app.db, now: days)
            #expect(try await app.jobs.runDue(app) == 0)
            #expect(try server.received().count == 1)
        }
    }

    @Test("The SMTP settings are checked at start, all together")
    func settings() throws {
        let config = try AppConfig.fromEnvironment(["COPRODUCE_SMTP_HOST": "smtp.council.example.org", "COPRODUCE_SMTP_USERNAME": "coproduce",
                                                    "COPRODUCE_SMTP_PASSWORD": "pw", "COPRODUCE_SITE_ADDRESS": "https://coproduce.council.example.org"],
                                                   defaultSecureCookies: true)
        #expect(config.smtp == SMTPSettings(host: "smtp.council.example.org", port: 587, security: .startTLS, username: "coproduce", password: "pw",
                                            certificateAuthorityFile: nil, greetingName: "coproduce.council.example.org"))
        #expect(try AppConfig.fromEnvironment(["COPRODUCE_SMTP_HOST": "mail", "COPRODUCE_SMTP_SECURITY": "TLS"], defaultSecureCookies: true).smtp?.port == 465)
        #expect(try AppConfig.fromEnvironment(["COPRODUCE_PAPER_STORAGE_MB": "500"], defaultSecureCookies: true).paperStorageLimit == 500_000_000)
        let bad: [([String: String], String)] = [
            (["COPRODUCE_SMTP_HOST": "smtp.example.org\r\nRCPT"], "COPRODUCE_SMTP_HOST must be"),
            (["COPRODUCE_SMTP_HOST": "smtp.example.org", "COPRODUCE_SMTP_PORT": "70000"], "COPRODUCE_SMTP_PORT must be"),
            (["COPRODUCE_SMTP_HOST": "smtp.example.org", "COPRODUCE_SMTP_SECURITY": "ssl"], "COPRODUCE_SMTP_SECURITY must be"),
            (["COPRODUCE_SMTP_HOST": "smtp.example.org", "COPRODUCE_SMTP_USERNAME": "x"], "Set both COPRODUCE_SMTP_USERNAME and COPRODUCE_SMTP_PASSWORD"),
            (["COPRODUCE_SMTP_HOST": "smtp.example.org", "COPRODUCE_SMTP_SECURITY": "none", "COPRODUCE_SMTP_USERNAME": "x", "COPRODUCE_SMTP_PASSWORD": "y"],
             "does not send a password unencrypted"),
            (["COPRODUCE_SMTP_HOST": "smtp.example.org", "COPRODUCE_SMTP_CA_FILE": "/no/such/file.pem"], "COPRODUCE_SMTP_CA_FILE must be"),
            (["COPRODUCE_SMTP_PORT": "25"], "COPRODUCE_SMTP_PORT is set but COPRODUCE_SMTP_HOST is not"),
            (["COPRODUCE_SMTP_HOST": "smtp.example.org", "COPRODUCE_SENDMAIL": "/bin/cat"], "not both"),
            (["COPRODUCE_PAPER_STORAGE_MB": "lots"], "COPRODUCE_PAPER_STORAGE_MB must be"),
        ]
        for (environment, message) in bad {
            #expect {
                try AppConfig.fromEnvironment(environment, defaultSecureCookies: true)
            } throws: { error in
                (error as? AppConfig.Problems)?.messages.contains { $0.contains(message) } == true
            }
        }
    }
}
