@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Finding people among hundreds")
struct PeopleSearchTests {
    /// Adds people with awkward names to the fixture's area, in the forum unless told otherwise.
    static func addPeople(_ app: Application, _ fixture: Fixture, _ people: [(String, String?, UUID?)]) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for (name, job, organisation) in people {
            let person = PersonModel(areaID: fixture.areaID, organisationID: organisation ?? fixture.forumID, details: .init(fullName: name, jobTitle: job))
            try await person.create(on: app.db)
            ids[name] = try person.requireID()
        }
        return ids
    }

    @Test("Search finds any part of a name or role, any word order, with case and accents ignored")
    func searchAnyPart() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            _ = try await Self.addPeople(app, fixture, [
                ("Amara Okafor", "Forum chair", nil), ("Zoë Ó Briain-Smith", nil, nil), ("Siobhán O'Neill", "Head of SEND", fixture.councilID),
                ("Zoe Adams", nil, nil), ("Tom Baxter", nil, nil),
            ])
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            func names(_ query: String) async throws -> [String] {
                let page = try await browser.get("/people?q=" + TestBrowser.encode(query))
                #expect(page.status == .ok)
                return ["Amara Okafor", "Zoë Ó Briain-Smith", "Siobhán O&#39;Neill", "Zoe Adams", "Tom Baxter"].filter { page.body.string.contains($0) }
            }
            #expect(try await names("okafor") == ["Amara Okafor"])
            #expect(try await names("OKAF") == ["Amara Okafor"])
            #expect(try await names("okafor amara") == ["Amara Okafor"])
            #expect(try await names("zoe") == ["Zoë Ó Briain-Smith", "Zoe Adams"])
            #expect(try await names("Zoë") == ["Zoë Ó Briain-Smith", "Zoe Adams"])
            #expect(try await names("briain smith") == ["Zoë Ó Briain-Smith"])
            #expect(try await names("oneill") == ["Siobhán O&#39;Neill"])
            #expect(try await names("siobhan") == ["Siobhán O&#39;Neill"])
            #expect(try await names("head of send") == ["Siobhán O&#39;Neill"])
            #expect(try await names("nobody like this") == [])
            // Punctuation is not searched for: a search of only punctuation is no search, and everyone is listed;
            // "_o_" is the letter o, found in any part of a name, never a database wildcard.
            #expect(try await names("%") == ["Amara Okafor", "Zoë Ó Briain-Smith", "Siobhán O&#39;Neill", "Zoe Adams", "Tom Baxter"])
            #expect(try await names("_ams_") == ["Zoe Adams"])
            let described = try await browser.get("/people?q=okafor").body.string
            #expect(described.contains("1 person found: with \u{201C}okafor\u{201D} in their name or role"))
            // A changed name is found by its new spelling at once.
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let tom = try #require(try await PersonModel.query(on: app.db).filter(\.$fullName == "Tom Baxter").first())
            _ = try await admin.get("/people/\(tom.requireID())/edit")
            #expect(try await admin.post("/people/\(tom.requireID())/edit", ["fullName": "Tomás Baxter-Ng", "organisationId": fixture.forumID.uuidString]).status == .seeOther)
            #expect(try await browser.get("/people?q=tomas+ng").body.string.contains("Tomás Baxter-Ng"))
        }
    }

    @Test("Filters by organisation, group and part in the partnership combine, and the order can change")
    func filtersAndOrder() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let ids = try await Self.addPeople(app, fixture, [
                ("Amara Okafor", nil, nil), ("Bea Chair", nil, fixture.councilID), ("Cal Member", nil, nil), ("Dee Nobody", nil, fixture.councilID),
            ])
            let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Short breaks board", purpose: nil, cadence: .monthly), reportsToID: nil)
            try await group.create(on: app.db)
            let groupID = try group.requireID()
            try await MembershipModel(groupID: groupID, personID: ids["Bea Chair"]!, role: .chair, makesDecisions: true).create(on: app.db)
            try await MembershipModel(groupID: groupID, personID: ids["Cal Member"]!, role: .member, makesDecisions: false).create(on: app.db)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            func names(_ query: String) async throws -> [String] {
                let body = try await browser.get("/people?" + query).body.string
                // In the order the page lists them.
                return ["Amara Okafor", "Bea Chair", "Cal Member", "Dee Nobody"]
                    .compactMap { name in body.range(of: ">\(name)</a>").map { (name, $0.lowerBound) } }
                    .sorted { $0.1 < $1.1 }.map(\.0)
            }
            #expect(try await names("group=\(groupID)") == ["Bea Chair", "Cal Member"])
            #expect(try await names("who=chairs") == ["Bea Chair"])
            #expect(try await names("who=forum-representatives") == ["Cal Member"])
            #expect(try await names("who=forum-members") == ["Amara Okafor", "Cal Member"])
            #expect(try await names("who=in-no-group") == ["Amara Okafor", "Dee Nobody"])
            #expect(try await names("who=in-no-group&organisation=\(fixture.councilID)") == ["Dee Nobody"])
            #expect(try await names("who=with-account") == [])
            #expect(try await names("group=\(groupID)&q=cal") == ["Cal Member"])
            #expect(try await names("order=organisation&who=in-no-group") == ["Dee Nobody", "Amara Okafor"]) // Testshire Council before the forum
            // An unknown or another area's value is ignored, never an error page.
            #expect(try await names("group=\(UUID())&who=martians&order=shoe-size") == ["Amara Okafor", "Bea Chair", "Cal Member", "Dee Nobody"])
            // The filters are kept in the page links and the download link.
            let page = try await browser.get("/people?group=\(groupID)&who=chairs").body.string
            #expect(page.contains("/people.csv?group=\(groupID)&amp;who=chairs"))
            #expect(page.contains("1 person found: chairs of a group, in the group Short breaks board"))
        }
    }

    @Test("The people list downloads as CSV that a spreadsheet reads back whole, hiding what the viewer may not see, and audited")
    func download() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let awkward = "Zoë \"Zed\" O'Brien, Jr\nthe second"
            let ids = try await Self.addPeople(app, fixture, [
                (awkward, "=HYPERLINK(\"http://evil.example\")", nil), ("+44 Person", "@SUM(A1)", fixture.councilID), ("Ştefan Ionescu", "-1+1", nil),
            ])
            let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Board, the main one", purpose: nil, cadence: .monthly), reportsToID: nil)
            try await group.create(on: app.db)
            try await MembershipModel(groupID: try group.requireID(), personID: ids["Ştefan Ionescu"]!, role: .chair, makesDecisions: true).create(on: app.db)

            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let response = try await officer.get("/people.csv")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let table = try CSVTable(response.body.string)
            #expect(table.header.first == "Name")
            #expect(table.rows.count == Role.allCases.count + 3)
            let byName = Dictionary(uniqueKeysWithValues: table.records.map { ($0["Name"]!, $0) })
            // The name held by the single-line cleaner: no line break is stored, so none comes back.
            let stored = try #require(try await PersonModel.find(ids[awkward]!, on: app.db)).fullName
            let zoe = try #require(byName[stored])
            #expect(zoe["Role or job title"] == "'=HYPERLINK(\"http://evil.example\")")
            #expect(byName["'+44 Person"]?["Role or job title"] == "'@SUM(A1)")
            #expect(byName["Ştefan Ionescu"]?["Groups"] == "Board, the main one (Chair)")
            #expect(byName["Ştefan Ionescu"]?["Volunteer agreement"] == "Not signed")
            #expect(byName["'+44 Person"]?["Volunteer agreement"] == "Not needed")
            #expect(byName["Forum officer of Testshire"]?["E-mail address"] == "forum-officer@testshire.example.org")
            #expect(byName["Forum officer of Testshire"]?["Can sign in"] == "Yes")
            #expect(CalendarDate(iso8601: byName["Forum officer of Testshire"]?["Added on"] ?? "") != nil)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$action == "export").all()
            #expect(audit.map(\.detail) == ["Downloaded \(Role.allCases.count + 3) people, with the contact details of 2 forum members"])

            // A partner officer sees council staff's work details but not forum members'.
            let partner = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            let theirs = try CSVTable(try await partner.get("/people.csv?who=forum-members").body.string)
            #expect(theirs.rows.count == 4) // the fixture's forum officer and representative, Zoë and Ştefan
            #expect(theirs.records.allSatisfy { $0["E-mail address"] == "Hidden" && $0["Phone"] == "Hidden" })
            let council = try CSVTable(try await partner.get("/people.csv?organisation=\(fixture.councilID)").body.string)
            #expect(council.records.contains { $0["E-mail address"] == "partner-officer@testshire.example.org" })
        }
    }

    @Test("Adding a member to a group: find them by name, choose from the people found, and mistakes keep the search")
    func findingAMember() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let ids = try await Self.addPeople(app, fixture, (1...30).map { ("Parent Number \($0)", nil, nil) } + [("Amara Okafor", nil, nil)])
            let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison", purpose: nil, cadence: .monthly), reportsToID: nil)
            try await group.create(on: app.db)
            let path = "/groups/\(try group.requireID())/members"
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)

            let empty = try await browser.get(path).body.string
            #expect(empty.contains("Who is joining? Find them by name or role"))
            // The search box and its button are inside the form, so Find sends what else was answered too.
            #expect(empty.contains(#"<button type="submit" name="findPerson" value="yes""#))
            let finding = try await browser.post(path, ["find": "okafor", "findPerson": "yes", "role": "chair", "makesDecisions": "yes"])
            #expect(finding.status == .ok)
            #expect(finding.body.string.contains("1 person matches"))
            #expect(finding.body.string.contains(#"value="chair" checked"#) && finding.body.string.contains(#"value="yes" checked"#))
            #expect(!finding.body.string.contains("There is a problem"))
            #expect(try await MembershipModel.query(on: app.db).count() == 0)
            #expect(!empty.contains("type=\"radio\" value=\"\(ids["Amara Okafor"]!)\""))
            let many = try await browser.get(path + "?find=parent").body.string
            #expect(many.contains("30 people match \u{201C}parent\u{201D}. The first 20 are listed below"))
            #expect(many.components(separatedBy: "name=\"personId\" type=\"radio\"").count - 1 == 20)
            let one = try await browser.get(path + "?find=okafor").body.string
            #expect(one.contains("1 person matches"))
            #expect(one.contains("value=\"\(ids["Amara Okafor"]!)\""))

            // Sent without choosing: the error lands in the search box, and nothing is saved.
            let unchosen = try await browser.post(path, ["role": "member", "makesDecisions": "no", "find": ""])
            #expect(unchosen.status == .unprocessableEntity)
            #expect(unchosen.body.string.contains("href=\"#personId\""))
            #expect(unchosen.body.string.contains("id=\"personId\" name=\"find\""))
            // Chosen but another answer missing: the same people are offered again, the choice kept.
            let partly = try await browser.post(path, ["personId": ids["Amara Okafor"]!.uuidString, "find": "okafor"])
            #expect(partly.status == .unprocessableEntity)
            #expect(partly.body.string.contains("value=\"\(ids["Amara Okafor"]!)\" checked"))
            #expect(try await MembershipModel.query(on: app.db).count() == 0)
            let added = try await browser.post(path, ["personId": ids["Amara Okafor"]!.uuidString, "role": "member", "makesDecisions": "no", "find": "okafor"])
            #expect(added.status == .seeOther)
            #expect(try await MembershipModel.query(on: app.db).count() == 1)
        }
    }

    @Test("A person's page adds them to a group; groups they are in are not offered again")
    func addToGroupFromPerson() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let person = fixture.personIDs[.forumRepresentative]!
            var groups: [UUID] = []
            for name in ["Liaison", "Board"] {
                let group = GroupModel(areaID: fixture.areaID, details: .init(name: name, purpose: nil, cadence: .monthly), reportsToID: nil)
                try await group.create(on: app.db)
                groups.append(try group.requireID())
            }
            try await MembershipModel(groupID: groups[1], personID: person, role: .member, makesDecisions: false).create(on: app.db)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            #expect(try await officer.get("/people/\(person)").body.string.contains("/people/\(person)/groups"))
            let form = try await officer.get("/people/\(person)/groups").body.string
            #expect(form.contains(">Liaison</option>") && !form.contains(">Board</option>"))
            let missing = try await officer.post("/people/\(person)/groups", ["role": "chair"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Choose the group to add them to"))
            #expect(missing.body.string.contains("Select yes if they can make decisions"))
            let again = try await officer.post("/people/\(person)/groups", ["groupId": groups[1].uuidString, "role": "chair", "makesDecisions": "yes"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("already a member of this group"))
            let added = try await officer.post("/people/\(person)/groups", ["groupId": groups[0].uuidString, "role": "chair", "makesDecisions": "yes"])
            #expect(added.status == .seeOther)
            #expect(try await MembershipModel.query(on: app.db).filter(\.$group.$id == groups[0]).filter(\.$role == .chair).count() == 1)
            // Someone who may not manage groups is not offered it.
            let board = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            #expect(!(try await board.get("/people/\(person)").body.string.contains("/people/\(person)/groups")))
            #expect(try await board.get("/people/\(person)/groups").status == .forbidden)
        }
    }

    @Test("An account takes its e-mail address from the person's record when none is typed")
    func accountEmailFromRecord() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let person = PersonModel(areaID: fixture.areaID, organisationID: fixture.forumID,
                                     details: .init(fullName: "Robin Parent", email: "robin@example.com"))
            try await person.create(on: app.db)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let form = try await admin.get("/admin/accounts/new?person=\(person.requireID())").body.string
            #expect(form.contains("value=\"\(person.id!)\" checked"))
            let created = try await admin.post("/admin/accounts/new", [
                "personId": person.id!.uuidString, "email": "", "role": "forum-representative", "password": "a long enough password for robin",
            ])
            #expect(created.status == .seeOther)
            #expect(try await AccountModel.query(on: app.db).filter(\.$email == "robin@example.com").count() == 1)
        }
    }

    @Test("The API's people list searches, filters and sorts as the page does, and refuses unknown values by name")
    func apiSearch() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            _ = try await Self.addPeople(app, fixture, [("Zoë Ó Briain", nil, nil), ("Amara Okafor", nil, fixture.councilID)])
            let client = try await APIClient.make(app, fixture, .partnerOfficer)
            func names(_ query: String) async throws -> [String] {
                let (status, body) = try await client.json(.GET, "/api/v1/people?" + query)
                #expect(status == .ok, "\(query)")
                return (body["items"] as? [[String: Any]] ?? []).compactMap { $0["fullName"] as? String }
            }
            #expect(try await names("q=zoe") == ["Zoë Ó Briain"])
            #expect(try await names("q=OKAFOR") == ["Amara Okafor"])
            #expect(try await names("q=o&organisationId=\(fixture.councilID)&sort=name").first == "Amara Okafor")
            #expect(try await names("who=forum-members&sort=newest").first == "Zoë Ó Briain")
            for (query, field) in [("who=everyone", "who"), ("sort=age", "sort"), ("groupId=\(UUID())", "groupId"),
                                   ("organisationId=nope", "organisationId"), ("q=a&q=b", "q"), ("q=" + String(repeating: "x", count: 201), "q")] {
                let (status, body) = try await client.json(.GET, "/api/v1/people?" + query)
                #expect(status == .unprocessableEntity, "\(query)")
                #expect(body["field"] as? String == field, "\(query)")
            }
        }
    }
}
