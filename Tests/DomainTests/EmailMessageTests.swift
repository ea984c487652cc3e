import Domain
import Foundation
import Testing

@Suite("E-mail messages")
struct EmailMessageTests {
    let date = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("Nothing typed can add a header or a recipient")
    func refusesInjection() {
        #expect(throws: EmailMessage.Problem.lineBreakInHeader("subject")) {
            try EmailMessage(from: "a@example.org", to: "b@example.org", subject: "Papers\r\nBcc: c@example.org", body: "")
        }
        for address in ["b@example.org\nBcc: c@example.org", "Jo <jo@example.org>", "-oQ/tmp@example.org", "root\u{0}@example.org",
                        "a,b@example.org", "amara@exämple.org", "tab\t@example.org", "", "@example.org", "amara@localhost"] {
            #expect(throws: EmailMessage.Problem.notAnAddress(address)) {
                try EmailMessage(from: "a@example.org", to: address, subject: "Papers", body: "")
            }
        }
    }

    @Test("The message has CRLF line ends, the headers an MTA needs, and the body whole in base64")
    func internetMessage() throws {
        let body = "Hello Amara,\n\nThe papers for Tuesday are attached.\r\n.\nZoë"
        let message = try EmailMessage(from: "coproduce@riverside.example.org", to: "amara@example.com",
                                       subject: "Papers for the liaison meeting", body: body)
        let text = message.internetMessage(date: date, messageID: "123@coproduce")
        let (head, encoded) = try #require(text.range(of: "\r\n\r\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) })
        let headers = head.components(separatedBy: "\r\n")
        #expect(headers.contains("From: coproduce@riverside.example.org"))
        #expect(headers.contains("To: amara@example.com"))
        #expect(headers.contains("Subject: Papers for the liaison meeting"))
        #expect(headers.contains("Message-ID: <123@coproduce>"))
        #expect(headers.contains("Date: Mon, 30 Nov 2026 00:53:20 +0000"))
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        let decoded = String(decoding: try #require(Data(base64Encoded: encoded.replacingOccurrences(of: "\r\n", with: ""))), as: UTF8.self)
        #expect(decoded == "Hello Amara,\r\n\r\nThe papers for Tuesday are attached.\r\n.\r\nZoë")
        // For a program's standard input, the same message with Unix line ends.
        #expect(message.internetMessage(date: date, messageID: "123@coproduce", lineEnd: "\n") == text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    @Test("A long plain subject is folded into encoded words too, so no header line is too long")
    func longSubject() throws {
        let subject = String(repeating: "Papers for the SEND strategy group ", count: 40)
        let message = try EmailMessage(from: "a@example.org", to: "b@example.org", subject: subject, body: "")
        let text = message.internetMessage(date: date, messageID: "1@x")
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test("A subject beyond plain ASCII is sent as encoded words that fit a header line and decode back")
    func encodedSubject() throws {
        let subject = "Réunion du forum — 👩🏽‍🦽 accès et café, agenda révisé pour la prochaine séance"
        let message = try EmailMessage(from: "a@example.org", to: "b@example.org", subject: subject, body: "")
        let text = message.internetMessage(date: date, messageID: "1@x")
        let lines = text.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var folded = [String(lines[start].dropFirst("Subject: ".count))]
        var next = start + 1
        while lines[next].hasPrefix(" ") { folded.append(String(lines[next].dropFirst())); next += 1 }
        #expect(folded.count > 1)
        #expect(folded.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        #expect(lines[start].count <= 76 && lines[start + 1 ..< next].allSatisfy { $0.count <= 76 })
        let decoded = folded.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
    }

    @Test("With files, the message is multipart: the text first, then each file in base64 under a boundary no part can hold")
    func attachments() throws {
        var message = try EmailMessage(from: "a@example.org", to: "b@example.org", subject: "Papers", body: "Agenda")
        message.attachments = [
            .init(fileName: "Short breaks.pdf", data: Array("%PDF".utf8)),
            .init(fileName: "Résumé d'été.docx", data: [0, 1, 2]),
        ]
        let text = message.internetMessage(date: Date(timeIntervalSince1970: 0), messageID: "pack-7@coproduce")
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"=_coproduce_pack7coproduce\"\r\n"))
        #expect(text.components(separatedBy: "\r\n--=_coproduce_pack7coproduce\r\n").count == 4)
        #expect(text.hasSuffix("\r\n--=_coproduce_pack7coproduce--\r\n"))
        #expect(text.contains("Content-Type: application/pdf;\r\n name=\"Short breaks.pdf\"\r\nContent-Disposition: attachment;\r\n filename=\"Short breaks.pdf\"\r\n"))
        #expect(text.contains("filename*=UTF-8''R%C3%A9sum%C3%A9%20d%27%C3%A9t%C3%A9.docx\r\n"))
        #expect(text.contains("\r\n\r\nJVBERg==\r\n") && text.contains("\r\n\r\nAAEC\r\n"))
        #expect(EmailMessage.Attachment.contentType(of: "notes.TXT") == "text/plain; charset=utf-8")
        #expect(EmailMessage.Attachment.contentType(of: "archive.zip") == "application/octet-stream")
        // A name too long for one header line keeps its end, with the kind of file.
        let long = EmailMessage.Attachment(fileName: String(repeating: "é", count: 400) + ".pdf", data: [])
        let parameter = long.nameParameter("filename")
        #expect(parameter.count <= 998 && parameter.hasSuffix("%C3%A9.pdf"))
    }

    @Test("Papers go attached only when the area chooses it and they fit in 7 MB together")
    func packPapers() {
        #expect(PackPapers.decide(.links, totalBytes: 100, paperCount: 1) == .links)
        #expect(PackPapers.decide(.attached, totalBytes: 0, paperCount: 0) == .links)
        #expect(PackPapers.decide(.attached, totalBytes: PackPapers.attachmentLimit, paperCount: 3) == .attached)
        #expect(PackPapers.decide(.attached, totalBytes: PackPapers.attachmentLimit + 1, paperCount: 3) == .tooLargeToAttach(bytes: PackPapers.attachmentLimit + 1))
    }
}
