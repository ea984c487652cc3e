@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Complaint handling: references, owners, response dates, outcomes, themes and history")
struct ComplaintHandlingWebTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 18 November 2026

    static func record(_ browser: TestBrowser, _ fixture: Fixture, day: Int, summary: String, extra: [String: String] = [:], themes: [String] = []) async throws -> TestingHTTPResponse {
        _ = try await browser.get("/complaints/new")
        return try await browser.post("/complaints/new", ["receivedOn[day]": String(day), "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                          "aboutOrganisationId": fixture.councilID.uuidString, "summary": summary, "status": "received"]
                                                         .merging(extra) { $1 }, list: themes.map { ("themes[]", $0) })
    }

    @Test("Each complaint gets the year's next reference, the area's response date, an owner and themes; changes of status are kept")
    func handling() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let first = try await Self.record(officer, fixture, day: 1, summary: "Papers late",
                                              extra: ["ownerId": fixture.personIDs[.partnerOfficer]!.uuidString], themes: ["communication", "waiting-times"])
            #expect(first.status == .seeOther)
            // The area's standard changes: later complaints are due sooner, earlier ones keep their dates.
            _ = try await officer.get("/complaints/settings")
            let bad = try await officer.post("/complaints/settings", ["responseDays": "0"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Enter the number of days, from 1 to 365"))
            #expect(try await officer.post("/complaints/settings", ["responseDays": "10"]).status == .seeOther)
            _ = try await Self.record(officer, fixture, day: 15, summary: "Meeting moved at a day's notice")
            let complaints = try await ComplaintModel.query(on: app.db).sort(\.$receivedOn).all()
            #expect(complaints.map(\.reference) == ["C-2026-0001", "C-2026-0002"])
            #expect(complaints.map(\.responseDueOn) == [CalendarDate(year: 2026, month: 11, day: 21), CalendarDate(year: 2026, month: 11, day: 25)])
            #expect(complaints[0].themes == [.communication, .waitingTimes])
            #expect(complaints[0].$owner.id == fixture.personIDs[.partnerOfficer])

            // Received on 1 November and due on the 21st, it is not overdue on the 18th; three days later it is.
            #expect(!(try await officer.get("/").body.string.contains("overdue")))
            app.timeSource = FixedTimeSource(instant: Self.now.addingTimeInterval(4 * 86_400))
            // Sessions last a working day: sign in again, four days on.
            let later = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let home = try await later.get("/").body.string
            #expect(home.contains("<a href=\"/complaints?show=overdue\">1 complaint&#39;s response is overdue</a>"))
            let overdue = try await later.get("/complaints?show=overdue").body.string
            #expect(overdue.contains("C-2026-0001") && !overdue.contains("C-2026-0002"))
            let board = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let theirs = try await board.get("/").body.string
            #expect(theirs.contains("<li>1 complaint&#39;s response is overdue</li>") && !theirs.contains("Papers late"))

            let id = try complaints[0].requireID()
            let page = try await later.get("/complaints/\(id)").body.string
            #expect(page.contains("Complaint C-2026-0001 about Testshire Council"))
            #expect(page.contains("The response was due by 21 November 2026 and has not been sent."))
            #expect(page.contains("Partner officer of Testshire") && page.contains("Communication and information, Waiting times"))
            _ = try await later.post("/complaints/\(id)/edit", ["receivedOn[day]": "1", "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                                  "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Papers late",
                                                                  "status": "responded", "responseDueOn[day]": "21", "responseDueOn[month]": "11",
                                                                  "responseDueOn[year]": "2026", "ownerId": fixture.personIDs[.partnerOfficer]!.uuidString,
                                                                  "outcome": "Apology; papers now go out a week ahead", "lessonsLearned": "Agree deadlines with the chair"],
                                       list: [("themes[]", "communication")])
            let history = try await ComplaintStatusChangeModel.query(on: app.db).filter(\.$complaint.$id == id).sort(\.$createdAt).all()
            #expect(history.map(\.status) == [.received, .responded])
            #expect(history.map(\.changedBy) == ["Forum officer of Testshire", "Forum officer of Testshire"])
            let after = try await later.get("/complaints/\(id)").body.string
            #expect(after.contains("How it has progressed") && after.contains("Response sent") && after.contains("Agree deadlines with the chair"))
            #expect(!(try await later.get("/").body.string.contains("overdue")))

            let table = try CSVTable(try await later.get("/complaints.csv?show=all").body.string)
            #expect(table.records.map { $0["Reference"]! } == ["C-2026-0002", "C-2026-0001"])
            #expect(table.records.last?["Themes"] == "Communication and information")
            #expect(table.records.last?["Handled by"] == "Partner officer of Testshire")
            #expect(table.records.last?["Response due by"] == "2026-11-21")
        }
    }

    @Test("The API records and reports the handling too, and lists overdue responses")
    func api() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let client = try await APIClient.make(app, fixture, .partnerOfficer)
            let (created, body) = try await client.json(.POST, "/api/v1/complaints", """
                {"receivedOn": "2026-10-01", "aboutOrganisationId": "\(fixture.councilID)", "summary": "No reply", "status": "received",
                 "themes": ["communication"], "ownerId": "\(fixture.personIDs[.partnerOfficer]!)"}
                """)
            #expect(created == .created)
            #expect(body["reference"] as? String == "C-2026-0001")
            #expect(body["responseDueOn"] as? String == "2026-10-21")
            #expect(body["responseOverdue"] as? Bool == true)
            #expect(body["themes"] as? [String] == ["communication"])
            let (listed, page) = try await client.json(.GET, "/api/v1/complaints?overdue=true")
            #expect(listed == .ok && (page["items"] as? [Any])?.count == 1)
            let (refused, problem) = try await client.json(.POST, "/api/v1/complaints", """
                {"receivedOn": "2026-10-01", "aboutOrganisationId": "\(fixture.councilID)", "summary": "x", "status": "closed", "themes": ["weather"]}
                """)
            #expect(refused == .unprocessableEntity)
            #expect((problem["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }.sorted() == ["outcome", "themes"])
            #expect(try await ComplaintModel.query(on: app.db).count() == 1)
        }
    }
}
