@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("People and the forum's personal data")
struct PeopleTests {
    @Test("Forum officers see a forum member's contact details, and the look is audited")
    func officerSeesAndIsAudited() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let page = try await browser.get("/people/\(fixture.personIDs[.forumRepresentative]!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("forum-representative@testshire.example.org"))
            #expect(page.body.string.contains("Diversity monitoring"))
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "read").all()
            #expect(events.count == 1)
            #expect(events.first?.subjectID == fixture.personIDs[.forumRepresentative])
            #expect(events.first?.actorName == "Forum officer of Testshire")
        }
    }

    @Test("Partner officers, representatives and board viewers do not see forum members' contact details",
          arguments: [Role.partnerOfficer, .forumRepresentative, .boardViewer])
    func othersDoNotSee(role: Role) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[role]!)
            let page = try await browser.get("/people/\(fixture.personIDs[.forumOfficer]!)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("forum-officer@testshire.example.org"))
            #expect(!page.body.string.contains("01632 960 001"))
            #expect(page.body.string.contains("Only the forum&#39;s officers can see") || page.body.string.contains("Only the forum's officers can see"))
            #expect(!page.body.string.contains("Diversity monitoring"))
            #expect(try await browser.get("/people/\(fixture.personIDs[.forumOfficer]!)/diversity").status == .forbidden)
            #expect(try await AuditEventModel.query(on: app.db).count() == 0)
        }
    }

    @Test("Everyone signed in sees council staff's work contact details")
    func workDetailsVisible() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumRepresentative]!)
            let page = try await browser.get("/people/\(fixture.personIDs[.partnerOfficer]!)")
            #expect(page.body.string.contains("partner-officer@testshire.example.org"))
        }
    }

    @Test("Adding a person is audited; bad input is refused with nothing saved")
    func addPerson() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/people/new")
            let before = try await PersonModel.query(on: app.db).count()
            let bad = try await browser.post("/people/new", ["fullName": "", "organisationId": UUID().uuidString, "email": "x@"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter the person&#39;s full name") || bad.body.string.contains("Enter the person's full name"))
            #expect(bad.body.string.contains("Select an organisation from the list"))
            #expect(try await PersonModel.query(on: app.db).count() == before)
            #expect(try await AuditEventModel.query(on: app.db).count() == 0)

            let good = try await browser.post("/people/new", ["fullName": "Robin Parent", "organisationId": fixture.forumID.uuidString, "email": "robin@example.com"])
            #expect(good.status == .seeOther)
            #expect(try await PersonModel.query(on: app.db).count() == before + 1)
            let created = try await AuditEventModel.query(on: app.db).filter(\.$action == "create").all()
            #expect(created.map(\.subjectLabel) == ["Robin Parent"])
        }
    }

    @Test("Diversity monitoring is saved, audited and offered only for forum members")
    func diversity() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let member = fixture.personIDs[.forumRepresentative]!
            #expect(try await browser.get("/people/\(member)/diversity").status == .ok)
            let bad = try await browser.post("/people/\(member)/diversity", ["ethnicGroup": "martian"])
            #expect(bad.status == .unprocessableEntity)
            let saved = try await browser.post("/people/\(member)/diversity", ["ethnicGroup": "mixed", "disabled": "yes", "mainLanguage": "Welsh"])
            #expect(saved.status == .seeOther)
            let person = try #require(try await PersonModel.find(member, on: app.db))
            #expect(person.diversity == DiversityMonitoring(ethnicGroup: .mixed, disabled: .yes, mainLanguage: "Welsh"))
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "update").count() == 1)
            // Council staff are not forum members: no diversity monitoring for them.
            #expect(try await browser.get("/people/\(fixture.personIDs[.partnerOfficer]!)/diversity").status == .notFound)
        }
    }

    @Test("Someone who leaves the forum takes their diversity monitoring with them")
    func leavingTheForum() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let member = PersonModel(areaID: fixture.areaID, organisationID: fixture.forumID, details: .init(fullName: "Dani Kowalski"))
            member.diversity = DiversityMonitoring(ethnicGroup: .white, disabled: .yes, mainLanguage: "Polish")
            try await member.create(on: app.db)
            let id = try member.requireID()
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            #expect(try await officer.post("/people/\(id)/edit", ["fullName": "Dani Kowalski", "organisationId": "\(fixture.councilID)"]).status == .seeOther)
            let saved = try #require(try await PersonModel.find(id, on: app.db))
            #expect(saved.diversity == DiversityMonitoring())
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$detail == "Left the forum, so their diversity monitoring was removed").count() == 1)
        }
    }

    @Test("A representative without a volunteer agreement is flagged until one is recorded")
    func volunteerAgreements() async throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18
        try await withTestApp(now: now) { app in
            let fixture = try await Fixture.make(on: app)
            let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison", purpose: nil, cadence: .monthly), reportsToID: nil)
            try await group.create(on: app.db)
            try await MembershipModel(groupID: try group.requireID(), personID: fixture.personIDs[.forumRepresentative]!, role: .member, makesDecisions: false).create(on: app.db)

            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let home = try await browser.get("/")
            #expect(home.body.string.contains("1 forum representative has no volunteer agreement in force"))
            let filtered = try await browser.get("/people?filter=no-volunteer-agreement")
            #expect(filtered.body.string.contains("Forum representative of Testshire"))
            #expect(!filtered.body.string.contains("Partner officer of Testshire"))

            let person = "/people/\(fixture.personIDs[.forumRepresentative]!)"
            #expect(try await browser.get(person).body.string.contains("has no volunteer agreement in force"))
            _ = try await browser.get(person + "/volunteer-agreements")
            let future = try await browser.post(person + "/volunteer-agreements", ["signedOn[day]": "1", "signedOn[month]": "1", "signedOn[year]": "2027"])
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("Date signed must be today or in the past"))
            let recorded = try await browser.post(person + "/volunteer-agreements", [
                "signedOn[day]": "2", "signedOn[month]": "11", "signedOn[year]": "2026",
                "expiresOn[day]": "1", "expiresOn[month]": "11", "expiresOn[year]": "2027",
            ])
            #expect(recorded.status == .seeOther)
            #expect(!(try await browser.get(person).body.string.contains("has no volunteer agreement in force")))
            #expect(!(try await browser.get("/").body.string.contains("no volunteer agreement in force")))
        }
    }

    @Test("People can be found by the start of their name")
    func search() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let page = try await browser.get("/people?q=Board")
            #expect(page.body.string.contains("Board viewer of Testshire"))
            #expect(!page.body.string.contains("Area admin of Testshire"))
        }
    }
}

