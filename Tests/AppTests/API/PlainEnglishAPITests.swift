@testable import App
import Domain
import Foundation
import OpenAPIKit
import PlainEnglish
import Testing
import Vapor
import VaporTesting

@Suite("Plain English API")
struct PlainEnglishAPITests {
    @Test("Text is checked and the analysis comes back as JSON, with every finding's place")
    func text() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let client = try await APIClient.make(app, fixture, .boardViewer)
            let (status, body) = try await client.json(.POST, "/api/v1/plain-english/check", #"{"text": "The provision was agreed by the board."}"#)
            #expect(status == .ok)
            #expect(body["profile"] as? String == "standard")
            #expect(body["meetsProfile"] as? Bool == true) // jargon and passive voice are advice in papers
            #expect(body["words"] as? Int == 7)
            #expect(body["readingAge"] as? Int != nil)
            let findings = try #require(body["findings"] as? [[String: Any]])
            #expect(findings.map { $0["kind"] as? String } == ["jargon", "passive-voice"])
            #expect(findings[0]["start"] as? Int == 4)
            #expect(findings[0]["end"] as? Int == 13)
            #expect(findings[1]["suggestion"] as? String == "Start with who did it: \"the board agreed\".")
        }
    }

    @Test("A file sent in base64 is read by its kind, with the profile asked for")
    func file() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let client = try await APIClient.make(app, fixture, .partnerOfficer)
            let docx = try WordFile.make(paragraphs: ["We will send the papers a week before the meeting."]).base64EncodedString()
            let (status, body) = try await client.json(.POST, "/api/v1/plain-english/check",
                                                       #"{"fileName": "papers.docx", "fileContent": "\#(docx)", "profile": "easy-read"}"#)
            #expect(status == .ok)
            #expect(body["profile"] as? String == "easy-read")
            #expect(body["targetReadingAge"] as? Int == 7)
            #expect(body["words"] as? Int == 10)
        }
    }

    @Test("Bad requests get 422 naming the field; no token gets 401")
    func badInput() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let client = try await APIClient.make(app, fixture, .forumRepresentative)
            for (json, field) in [
                (#"{"text": "   "}"#, "text"),
                (#"{"text": "Hello.", "profile": "toddlers"}"#, "profile"),
                (#"{"fileContent": "aGVsbG8="}"#, "fileName"),
                (#"{"fileName": "a.docx", "fileContent": "!!!"}"#, "fileContent"),
                (#"{"fileName": "a.docx", "fileContent": "aGVsbG8="}"#, "fileContent"),
            ] {
                let (status, body) = try await client.json(.POST, "/api/v1/plain-english/check", json)
                #expect(status == .unprocessableEntity, "\(json)")
                #expect(body["field"] as? String == field, "\(json)")
                #expect((body["message"] as? String)?.isEmpty == false)
            }
            let anonymous = try await app.testing().sendRequest(.POST, "/api/v1/plain-english/check", headers: ["Content-Type": "application/json"],
                                                                body: ByteBuffer(string: #"{"text": "Hello."}"#))
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("The schemas in the OpenAPI document match the Swift types")
    func schemas() throws {
        func keys<T: Encodable>(_ value: T) throws -> Set<String> {
            Set((try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any] ?? [:]).keys)
        }
        func schemaKeys(_ name: String) -> Set<String> {
            Set(APIDocument.schemas[OpenAPI.ComponentKey(rawValue: name)!]?.objectContext?.properties.keys ?? [])
        }
        #expect(try keys(API.PlainEnglishCheckInput(text: "", fileName: "", fileContent: "", profile: "")) == schemaKeys("PlainEnglishCheckInput"))
        let analysis = try PlainEnglishChecker().check(text: "The provision was agreed by the board.")
        #expect(try keys(API.PlainEnglishAnalysis(analysis)) == schemaKeys("PlainEnglishAnalysis"))
        let finding = try #require(API.PlainEnglishAnalysis(analysis).findings.first { $0.suggestion != nil })
        #expect(try keys(finding) == schemaKeys("PlainEnglishFinding"))
    }
}
