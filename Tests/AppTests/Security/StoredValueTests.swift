@testable import App
import Domain
import Fluent
import SQLKit
import Testing
import Vapor

/// Stored values are read back strictly: a value the code does not know is an
/// error naming the column, never quietly read as "other".
@Suite("Stored values")
struct StoredValueTests {
    @Test("An organisation kind the code does not know is an error naming the column, not 'Other'")
    func unknownKind() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE organisations SET kind = 'martian' WHERE id = \(bind: fixture.councilID)").run()
            do {
                _ = try await OrganisationModel.find(fixture.councilID, on: app.db)
                Issue.record("A kind nobody knows was read back")
            } catch FluentError.invalidField(let column, _, _) {
                #expect(column == "kind")
            }
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let page = try await browser.get("/organisations/\(fixture.councilID)")
            #expect(page.status == .internalServerError)
            #expect(!page.body.string.contains("Other"))
        }
    }

    @Test("An account whose stored role this version does not know is signed out, not shown an error on every page")
    func unknownRole() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            #expect(try await browser.get("/").status == .ok)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE accounts SET role = 'emperor' WHERE email = \(bind: fixture.emails[.partnerOfficer]!)").run()
            let page = try await browser.get("/")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test("A date that is not a real date is an error naming the column")
    func brokenDate() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let complaint = ComplaintModel(areaID: fixture.areaID, aboutOrganisationID: fixture.councilID,
                                           details: .init(receivedOn: CalendarDate(year: 2026, month: 3, day: 1)!, summary: "Late papers.", status: .received))
            try await complaint.create(on: app.db)
            let stored = try #require(try await ComplaintModel.find(complaint.requireID(), on: app.db))
            #expect(stored.receivedOn == CalendarDate(year: 2026, month: 3, day: 1)!)
            #expect(stored.status == .received)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE complaints SET received_on = '2026-02-30' WHERE id = \(bind: try complaint.requireID())").run()
            do {
                _ = try await ComplaintModel.find(complaint.requireID(), on: app.db)
                Issue.record("The 30th of February was read back")
            } catch FluentError.invalidField(let column, _, _) {
                #expect(column == "received_on")
            }
        }
    }
}
