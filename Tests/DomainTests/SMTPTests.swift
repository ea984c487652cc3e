import Domain
import Foundation
import Testing

@Suite("SMTP replies and commands")
struct SMTPTests {
    func read(_ lines: [String]) throws -> [SMTPReply] {
        var reader = SMTPReplyReader()
        return try lines.compactMap { try reader.read($0) }
    }

    @Test("A reply of one line, and one of several lines ending at the line with a space after its code")
    func replies() throws {
        #expect(try read(["220 mail.example.org ESMTP ready"]) == [SMTPReply(code: 220, lines: ["mail.example.org ESMTP ready"])])
        let ehlo = try read(["250-mail.example.org greets you", "250-STARTTLS", "250-AUTH PLAIN LOGIN", "250 SIZE 1000"])
        #expect(ehlo == [SMTPReply(code: 250, lines: ["mail.example.org greets you", "STARTTLS", "AUTH PLAIN LOGIN", "SIZE 1000"])])
        // A bare code is a whole reply; two replies in a row come out one at a time.
        #expect(try read(["250", "354 go on"]).map(\.code) == [250, 354])
        let refused = try #require(try read(["550 5.1.1 No such mailbox"]).first)
        #expect(refused.isPermanentFailure && !refused.isTransientFailure && refused.description == "550 5.1.1 No such mailbox")
        #expect(try read(["451 later"]).first?.isTransientFailure == true)
        #expect(try read(["334 VXNlcm5hbWU6"]).first?.isIntermediate == true)
    }

    @Test("Lines that are not replies are refused rather than guessed at")
    func malformed() throws {
        for line in ["", "25", "hello", "250x", "650 nonsense", "099 low", "2a0 letters", "+OK pop3"] {
            var reader = SMTPReplyReader()
            #expect(throws: SMTPReplyReader.Problem.notAReply(line)) { try reader.read(line) }
        }
        var reader = SMTPReplyReader()
        _ = try reader.read("250-first")
        #expect(throws: SMTPReplyReader.Problem.codeChanged(from: 250, to: 550)) { try reader.read("550 second") }
        var endless = SMTPReplyReader()
        #expect(throws: SMTPReplyReader.Problem.tooManyLines) {
            for _ in 0...SMTPReplyReader.maximumLines { _ = try endless.read("250-more") }
        }
    }

    @Test("What a server offers is read from its EHLO reply, whatever the case")
    func capabilities() {
        let offered = SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["mail.example.org STARTTLS AUTH is in my name", "starttls", "Auth login Plain", "SIZE 35882577", "8BITMIME"]))
        #expect(offered.startTLS && offered.loginMethods == ["LOGIN", "PLAIN"] && offered.maximumSize == 35_882_577)
        let bare = SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["mail.example.org"]))
        #expect(!bare.startTLS && bare.loginMethods.isEmpty && bare.maximumSize == nil)
        // SIZE 0 means no stated limit.
        #expect(SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["x", "SIZE 0"])).maximumSize == nil)
        #expect(SMTPCommand.loginMethod(offered: ["LOGIN", "PLAIN", "CRAM-MD5"]) == "PLAIN")
        #expect(SMTPCommand.loginMethod(offered: ["LOGIN", "XOAUTH2"]) == "LOGIN")
        #expect(SMTPCommand.loginMethod(offered: ["CRAM-MD5"]) == nil)
    }

    @Test("Commands are written as the RFCs say, and passwords never reach the log")
    func commands() {
        #expect(SMTPCommand.mailFrom("coproduce@example.org").line == "MAIL FROM:<coproduce@example.org>")
        #expect(SMTPCommand.recipient("amara@example.com").line == "RCPT TO:<amara@example.com>")
        // RFC 4616: NUL, name, NUL, password, in base64.
        #expect(SMTPCommand.loginPlain(username: "user", password: "pass").line == "AUTH PLAIN AHVzZXIAcGFzcw==")
        #expect(SMTPCommand.loginAnswer("user").line == "dXNlcg==")
        #expect(!SMTPCommand.loginPlain(username: "user", password: "pass").loggable.contains("AHVzZXIAcGFzcw"))
        #expect(SMTPCommand.loginAnswer("secret").loggable == "(login answer hidden)")
        #expect(SMTPCommand.isHostName("coproduce.council.example.org") && SMTPCommand.isHostName("127.0.0.1"))
        for bad in ["", "-x", ".x", "a b", "a\r\nRCPT TO:<x@y.org>", "host/name", "exämple.org"] {
            #expect(!SMTPCommand.isHostName(bad), "\(bad)")
        }
    }

    @Test("A line of the message starting with a dot is doubled, so only the final dot ends it")
    func dataBody() {
        #expect(SMTPCommand.dataBody("Subject: x\r\n\r\n.\r\n..two\r\nend\r\n") == "Subject: x\r\n\r\n..\r\n...two\r\nend\r\n.\r\n")
        #expect(SMTPCommand.dataBody("no line end") == "no line end\r\n.\r\n")
        #expect(SMTPCommand.dataBody("unix\nlines\n.") == "unix\r\nlines\r\n..\r\n.\r\n")
        // A real message keeps every line as it was, apart from the dots.
        let message = try? EmailMessage(from: "a@example.org", to: "b@example.org", subject: "Papers", body: ".\nA line\n.")
        let text = message!.internetMessage(date: Date(timeIntervalSince1970: 0), messageID: "1@x")
        #expect(SMTPCommand.dataBody(text) == text + ".\r\n")
    }
}
