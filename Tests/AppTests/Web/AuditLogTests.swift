@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("The audit log: every change, before and after")
struct AuditLogTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 18 November 2026

    /// The changes of the entries about a record, newest first, as "field: before → after" lines.
    static func history(_ app: Application, of id: UUID) async throws -> [(action: String, detail: String?, changes: [String])] {
        try await AuditEventModel.query(on: app.db).filter(\.$subjectID == id).sort(\.$occurredAt, .descending).all()
            .map { ($0.action, $0.detail, $0.changes.map(\.summary)) }
    }

    @Test("Changes to organisations, people, groups, agreements and complaints are kept with their values before and after")
    func everyChange() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            // Each step a minute after the last, so "newest first" has one answer.
            var minutes = 0.0
            func tick() { minutes += 1; app.timeSource = FixedTimeSource(instant: Self.now.addingTimeInterval(minutes * 60)) }

            _ = try await admin.get("/organisations/new")
            #expect(try await admin.post("/organisations/new", ["name": "Brightpath", "kind": "provider"]).status == .seeOther)
            let organisation = try #require(try await OrganisationModel.query(on: app.db).filter(\.$name == "Brightpath").first())
            let organisationID = try organisation.requireID()
            tick()
            _ = try await admin.get("/organisations/\(organisationID)/edit")
            #expect(try await admin.post("/organisations/\(organisationID)/edit", ["name": "Brightpath Short Breaks", "kind": "provider",
                                                                                   "email": "hello@brightpath.example.org"]).status == .seeOther)
            var entries = try await Self.history(app, of: organisationID)
            #expect(entries.map(\.action) == ["update", "create"])
            #expect(entries[0].changes == ["Name: Brightpath → Brightpath Short Breaks", "E-mail address: hello@brightpath.example.org"])
            #expect(entries[1].changes == ["Name: Brightpath", "Kind: Service provider"])
            // Saving without a change adds nothing.
            _ = try await admin.post("/organisations/\(organisationID)/edit", ["name": "Brightpath Short Breaks", "kind": "provider",
                                                                              "email": "hello@brightpath.example.org"])
            #expect(try await Self.history(app, of: organisationID).count == 2)

            let person = fixture.personIDs[.forumRepresentative]!
            _ = try await officer.get("/people/\(person)/edit")
            _ = try await officer.post("/people/\(person)/edit", ["fullName": "Forum representative of Testshire", "organisationId": fixture.forumID.uuidString,
                                                                 "jobTitle": "Forum representative", "email": "new@testshire.example.org", "phone": "01632 960 002"])
            tick()
            _ = try await officer.post("/people/\(person)/diversity", ["ethnicGroup": "mixed", "disabled": "yes", "mainLanguage": "Welsh"])
            entries = try await Self.history(app, of: person).filter { $0.action == "update" }
            #expect(entries.count == 2)
            // Contact details and diversity monitoring are personal data: the log says what changed, never the values.
            #expect(entries[1].changes == ["E-mail address: (not shown) → (not shown)"])
            #expect(entries[0].changes == ["Ethnic group: (not shown)", "Disabled: (not shown)", "Main language: (not shown)"])
            let everything = try await AuditEventModel.query(on: app.db).all().compactMap(\.changesJSON).joined()
            #expect(!everything.contains("Welsh") && !everything.contains("Mixed") && !everything.contains("new@testshire"))

            _ = try await officer.get("/groups/new")
            #expect(try await officer.post("/groups/new", ["name": "Liaison", "cadence": "monthly"]).status == .seeOther)
            let group = try #require(try await GroupModel.query(on: app.db).first())
            let groupID = try group.requireID()
            tick()
            _ = try await officer.post("/groups/\(groupID)/members", ["personId": person.uuidString, "role": "chair", "makesDecisions": "yes"])
            let membership = try #require(try await MembershipModel.query(on: app.db).first())
            tick()
            _ = try await officer.post("/groups/\(groupID)/members/\(membership.requireID())/remove")
            entries = try await Self.history(app, of: groupID)
            #expect(entries.map(\.detail) == ["Forum representative of Testshire removed", "Forum representative of Testshire added", nil])
            #expect(entries[1].changes == ["Member: Forum representative of Testshire", "Place in the group: Chair", "Makes decisions: Yes"])
            #expect(entries[0].changes.first == "Member: was Forum representative of Testshire")

            _ = try await officer.get("/complaints/new")
            _ = try await officer.post("/complaints/new", ["receivedOn[day]": "17", "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                          "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Papers late", "status": "received"])
            let complaint = try #require(try await ComplaintModel.query(on: app.db).first())
            tick()
            _ = try await officer.post("/complaints/\(complaint.requireID())/edit", ["receivedOn[day]": "17", "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                                                     "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Papers late",
                                                                                     "status": "closed", "outcome": "Apology sent"])
            entries = try await Self.history(app, of: complaint.requireID())
            #expect(entries.first?.changes == ["Status: Received → Closed", "Outcome: (not shown)"])

            // The log page shows them, newest first, and one record's history; the download has a line for each field.
            let log = try await admin.get("/admin/audit-log").body.string
            #expect(log.contains("Status: Received → Closed"))
            let history = try await admin.get("/admin/audit-log?record=\(organisationID)").body.string
            #expect(history.contains("History of Brightpath Short Breaks"))
            #expect(history.contains("Name: Brightpath → Brightpath Short Breaks") && !history.contains("Papers late"))
            #expect(try await admin.get("/organisations/\(organisationID)").body.string.contains("/admin/audit-log?record=\(organisationID)"))
            #expect(!(try await officer.get("/organisations/\(organisationID)").body.string.contains("/admin/audit-log")))
            let table = try CSVTable(try await admin.get("/admin/audit-log.csv?kind=organisation").body.string)
            #expect(table.records.filter { $0["Field"] == "Name" }.map { "\($0["Before"]!)→\($0["After"]!)" } == ["Brightpath→Brightpath Short Breaks", "→Brightpath"])
            #expect(table.records.allSatisfy { $0["Kind of record"] == "Organisations" })
        }
    }

    @Test("The log narrows by who, kind of record, what was done and when")
    func filters() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await officer.post("/groups/new", ["name": "By the officer", "cadence": "monthly"])
            _ = try await admin.post("/groups/new", ["name": "By the admin", "cadence": "monthly"])
            _ = try await admin.get("/") // shows, and so clears, the "added" banner
            _ = try await officer.get("/people/\(fixture.personIDs[.forumRepresentative]!)")
            let officerAccount = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.forumOfficer]!).first())
            let mine = try await admin.get("/admin/audit-log?who=\(officerAccount.requireID())").body.string
            #expect(mine.contains("By the officer") && !mine.contains("By the admin"))
            let reads = try await admin.get("/admin/audit-log?action=read").body.string
            #expect(reads.contains("Forum representative of Testshire") && !reads.contains("By the officer"))
            let people = try await admin.get("/admin/audit-log?kind=person").body.string
            #expect(!people.contains("By the officer"))
            let earlier = AuditEventModel(areaID: fixture.areaID, actorAccountID: nil, actorName: "Someone", action: "create", subjectType: "group",
                                          subjectID: UUID(), subjectLabel: "Three days ago", detail: nil, occurredAt: Self.now.addingTimeInterval(-3 * 86_400))
            try await earlier.create(on: app.db)
            let today = try await admin.get("/admin/audit-log?when=today").body.string
            #expect(today.contains("By the officer") && !today.contains("Three days ago"))
            #expect(try await admin.get("/admin/audit-log?when=7-days").body.string.contains("Three days ago"))
            // Unknown values are ignored, never an error.
            #expect(try await admin.get("/admin/audit-log?who=nobody&kind=spaceship&action=dance&when=forever").status == .ok)
            #expect(try await officer.get("/admin/audit-log").status == .forbidden)
            #expect(try await officer.get("/admin/audit-log.csv").status == .forbidden)
        }
    }

    @Test("One person viewing a forum member's details again and again is one entry, counted, until half an hour passes")
    func groupedViews() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let path = "/people/\(fixture.personIDs[.forumRepresentative]!)"
            for _ in 1...3 { _ = try await officer.get(path) }
            var reads = try await AuditEventModel.query(on: app.db).filter(\.$action == "read").all()
            #expect(reads.count == 1 && reads.first?.views == 3)
            app.timeSource = FixedTimeSource(instant: Self.now.addingTimeInterval(20 * 60))
            _ = try await officer.get(path)
            reads = try await AuditEventModel.query(on: app.db).filter(\.$action == "read").all()
            #expect(reads.count == 1 && reads.first?.views == 4)
            app.timeSource = FixedTimeSource(instant: Self.now.addingTimeInterval(60 * 60))
            _ = try await officer.get(path)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "read").count() == 2)
            // Another person's views are their own entry.
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await admin.get(path)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "read").count() == 3)
            #expect(try await admin.get("/admin/audit-log?action=read").body.string.contains("(4 times)"))
        }
    }

    @Test("The API lists the log with the same filters, for area admins only, and refuses unknown values by name")
    func api() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let admin = try await APIClient.make(app, fixture, .areaAdmin)
            let (created, body) = try await admin.json(.POST, "/api/v1/organisations", #"{"name": "Brightpath", "kind": "provider"}"#)
            #expect(created == .created)
            let id = try #require(body["id"] as? String)
            let (status, log) = try await admin.json(.GET, "/api/v1/audit-log?kind=organisation&recordId=\(id)")
            #expect(status == .ok)
            let items = log["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["action"] as? String == "create")
            #expect(items.first?["detail"] as? String == "Through the API")
            let changes = items.first?["changes"] as? [[String: Any]] ?? []
            #expect(changes.first?["field"] as? String == "Name" && changes.first?["after"] as? String == "Brightpath")
            for (query, field) in [("kind=spaceship", "kind"), ("action=dance", "action"), ("since=yesterday", "since"), ("recordId=1", "recordId")] {
                let (refused, problem) = try await admin.json(.GET, "/api/v1/audit-log?" + query)
                #expect(refused == .unprocessableEntity && problem["field"] as? String == field, "\(query)")
            }
            let officer = try await APIClient.make(app, fixture, .forumOfficer)
            #expect(try await officer.send(.GET, "/api/v1/audit-log").status == .forbidden)
        }
    }
}
