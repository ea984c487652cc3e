@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Partnership agreements and clauses")
struct AgreementsTests {
    @Test("An agreement is added with its partners; a bad one saves nothing")
    func addAgreement() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/agreements/new")
            let bad = try await browser.post("/agreements/new", ["title": "Partnership agreement",
                                                                 "startsOn[day]": "1", "startsOn[month]": "9", "startsOn[year]": "2026",
                                                                 "reviewOn[day]": "1", "reviewOn[month]": "9", "reviewOn[year]": "2025"],
                                             list: [("partners[]", fixture.councilID.uuidString)])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Review date must be after the start date"))
            #expect(bad.body.string.contains("Select at least 2 partners"))
            #expect(bad.body.string.contains(##"href="#reviewOn-day""##))
            #expect(try await AgreementModel.query(on: app.db).count() == 0)
            #expect(try await AgreementPartnerModel.query(on: app.db).count() == 0)

            let good = try await browser.post("/agreements/new", ["title": "Partnership agreement",
                                                                  "startsOn[day]": "1", "startsOn[month]": "9", "startsOn[year]": "2026",
                                                                  "reviewOn[day]": "1", "reviewOn[month]": "9", "reviewOn[year]": "2027"],
                                              list: [("partners[]", fixture.councilID.uuidString), ("partners[]", fixture.forumID.uuidString)])
            #expect(good.status == .seeOther)
            let page = try await browser.get(try #require(good.location))
            #expect(page.body.string.contains("Testshire Parent Carer Forum"))
            #expect(page.body.string.contains("1 September 2027"))
            #expect(try await AgreementPartnerModel.query(on: app.db).count() == 2)
        }
    }

    @Test("Clauses are added as rules or commitments, and commitments are checked by hand")
    func clausesAndChecks() async throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000) // 18 November 2026
        try await withTestApp(now: now) { app in
            let fixture = try await Fixture.make(on: app)
            let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "PA", startsOn: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                                                  endsOn: nil, reviewOn: CalendarDate(year: 2028, month: 1, day: 1)!))
            try await agreement.create(on: app.db)
            let base = "/agreements/\(try agreement.requireID())"
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            _ = try await browser.get(base + "/clauses/new")
            let missingHours = try await browser.post(base + "/clauses/new", ["number": "4.6 a", "text": "10am to 2pm.", "kind": "rule", "ruleKind": "meeting-time-window"])
            #expect(missingHours.status == .unprocessableEntity)
            #expect(missingHours.body.string.contains("Enter the earliest start time, like 10am or 10:00"))

            let rule = try await browser.post(base + "/clauses/new", ["number": "4.6 a", "text": "10am to 2pm.", "kind": "rule",
                                                                      "ruleKind": "meeting-time-window", "windowFrom": "10:00", "windowTo": "14:00"])
            #expect(rule.status == .seeOther)
            #expect(try await browser.get(rule.location!).body.string.contains("Meetings start no earlier than 10am and end by 2pm"))

            let commitment = try await browser.post(base + "/clauses/new", ["number": "4.6 g", "text": "Refreshments are offered.", "kind": "commitment"])
            let clausePath = try #require(commitment.location)
            #expect(try await ClauseModel.query(on: app.db).sort(\.$position).all().map(\.position) == [1, 2])
            // Rules are not checked by hand.
            let ruleClause = try #require(try await ClauseModel.query(on: app.db).filter(\.$kind == .rule).first())
            #expect(try await browser.get(base + "/clauses/\(try ruleClause.requireID())/assessments").status == .notFound)

            _ = try await browser.get(clausePath + "/assessments")
            let noEvidence = try await browser.post(clausePath + "/assessments", ["status": "met", "assessedOn[day]": "18", "assessedOn[month]": "11", "assessedOn[year]": "2026"])
            #expect(noEvidence.status == .unprocessableEntity)
            #expect(noEvidence.body.string.contains("Enter the evidence for this"))
            let checked = try await browser.post(clausePath + "/assessments", ["status": "partly-met", "evidence": "Offered at 2 of 3 meetings.",
                                                                               "assessedOn[day]": "18", "assessedOn[month]": "11", "assessedOn[year]": "2026"])
            #expect(checked.status == .seeOther)
            let overview = try await browser.get(base).body.string
            #expect(overview.contains("Partly met"))
            #expect(overview.contains("2 clauses: 1 rule that Coproduce checks, and 1 commitment checked by hand (0 met, 1 partly met, 0 not met, 0 not checked yet)."))
            // A rule's latest result is its result, not its wording again.
            #expect(overview.contains("No meeting judged yet"))
            // A clause added later with an earlier number is listed in its place.
            _ = try await browser.post(base + "/clauses/new", ["number": "4.3", "text": "Support in kind.", "kind": "commitment"])
            let ordered = try await browser.get(base).body.string
            let places = ["4.3", "4.6 g"].map { ordered.range(of: ">\($0)<span")?.lowerBound }
            #expect(places[0] != nil && places[1] != nil && places[0]! < places[1]!)
            let assessment = try #require(try await CommitmentAssessmentModel.query(on: app.db).first())
            #expect(assessment.recordedBy == "Forum officer of Testshire")
        }
    }

    @Test("Clauses are copied from an earlier agreement, without its checks and without repeating a number")
    func copyClauses() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            func agreement(_ title: String, _ year: Int) async throws -> AgreementModel {
                let model = AgreementModel(areaID: fixture.areaID, details: .init(title: title, startsOn: CalendarDate(year: year, month: 4, day: 1)!,
                                                                                  endsOn: nil, reviewOn: CalendarDate(year: year + 2, month: 4, day: 1)!))
                try await model.create(on: app.db)
                return model
            }
            let old = try await agreement("Agreement 2024", 2024)
            let new = try await agreement("Agreement 2027", 2027)
            let oldID = try old.requireID(), newID = try new.requireID()
            let clauses: [(String, String, ClauseRule?)] = [("4.6 b", "Papers a week before.", .papersNoticeDays(7)), ("4.6 a", "Refreshments.", nil),
                                                            ("4.10", "=Plain English.", .plainEnglishPapers)]
            for (position, clause) in clauses.enumerated() {
                try await ClauseModel(agreementID: oldID, position: position + 1, details: ClauseDetails(number: clause.0, text: clause.1, rule: clause.2),
                                      groupID: nil).create(on: app.db)
            }
            let checked = try #require(try await ClauseModel.query(on: app.db).filter(\.$number == "4.6 a").first())
            try await CommitmentAssessmentModel(clauseID: try checked.requireID(), assessment: .init(status: .met, evidence: "Yes", assessedOn: CalendarDate(year: 2025, month: 1, day: 1)!),
                                                recordedBy: "Someone").create(on: app.db)
            // The new agreement already has 4.6 A, written another way.
            try await ClauseModel(agreementID: newID, position: 1, details: ClauseDetails(number: "4.6A", text: "Tea and biscuits.", rule: nil), groupID: nil).create(on: app.db)

            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            #expect(try await browser.get("/agreements/\(newID)").body.string.contains("Copy clauses from another agreement"))
            let form = try await browser.get("/agreements/\(newID)/copy-clauses").body.string
            #expect(form.contains("Agreement 2024, from 1 April 2024 (3 clauses)"))
            #expect(!form.contains("Agreement 2027, from"))
            let none = try await browser.post("/agreements/\(newID)/copy-clauses", [:])
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.string.contains("Select the agreement to copy the clauses from"))
            // Copying an agreement onto itself is refused like any unknown choice.
            #expect(try await browser.post("/agreements/\(newID)/copy-clauses", ["sourceId": newID.uuidString]).status == .unprocessableEntity)

            let copied = try await browser.post("/agreements/\(newID)/copy-clauses", ["sourceId": oldID.uuidString])
            #expect(copied.status == .seeOther)
            let page = try await browser.get(copied.location!).body.string
            #expect(page.contains("2 clauses copied from Agreement 2024. Left out clause 4.6 a, which this agreement already has."))
            let newClauses = try await ClauseModel.query(on: app.db).filter(\.$agreement.$id == newID).sort(\.$position).all()
            #expect(newClauses.map(\.number) == ["4.6A", "4.6 b", "4.10"])
            #expect(newClauses[1].rule == .papersNoticeDays(7))
            #expect(newClauses[2].text == "=Plain English.")
            // The checks stay with the clause they were made on.
            #expect(try await CommitmentAssessmentModel.query(on: app.db).count() == 1)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$subjectID == newID).all().compactMap(\.detail)
            #expect(audit.contains("Clause 4.6 b copied from Agreement 2024"))

            // Copying again adds nothing, and says why.
            let again = try await browser.post("/agreements/\(newID)/copy-clauses", ["sourceId": oldID.uuidString])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("already has every clause number"))
            // A forum representative cannot copy.
            let representative = try await TestBrowser.signedIn(app, email: fixture.emails[.forumRepresentative]!)
            #expect(try await representative.get("/agreements/\(newID)/copy-clauses").status == .forbidden)
        }
    }

    @Test("The clause form asks what kind of clause first, then only the fields that kind needs, without JavaScript")
    func clauseKindFirst() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "PA", startsOn: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                                                  endsOn: nil, reviewOn: CalendarDate(year: 2028, month: 1, day: 1)!))
            try await agreement.create(on: app.db)
            let base = "/agreements/\(try agreement.requireID())"
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)

            let chooser = try await browser.get(base + "/clauses/new").body.string
            #expect(chooser.contains(#"<form method="get" action="\#(base)/clauses/new""#))
            #expect(chooser.contains("What kind of clause is it?"))
            #expect(chooser.contains(#"value="commitment""#) && chooser.contains(#"value="papers-notice-days""#))
            #expect(!chooser.contains("Earliest start time") && !chooser.contains("Number of days"))

            let unknown = try await browser.get(base + "/clauses/new?type=no-such-rule")
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("Select what kind of clause it is"))

            let window = try await browser.get(base + "/clauses/new?type=meeting-time-window").body.string
            #expect(window.contains("Meetings happen within set hours"))
            #expect(window.contains("Earliest start time") && window.contains("Which group does the rule apply to?"))
            #expect(!window.contains("Number of days") && !window.contains("How often must meetings happen?"))
            let commitment = try await browser.get(base + "/clauses/new?type=commitment").body.string
            #expect(commitment.contains("Wording"))
            #expect(!commitment.contains("Earliest start time") && !commitment.contains("Which group does the rule apply to?"))

            // Times as people type them.
            let added = try await browser.post(base + "/clauses/new", ["number": "4.6 a", "text": "Between 10am and 2pm.", "kind": "rule",
                                                                       "ruleKind": "meeting-time-window", "windowFrom": "10am", "windowTo": "2pm"])
            #expect(added.status == .seeOther)
            let clause = try #require(try await ClauseModel.query(on: app.db).first())
            #expect(clause.rule?.settings.windowFrom == TimeOfDay(hour: 10, minute: 0))
            #expect(clause.rule?.settings.windowTo == TimeOfDay(hour: 14, minute: 0))

            // Changing a clause's kind asks the kind again, with its current kind chosen, then shows that kind's fields.
            let edit = base + "/clauses/\(try clause.requireID())/edit"
            let editForm = try await browser.get(edit).body.string
            #expect(editForm.contains("Earliest start time") && editForm.contains(#"value="10:00""#))
            #expect(editForm.contains(#"href="\#(edit)?choose=1""#))
            let again = try await browser.get(edit + "?choose=1").body.string
            #expect(again.contains(#"value="meeting-time-window" checked"#))
            let notice = try await browser.get(edit + "?type=papers-notice-days").body.string
            #expect(notice.contains("Number of days") && !notice.contains("Earliest start time"))
            #expect(notice.contains(#"name="ruleKind" value="papers-notice-days""#))
            let noKind = try await browser.post(edit, ["number": "4.6 a", "text": "Papers.", "kind": "", "ruleKind": ""])
            #expect(noKind.status == .unprocessableEntity)
            #expect(noKind.body.string.contains("What kind of clause is it?"))
            let changed = try await browser.post(edit, ["number": "4.6 a", "text": "Papers a week before.", "kind": "rule",
                                                        "ruleKind": "papers-notice-days", "noticeDays": "7"])
            #expect(changed.status == .seeOther)
            #expect(try await ClauseModel.find(clause.id, on: app.db)?.rule == .papersNoticeDays(7))
        }
    }
}

