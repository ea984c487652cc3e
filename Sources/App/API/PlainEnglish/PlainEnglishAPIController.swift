import Domain
import Foundation
import PlainEnglish
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
struct PlainEnglishAPIController {
    /// A 20 MB file grows by a third in base64.
    static let maximumBody: ByteCount = "28mb"

    func check(req: Request) async throws -> API.PlainEnglishAnalysis {
        let work = req.application.documentWork
        // Taking apart 28 MB of JSON and base64 is heavy work too.
        let input = try await work.run { try req.content.decode(API.PlainEnglishCheckInput.self) }
        let settings = try await PlainEnglishSettingsStore.settings(areaID: try req.viewer.areaID, on: req.db)
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
