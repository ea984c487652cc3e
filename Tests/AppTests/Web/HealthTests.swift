@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Meetings: the morning check, reminders and the agreement's health")
struct HealthTests {
    @Test("The morning round keeps each meeting's results and e-mails the organiser while a promise is at risk")
    func morningRound() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await PartnersTests.partnership(app)
            let meeting = try #require(try await MeetingModel.find(meetingID, on: app.db))
            meeting.$officer.id = setting.officerID
            try await meeting.save(on: app.db)

            // The daily round queues a job for each area, and the next round for tomorrow morning; the area's job queues the reminder's delivery.
            try await JobQueue(db: app.db, now: MeetingsTests.now).add(MeetingChecks.kind, .init())
            let ran = try await app.jobs.runDue(app)
            let failures = try await JobModel.query(on: app.db).all().compactMap(\.lastError)
            #expect(ran == 3, "\(failures)")
            let next = try #require(try await JobModel.query(on: app.db).filter(\.$kind == "meeting-checks").filter(\.$finishedAt == nil).first())
            #expect(next.runAfter == (try UKDateTime(date: CalendarDate(iso8601: "2027-03-03")!, time: TimeOfDay("07:00")!).instant().get()))

            let results = try await MeetingRuleResultModel.query(on: app.db).filter(\.$meeting.$id == meetingID).all()
            #expect(results.count == 12)
            #expect(results.contains { $0.result == .atRisk && $0.evidence == "Send the agenda and papers by Tuesday 2 March 2027 to keep the 7-day promise." })
            let reminder = try #require(try await OutboxEmailModel.query(on: app.db).first())
            #expect(reminder.toAddress == "partner-officer@testshire.example.org")
            #expect(reminder.subject.hasSuffix("promises at risk: Liaison Meeting, Tuesday 9 March 2027"))
            #expect(reminder.body.contains("- Clause 4.6 d: Send the agenda and papers by Tuesday 2 March 2027 to keep the 7-day promise."))

            // Checking again replaces the results rather than adding to them.
            try await JobQueue(db: app.db, now: MeetingsTests.now).add(MeetingChecks.kind, .init(areaID: setting.fixture.areaID))
            #expect(try await app.jobs.runDue(app) == 2)
            #expect(try await MeetingRuleResultModel.query(on: app.db).filter(\.$meeting.$id == meetingID).count() == 12)
            #expect(try await OutboxEmailModel.query(on: app.db).count() == 2)
        }
    }

    @Test("The health page shows each rule's kept rate as a chart and a table, for the area or one group, and downloads as CSV")
    func healthPage() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, _) = try await AgendaTests.meeting(app)
            let context = try await MeetingsTests.context(app, setting)
            let group = try #require(try await GroupModel.find(setting.groupID, on: app.db))
            // Two past meetings: one in the agreement's hours, one starting at 9am.
            for (date, start) in [("2027-01-12", "10am"), ("2027-02-09", "9am")] {
                var input = MeetingsTests.input(date: date, startsAt: start)
                input.chairId = setting.chairID.uuidString
                let meeting = try await MeetingStore(context).schedule(for: group, input)[0]
                try await RuleResultStore(context).record(try #require(try await MeetingModel.query(on: app.db).filter(\.$id == meeting.requireID())
                    .with(\.$group).with(\.$chair) { $0.with(\.$organisation) }.with(\.$contact) { $0.with(\.$organisation) }.first()))
            }
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.boardViewer]!)
            let page = try await browser.get("/agreement-health")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("April 2026 to March 2027"))
            #expect(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<title id=\"rules-chart-title\">"))
            // The time window: kept in January, broken in February.
            #expect(html.contains("<td data-label=\"Kept, per cent\">50%</td>"))
            #expect(try await browser.get("/agreement-health?group=\(setting.groupID)").status == .ok)
            #expect(try await browser.get("/agreement-health?group=not-a-group").status == .notFound)
            #expect(try await browser.get("/agreement-health?group=\(UUID())").status == .notFound)

            let csv = try await browser.get("/agreement-health.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"agreement-health.csv\"")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines[0] == "Clause,Rule,Month starting,Meetings that kept it,Meetings that broke it,Meetings with no final answer,Per cent kept")
            #expect(lines.contains("4.6 a,Meetings start no earlier than 10am and end by 2pm,All 12 months,1,1,0,50"))
            #expect(lines.contains("4.6 a,Meetings start no earlier than 10am and end by 2pm,2027-02-01,0,1,0,0"))
            let named = try await browser.get("/agreement-health.csv?group=\(setting.groupID)")
            #expect(named.headers.first(name: .contentDisposition) == "attachment; filename=\"agreement-health-liaison-meeting.csv\"")
        }
    }

    @Test("The home page counts meetings with a promise at risk, and follows a fix as soon as the meeting is looked at")
    func homeAttention() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            let before = try await organiser.get("/").body.string
            #expect(!before.contains("promise of the partnership agreement at risk"), "nothing kept yet, so nothing claimed")

            try await JobQueue(db: app.db, now: MeetingsTests.now).add(MeetingChecks.kind, .init(areaID: setting.fixture.areaID))
            _ = try await app.jobs.runDue(app)
            let home = try await organiser.get("/").body.string
            #expect(home.contains("1 meeting has a promise of the partnership agreement at risk"))
            #expect(home.contains("href=\"/meetings?needs=promises-at-risk\""))
            let list = try await organiser.get("/meetings?needs=promises-at-risk").body.string
            #expect(list.contains("/meetings/\(meetingID)") && list.contains("where a promise of the partnership agreement will be broken"))
            // A board viewer sees the same promise at risk, and can open the list, though not arrange meetings.
            let board = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.boardViewer]!)
            #expect(try await board.get("/").body.string.contains("1 meeting has a promise of the partnership agreement at risk"))
            #expect(try await board.get("/meetings?needs=promises-at-risk").body.string.contains("/meetings/\(meetingID)"))

            // The organiser sends the pack: the meeting's page shows it kept, and the home page stops counting it.
            _ = try await organiser.get("/meetings/\(meetingID)/items/new")
            _ = try await organiser.post("/meetings/\(meetingID)/items/new", [
                "title": "Short breaks", "purpose": "decision", "forumAsk": "Agree what families want first", "leadId": setting.chairID.uuidString,
            ])
            let item = try #require(try await AgendaItemModel.query(on: app.db).first())
            _ = try await organiser.postMultipart("/meetings/\(meetingID)/items/\(item.requireID())/papers/new", ["title": "What families told us"],
                                                  file: ("document", "families.txt", AgendaTests.plainPaper))
            #expect(try await organiser.post("/meetings/\(meetingID)/pack/send").status == .seeOther)
            _ = try await organiser.get("/meetings/\(meetingID)")
            let kept = try await MeetingRuleResultModel.query(on: app.db).filter(\.$meeting.$id == meetingID).filter(\.$result == .atRisk).count()
            #expect(kept == 0)
            #expect(!(try await organiser.get("/").body.string.contains("at risk")))
        }
    }

    @Test("A cell a spreadsheet would run as a formula is written as text")
    func formulaCells() {
        #expect(CSVDownload.cell("=HYPERLINK(\"http://evil.example\")") == "'=HYPERLINK(\"http://evil.example\")")
        #expect(CSVDownload.cell("+44 1632") == "'+44 1632")
        #expect(CSVDownload.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVDownload.cell("-5") == "-5")
        #expect(CSVDownload.cell("4.6 a") == "4.6 a")
        #expect(CSVDownload.cell("") == "")
    }
}
