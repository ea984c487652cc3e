@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// The attacks of issue 8, kept as tests: no signed-in person's input can
/// stop the service, corrupt a record or learn about another area.
@Suite("Hostile input")
struct HostileInputTests {
    // MARK: Numbers

    @Test("A huge page number on a web list shows where the list ends, and the server keeps running")
    func hugePageOnTheWeb() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            for path in ["/people", "/organisations", "/groups", "/agreements", "/complaints", "/admin/accounts", "/admin/audit-log"] {
                for page in ["9223372036854775807", "-9223372036854775808", "99999999999999999999999", "abc", "1e3", "0"] {
                    let response = try await browser.get("\(path)?page=\(page)")
                    #expect(response.status == .ok, "\(path)?page=\(page)")
                }
            }
            let past = try await browser.get("/organisations?page=9223372036854775807")
            #expect(past.body.string.contains("There is nothing on page 1000000: the list has 1 page"))
            #expect(past.body.string.contains(#"href="/organisations?page=1""#))
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }

    @Test("The API refuses page numbers it cannot use, naming the parameter", arguments: [
        ("page=9223372036854775807", "page"), ("page=abc", "page"), ("page=1e3", "page"), ("page=99999999999999999999", "page"),
        ("page=0", "page"), ("page=", "page"), ("perPage=abc", "perPage"), ("perPage=0", "perPage"), ("perPage=201", "perPage"),
    ])
    func apiPageNumbers(query: String, field: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .boardViewer)
            let (status, body) = try await api.json(.GET, "/api/v1/people?\(query)")
            #expect(status == .unprocessableEntity)
            #expect(body["field"] as? String == field)
        }
    }

    @Test("The last page the API allows answers with no items")
    func apiFarPage() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .boardViewer)
            let (status, body) = try await api.json(.GET, "/api/v1/organisations?page=1000000&perPage=200")
            #expect(status == .ok)
            #expect((body["items"] as? [Any])?.isEmpty == true)
            #expect(body["total"] as? Int == 2)
        }
    }

    // MARK: Text

    @Test("A NUL character is refused everywhere, never stored cut short")
    func nulCharacters() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .areaAdmin)
            let before = try await OrganisationModel.query(on: app.db).count()
            let (status, body) = try await api.json(.POST, "/api/v1/organisations", #"{"name": "Testshire Council\u0000x", "kind": "local-authority"}"#)
            #expect(status == .unprocessableEntity)
            #expect(body["field"] as? String == "name")
            let (complaint, complaintBody) = try await api.json(.POST, "/api/v1/complaints",
                #"{"receivedOn": "2026-11-01", "aboutOrganisationId": "\#(fixture.councilID)", "summary": "Late papers\u0000 and more", "status": "received"}"#)
            #expect(complaint == .unprocessableEntity)
            #expect(complaintBody["field"] as? String == "summary")
            let (search, searchBody) = try await api.json(.GET, "/api/v1/complaints?status=received%00")
            #expect(search == .unprocessableEntity)
            #expect(searchBody["field"] as? String == "status")
            #expect(try await OrganisationModel.query(on: app.db).count() == before)

            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/organisations/new")
            let form = try await browser.post("/organisations/new", ["name": "Sneaky\u{0}Ltd", "kind": "provider"])
            #expect(form.status == .unprocessableEntity)
            #expect(try await browser.get("/people?q=%00").status == .ok)
            #expect(try await OrganisationModel.query(on: app.db).count() == before)
        }
    }

    @Test("Look-alike names are the same name", arguments: [
        "Testshire  Council", "Testshire\tCouncil", "Testshire\u{A0}Council", "Testshire\u{200B} Council", "Ｔｅｓｔｓｈｉｒｅ Council",
        "TESTSHIRE COUNCIL", " Testshire Council ", "Testshire\u{3000}Council",
    ])
    func lookAlikeNames(name: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .areaAdmin)
            let body = try String(decoding: JSONSerialization.data(withJSONObject: ["name": name, "kind": "provider"]), as: UTF8.self)
            let (status, answer) = try await api.json(.POST, "/api/v1/organisations", body)
            #expect(status == .unprocessableEntity)
            #expect(answer["message"] as? String == "There is already an organisation called \(try TextInput.singleLine(name).get())")
        }
    }

    @Test("Control characters and direction overrides in a name are refused with a message by the field", arguments: [
        "Ding\u{7} Council", "\u{1B}[31mRed Council", "Council \u{202E}lanigiro", "C1\u{85} Council",
    ])
    func controlCharactersInNames(name: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await browser.get("/organisations/new")
            let before = try await OrganisationModel.query(on: app.db).count()
            let response = try await browser.post("/organisations/new", ["name": name, "kind": "provider"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#"<p id="name-error" class="error-message"><span class="visually-hidden">Error:</span> Name contains a hidden"#))
            #expect(try await OrganisationModel.query(on: app.db).count() == before)
        }
    }

    @Test("Eight people saving the same new name at once: one is saved, the others are told, nobody sees a server error")
    func simultaneousCreates() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .areaAdmin)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await api.send(.POST, "/api/v1/organisations", json: #"{"name": "Brightpath", "kind": "provider"}"#).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 7)
            #expect(try await OrganisationModel.query(on: app.db).filter(\.$sortName == "brightpath").count() == 1)
        }
    }

    // MARK: API bodies

    @Test("A JSON list where an object belongs, and a body that is not JSON, get clear answers in the document's terms")
    func wrongBodies() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .areaAdmin)
            let (status, body) = try await api.json(.POST, "/api/v1/organisations", #"[{"name": "A", "kind": "provider"}]"#)
            #expect(status == .unprocessableEntity)
            #expect(body["field"] as? String == "body")
            #expect(body["message"] as? String == "The request body must be a JSON object")
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: api.token)
            headers.contentType = .xml
            let xml = try await app.testing().sendRequest(.POST, "/api/v1/organisations", headers: headers, body: ByteBuffer(string: "<a/>"))
            #expect(xml.status == .unsupportedMediaType)
            #expect(xml.headers.contentType?.subType == "json")
        }
    }

    // MARK: Accounts and areas

    @Test("An area admin can give an account to an address used in another area, without learning that it is")
    func emailsAreUniquePerArea() async throws {
        try await withTestApp { app in
            let north = try await Fixture.make(on: app, slug: "north", name: "North")
            let south = try await Fixture.make(on: app, slug: "south", name: "South")
            let browser = try await TestBrowser.signedIn(app, email: south.emails[.areaAdmin]!)
            _ = try await browser.get("/admin/accounts/new")
            let person = try #require(try await PersonModel.query(on: app.db).filter(\.$area.$id == south.areaID).filter(\.$fullName == "Board viewer of South").first())
            try await AccountModel.query(on: app.db).filter(\.$person.$id == person.requireID()).delete()
            let shared = north.emails[.forumOfficer]!
            let created = try await browser.post("/admin/accounts/new", ["personId": try person.requireID().uuidString, "email": shared,
                                                                    "role": "board-viewer", "password": "a different long password"])
            #expect(created.status == .seeOther, "\(created.body.string.prefix(2000))")
            // Within one area an address is still used once.
            _ = try await browser.get("/admin/accounts/new")
            let again = try await browser.post("/admin/accounts/new", ["personId": south.personIDs[.partnerOfficer]!.uuidString, "email": shared,
                                                                  "role": "board-viewer", "password": "a different long password"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("There is already an account for \(shared) in South"))

            // Each password signs in to its own area.
            let northBrowser = TestBrowser(app: app)
            #expect(try await northBrowser.signIn(email: shared, password: Fixture.password).status == .seeOther)
            #expect(try await northBrowser.get("/").body.string.contains("North"))
            let southBrowser = TestBrowser(app: app)
            #expect(try await southBrowser.signIn(email: shared, password: "a different long password").status == .seeOther)
            #expect(try await southBrowser.get("/").body.string.contains("South"))
        }
    }

    @Test("The same address and password in two areas: the person chooses the area")
    func chooseTheArea() async throws {
        try await withTestApp { app in
            let north = try await Fixture.make(on: app, slug: "north", name: "North")
            let south = try await Fixture.make(on: app, slug: "south", name: "South")
            let shared = north.emails[.forumOfficer]!
            let southAccount = try #require(try await AccountModel.query(on: app.db).filter(\.$email == south.emails[.forumOfficer]!).first())
            southAccount.email = shared
            try await southAccount.save(on: app.db)

            let browser = TestBrowser(app: app)
            let choose = try await browser.signIn(email: shared, password: Fixture.password)
            #expect(choose.status == .ok)
            #expect(choose.body.string.contains("Choose an area"))
            #expect(choose.body.string.contains(">North</label>"))
            #expect(choose.body.string.contains(">South</label>"))
            #expect(try await SessionRecordModel.query(on: app.db).count() == 0)
            let unchosen = try await browser.post("/sign-in", ["email": shared, "password": Fixture.password, "choosingArea": "yes"])
            #expect(unchosen.status == .unprocessableEntity)
            #expect(unchosen.body.string.contains(##"<a href="#account">Choose the area to sign in to</a>"##))
            let signedIn = try await browser.post("/sign-in", ["email": shared, "password": Fixture.password, "account": try southAccount.requireID().uuidString])
            #expect(signedIn.status == .seeOther)
            #expect(try await browser.get("/").body.string.contains("South"))
        }
    }

    @Test("A new password ends the account's API tokens, whether changed by its owner or set by an admin")
    func tokensEndWithThePassword() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .partnerOfficer)
            #expect(try await api.send(.GET, "/api/v1/organisations").status == .ok)
            let owner = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            _ = try await owner.get("/account/password")
            let changed = try await owner.post("/account/password", ["currentPassword": Fixture.password, "newPassword": "another long password here"])
            #expect(changed.status == .seeOther)
            #expect(try await api.send(.GET, "/api/v1/organisations").status == .unauthorized)

            let second = try await APIClient.make(app, fixture, .partnerOfficer)
            #expect(try await second.send(.GET, "/api/v1/organisations").status == .ok)
            let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[.partnerOfficer]!).first())
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            _ = try await admin.get("/admin/accounts/\(try account.requireID())/password")
            let reset = try await admin.post("/admin/accounts/\(try account.requireID())/password", ["newPassword": "yet another long password"])
            #expect(reset.status == .seeOther)
            #expect(try await second.send(.GET, "/api/v1/organisations").status == .unauthorized)
        }
    }

    // MARK: Sign-in throttling

    /// Sends sign-in attempts through a trusted proxy, which names the client.
    struct Attempt {
        let app: Application

        func signIn(_ email: String, _ password: String, from address: String, browser: TestBrowser? = nil) async throws -> HTTPStatus {
            let browser = browser ?? TestBrowser(app: app)
            _ = try await browser.get("/sign-in", headers: ["X-Forwarded-For": address])
            var headers = HTTPHeaders()
            headers.add(name: "X-Forwarded-For", value: address)
            return try await browser.post("/sign-in", ["email": email, "password": password], headers: headers).status
        }
    }

    @Test("Guessing someone's password from one place does not lock them out of signing in from another")
    func guessingElsewhereDoesNotLockTheOwnerOut() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            app.appConfig.trustedProxies = [AddressBlock("127.0.0.1")!]
            let attempt = Attempt(app: app)
            let victim = fixture.emails[.forumOfficer]!
            for _ in 1...5 { #expect(try await attempt.signIn(victim, "guess", from: "203.0.113.9") == .unprocessableEntity) }
            #expect(try await attempt.signIn(victim, Fixture.password, from: "203.0.113.9") == .tooManyRequests)
            // The owner, somewhere else, signs in.
            #expect(try await attempt.signIn(victim, Fixture.password, from: "198.51.100.7") == .seeOther)
        }
    }

    @Test("Guessing from many places cannot lock the owner out of the browser they have signed in with before")
    func knownBrowsersStayOpen() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            app.appConfig.trustedProxies = [AddressBlock("127.0.0.1")!]
            let attempt = Attempt(app: app)
            let victim = fixture.emails[.forumOfficer]!
            let usual = TestBrowser(app: app)
            #expect(try await attempt.signIn(victim, Fixture.password, from: "198.51.100.7", browser: usual) == .seeOther)
            #expect(usual.cookies["coproduce_device"] != nil)
            _ = try await usual.get("/")
            #expect(try await usual.post("/sign-out").status == .seeOther)
            for round in 0..<50 {
                #expect(try await attempt.signIn(victim, "guess \(round)", from: "203.0.113.\(round % 10 + 1)") == .unprocessableEntity)
            }
            // A browser that has never signed in is now refused, from anywhere...
            #expect(try await attempt.signIn(victim, Fixture.password, from: "192.0.2.200") == .tooManyRequests)
            // ...but the owner's usual browser still signs in.
            #expect(try await attempt.signIn(victim, Fixture.password, from: "198.51.100.7", browser: usual) == .seeOther)
        }
    }

    @Test("Without a trusted proxy, X-Forwarded-For is ignored: an attacker cannot pick a fresh address for each guess")
    func forwardedForIsNotTrustedByDefault() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let attempt = Attempt(app: app)
            let victim = fixture.emails[.forumOfficer]!
            for round in 0..<5 {
                #expect(try await attempt.signIn(victim, "guess", from: "203.0.113.\(round + 1)") == .unprocessableEntity)
            }
            #expect(try await attempt.signIn(victim, Fixture.password, from: "203.0.113.99") == .tooManyRequests)
        }
    }

    @Test("The client's address is the right-most one a trusted proxy did not add")
    func clientAddressResolution() {
        let trusted = [AddressBlock("10.0.0.0/8")!, AddressBlock("::1")!]
        #expect(ClientAddress.resolve(peer: "203.0.113.5", forwardedFor: ["198.51.100.1"], trusted: trusted) == "203.0.113.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.1"], trusted: trusted) == "198.51.100.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.1, 10.0.0.3"], trusted: trusted) == "198.51.100.1")
        #expect(ClientAddress.resolve(peer: "::1", forwardedFor: ["2001:db8::7"], trusted: trusted) == "2001:db8::7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusted: trusted) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["not an address"], trusted: trusted) == "10.0.0.2")
        #expect(AddressBlock("10.0.0.0/33") == nil)
        #expect(AddressBlock("example.org") == nil)
        #expect(AddressBlock("192.168.0.0/16")!.contains("192.168.200.1"))
        #expect(!AddressBlock("192.168.0.0/16")!.contains("192.169.0.1"))
    }

    // MARK: Documents

    @Test("A Word zip bomb is refused by the page with the limit it met, and the server answers meanwhile")
    func wordZipBomb() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            _ = try await browser.get("/plain-english")
            let bomb = try ZipBomb.word(unpackedMegabytes: 70)
            let response = try await browser.postMultipart("/plain-english", ["text": "", "profile": "standard"], file: ("document", "bomb.docx", bomb))
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("This Word file unpacks to more than 64 MB"))
        }
    }

    @Test("When the document queue is full a document request is turned away at once with 503 and Retry-After")
    func busy() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let api = try await APIClient.make(app, fixture, .boardViewer)
            _ = try await browser.get("/plain-english")
            let work = app.documentWork
            var held = 0
            while work.enter() { held += 1 }
            #expect(held == work.maximumAdmitted)
            let page = try await browser.postMultipart("/plain-english", ["text": "Hello there.", "profile": "standard"])
            #expect(page.status == .serviceUnavailable)
            #expect(page.headers.first(name: "Retry-After") == "10")
            #expect(page.body.string.contains("Coproduce is busy checking other documents"))
            let (status, body) = try await api.json(.POST, "/api/v1/plain-english/check", #"{"text": "Hello there."}"#)
            #expect(status == .serviceUnavailable)
            #expect(body["message"] as? String == "Coproduce is busy checking other documents. Wait 10 seconds and try again.")
            // Other pages are not held up.
            #expect(try await browser.get("/people").status == .ok)
            for _ in 0..<held { work.leave() }
            #expect(try await browser.postMultipart("/plain-english", ["text": "Hello there.", "profile": "standard"]).status == .ok)
            #expect(work.admittedCount == 0)
        }
    }

    @Test("A sentence with no full stop in a long text does not make the answer as large as the text")
    func boundedAnswers() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .boardViewer)
            let text = String(repeating: "provision cohort EHCP ", count: 40_000) // about 900 KB, one sentence, 120,000 findings
            let body = try String(decoding: JSONSerialization.data(withJSONObject: ["text": text]), as: UTF8.self)
            let response = try await api.send(.POST, "/api/v1/plain-english/check", json: body)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes < 2_000_000)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect((answer["findings"] as? [Any])?.count == 2000)
            #expect((answer["findingsTotal"] as? Int ?? 0) > 2000)
            let excerpts = (answer["findings"] as? [[String: Any]])?.compactMap { $0["excerpt"] as? String } ?? []
            #expect(excerpts.allSatisfy { $0.unicodeScalars.count <= 301 })

            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            _ = try await browser.get("/plain-english")
            let page = try await browser.postMultipart("/plain-english", ["text": text, "profile": "standard"])
            #expect(page.status == .ok)
            #expect(page.body.readableBytes < 3_000_000)
        }
    }
}

/// A Word file whose document part unpacks to many megabytes but is packed into a few kilobytes.
enum ZipBomb {
    static func word(unpackedMegabytes: Int) throws -> Data {
        let head = Data(#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#.utf8)
        let total = unpackedMegabytes * 1_048_576
        let filler = Data(repeating: UInt8(ascii: "a"), count: 65_536)
        let archive = try Archive(accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(total), compressionMethod: .deflate) { position, size in
            if position == 0 { return head + filler.prefix(size - head.count) }
            return filler.prefix(size)
        }
        return archive.data ?? Data()
    }
}

@Suite("Addresses of any length")
struct LongAddressTests {
    @Test("A very long address is 'not found' or a sign-in, never a server error, and only public folders reach the disk")
    func longAddresses() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let long = String(repeating: "a", count: 4_500)
            let anonymous = TestBrowser(app: app)
            #expect(try await anonymous.get("/agreements/\(long)").status == .seeOther)
            #expect(try await anonymous.get("/css/\(long).css").status == .notFound)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            #expect(try await admin.get("/agreements/\(long)").status == .notFound)
            #expect(try await admin.get("/\(long)").status == .notFound)
        }
    }
}
