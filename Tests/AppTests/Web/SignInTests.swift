@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Signing in and out")
struct SignInTests {
    @Test("A signed-out visitor is sent to sign in, then back to the page they wanted")
    func redirectsToSignInAndBack() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = TestBrowser(app: app)
            let first = try await browser.get("/organisations")
            #expect(first.status == .seeOther)
            #expect(first.location == "/sign-in?next=%2Forganisations")
            _ = try await browser.get(first.location!)
            let signedIn = try await browser.post("/sign-in", ["email": fixture.emails[.boardViewer]!, "password": Fixture.password, "next": "/organisations"])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/organisations")
            let page = try await browser.get("/organisations")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Testshire Council"))
        }
    }

    @Test("A wrong password gets a clear message, status 422 and the e-mail address kept")
    func wrongPassword() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = TestBrowser(app: app)
            let response = try await browser.signIn(email: fixture.emails[.areaAdmin]!, password: "not the password")
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("<title>Error: Sign in - Coproduce</title>"))
            #expect(html.contains("Enter a correct e-mail address and password"))
            #expect(html.contains(#"value="area-admin@testshire.example.org""#))
            #expect(try await SignInFailureModel.query(on: app.db).count() == 1)
        }
    }

    @Test("Empty fields are named in the error summary")
    func emptyFields() async throws {
        try await withTestApp { app in
            let browser = TestBrowser(app: app)
            let response = try await browser.signIn(email: "", password: "")
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(##"<a href="#email">Enter your e-mail address</a>"##))
            #expect(response.body.string.contains(##"<a href="#password">Enter your password</a>"##))
        }
    }

    @Test("The session id changes at sign-in, and the old session is gone")
    func sessionRotates() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let before = try #require(browser.cookies["coproduce_session"])
            _ = try await browser.post("/sign-in", ["email": fixture.emails[.areaAdmin]!, "password": Fixture.password])
            let after = browser.cookies["coproduce_session"]
            #expect(after != nil)
            #expect(after != before)
            #expect(try await SessionRecordModel.query(on: app.db).filter(\.$token == DatabaseSessionDriver.digest(before)).count() == 0)
        }
    }

    @Test("After five wrong passwords sign-in is refused for a while, even with the right one")
    func throttled() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = TestBrowser(app: app)
            for _ in 1...5 {
                #expect(try await browser.signIn(email: fixture.emails[.forumOfficer]!, password: "guess").status == .unprocessableEntity)
            }
            let locked = try await browser.signIn(email: fixture.emails[.forumOfficer]!, password: Fixture.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("You have tried to sign in too many times"))
            #expect(locked.headers.first(name: "Retry-After") != nil)
        }
    }

    @Test("A disabled account cannot sign in and its open sessions stop working")
    func disabledAccount() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            #expect(try await browser.get("/").status == .ok)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.partnerOfficer]!).first())
            account.disabledAt = Date()
            try await account.save(on: app.db)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await TestBrowser(app: app).signIn(email: fixture.emails[.partnerOfficer]!, password: Fixture.password).status == .unprocessableEntity)
        }
    }

    @Test("Signing out ends the session")
    func signOut() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/")
            let out = try await browser.post("/sign-out")
            #expect(out.status == .seeOther)
            #expect(out.location == "/sign-in?signed-out=1")
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("Sign-in never sends people to another site", arguments: [
        "https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example",
        "/ /evil.example", "/\u{0}/evil.example", "\t//evil.example", "///evil.example", "/\u{85}/evil.example",
    ])
    func noOpenRedirect(next: String) {
        #expect(SignInController.safeNext(next) == "/")
    }

    @Test("Sign-in goes back to any page on this site, with letters outside ASCII encoded")
    func sameSiteNext() {
        #expect(SignInController.safeNext("/people?page=2&q=ann") == "/people?page=2&q=ann")
        #expect(SignInController.safeNext("/people?q=Zoë") == "/people?q=Zo%C3%AB")
        // A full-width solidus is not a slash to a browser once encoded.
        #expect(SignInController.safeNext("/\u{FF0F}/evil.example") == "/%EF%BC%8F/evil.example")
        #expect(SignInController.safeNext(nil) == "/")
    }
}

@Suite("Protection of every form and page")
struct FormProtectionTests {
    @Test("A form posted without the anti-forgery token is refused and nothing is saved")
    func csrfRequired() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let before = try await OrganisationModel.query(on: app.db).count()
            let response = try await browser.post("/organisations/new", ["name": "Sneaky Ltd", "kind": "provider"], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("This form has expired"))
            #expect(try await OrganisationModel.query(on: app.db).count() == before)
            let wrong = try await browser.post("/organisations/new", ["name": "Sneaky Ltd", "kind": "provider", "csrfToken": "forged"], csrf: false)
            #expect(wrong.status == .forbidden)
        }
    }

    @Test("Sign-in itself needs the token, so a login cannot be forged")
    func signInNeedsToken() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = TestBrowser(app: app)
            let response = try await browser.post("/sign-in", ["email": fixture.emails[.areaAdmin]!, "password": Fixture.password])
            #expect(response.status == .forbidden)
        }
    }

    @Test("Pages carry security headers")
    func securityHeaders() async throws {
        try await withTestApp { app in
            let response = try await TestBrowser(app: app).get("/sign-in")
            let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            // The sign-in form's token is a cookie no script can read and no other site can send.
            let formCookie = try #require(response.headers.first(name: .setCookie))
            #expect(formCookie.hasPrefix("coproduce_form="))
            #expect(formCookie.contains("HttpOnly"))
            #expect(formCookie.contains("SameSite=Strict"))
            #expect(formCookie.contains("Path=/;"))
        }
    }

    @Test("The session cookie is kept from scripts and other sites")
    func sessionCookie() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = TestBrowser(app: app)
            let response = try await browser.signIn(email: fixture.emails[.areaAdmin]!, password: Fixture.password)
            let session = try #require(response.headers[.setCookie].first { $0.hasPrefix("coproduce_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
        }
    }

    @Test("A page that does not exist says so plainly")
    func notFound() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let response = try await browser.get("/organisations/\(UUID())")
            #expect(response.status == .notFound)
            #expect(response.body.string.contains("Page not found"))
            #expect(try await browser.get("/organisations/not-a-uuid").status == .notFound)
            #expect(try await browser.get("/no/such/page").status == .notFound)
        }
    }

    @Test("The health check answers without a session")
    func healthz() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(response.body.string == "ok\n")
            #expect(response.headers.first(name: .setCookie) == nil)
        }
    }
}

@Suite("Sessions for anonymous visitors")
struct AnonymousSessionTests {
    @Test("Nobody gets a stored session before signing in: not from pages, the sign-in form or wrong passwords")
    func noSessionBeforeSignIn() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let accessibility = try await app.testing().sendRequest(.GET, "/accessibility")
            #expect(accessibility.status == .ok)
            #expect(accessibility.headers.first(name: .setCookie) == nil)
            let browser = TestBrowser(app: app)
            for _ in 1...20 { _ = try await browser.get("/sign-in") }
            #expect(try await browser.signIn(email: fixture.emails[.areaAdmin]!, password: "not the password").status == .unprocessableEntity)
            #expect(browser.cookies["coproduce_session"] == nil)
            #expect(try await SessionRecordModel.query(on: app.db).count() == 0)
            #expect(try await browser.signIn(email: fixture.emails[.areaAdmin]!, password: Fixture.password).status == .seeOther)
            #expect(try await SessionRecordModel.query(on: app.db).count() == 1)
        }
    }
}
