@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@Suite("Plain English pages")
struct PlainEnglishPageTests {
    static let hardText = "The provision for this cohort was agreed by the board. Your EHCP will be reviewed."

    @Test("Pasted text is checked: verdict, reading age, marked text and findings with suggestions")
    func pastedText() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let form = try await browser.get("/plain-english")
            #expect(form.status == .ok)
            #expect(form.body.string.contains(#"enctype="multipart/form-data""#))
            #expect(!form.body.string.contains("plain English settings")) // board viewers cannot change them
            let response = try await browser.postMultipart("/plain-english", ["text": Self.hardText, "profile": "standard"])
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("This text does not meet the profile yet"))
            #expect(html.contains("Acronym not spelled out: 1."))
            #expect(html.contains(##"<mark class="finding-mark">provision<a class="finding-mark__number" href="#finding-1">"##))
            #expect(html.contains(#"<span class="visually-hidden">: Jargon. &quot;provision&quot; is jargon: families may not use this word.)</span>"#))
            #expect(html.contains(#"id="finding-1""#))
            #expect(html.contains("Try &quot;education, health and care plan (EHCP)&quot; the first time.") || html.contains("Write &quot;education, health and care plan (EHCP)&quot; the first time."))
        }
    }

    @Test("A Word file is read and checked")
    func wordFile() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/plain-english")
            let docx = try WordFile.make(paragraphs: ["Short breaks", "We will send the papers a week before the meeting."])
            let response = try await browser.postMultipart("/plain-english", ["text": "", "profile": "standard"], file: ("document", "papers.docx", docx))
            #expect(response.status == .ok)
            #expect(response.body.string.contains("papers.docx"))
            #expect(response.body.string.contains("This text meets the profile"))
        }
    }

    @Test("A large file sent over a real connection arrives in pieces and is still checked")
    func largeUploadOverTheNetwork() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let port = Int.random(in: 20_000...40_000)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            browser.connection = .running(hostname: "127.0.0.1", port: port)
            _ = try await browser.get("/plain-english")
            let paper = Data(String(repeating: "We will send the papers a week before the meeting.\n\n", count: 6_000).utf8) // about 300 KB
            let response = try await browser.postMultipart("/plain-english", ["text": "", "profile": "standard"], file: ("document", "paper.txt", paper))
            #expect(response.status == .ok)
            #expect(response.body.string.contains("This text meets the profile"))
        }
    }

    @Test("Nothing to check, a bad file or no profile: the form again with 422 and the message by the field")
    func badInput() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/plain-english")
            let empty = try await browser.postMultipart("/plain-english", ["text": "  \n ", "profile": "standard"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("<title>Error: Check a document - Coproduce</title>"))
            #expect(empty.body.string.contains(##"<a href="#text">Paste the text to check, or choose a file</a>"##))

            let picture = try await browser.postMultipart("/plain-english", ["text": "", "profile": "standard"], file: ("document", "photo.docx", Data([0x89, 0x50, 0x4E, 0x47])))
            #expect(picture.status == .unprocessableEntity)
            #expect(picture.body.string.contains(##"<a href="#document">This is not a Word file, or it is damaged"##))

            let noProfile = try await browser.postMultipart("/plain-english", ["text": "Hello there.", "profile": "toddlers"])
            #expect(noProfile.status == .unprocessableEntity)
            #expect(noProfile.body.string.contains(##"<a href="#profile">Choose who the text is for</a>"##))
            #expect(noProfile.body.string.contains("Hello there.")) // the text is kept
        }
    }

    @Test("A form without the anti-forgery token is refused")
    func csrf() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let response = try await browser.post("/plain-english", ["text": "Hello.", "profile": "standard"], csrf: false)
            #expect(response.status == .forbidden)
        }
    }

    @Test("An area's settings change every check in the area, and bad settings are explained")
    func settings() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let form = try await officer.get("/plain-english")
            #expect(form.body.string.contains(#"href="/plain-english/settings""#))
            #expect(try await officer.get("/plain-english/settings").status == .ok)

            let bad = try await officer.post("/plain-english/settings", [
                "defaultProfile": "standard", "longSentenceWords": "30", "veryLongSentenceWords": "20", "targetReadingAge": "40",
                "languagePreference": "identity-first", "glossary": "jargon | hub | family centre\nslang | innit", "exceptions": "",
            ])
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("A very long sentence must have more words than a long one (30)"))
            #expect(html.contains("The reading age must be a whole number from 6 to 18"))
            #expect(html.contains("Glossary line 2: unknown kind"))
            #expect(try await PlainEnglishSettingsModel.query(on: app.db).count() == 0)

            let saved = try await officer.post("/plain-english/settings", [
                "defaultProfile": "easy-read", "longSentenceWords": "", "veryLongSentenceWords": "", "targetReadingAge": "",
                "languagePreference": "identity-first", "glossary": "jargon | hub | family centre | Say which building.", "exceptions": "EHCP",
            ])
            #expect(saved.status == .seeOther)

            // Another person in the area now gets the area's choices.
            let viewer = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let page = try await viewer.get("/plain-english")
            #expect(page.body.string.contains(#"value="easy-read" checked"#))
            let result = try await viewer.postMultipart("/plain-english", ["text": "Meet each child with autism at the hub. Your EHCP is ready.", "profile": "standard"])
            let text = result.body.string
            #expect(text.contains("Try &quot;family centre&quot;. Say which building."))
            #expect(text.contains("Try &quot;autistic child&quot;."))
            #expect(!text.contains("EHCP is not spelled out"))

            // Settings of one area never reach another.
            let other = try await Fixture.make(on: app, slug: "otherton", name: "Otherton")
            let stranger = try await TestBrowser.signedIn(app, email: other.emails[.boardViewer]!)
            _ = try await stranger.get("/plain-english")
            let elsewhere = try await stranger.postMultipart("/plain-english", ["text": "Your EHCP is ready.", "profile": "standard"])
            #expect(elsewhere.body.string.contains("EHCP is not spelled out"))
        }
    }
}

/// A minimal Word file, built the way Word stores one: a zip with word/document.xml.
enum WordFile {
    static func make(paragraphs: [String]) throws -> Data {
        let body = paragraphs.map { "<w:p><w:r><w:t>\($0)</w:t></w:r></w:p>" }.joined()
        let xml = Data("""
        <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """.utf8)
        let archive = try Archive(accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count)) { position, size in
            xml.subdata(in: Int(position)..<(Int(position) + size))
        }
        return archive.data ?? Data()
    }
}
