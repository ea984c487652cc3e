import Domain
import Foundation
import PlainEnglish
import OpenAPIKit
import Vapor

extension API {
    /// Text, or a file in base64 with its name (the name's extension says its kind).
    struct PlainEnglishCheckInput: Content {
        var text: String?
        var fileName: String?
        var fileContent: String?
        var profile: String?
    }

    struct PlainEnglishFinding: Content {
        let kind: String
        let title: String
        let severity: String
        let start: Int
        let end: Int
        let line: Int
        let column: Int
        let excerpt: String
        let message: String
        let suggestion: String?
    }

    struct PlainEnglishAnalysis: Content {
        let profile: String
        let targetReadingAge: Int
        let meetsProfile: Bool
        let reasons: [String]
        let readingAge: Int?
        let sentences: Int
        let words: Int
        let syllables: Int
        let fleschReadingEase: Double?
        let fleschKincaidGrade: Double?
        let gunningFog: Double?
        let smog: Double?
        let colemanLiau: Double?
        let automatedReadabilityIndex: Double?
        let findings: [PlainEnglishFinding]
        let findingsTotal: Int
        let findingsByKind: [String: Int]

        /// A 5 MB text can have hundreds of thousands of findings; the answer lists this many and counts all.
        static let findingsListed = 2_000
        static let excerptCharacters = PlainEnglishResultPage.excerptCharacters

        init(_ analysis: Analysis) {
            profile = analysis.profile.name.rawValue
            targetReadingAge = analysis.profile.targetReadingAge
            meetsProfile = analysis.meetsProfile
            reasons = analysis.reasons
            readingAge = analysis.scores?.readingAge
            sentences = analysis.statistics.sentences
            words = analysis.statistics.words
            syllables = analysis.statistics.syllables
            fleschReadingEase = analysis.scores.map { Self.rounded($0.fleschReadingEase) }
            fleschKincaidGrade = analysis.scores.map { Self.rounded($0.fleschKincaidGrade) }
            gunningFog = analysis.scores.map { Self.rounded($0.gunningFog) }
            smog = analysis.scores.map { Self.rounded($0.smog) }
            colemanLiau = analysis.scores.map { Self.rounded($0.colemanLiau) }
            automatedReadabilityIndex = analysis.scores.map { Self.rounded($0.automatedReadabilityIndex) }
            findings = analysis.findings.prefix(Self.findingsListed).map {
                PlainEnglishFinding(kind: $0.kind.rawValue, title: $0.kind.title, severity: $0.severity.rawValue,
                                    start: $0.range.start, end: $0.range.end, line: $0.line, column: $0.column,
                                    excerpt: PlainEnglishResultPage.shortened($0.excerpt), message: $0.message, suggestion: $0.suggestion)
            }
            findingsTotal = analysis.findings.count
            var byKind: [String: Int] = [:]
            for finding in analysis.findings { byKind[finding.kind.rawValue, default: 0] += 1 }
            findingsByKind = byKind
        }

        private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
    }
}