@Suite("Complaints register")
struct ComplaintsTests {
    @Test("A complaint is recorded, stays on the open list until closed, and board viewers cannot see it")
    func lifecycle() async throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        try await withTestApp(now: now) { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/complaints/new")
            let future = try await browser.post("/complaints/new", ["receivedOn[day]": "1", "receivedOn[month]": "1", "receivedOn[year]": "2027",
                                                                    "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Late papers.", "status": "received"])
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("Date received must be today or in the past"))
            #expect(try await ComplaintModel.query(on: app.db).count() == 0)

            let created = try await browser.post("/complaints/new", ["receivedOn[day]": "10", "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                                     "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Late papers.", "status": "received"])
            let path = try #require(created.location)
            #expect(try await browser.get("/complaints").body.string.contains("Late papers."))
            #expect(try await browser.get("/").body.string.contains("1 open complaint to discuss at partnership meetings"))

            _ = try await browser.get(path + "/edit")
            // A complaint is closed with its outcome.
            let noOutcome = try await browser.post(path + "/edit", ["receivedOn[day]": "10", "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                                    "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Late papers.", "status": "closed"])
            #expect(noOutcome.status == .unprocessableEntity && noOutcome.body.string.contains("Enter the outcome before closing the complaint"))
            _ = try await browser.post(path + "/edit", ["receivedOn[day]": "10", "receivedOn[month]": "11", "receivedOn[year]": "2026",
                                                        "aboutOrganisationId": fixture.councilID.uuidString, "summary": "Late papers.", "status": "closed",
                                                        "outcome": "Apology; papers now go out a week ahead."])
            #expect(!(try await browser.get("/complaints").body.string.contains("Late papers.")))
            #expect(try await browser.get("/complaints?show=all").body.string.contains("Late papers."))

            let board = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            #expect(try await board.get(path).status == .forbidden)
            #expect(!(try await board.get("/").body.string.contains("Complaints")))
        }
    }
}

@Suite("Accounts and the audit log")
struct AccountsTests {
    @Test("An area admin creates an account; weak passwords and duplicates are refused")
    func createAccount() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let person = PersonModel(areaID: fixture.areaID, organisationID: fixture.councilID, details: .init(fullName: "New Officer"))
            try await person.create(on: app.db)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/admin/accounts/new")
            let weak = try await browser.post("/admin/accounts/new", ["personId": try person.requireID().uuidString, "email": "new@testshire.example.org",
                                                                      "role": "partner-officer", "password": "short"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("Password must be 12 characters or more"))
            #expect(!weak.body.string.contains("value=\"short\""))
            let taken = try await browser.post("/admin/accounts/new", ["personId": try person.requireID().uuidString, "email": fixture.emails[.boardViewer]!,
                                                                       "role": "partner-officer", "password": "a long enough passphrase"])
            #expect(taken.body.string.contains("There is already an account for"))
            let created = try await browser.post("/admin/accounts/new", ["personId": try person.requireID().uuidString, "email": "New@Testshire.example.org",
                                                                         "role": "partner-officer", "password": "a long enough passphrase"])
            #expect(created.status == .seeOther)
            let signedIn = try await TestBrowser.signedIn(app, email: "new@testshire.example.org", password: "a long enough passphrase")
            #expect(try await signedIn.get("/").status == .ok)
            let log = try await browser.get("/admin/audit-log").body.string
            #expect(log.contains("New Officer &lt;new@testshire.example.org&gt;"))
        }
    }

    @Test("Turning an account off signs it out at once; admins cannot lock themselves out")
    func turnOff() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let victim = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            #expect(try await victim.get("/").status == .ok)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.partnerOfficer]!).first())
            _ = try await admin.get("/admin/accounts/\(try account.requireID())")
            let response = try await admin.post("/admin/accounts/\(try account.requireID())", ["role": "partner-officer", "state": "off"])
            #expect(response.status == .seeOther)
            #expect(try await victim.get("/").status == .seeOther)
            #expect(try await SessionRecordModel.query(on: app.db).filter(\.$accountID == account.requireID()).count() == 0)

            let me = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.areaAdmin]!).first())
            let demote = try await admin.post("/admin/accounts/\(try me.requireID())", ["role": "board-viewer", "state": "on"])
            #expect(demote.status == .unprocessableEntity)
            #expect(demote.body.string.contains("You cannot remove your own admin access"))
            #expect(try await AccountModel.find(me.id, on: app.db)?.role == .areaAdmin)
        }
    }
}

