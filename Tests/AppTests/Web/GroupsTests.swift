@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Groups and governance")
struct GroupsTests {
    func makeGroup(_ app: Application, _ fixture: Fixture, name: String, cadence: Cadence = .monthly, reportsTo: UUID? = nil) async throws -> UUID {
        let group = GroupModel(areaID: fixture.areaID, details: .init(name: name, purpose: nil, cadence: cadence), reportsToID: reportsTo)
        try await group.create(on: app.db)
        return try group.requireID()
    }

    @Test("Groups are drawn as a tree under who they report to")
    func tree() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let board = try await makeGroup(app, fixture, name: "Trust Board")
            let strategy = try await makeGroup(app, fixture, name: "Strategy Group", reportsTo: board)
            _ = try await makeGroup(app, fixture, name: "Liaison Meeting", reportsTo: strategy)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let html = try await browser.get("/groups").body.string
            let compact = html.replacingOccurrences(of: "\n", with: "")
            #expect(compact.contains("Trust Board</a><ul><li><a href=\"/groups/\(strategy)\">Strategy Group</a><ul><li>"))
            #expect(compact.contains("Liaison Meeting</a></li></ul></li></ul></li>"))
        }
    }

    @Test("A group cannot be made to report to a group below it")
    func noLoops() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let board = try await makeGroup(app, fixture, name: "Trust Board")
            let strategy = try await makeGroup(app, fixture, name: "Strategy Group", reportsTo: board)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/groups/\(board)/edit")
            let response = try await browser.post("/groups/\(board)/edit", ["name": "Trust Board", "cadence": "quarterly", "reportsToId": strategy.uuidString])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("A group cannot report to itself or to a group that reports to it"))
            #expect(try await GroupModel.find(board, on: app.db)?.$reportsTo.id == nil)
        }
    }

    @Test("Terms of reference get a new version each time; earlier ones are kept")
    func termsVersions() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let group = try await makeGroup(app, fixture, name: "Liaison Meeting")
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/groups/\(group)/terms-of-reference")
            let empty = try await browser.post("/groups/\(group)/terms-of-reference", ["text": "To plan together.", "attendees": " \n "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Enter who attends, one on each line"))
            for (version, attendees) in [(1, "Forum chair"), (2, "Forum chair\nHead of SEND")] {
                let response = try await browser.post("/groups/\(group)/terms-of-reference", [
                    "text": "To plan together, version \(version).", "attendees": attendees,
                    "agreedOn[day]": "1", "agreedOn[month]": "\(version)", "agreedOn[year]": "2025",
                ])
                #expect(response.status == .seeOther)
            }
            let page = try await browser.get("/groups/\(group)").body.string
            #expect(page.contains("Version 2, agreed on 1 February 2025"))
            #expect(page.contains("Version 1, agreed on 1 January 2025"))
            #expect(page.contains("<li>Head of SEND</li>"))
            #expect(try await TermsOfReferenceModel.query(on: app.db).count() == 2)
        }
    }

    @Test("Members are added once each, and the agreement's rules are checked against the group")
    func membersAndRules() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let group = try await makeGroup(app, fixture, name: "Liaison Meeting")
            let agreement = AgreementModel(areaID: fixture.areaID, details: .init(
                title: "Partnership agreement", startsOn: CalendarDate(year: 2020, month: 1, day: 1)!, endsOn: nil,
                reviewOn: CalendarDate(year: 2099, month: 1, day: 1)!))
            try await agreement.create(on: app.db)
            try await ClauseModel(agreementID: try agreement.requireID(), position: 1,
                                  details: .init(number: "6.2", text: "The forum chairs.", rule: .chairFrom(.parentCarerForum)), groupID: group).create(on: app.db)

            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/groups/\(group)/members")
            let chair = try await browser.post("/groups/\(group)/members", ["personId": fixture.personIDs[.partnerOfficer]!.uuidString, "role": "chair", "makesDecisions": "yes"])
            #expect(chair.status == .seeOther)
            var page = try await browser.get("/groups/\(group)").body.string
            #expect(page.contains("Chaired by Partner officer of Testshire, who is not from the parent carer forum."))

            let again = try await browser.post("/groups/\(group)/members", ["personId": fixture.personIDs[.partnerOfficer]!.uuidString, "role": "member", "makesDecisions": "no"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("is already a member of this group"))

            _ = try await browser.post("/groups/\(group)/members", ["personId": fixture.personIDs[.forumOfficer]!.uuidString, "role": "chair", "makesDecisions": "yes"])
            page = try await browser.get("/groups/\(group)").body.string
            #expect(page.contains("Chaired by Forum officer of Testshire."))
            // The forum officer has no volunteer agreement: flagged on the group.
            #expect(page.contains("Not signed"))

            let membership = try #require(try await MembershipModel.query(on: app.db).filter(\.$person.$id == fixture.personIDs[.partnerOfficer]!).first())
            // The group page's "Remove" asks first; looking at the question changes nothing.
            #expect(page.contains("href=\"/groups/\(group)/members/\(try membership.requireID())/remove\""))
            let question = try await browser.get("/groups/\(group)/members/\(try membership.requireID())/remove")
            #expect(question.body.string.contains("Are you sure you want to remove Partner officer of Testshire from"))
            #expect(try await MembershipModel.query(on: app.db).filter(\.$group.$id == group).count() == 2)
            let removed = try await browser.post("/groups/\(group)/members/\(try membership.requireID())/remove")
            #expect(removed.status == .seeOther)
            #expect(try await MembershipModel.query(on: app.db).filter(\.$group.$id == group).count() == 1)
        }
    }
}
