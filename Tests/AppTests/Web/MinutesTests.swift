@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Minutes and actions")
struct MinutesTests {
    /// Wednesday 10 March 2027 at 9am: the day after the 9 March meeting.
    static let dayAfter = MeetingsTests.now.addingTimeInterval(8 * 86_400)

    @Test("Minutes go from draft to sent to approved at the next meeting, and approved minutes are the record")
    func minutesLifecycle() async throws {
        try await withTestApp(now: Self.dayAfter) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/meetings/\(meetingID)/minutes")
            let empty = try await browser.post("/meetings/\(meetingID)/minutes", ["text": "  ", "decisions": ""])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Enter the minutes"))
            #expect(try await MinutesModel.query(on: app.db).count() == 0)
            let saved = try await browser.post("/meetings/\(meetingID)/minutes", [
                "text": "The group talked about short breaks.", "decisions": "Put short breaks on one page\n\n  Ask families again  ",
            ])
            #expect(saved.status == .seeOther)
            let minutes = try #require(try await MinutesModel.query(on: app.db).first())
            #expect(minutes.status == .draft && minutes.decisions == ["Put short breaks on one page", "Ask families again"])

            #expect(try await browser.post("/meetings/\(meetingID)/minutes/circulate").status == .seeOther)
            let emails = try await OutboxEmailModel.query(on: app.db).all()
            #expect(emails.count == 2 && emails.allSatisfy { $0.subject == "Minutes: Liaison Meeting, Tuesday 9 March 2027" })
            #expect(try await MinutesModel.query(on: app.db).first()?.status == .circulated)

            // Approval waits for the group's next meeting to start.
            let early = try await browser.post("/meetings/\(meetingID)/minutes/approve")
            #expect(early.status == .unprocessableEntity && early.body.string.contains("Record it once that meeting has started"))
            let store = MeetingStore(try await MeetingsTests.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            // A meeting at 8am on 10 March has started by 9am.
            var next = MeetingsTests.input(date: "2027-03-10", startsAt: "8am", endsAt: "9am")
            next.chairId = setting.chairID.uuidString
            let nextMeeting = try await store.schedule(for: group, next)[0]
            #expect(try await browser.post("/meetings/\(meetingID)/minutes/approve").status == .seeOther)
            let approved = try #require(try await MinutesModel.query(on: app.db).first())
            let nextID = try nextMeeting.requireID()
            #expect(approved.status == .approved && approved.$approvedAtMeeting.id == nextID)
            let page = try await browser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Approved as a true record at the meeting on 10 March 2027."))
            #expect(!page.contains("Change the minutes"))
            let change = try await browser.post("/meetings/\(meetingID)/minutes", ["text": "Rewritten"])
            #expect(change.status == .unprocessableEntity && change.body.string.contains("approved as a true record"))

            // Written, sent and approved are each in the meeting's history, with the status before and after.
            let log = try await AuditEventModel.query(on: app.db).filter(\.$subjectID == meetingID).all()
            let details = log.compactMap(\.detail)
            #expect(details.contains("Minutes written") && details.contains("Minutes sent to 2 members"))
            #expect(details.contains("Minutes approved at the meeting on 10 March 2027"))
            let approval = try #require(log.first { $0.detail == "Minutes approved at the meeting on 10 March 2027" })
            #expect(approval.changes == [AuditChange(field: "Minutes status", before: "Sent to members", after: "Approved")])
        }
    }