@Suite("Settings, commands and the demo area")
struct SettingsAndDemoTests {
    @Test("DATABASE_URL chooses the store; every bad setting is reported at once")
    func settings() throws {
        #expect(try AppConfig.fromEnvironment([:], defaultSecureCookies: true).storage == .sqliteFile(path: "coproduce.sqlite"))
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "sqlite:data/x.sqlite"], defaultSecureCookies: true).storage == .sqliteFile(path: "data/x.sqlite"))
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u:p@db:5432/c"], defaultSecureCookies: true).storage == .postgres(url: "postgres://u:p@db:5432/c"))
        do {
            _ = try AppConfig.fromEnvironment(["DATABASE_URL": "mysql://x", "COPRODUCE_SESSION_HOURS": "forever", "COPRODUCE_INSECURE_COOKIES": "maybe"],
                                              defaultSecureCookies: true)
            Issue.record("expected problems")
        } catch let problems as AppConfig.Problems {
            #expect(problems.messages.count == 3)
            #expect(problems.description.contains("DATABASE_URL must start with sqlite: or postgres://"))
        }
    }

    @Test("The demo area loads once, with every role able to sign in and the flags it is meant to show")
    func demo() async throws {
        try await withTestApp { app in
            let today = CalendarDate(app.timeSource.now())
            #expect(try await DemoArea.load(on: app.db, hash: { try app.password.hash($0) }, today: today) == .loaded)
            #expect(try await DemoArea.load(on: app.db, hash: { try app.password.hash($0) }, today: today) == .alreadyThere)
            #expect(try await PersonModel.query(on: app.db).count() == 30)
            #expect(try await GroupModel.query(on: app.db).count() == 6)
            #expect(try await ClauseModel.query(on: app.db).count() == 19)
            let kinds = try await OrganisationModel.query(on: app.db).all().map(\.kind)
            #expect(kinds.filter { $0 == .provider }.count == 2)
            #expect(kinds.contains(.parentCarerForum) && kinds.contains(.localAuthority) && kinds.contains(.nhsCommissioner))
            for login in DemoArea.logins {
                let browser = try await TestBrowser.signedIn(app, email: login.email, password: DemoArea.password)
                #expect(try await browser.get("/").status == .ok)
            }
            let area = try #require(try await AreaModel.query(on: app.db).first())
            let flagged = try await VolunteerAgreementChecks.representativesWithoutAgreement(areaID: try area.requireID(), today: today, on: app.db)
            #expect(flagged.count == 3)
        }
    }
}