/// POST /api/v1/plain-english/check: the same analysis as the web page, as JSON.
struct PlainEnglishAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "PlainEnglishCheckInput": .object(description: "Send text, or a file as fileName and fileContent.", properties: [
            "text": optionalString("The text to check"),
            "fileName": optionalString("The file's name; its extension (.txt, .md, .html, .docx, .pdf) says its kind"),
            "fileContent": optionalString("The file in base64, up to 20 MB before encoding"),
            "profile": .string(required: false, nullable: true, description: "Who the text is for; the area's usual profile if not given",
                               allowedValues: allowed(PlainEnglish.Profile.Name.allCases.map(\.rawValue), nullable: true)),
        ]),
        "PlainEnglishAnalysis": .object(properties: [
            "profile": oneOf(PlainEnglish.Profile.Name.self),
            "targetReadingAge": .integer(description: "The highest reading age the profile aims at"),
            "meetsProfile": .boolean(description: "False while any reason is given"),
            "reasons": .array(items: .string(description: "Why the text does not meet the profile, in plain words")),
            "readingAge": .integer(required: false, nullable: true, description: "Flesch-Kincaid grade + 5, in years; null when there are no words"),
            "sentences": .integer(description: "Sentences, headings and list items"),
            "words": .integer,
            "syllables": .integer,
            "fleschReadingEase": optionalNumber("206.835 - 1.015 words a sentence - 84.6 syllables a word"),
            "fleschKincaidGrade": optionalNumber("0.39 words a sentence + 11.8 syllables a word - 15.59"),
            "gunningFog": optionalNumber("0.4 (words a sentence + 100 complex words / words)"),
            "smog": optionalNumber("1.043 √(polysyllables × 30 / sentences) + 3.1291"),
            "colemanLiau": optionalNumber("0.0588 letters per 100 words - 0.296 sentences per 100 words - 15.8"),
            "automatedReadabilityIndex": optionalNumber("4.71 characters a word + 0.5 words a sentence - 21.43"),
            "findings": .array(description: "The first \(API.PlainEnglishAnalysis.findingsListed) findings, in the order they appear in the text",
                               items: .reference(.component(named: "PlainEnglishFinding"))),
            "findingsTotal": .integer(description: "How many findings there are in all"),
            "findingsByKind": .object(description: "How many findings of each kind there are in all",
                                      additionalProperties: .b(.integer(minimum: (1, exclusive: false)))),
        ]),
        "PlainEnglishFinding": .object(properties: [
            "kind": oneOf(FindingKind.self),
            "title": .string,
            "severity": .string(description: "problem: the text does not meet the profile while it is there; advice: worth changing",
                                allowedValues: [AnyCodable("problem"), AnyCodable("advice")]),
            "start": .integer(description: "UTF-8 byte offset in the text (for a file: in the text read from it)"),
            "end": .integer(description: "UTF-8 byte offset just after the words"),
            "line": .integer,
            "column": .integer(description: "In characters, from 1"),
            "excerpt": .string(description: "The words the finding is about; more than \(API.PlainEnglishAnalysis.excerptCharacters) characters are cut short with …"),
            "message": .string,
            "suggestion": optionalString("A plain alternative, when there is one"),
        ]),
    ]

    static func operations() -> [APIOperation] {
        [
            APIOperation("checkPlainEnglish", .POST, Paths.API.plainEnglishCheck, .requires(.viewPartnership), tag: "Plain English",
                         summary: "Check text or a file (.txt, .md, .html, .docx, .pdf) against plain English, with the area's settings",
                         body: "PlainEnglishCheckInput", bodyLimit: PlainEnglishAPI.maximumBody,
                         reply: .one("PlainEnglishAnalysis"), handler: PlainEnglishAPI().check),
        ]
    }

    /// A 20 MB file grows by a third in base64.
    static let maximumBody: ByteCount = "28mb"

    func check(req: Request) async throws -> API.PlainEnglishAnalysis {
        let work = req.application.documentWork
        // Taking apart 28 MB of JSON and base64 is heavy work too.
        let input = try await work.run { try req.content.decode(API.PlainEnglishCheckInput.self) }
        let settings = try await PlainEnglishSettingsStore(try req.store).settings()
        var profile = settings.defaultProfile
        if let requested = input.profile {
            guard let name = Profile.Name(rawValue: requested) else {
                throw ValidationErrors(field: "profile", message: "profile must be one of: \(Profile.Name.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            profile = name
        }
        var file: (name: String, data: Data)?
        if let content = input.fileContent {
            guard let fileName = input.fileName, !fileName.isEmpty else {
                throw ValidationErrors(field: "fileName", message: "fileName is needed with fileContent: its extension says what kind of file it is")
            }
            guard let data = try await work.run({ Data(base64Encoded: content, options: .ignoreUnknownCharacters) }) else {
                throw ValidationErrors(field: "fileContent", message: "fileContent must be the file in base64")
            }
            file = (fileName, data)
        }
        let document: Document
        switch try await PlainEnglishInput.document(text: input.text, file: file, work: work) {
        case .success(let read): document = read
        case .failure(.unreadableFile(let message)): throw ValidationErrors(field: "fileContent", message: message)
        case .failure(.textTooLong):
            throw ValidationErrors(field: "text", message: "text is too long: send up to \(PlainEnglishInput.maximumTextDescription)")
        case .failure(.nothingToCheck): throw ValidationErrors(field: "text", message: "Send text, or fileName and fileContent")
        }
        let chosen = profile
        return try await work.run { API.PlainEnglishAnalysis(PlainEnglishChecker(settings: settings).check(document, profile: chosen)) }
    }
}