    @Test("An open action comes back as a matter arising until it is done; overdue ones show on the group page and the owner's home")
    func actions() async throws {
        try await withTestApp(now: Self.dayAfter) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await organiser.get("/meetings/\(meetingID)/actions/new")
            let bad = try await organiser.post("/meetings/\(meetingID)/actions/new", [
                "text": "", "ownerId": UUID().uuidString, "dueOn[day]": "31", "dueOn[month]": "2", "dueOn[year]": "2027",
            ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter what is to be done") && bad.body.string.contains("Select who will do it from the members of Liaison Meeting"))
            #expect(try await ActionModel.query(on: app.db).count() == 0)
            // Due the day before today: overdue at once.
            let added = try await organiser.post("/meetings/\(meetingID)/actions/new", [
                "text": "Reply to the forum about waiting times", "ownerId": setting.officerID.uuidString,
                "dueOn[day]": "9", "dueOn[month]": "3", "dueOn[year]": "2027",
            ])
            #expect(added.status == .seeOther)
            let action = try #require(try await ActionModel.query(on: app.db).first())

            let store = MeetingStore(try await MeetingsTests.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            let next = try await store.schedule(for: group, MeetingsTests.input(date: "2027-04-13"))[0]
            let nextPage = try await organiser.get("/meetings/\(try next.requireID())").body.string
            #expect(nextPage.contains("Matters arising") && nextPage.contains("Reply to the forum about waiting times") && nextPage.contains("Overdue"))
            #expect(try await organiser.get("/groups/\(setting.groupID)").body.string.contains("Overdue actions"))

            let owner = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            #expect(try await owner.get("/").body.string.contains("You have 1 overdue action from meetings"))
            #expect(try await owner.get("/actions").body.string.contains("Reply to the forum about waiting times"))

            _ = try await organiser.get("/meetings/\(meetingID)/actions/\(try action.requireID())/edit")
            let done = try await organiser.post("/meetings/\(meetingID)/actions/\(try action.requireID())/edit", [
                "text": "Reply to the forum about waiting times", "ownerId": setting.officerID.uuidString, "status": "done", "notes": "Letter sent",
                "dueOn[day]": "9", "dueOn[month]": "3", "dueOn[year]": "2027",
            ])
            #expect(done.status == .seeOther)
            let closed = try #require(try await ActionModel.find(action.requireID(), on: app.db))
            #expect(closed.status == .done && closed.closedOn == CalendarDate(iso8601: "2027-03-10"))
            #expect(!(try await organiser.get("/meetings/\(try next.requireID())").body.string.contains("Matters arising")))
            #expect(!(try await owner.get("/").body.string.contains("overdue action")))
        }
    }

    @Test("The API writes minutes and actions, and the meeting shows them")
    func api() async throws {
        try await withTestApp(now: Self.dayAfter) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let client = try await APIClient.make(app, setting.fixture, .partnerOfficer)
            let (saved, minutes) = try await client.json(.PUT, "/api/v1/meetings/\(meetingID)/minutes", #"{"text":"We met.","decisions":["Agree the plan"]}"#)
            #expect(saved == .ok && minutes["status"] as? String == "draft")
            let (approveTooSoon, _) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/minutes/approve")
            #expect(approveTooSoon == .unprocessableEntity)
            let (circulated, sent) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/minutes/circulate")
            #expect(circulated == .ok && sent["status"] as? String == "circulated" && sent["circulatedAt"] as? String == "2027-03-10T09:00:00Z")

            let (created, action) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/actions",
                                                          #"{"text":"Write to families","ownerId":"\#(setting.chairID)","dueOn":"2027-03-01"}"#)
            #expect(created == .created && action["overdue"] as? Bool == true && action["status"] as? String == "open")
            let actionID = try #require(action["id"] as? String)
            let (noStatus, _) = try await client.json(.PUT, "/api/v1/meetings/\(meetingID)/actions/\(actionID)", #"{"text":"Write to families"}"#)
            #expect(noStatus == .unprocessableEntity)
            let (updated, done) = try await client.json(.PUT, "/api/v1/meetings/\(meetingID)/actions/\(actionID)",
                                                        #"{"text":"Write to families","status":"done","dueOn":"2027-03-01"}"#)
            #expect(updated == .ok && done["overdue"] as? Bool == false && done["ownerId"] == nil)

            let (_, meeting) = try await client.json(.GET, "/api/v1/meetings/\(meetingID)")
            #expect((meeting["minutes"] as? [String: Any])?["decisions"] as? [String] == ["Agree the plan"])
            #expect((meeting["actions"] as? [[String: Any]])?.count == 1)
        }
    }
}