@Suite("Passwords")
struct PasswordPagesTests {
    @Test("Anyone can change their own password, knowing the current one; other sessions end")
    func changeOwn() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let email = fixture.emails[.forumRepresentative]!
            let laptop = try await TestBrowser.signedIn(app, email: email)
            let phone = try await TestBrowser.signedIn(app, email: email)
            _ = try await laptop.get("/account/password")
            let wrong = try await laptop.post("/account/password", ["currentPassword": "guess", "newPassword": "short"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Your current password is not right"))
            #expect(wrong.body.string.contains("Password must be 12 characters or more"))
            let changed = try await laptop.post("/account/password", ["currentPassword": Fixture.password, "newPassword": "four quiet blue kettles"])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/").status == .ok)
            #expect(try await phone.get("/").status == .seeOther)
            #expect(try await TestBrowser(app: app).signIn(email: email, password: Fixture.password).status == .unprocessableEntity)
            _ = try await TestBrowser.signedIn(app, email: email, password: "four quiet blue kettles")
        }
    }

    @Test("An area admin sets a new password for someone who forgot theirs, and it is audited")
    func adminSets() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.boardViewer]!).first())
            let path = "/admin/accounts/\(try account.requireID())/password"
            _ = try await admin.get(path)
            #expect(try await admin.post(path, ["newPassword": "password1234"]).status == .unprocessableEntity)
            #expect(try await admin.post(path, ["newPassword": "a fresh long passphrase"]).status == .seeOther)
            _ = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!, password: "a fresh long passphrase")
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$detail == "New password set by an area admin").count() == 1)
        }
    }
}
