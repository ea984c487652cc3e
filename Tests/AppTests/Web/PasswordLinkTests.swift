@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Invitations and forgotten passwords by e-mail")
struct PasswordLinkTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)
    static let newPassword = "kettle orchard lantern meadow"

    /// A person of the fixture's area with no account yet.
    static func newPerson(_ app: Application, _ fixture: Fixture, email: String = "jo.bloggs@example.com") async throws -> UUID {
        let person = PersonModel(areaID: fixture.areaID, organisationID: fixture.forumID,
                                 details: .init(fullName: "Jo Bloggs", jobTitle: "Parent carer", email: email))
        try await person.create(on: app.db)
        return try person.requireID()
    }

    /// The link in the latest e-mail to `address`, as a path. The outbox keeps it apart from the stored text.
    static func link(sentTo address: String, on app: Application) async throws -> String {
        let email = try #require(try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == address)
            .sort(\.$createdAt, .descending).first())
        let secret = try #require(email.secret)
        #expect(email.body.contains(secret))
        let match = try #require(secret.firstMatch(of: /^http:\/\/[^\s\/]+(\/password\/[A-Za-z0-9_-]{43})$/))
        return String(match.1)
    }

    /// Forgotten-password requests are looked up and e-mailed by a job.
    static func runJobs(_ app: Application) async throws {
        _ = try await app.jobs.runDue(app)
    }

    static func setClock(_ app: Application, _ instant: Date) {
        app.timeSource = FixedTimeSource(instant: instant)
    }

    @Test("An account made without a password e-mails an invitation; its link sets the password once, and then they sign in")
    func invitation() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let personID = try await Self.newPerson(app, fixture)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await admin.get("/admin/accounts/new")
            let created = try await admin.post("/admin/accounts/new", ["personId": personID.uuidString, "role": Role.forumRepresentative.rawValue])
            #expect(created.status == .seeOther)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == "jo.bloggs@example.com").first())
            #expect(account.needsPassword)
            let accountPage = try await admin.get(created.location!)
            #expect(accountPage.body.string.contains("We have e-mailed them an invitation to choose a password"))
            #expect(accountPage.body.string.contains("Invited: has not chosen a password yet"))
            #expect(accountPage.body.string.contains("Send the invitation again"))

            let email = try #require(try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == "jo.bloggs@example.com").first())
            #expect(email.subject == "Your Coproduce account for Testshire")
            #expect(email.body.contains("Hello Jo Bloggs,"))
            #expect(email.body.contains("as a forum representative"))
            #expect(email.body.contains("for 7 days"))
            let path = try await Self.link(sentTo: "jo.bloggs@example.com", on: app)
            // Only a digest of the link is stored.
            let token = String(path.dropFirst("/password/".count))
            #expect(try await PasswordLinkModel.query(on: app.db).filter(\.$tokenDigest == token).count() == 0)

            // Nothing signs in to the account before a password is chosen.
            let visitor = TestBrowser(app: app)
            #expect(try await visitor.signIn(email: "jo.bloggs@example.com", password: "").status == .unprocessableEntity)

            let form = try await visitor.get(path)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Choose your password"))
            #expect(form.body.string.contains("For Jo Bloggs, who signs in with jo.bloggs@example.com"))
            // A password the rules refuse: the link still works.
            let weak = try await visitor.post(path, ["newPassword": "short"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("Password must be 12 characters or more"))
            let saved = try await visitor.post(path, ["newPassword": Self.newPassword])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/sign-in?password-set=1")
            #expect(try await visitor.get(saved.location!).body.string.contains("Your password is saved"))
            #expect(try await visitor.signIn(email: "jo.bloggs@example.com", password: Self.newPassword).status == .seeOther)
            #expect(try await AccountModel.find(account.id, on: app.db)?.needsPassword == false)

            // The link works once.
            let again = TestBrowser(app: app)
            let used = try await again.get(path)
            #expect(used.status == .gone)
            #expect(used.body.string.contains("This link has already been used"))
            _ = try await again.get("/sign-in")
            #expect(try await again.post(path, ["newPassword": "another long password"]).status == .gone)
            #expect(try await again.signIn(email: "jo.bloggs@example.com", password: "another long password").status == .unprocessableEntity)

            let audit = try await AuditEventModel.query(on: app.db).filter(\.$subjectID == account.id).all().compactMap(\.detail)
            #expect(audit.contains { $0.contains("invitation e-mailed") })
            #expect(audit.contains("Password chosen with the invitation's link"))
        }
    }

    @Test("An invitation runs out after 7 days, and sending it again stops the earlier link working")
    func invitationExpiresAndIsReplaced() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let personID = try await Self.newPerson(app, fixture)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await admin.get("/admin/accounts/new")
            let created = try await admin.post("/admin/accounts/new", ["personId": personID.uuidString, "role": Role.forumOfficer.rawValue])
            let first = try await Self.link(sentTo: "jo.bloggs@example.com", on: app)

            Self.setClock(app, Self.start.addingTimeInterval(7 * 24 * 60 * 60 + 1))
            let visitor = TestBrowser(app: app)
            let expired = try await visitor.get(first)
            #expect(expired.status == .gone)
            #expect(expired.body.string.contains("This link has run out"))
            #expect(expired.body.string.contains("send the invitation again"))

            // The admin's session has lasted too long by now: sign in again, and send it again.
            let admin2 = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await admin2.get(created.location!)
            let resent = try await admin2.post(created.location! + "/send-password-link")
            #expect(resent.status == .seeOther)
            #expect(try await admin2.get(resent.location!).body.string.contains("Invitation e-mailed again to jo.bloggs@example.com"))
            let second = try await Self.link(sentTo: "jo.bloggs@example.com", on: app)
            #expect(second != first)
            #expect(try await visitor.get(first).status == .gone)
            #expect(try await visitor.get(second).status == .ok)

            // A newer link replaces an older one that has not run out.
            Self.setClock(app, Self.start.addingTimeInterval(7 * 24 * 60 * 60 + 60))
            _ = try await admin2.get(created.location!)
            _ = try await admin2.post(created.location! + "/send-password-link")
            let third = try await Self.link(sentTo: "jo.bloggs@example.com", on: app)
            let replaced = try await visitor.get(second)
            #expect(replaced.status == .gone)
            #expect(replaced.body.string.contains("a newer link was sent"))
            #expect(try await visitor.post(third, ["newPassword": Self.newPassword]).status == .seeOther)
        }
    }

    @Test("A forgotten password: the same answer for any address, a link that works for an hour and ends other sessions")
    func forgottenPassword() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let officer = fixture.emails[.forumOfficer]!
            let elsewhere = try await TestBrowser.signedIn(app, email: officer)
            #expect(try await elsewhere.get("/people").status == .ok)

            let visitor = TestBrowser(app: app)
            let signInPage = try await visitor.get("/sign-in")
            #expect(signInPage.body.string.contains(#"href="/sign-in/forgotten-password""#))
            _ = try await visitor.get("/sign-in/forgotten-password")
            let known = try await visitor.post("/sign-in/forgotten-password", ["email": officer.uppercased()])
            let unknown = try await visitor.post("/sign-in/forgotten-password", ["email": "nobody@example.com"])
            try await Self.runJobs(app)
            #expect(known.status == .ok)
            #expect(unknown.status == .ok)
            #expect(known.body.string.contains("Check your e-mail"))
            // The pages differ only in the address they repeat, so they do not say whether an account exists.
            #expect(known.body.string.replacingOccurrences(of: officer, with: "X") == unknown.body.string.replacingOccurrences(of: "nobody@example.com", with: "X"))
            #expect(try await OutboxEmailModel.query(on: app.db).count() == 1)
            let email = try #require(try await OutboxEmailModel.query(on: app.db).first())
            #expect(email.toAddress == officer)
            #expect(email.subject == "Set a new password for Coproduce")
            #expect(email.body.contains("for 1 hour"))

            let path = try await Self.link(sentTo: officer, on: app)
            let form = try await visitor.get(path)
            #expect(form.body.string.contains("Choose a new password"))
            #expect(try await visitor.post(path, ["newPassword": Self.newPassword]).status == .seeOther)
            // The session signed in with the old password has ended, and the old password no longer works.
            let after = try await elsewhere.get("/people")
            #expect(after.status == .seeOther)
            #expect(try await TestBrowser(app: app).signIn(email: officer, password: Fixture.password).status == .unprocessableEntity)
            #expect(try await TestBrowser(app: app).signIn(email: officer, password: Self.newPassword).status == .seeOther)

            // A second request's link runs out after an hour.
            Self.setClock(app, Self.start.addingTimeInterval(10))
            _ = try await visitor.get("/sign-in/forgotten-password")
            _ = try await visitor.post("/sign-in/forgotten-password", ["email": officer])
            try await Self.runJobs(app)
            let later = try await Self.link(sentTo: officer, on: app)
            #expect(later != path)
            Self.setClock(app, Self.start.addingTimeInterval(10 + 60 * 60 + 1))
            #expect(try await visitor.get(later).status == .gone)
        }
    }

    @Test("Asking again and again sends at most 3 links an hour to one address, and none to a turned-off account")
    func limits() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let visitor = TestBrowser(app: app)
            _ = try await visitor.get("/sign-in/forgotten-password")
            // Asked for at once, as a script would: the requests take turns, so the limit holds.
            // (A browser each: one TestBrowser's cookies are not for sharing between tasks.)
            var browsers: [TestBrowser] = []
            for _ in 1...5 {
                let browser = TestBrowser(app: app)
                _ = try await browser.get("/sign-in/forgotten-password")
                browsers.append(browser)
            }
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for browser in browsers {
                    group.addTask { try await browser.post("/sign-in/forgotten-password", ["email": fixture.emails[.partnerOfficer]!]).status }
                }
                for try await status in group { #expect(status == .ok) }
            }
            try await Self.runJobs(app)
            #expect(try await OutboxEmailModel.query(on: app.db).count() == PasswordResetLimits.standard.perEmail)
            // Asking again does not stop an earlier link working: only an admin's new link, or using one, does.
            #expect(try await PasswordLinkModel.query(on: app.db).filter(\.$replacedAt == nil).count() == PasswordResetLimits.standard.perEmail)

            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.boardViewer]!).first())
            account.disabledAt = Self.start
            try await account.save(on: app.db)
            _ = try await visitor.post("/sign-in/forgotten-password", ["email": fixture.emails[.boardViewer]!])
            try await Self.runJobs(app)
            #expect(try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == fixture.emails[.boardViewer]!).count() == 0)

            // An hour on, the address may ask again; within a day, no more than 6 all told.
            for hour in 1...3 {
                Self.setClock(app, Self.start.addingTimeInterval(Double(hour) * (60 * 60 + 1)))
                for _ in 1...3 { _ = try await visitor.post("/sign-in/forgotten-password", ["email": fixture.emails[.partnerOfficer]!]) }
            }
            try await Self.runJobs(app)
            #expect(try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == fixture.emails[.partnerOfficer]!).count()
                    == PasswordResetLimits.standard.perEmailPerDay)
        }
    }

    @Test("Bad input: no address, a malformed one, a link never sent, a link of the wrong shape, and a form without its token")
    func badInput() async throws {
        try await withTestApp(now: Self.start) { app in
            _ = try await Fixture.make(on: app)
            let visitor = TestBrowser(app: app)
            _ = try await visitor.get("/sign-in/forgotten-password")
            let empty = try await visitor.post("/sign-in/forgotten-password", ["email": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Enter your e-mail address"))
            let malformed = try await visitor.post("/sign-in/forgotten-password", ["email": "not an address"])
            #expect(malformed.status == .unprocessableEntity)
            #expect(malformed.body.string.contains("Enter an e-mail address in the correct format"))

            let unknown = try await visitor.get("/password/" + String(repeating: "B", count: 43))
            #expect(unknown.status == .notFound)
            #expect(unknown.body.string.contains("This link does not work"))
            #expect(try await visitor.get("/password/short").status == .notFound)
            #expect(try await visitor.get("/password/" + String(repeating: "%27", count: 43)).status == .notFound)
            #expect(try await visitor.post("/password/" + String(repeating: "B", count: 43), ["newPassword": Self.newPassword]).status == .notFound)

            // One place asking about many addresses is stopped too, known or not.
            for number in 1...12 { _ = try await visitor.post("/sign-in/forgotten-password", ["email": "someone\(number)@example.com"]) }
            #expect(try await PasswordResetRequestModel.query(on: app.db).count() == PasswordResetLimits.standard.perAddress)

            let forged = TestBrowser(app: app)
            #expect(try await forged.post("/sign-in/forgotten-password", ["email": "area-admin@testshire.example.org"], csrf: false).status == .forbidden)
            try await Self.runJobs(app)
            #expect(try await OutboxEmailModel.query(on: app.db).count() == 0)
        }
    }

    @Test("A password set by an admin, or changed by its owner, stops earlier links working")
    func otherWaysVoidLinks() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let visitor = TestBrowser(app: app)
            _ = try await visitor.get("/sign-in/forgotten-password")
            _ = try await visitor.post("/sign-in/forgotten-password", ["email": fixture.emails[.forumRepresentative]!])
            try await Self.runJobs(app)
            let path = try await Self.link(sentTo: fixture.emails[.forumRepresentative]!, on: app)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.forumRepresentative]!).first())
            _ = try await admin.get("/admin/accounts/\(account.id!)/password")
            #expect(try await admin.post("/admin/accounts/\(account.id!)/password", ["newPassword": Self.newPassword]).status == .seeOther)
            let page = try await visitor.get(path)
            #expect(page.status == .gone)
            #expect(try await admin.get("/admin/accounts/\(account.id!)").body.string.contains("no longer works"))
        }
    }

    @Test("A turned-off account's links stop working, and one link used twice at once sets the password once")
    func turnedOffAndRaces() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let visitor = TestBrowser(app: app)
            _ = try await visitor.get("/sign-in/forgotten-password")
            for role in [Role.forumRepresentative, .partnerOfficer] {
                _ = try await visitor.post("/sign-in/forgotten-password", ["email": fixture.emails[role]!])
            }
            try await Self.runJobs(app)
            let representativeLink = try await Self.link(sentTo: fixture.emails[.forumRepresentative]!, on: app)
            let partnerLink = try await Self.link(sentTo: fixture.emails[.partnerOfficer]!, on: app)

            // The representative's account is turned off: the link they were sent no longer opens it.
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.forumRepresentative]!).first())
            _ = try await admin.get("/admin/accounts/\(account.id!)")
            #expect(try await admin.post("/admin/accounts/\(account.id!)", ["role": Role.forumRepresentative.rawValue, "state": "off"]).status == .seeOther)
            let refused = try await visitor.get(representativeLink)
            #expect(refused.status == .gone)
            #expect(refused.body.string.contains("no longer works"))
            #expect(try await visitor.post(representativeLink, ["newPassword": Self.newPassword]).status == .gone)
            #expect(try await AccountModel.find(account.id, on: app.db)?.passwordHash == account.passwordHash)
            // Turned back on, the old link still does nothing: an admin sends a new one.
            _ = try await admin.post("/admin/accounts/\(account.id!)", ["role": Role.forumRepresentative.rawValue, "state": "on"])
            #expect(try await visitor.get(representativeLink).status == .gone)

            // Two browsers send the same link at the same moment: one sets the password, the other is told the link was used.
            let first = TestBrowser(app: app), second = TestBrowser(app: app)
            _ = try await first.get(partnerLink)
            _ = try await second.get(partnerLink)
            async let one = first.post(partnerLink, ["newPassword": "first choice of password"])
            async let two = second.post(partnerLink, ["newPassword": "second choice of password"])
            let statuses = [try await one.status, try await two.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 == .gone }.count == 1)
            let winner = statuses[0] == .seeOther ? "first choice of password" : "second choice of password"
            #expect(try await TestBrowser(app: app).signIn(email: fixture.emails[.partnerOfficer]!, password: winner).status == .seeOther)
            let chosen = try await AuditEventModel.query(on: app.db).filter(\.$detail == "New password chosen with an e-mailed link").count()
            #expect(chosen == 1)
        }
    }

    @Test("The outbox page never shows a password link, and the stored copy forgets it once sent")
    func outboxKeepsLinksPrivate() async throws {
        try await withTestApp(now: Self.start) { app in
            let fixture = try await Fixture.make(on: app)
            let transport = RecordingMailTransport()
            app.mailTransport = transport
            let visitor = TestBrowser(app: app)
            _ = try await visitor.get("/sign-in/forgotten-password")
            _ = try await visitor.post("/sign-in/forgotten-password", ["email": fixture.emails[.boardViewer]!])
            transport.fail(true)
            _ = try await app.jobs.runDue(app) // the request: the link is made and queued; the first try to send fails
            let email = try #require(try await OutboxEmailModel.query(on: app.db).first())
            let secret = try #require(email.secret)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let page = try await admin.get("/admin/email/\(email.id!)").body.string
            #expect(!page.contains(secret))
            #expect(page.contains(OutboxEmailModel.secretShown))

            transport.fail(false)
            Self.setClock(app, Self.start.addingTimeInterval(120))
            _ = try await app.jobs.runDue(app) // the e-mail goes
            #expect(transport.sent.count == 1)
            #expect(transport.sent[0].body.contains(secret))
            let stored = try #require(try await OutboxEmailModel.find(email.id, on: app.db))
            #expect(stored.sentAt != nil && stored.secret == nil)
            #expect(!stored.body.contains(secret) && stored.body.contains(OutboxEmailModel.secretRemoved))
        }
    }
}
