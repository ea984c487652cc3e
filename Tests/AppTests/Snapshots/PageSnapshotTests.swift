@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

/// The markup of key pages in each state: empty, filled and with errors.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 18 November 2026

    @Test("Sign-in: blank and with errors")
    func signIn() async throws {
        try await withTestApp(now: Self.now) { app in
            let browser = TestBrowser(app: app)
            try expectSnapshot(try await browser.get("/sign-in").body.string, named: "sign-in")
            try expectSnapshot(try await browser.signIn(email: "", password: "").body.string, named: "sign-in-errors")
        }
    }

    @Test("Organisations: the list, an organisation, the form with errors")
    func organisations() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            try expectSnapshot(try await browser.get("/organisations").body.string, named: "organisations")
            try expectSnapshot(try await browser.get("/organisations/\(fixture.forumID)").body.string, named: "organisation-forum")
            _ = try await browser.get("/organisations/new")
            try expectSnapshot(try await browser.post("/organisations/new", ["name": "", "email": "nope"]).body.string, named: "organisation-new-errors")
        }
    }

    @Test("A person as a forum officer sees them, and as a partner officer")
    func person() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let path = "/people/\(fixture.personIDs[.forumRepresentative]!)"
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            try expectSnapshot(try await officer.get(path).body.string, named: "person-as-forum-officer")
            let partner = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            try expectSnapshot(try await partner.get(path).body.string, named: "person-as-partner-officer")
        }
    }

    @Test("Groups: none yet, and a group with members and rule checks")
    func groups() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            try expectSnapshot(try await browser.get("/groups").body.string, named: "groups-empty")
            let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Forum Liaison Meeting", purpose: "To plan together.", cadence: .monthly), reportsToID: nil)
            try await group.create(on: app.db)
            let groupID = try group.requireID()
            try await MembershipModel(groupID: groupID, personID: fixture.personIDs[.forumOfficer]!, role: .chair, makesDecisions: true).create(on: app.db)
            try await MembershipModel(groupID: groupID, personID: fixture.personIDs[.partnerOfficer]!, role: .member, makesDecisions: false).create(on: app.db)
            try await TermsOfReferenceModel(groupID: groupID, version: 1, details: .init(text: "To plan together.", attendees: ["Forum chair", "Head of SEND"],
                                                                                         agreedOn: CalendarDate(year: 2026, month: 9, day: 1)!)).create(on: app.db)
            let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "Partnership agreement", startsOn: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                                                  endsOn: nil, reviewOn: CalendarDate(year: 2028, month: 1, day: 1)!))
            try await agreement.create(on: app.db)
            for (position, rule) in [ClauseRule.chairFrom(.parentCarerForum), .decisionMakersAttend, .volunteerAgreementsForRepresentatives].enumerated() {
                try await ClauseModel(agreementID: try agreement.requireID(), position: position + 1,
                                      details: .init(number: "6.\(position)", text: "Rule \(position).", rule: rule), groupID: groupID).create(on: app.db)
            }
            try expectSnapshot(try await browser.get("/groups/\(groupID)").body.string, named: "group-with-rule-checks")
        }
    }
}