@Suite("Removing a person")
struct RemovePersonTests {
    @Test("Removing a person takes their account, group places and agreements with them, and is audited")
    func remove() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let target = fixture.personIDs[.forumRepresentative]!
            let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison", purpose: nil, cadence: .monthly), reportsToID: nil)
            try await group.create(on: app.db)
            try await MembershipModel(groupID: try group.requireID(), personID: target, role: .member, makesDecisions: false).create(on: app.db)
            try await VolunteerAgreementModel(areaID: fixture.areaID, personID: target,
                                              agreement: .init(signedOn: CalendarDate(year: 2026, month: 1, day: 1)!, expiresOn: nil)).create(on: app.db)
            let theirs = try await TestBrowser.signedIn(app, email: fixture.emails[.forumRepresentative]!)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            // Removing them removes their account, and only an area admin removes accounts.
            #expect(try await officer.get("/people/\(target)/delete").body.string.contains("only an area admin can remove accounts"))
            _ = try await officer.post("/people/\(target)/delete")
            #expect(try await PersonModel.find(target, on: app.db) != nil)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let confirm = try await admin.get("/people/\(target)/delete").body.string
            #expect(confirm.contains("their account, so they can no longer sign in"))
            #expect(confirm.contains("their place in 1 group"))
            let removed = try await admin.post("/people/\(target)/delete")
            #expect(removed.status == .seeOther)
            #expect(try await PersonModel.find(target, on: app.db) == nil)
            #expect(try await AccountModel.query(on: app.db).filter(\.$person.$id == target).count() == 0)
            #expect(try await MembershipModel.query(on: app.db).count() == 0)
            #expect(try await VolunteerAgreementModel.query(on: app.db).count() == 0)
            #expect(try await theirs.get("/").status == .seeOther)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$action == "delete").all()
            #expect(audit.map(\.subjectLabel) == ["Forum representative of Testshire"])
            // A forum officer removes a forum member who has no account.
            let member = PersonModel(areaID: fixture.areaID, organisationID: fixture.forumID, details: .init(fullName: "Tom Baxter"))
            try await member.create(on: app.db)
            #expect(try await officer.post("/people/\(try member.requireID())/delete").status == .seeOther)
            #expect(try await PersonModel.find(try member.requireID(), on: app.db) == nil)
            // Nobody removes themselves.
            let me = fixture.personIDs[.forumOfficer]!
            #expect(try await officer.get("/people/\(me)/delete").body.string.contains("You cannot remove yourself"))
            _ = try await officer.post("/people/\(me)/delete")
            #expect(try await PersonModel.find(me, on: app.db) != nil)
        }
    }

    @Test("Nobody removes the area's only area admin, and a forum officer cannot remove an admin's account")
    func keepsAnAdmin() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let adminPerson = fixture.personIDs[.areaAdmin]!
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            _ = try await officer.post("/people/\(adminPerson)/delete")
            #expect(try await AccountModel.query(on: app.db).filter(\.$role == .areaAdmin).count() == 1)
            // A second admin, Alex.
            let second = PersonModel(areaID: fixture.areaID, organisationID: fixture.councilID, details: .init(fullName: "Alex Second"))
            try await second.create(on: app.db)
            let account = AccountModel(areaID: fixture.areaID, personID: try second.requireID(), email: "alex@testshire.example.org",
                                       passwordHash: try app.password.hash(Fixture.password), role: .areaAdmin)
            try await account.create(on: app.db)
            let alex = try await TestBrowser.signedIn(app, email: "alex@testshire.example.org")
            // With the first admin's account turned off, Alex is the only active admin, and nobody may remove them.
            let first = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.areaAdmin]!).first())
            first.disabledAt = Date()
            try await first.save(on: app.db)
            let context = StoreContext(db: app.db, actor: Viewer(accountID: try first.requireID(), personID: adminPerson, areaID: fixture.areaID,
                                                                 areaName: "Testshire", name: "Area admin", email: fixture.emails[.areaAdmin]!, role: .areaAdmin),
                                       now: Date(), channel: nil, logger: app.logger, mailFrom: "coproduce@example.org")
            #expect(try await PersonStore(context).removalRefusal(second)?.contains("only area admin") == true)
            #expect(try await PersonStore(context).remove(second) == false)
            // Alex, the only active admin, may remove the turned-off admin's person.
            #expect(try await alex.post("/people/\(adminPerson)/delete").status == .seeOther)
            #expect(try await PersonModel.find(adminPerson, on: app.db) == nil)
        }
    }
}
