@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("The register's lists, downloads and the home page's warnings")
struct RegisterListsTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 18 November 2026
    static let today = CalendarDate(year: 2026, month: 11, day: 18)!

    @Test("Organisations are found by any part of their name and download as CSV with their people counted")
    func organisations() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let trust = OrganisationModel(areaID: fixture.areaID, details: .init(name: "Sainte-Brigitte NHS Trust, \"North\"", kind: .provider))
            try await trust.create(on: app.db)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let found = try await browser.get("/organisations?q=brigitte").body.string
            #expect(found.contains("Sainte-Brigitte NHS Trust") && !found.contains(">Testshire Council<"))
            #expect(found.contains("1 found: with \u{201C}brigitte\u{201D} in the name"))
            #expect(found.contains("/organisations.csv?q=brigitte"))
            let all = try CSVTable(try await browser.get("/organisations.csv").body.string)
            let byName = Dictionary(uniqueKeysWithValues: all.records.map { ($0["Name"]!, $0) })
            #expect(all.rows.count == 3)
            #expect(byName["Testshire Parent Carer Forum"]?["People in the register"] == "2")
            #expect(byName["Testshire Council"]?["People in the register"] == String(Role.allCases.count - 2))
            #expect(byName["Sainte-Brigitte NHS Trust, \"North\""]?["People in the register"] == "0")
            let forums = try CSVTable(try await browser.get("/organisations.csv?kind=parent-carer-forum").body.string)
            #expect(forums.records.map { $0["Name"] } == ["Testshire Parent Carer Forum"])
        }
    }

    @Test("Groups download with their chair, members and current terms of reference")
    func groupsDownload() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let board = GroupModel(areaID: fixture.areaID, details: .init(name: "Board", purpose: "Oversees it all", cadence: .quarterly), reportsToID: nil)
            try await board.create(on: app.db)
            let liaison = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison", purpose: nil, cadence: .monthly), reportsToID: try board.requireID())
            try await liaison.create(on: app.db)
            try await MembershipModel(groupID: try liaison.requireID(), personID: fixture.personIDs[.forumOfficer]!, role: .chair, makesDecisions: true).create(on: app.db)
            try await MembershipModel(groupID: try liaison.requireID(), personID: fixture.personIDs[.partnerOfficer]!, role: .member, makesDecisions: false).create(on: app.db)
            for version in 1...2 {
                try await TermsOfReferenceModel(groupID: try liaison.requireID(), version: version,
                                                details: .init(text: "v\(version)", attendees: ["Forum"], agreedOn: CalendarDate(year: 2026, month: version, day: 1)!)).create(on: app.db)
            }
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumRepresentative]!)
            #expect(try await browser.get("/groups").body.string.contains("/groups.csv"))
            let table = try CSVTable(try await browser.get("/groups.csv").body.string)
            let byName = Dictionary(uniqueKeysWithValues: table.records.map { ($0["Group"]!, $0) })
            #expect(byName["Liaison"]?["Chair"] == "Forum officer of Testshire")
            #expect(byName["Liaison"]?["Chair's organisation"] == "Testshire Parent Carer Forum")
            #expect(byName["Liaison"]?["Reports to"] == "Board")
            #expect(byName["Liaison"]?["Members"] == "2")
            #expect(byName["Liaison"]?["Members who can make decisions"] == "1")
            #expect(byName["Liaison"]?["Forum members"] == "1")
            #expect(byName["Liaison"]?["Terms of reference agreed on"] == "2026-02-01")
            #expect(byName["Liaison"]?["Terms of reference version"] == "2")
            #expect(byName["Board"]?["Chair"] == "" && byName["Board"]?["Terms of reference agreed on"] == "")
        }
    }

    /// An agreement in force with the rules a group's record shows, and a group the forum sits on that breaks two of them.
    static func agreementAndBrokenGroup(_ app: Application, _ fixture: Fixture, reviewOn: CalendarDate) async throws -> (agreement: UUID, group: UUID) {
        let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "PA", startsOn: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                                              endsOn: nil, reviewOn: reviewOn))
        try await agreement.create(on: app.db)
        let agreementID = try agreement.requireID()
        let clauses: [(String, ClauseRule?)] = [("4.6 c", .termsOfReferenceWithAttendees), ("6.2", .chairFrom(.parentCarerForum)), ("4.10", nil), ("4.3", nil)]
        for (position, (number, rule)) in clauses.enumerated() {
            try await ClauseModel(agreementID: agreementID, position: position + 1, details: .init(number: number, text: "Clause \(number).", rule: rule),
                                  groupID: nil).create(on: app.db)
        }
        let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison", purpose: nil, cadence: .monthly), reportsToID: nil)
        try await group.create(on: app.db)
        try await MembershipModel(groupID: try group.requireID(), personID: fixture.personIDs[.forumRepresentative]!, role: .member, makesDecisions: false).create(on: app.db)
        try await MembershipModel(groupID: try group.requireID(), personID: fixture.personIDs[.partnerOfficer]!, role: .chair, makesDecisions: true).create(on: app.db)
        return (agreementID, try group.requireID())
    }

    @Test("The home page names groups breaking a promise of the agreement, and the list says which and how; the agreement shows each rule's result")
    func brokenPromises() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let (agreementID, groupID) = try await Self.agreementAndBrokenGroup(app, fixture, reviewOn: Self.today.adding(days: 365))
            for role in [Role.forumOfficer, .boardViewer] {
                let browser = try await TestBrowser.signedIn(app, email: fixture.emails[role]!)
                let home = try await browser.get("/").body.string
                #expect(home.contains("1 group does not meet a promise of the partnership agreement"), "\(role)")
                #expect(home.contains("href=\"/groups/promises\""), "\(role)")
                let list = try await browser.get("/groups/promises").body.string
                #expect(list.contains("/groups/\(groupID)") && list.contains("The group has no terms of reference yet."), "\(role)")
                #expect(list.contains(">4.6 c<") && list.contains(">6.2<"), "\(role)")
            }
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let agreement = try await officer.get("/agreements/\(agreementID)").body.string
            #expect(agreement.components(separatedBy: "Not met by 1 group").count - 1 == 2)
            // In the order of their numbers, not as added.
            let order = ["4.3", "4.6 c", "4.10", "6.2"].compactMap { agreement.range(of: ">\($0)<span")?.lowerBound }
            #expect(order.count == 4 && order == order.sorted())
            let download = try CSVTable(try await officer.get("/agreements.csv").body.string)
            #expect(download.records.map { $0["Clause"]! } == ["4.3", "4.6 c", "4.10", "6.2"])
            #expect(download.records.first { $0["Clause"] == "6.2" }?["Latest result"] == "Not met by 1 group")
            #expect(download.records.first { $0["Clause"] == "4.3" }?["Latest result"] == "Not checked yet")
            #expect(download.records.allSatisfy { $0["Review by"] == "2027-11-18" && $0["Partners"] == "" })

            // Put right, the warning goes.
            _ = try await officer.get("/groups/\(groupID)/terms-of-reference")
            #expect(try await officer.post("/groups/\(groupID)/terms-of-reference", [
                "text": "What we do", "attendees": "Forum", "agreedOn[day]": "1", "agreedOn[month]": "11", "agreedOn[year]": "2026",
            ]).status == .seeOther)
            // The forum's representative takes the chair.
            try await MembershipModel.query(on: app.db).filter(\.$group.$id == groupID).delete()
            try await MembershipModel(groupID: groupID, personID: fixture.personIDs[.forumRepresentative]!, role: .chair, makesDecisions: true).create(on: app.db)
            #expect(!(try await officer.get("/").body.string.contains("does not meet a promise")))
            #expect(try await officer.get("/groups/promises").body.string.contains("Every group meets these promises."))
        }
    }

    @Test("Agreements and volunteer agreements ending or due for review within 60 days are warned of; board viewers see complaint counts only")
    func comingDue() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            _ = try await Self.agreementAndBrokenGroup(app, fixture, reviewOn: Self.today.adding(days: 45))
            try await VolunteerAgreementModel(areaID: fixture.areaID, personID: fixture.personIDs[.forumRepresentative]!,
                                              agreement: .init(signedOn: Self.today.adding(days: -300), expiresOn: Self.today.adding(days: 50))).create(on: app.db)
            try await ComplaintModel(areaID: fixture.areaID, aboutOrganisationID: fixture.councilID,
                                     details: .init(receivedOn: Self.today.adding(days: -3), summary: "Papers late", status: .received)).create(on: app.db)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let home = try await officer.get("/").body.string
            #expect(home.contains("1 partnership agreement ends or falls due for review in the next 60 days"))
            #expect(home.contains("1 forum representative&#39;s volunteer agreement ends in the next 60 days"))
            #expect(home.contains("href=\"/people?who=volunteer-agreement-ends-soon\""))
            #expect(home.contains("<a href=\"/complaints\">1 open complaint to discuss at partnership meetings</a>"))
            let ending = try await officer.get("/people?who=volunteer-agreement-ends-soon").body.string
            #expect(ending.contains("Forum representative of Testshire") && !ending.contains(">Forum officer of Testshire<"))

            let board = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let theirs = try await board.get("/").body.string
            #expect(theirs.contains("<li>1 open complaint to discuss at partnership meetings</li>"))
            #expect(!theirs.contains("href=\"/complaints\""))
            #expect(try await board.get("/complaints").status == .forbidden)
        }
    }
}
