@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Organisations")
struct OrganisationsTests {
    @Test("An area admin adds an organisation and sees a confirmation")
    func add() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            #expect(try await browser.get("/organisations/new").status == .ok)
            let response = try await browser.post("/organisations/new", ["name": "Brightpath Short Breaks", "kind": "provider", "email": "hello@brightpath.example.org"])
            #expect(response.status == .seeOther)
            let page = try await browser.get(try #require(response.location))
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Brightpath Short Breaks added"))
            #expect(page.body.string.contains("Service provider"))
        }
    }

    @Test("Bad input is shown by each field with status 422, input kept, nothing saved")
    func badInput() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/organisations/new")
            let before = try await OrganisationModel.query(on: app.db).count()
            let response = try await browser.post("/organisations/new", ["name": "", "kind": "", "email": "not an address"])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("<title>Error: Add an organisation - Coproduce</title>"))
            #expect(html.contains(##"<a href="#name">Enter the organisation&#39;s name</a>"##) || html.contains(##"<a href="#name">Enter the organisation's name</a>"##))
            #expect(html.contains(#"id="kind-error""#))
            #expect(html.contains(#"value="not an address""#))
            #expect(try await OrganisationModel.query(on: app.db).count() == before)
        }
    }

    @Test("Two organisations in one area cannot share a name")
    func uniqueNames() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/organisations/new")
            let response = try await browser.post("/organisations/new", ["name": "testshire council", "kind": "local-authority"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("There is already an organisation called testshire council"))
        }
    }

    @Test("Text is escaped, never run as HTML")
    func escaping() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/organisations/new")
            let response = try await browser.post("/organisations/new", ["name": "<script>alert(1)</script>", "kind": "other"])
            let page = try await browser.get(try #require(response.location))
            #expect(!page.body.string.contains("<script>alert(1)</script>"))
            #expect(page.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("An organisation with people cannot be deleted; an empty one can")
    func delete() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let blocked = try await browser.get("/organisations/\(fixture.councilID)/delete")
            #expect(blocked.body.string.contains("You cannot delete Testshire Council yet"))
            _ = try await browser.post("/organisations/\(fixture.councilID)/delete")
            #expect(try await OrganisationModel.find(fixture.councilID, on: app.db) != nil)

            let empty = OrganisationModel(areaID: fixture.areaID, details: .init(name: "Empty Org", kind: .other))
            try await empty.create(on: app.db)
            _ = try await browser.get("/organisations/\(try empty.requireID())/delete")
            let deleted = try await browser.post("/organisations/\(try empty.requireID())/delete")
            #expect(deleted.status == .seeOther)
            #expect(try await OrganisationModel.find(try empty.requireID(), on: app.db) == nil)
        }
    }

    @Test("Nobody sees another area's organisations")
    func areasAreSeparate() async throws {
        try await withTestApp { app in
            let mine = try await Fixture.make(on: app)
            let theirs = try await Fixture.make(on: app, slug: "otherton", name: "Otherton")
            let browser = try await TestBrowser.signedIn(app, email: mine.emails[.areaAdmin]!)
            let list = try await browser.get("/organisations")
            #expect(!list.body.string.contains("Otherton"))
            #expect(try await browser.get("/organisations/\(theirs.councilID)").status == .notFound)
            _ = try await browser.get("/organisations")
            #expect(try await browser.post("/organisations/\(theirs.councilID)/edit", ["name": "Taken over", "kind": "other"]).status == .notFound)
        }
    }

    @Test("A board viewer can read the list but not add to it")
    func boardViewer() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let list = try await browser.get("/organisations")
            #expect(list.status == .ok)
            #expect(!list.body.string.contains("Add an organisation"))
            #expect(try await browser.get("/organisations/new").status == .forbidden)
        }
    }

    @Test("Long lists come a page at a time")
    func pagination() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            for number in 1...60 {
                try await OrganisationModel(areaID: fixture.areaID, details: .init(name: String(format: "School %03d", number), kind: .school)).create(on: app.db)
            }
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            let first = try await browser.get("/organisations?kind=school")
            #expect(first.body.string.contains("Showing 1 to 50 of 60"))
            #expect(first.body.string.contains("School 050"))
            #expect(!first.body.string.contains("School 051"))
            let second = try await browser.get("/organisations?page=2&kind=school")
            #expect(second.body.string.contains("School 051"))
            #expect(second.body.string.contains("Showing 51 to 60 of 60"))
        }
    }
}
