@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("The area admin's e-mail page")
struct OutboxTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func queue(_ app: Application, areaID: UUID, to: String, subject: String, body: String = "Hello") async throws -> OutboxEmailModel {
        try await app.db.writeTransaction { db in
            try await EmailOutbox(db: db, now: Self.now).queue(try EmailMessage(from: "coproduce@example.org", to: to, subject: subject, body: body), areaID: areaID)
        }
    }

    @Test("With no mail set up, the admin reads what would have gone, and each reading is in the audit log")
    func keptMessages() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let other = try await Fixture.make(on: app, slug: "elsewhere", name: "Elsewhere")
            let kept = try await Self.queue(app, areaID: fixture.areaID, to: "amara@example.com", subject: "Agenda and papers",
                                            body: "Dear Amara,\n<script>alert(1)</script>\nhttps://coproduce.example.org/meetings/1")
            let hidden = try await Self.queue(app, areaID: other.areaID, to: "someone@elsewhere.example.org", subject: "Not yours")
            #expect(try await app.jobs.runDue(app) == 2)

            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let index = try await admin.get("/admin/email")
            #expect(index.status == .ok)
            let html = index.body.string
            #expect(html.contains("E-mail is not set up, so nothing is sent"))
            #expect(html.contains("amara@example.com") && html.contains("Kept here: e-mail is not set up"))
            #expect(!html.contains("someone@elsewhere.example.org"), "another area's e-mail is not listed")
            #expect(html.contains("<dt class=\"summary-list__key\">Stopped: failed, refused or not set up</dt>"))
            // Kept for want of mail set-up is not a message's own failure: the home page does not count it.
            #expect(!(try await admin.get("/").body.string.contains("has not gone")))

            let message = try await admin.get(Paths.email(try kept.recordID))
            #expect(message.status == .ok)
            #expect(message.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!message.body.string.contains("<script>alert(1)"))
            // Sending again cannot help until mail is set up, so it is not offered.
            #expect(!message.body.string.contains("Send it again") && message.body.string.contains("None yet"))
            let audit = try #require(try await AuditEventModel.query(on: app.db).filter(\.$subjectType == "email").first())
            #expect(audit.subjectID == kept.id && audit.action == "read" && audit.subjectLabel == "E-mail to amara@example.com")

            // Another area's message is not found, and nothing is written about it.
            #expect(try await admin.get(Paths.email(try hidden.recordID)).status == .notFound)
            _ = try await admin.get("/admin/email")
            #expect(try await admin.post(Paths.sendEmailAgain(try hidden.recordID)).status == .notFound)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$subjectType == "email").count() == 1)

            // Only admins: a forum officer, who can read personal data, still cannot read the area's mail.
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            #expect(try await officer.get("/admin/email").status == .forbidden)
            #expect(try await officer.get(Paths.email(try kept.recordID)).status == .forbidden)
        }
    }

    @Test("A stopped message is sent again on request; a sent one is listed as sent and cannot be sent twice")
    func sendAgain() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let transport = RecordingMailTransport()
            transport.fail(true)
            app.mailTransport = transport
            let stuck = try await Self.queue(app, areaID: fixture.areaID, to: "jo@example.com", subject: "Minutes")
            var clock = Self.now
            for attempt in 1...JobRunner.maximumAttempts {
                #expect(try await app.jobs.runDue(app) == 1)
                clock = clock.addingTimeInterval(JobQueue.backoff(afterAttempt: attempt) + 1)
                app.timeSource = FixedTimeSource(instant: clock)
            }
            let given = try #require(try await OutboxEmailModel.find(stuck.id, on: app.db))
            #expect(given.gaveUpAt != nil && given.attempts == JobRunner.maximumAttempts)
            #expect(given.state.hasPrefix("Not sent after \(JobRunner.maximumAttempts) tries. Coproduce tries again every 6 hours until "))

            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            #expect(try await admin.get("/").body.string.contains("1 e-mail has not gone: refused, or failed every try"))
            _ = try await admin.get(Paths.email(try stuck.recordID))
            transport.fail(false)
            let again = try await admin.post(Paths.sendEmailAgain(try stuck.recordID))
            #expect(again.status == .seeOther)
            #expect(try await app.jobs.runDue(app) == 1)
            #expect(transport.sent.map(\.to) == ["jo@example.com"])
            let sent = try #require(try await OutboxEmailModel.find(stuck.id, on: app.db))
            #expect(sent.sentAt != nil && sent.gaveUpAt == nil)

            _ = try await admin.get(Paths.email(try stuck.recordID))
            let twice = try await admin.post(Paths.sendEmailAgain(try stuck.recordID))
            #expect(twice.status == .seeOther)
            #expect(try await app.jobs.runDue(app) == 0)
            #expect(transport.sent.count == 1)

            let sentList = try await admin.get("/admin/email?show=sent")
            #expect(sentList.body.string.contains("jo@example.com") && sentList.body.string.contains("Showing sent messages"))
            #expect(!(try await admin.get("/admin/email")).body.string.contains("jo@example.com"))
            #expect(!(try await admin.get("/").body.string.contains("has not gone")))
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$subjectType == "email").filter(\.$action == "update").count()
            #expect(audit == 1)
        }
    }

    @Test("The area chooses to attach papers: the pack's e-mails carry the files as uploaded; a choice not offered is refused")
    func papersAttached() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let admin = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.areaAdmin]!)
            let page = try await admin.get("/admin/email")
            #expect(page.body.string.contains("value=\"links\" checked"), "links until the area chooses")
            let refused = try await admin.post("/admin/email/settings", ["papersInEmail": "carrier-pigeon"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Select how papers go with the agenda"))
            #expect(try await AreaEmailSettingsModel.query(on: app.db).count() == 0)
            _ = try await admin.get("/admin/email")
            #expect(try await admin.post("/admin/email/settings", ["papersInEmail": "attached"]).status == .seeOther)
            #expect(try await admin.get("/admin/email").body.string.contains("value=\"attached\" checked"))
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$subjectType == "email-settings").first()?.detail == "Papers with the agenda: links to attached")

            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await organiser.get("/meetings/\(meetingID)/items/new")
            _ = try await organiser.post("/meetings/\(meetingID)/items/new", [
                "title": "Short breaks", "purpose": "decision", "forumAsk": "Agree what families want first", "leadId": setting.chairID.uuidString,
            ])
            let item = try #require(try await AgendaItemModel.query(on: app.db).first())
            _ = try await organiser.postMultipart("/meetings/\(meetingID)/items/\(item.requireID())/papers/new", ["title": "What families told us"],
                                                  file: ("document", "families.txt", AgendaTests.plainPaper))
            #expect(try await organiser.post("/meetings/\(meetingID)/pack/send").status == .seeOther)

            let transport = RecordingMailTransport()
            app.mailTransport = transport
            #expect(try await app.jobs.runDue(app) == 2)
            #expect(transport.sent.count == 2)
            for message in transport.sent {
                #expect(message.attachments.map(\.fileName) == ["families.txt"])
                #expect(message.attachments.first?.data == Array(AgendaTests.plainPaper))
                #expect(message.body.contains("The papers are attached to this e-mail."))
            }
            let email = try #require(try await OutboxEmailModel.query(on: app.db).first())
            #expect(try await admin.get(Paths.email(try email.recordID)).body.string.contains("families.txt ("))
        }
    }
}
