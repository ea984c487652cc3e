import Domain
import Foundation
import PlainEnglish
import Vapor

/// "Check a document": paste text or upload a file, and see the reading
/// age, the scores explained and every finding in place. Nothing is saved.
struct PlainEnglishController {
    /// A Word file with pictures can be large; the text in it is what is checked.
    static let maximumUpload: ByteCount = "20mb"
    static let acceptedFiles = ".txt,.md,.html,.htm,.docx,.pdf"

    struct Form: Content {
        var text: String?
        var document: File?
        var profile: String?
    }

    func show(req: Request) async throws -> Response {
        let settings = try await PlainEnglishSettingsStore(try req.store).settings()
        return try await renderForm(req, form: Form(profile: settings.defaultProfile.rawValue), errors: ValidationErrors())
    }

    func check(req: Request) async throws -> Response {
        let work = req.application.documentWork
        // A 20 MB form takes a while to take apart: that is heavy work too.
        let form = try await work.run { try req.content.decode(Form.self) }
        let settings = try await PlainEnglishSettingsStore(try req.store).settings()
        var errors = ValidationErrors()
        let profile = form.profile.flatMap(Profile.Name.init(rawValue:))
        if profile == nil { errors.add(field: "profile", message: "Choose who the text is for") }

        let file = form.document.map { (name: $0.filename, data: Data(buffer: $0.data)) }
        var document: Document?
        switch try await PlainEnglishInput.document(text: form.text, file: file, work: work) {
        case .success(let read): document = read
        case .failure(.unreadableFile(let message)): errors.add(field: "document", message: message)
        case .failure(.textTooLong):
            errors.add(field: "text", message: "The text is more than \(PlainEnglishInput.maximumTextDescription), which is more than Coproduce checks at once. Check it in parts")
        case .failure(.nothingToCheck): errors.add(field: "text", message: "Paste the text to check, or choose a file")
        }
        let source = file.flatMap { $0.data.isEmpty ? nil : $0.name } ?? "The text you pasted"
        guard errors.isEmpty, let document, let profile else {
            // A text too long to check is not sent back into the form: the page would be as large as the text.
            var kept = form
            if errors.message(for: "text") != nil, (form.text?.utf8.count ?? 0) > PlainEnglishInput.limits.maximumTextBytes { kept.text = nil }
            return try await renderForm(req, form: kept, errors: errors)
        }

        let layout = req.layout(title: "Plain English check")
        let page = try await work.run {
            PlainEnglishResultPage(layout: layout, source: source, analysis: PlainEnglishChecker(settings: settings).check(document, profile: profile),
                                   document: document, checkAgainPath: Paths.plainEnglish.url())
        }
        // A long text makes a large page: it is written on the document threads too.
        let html = try await work.run { Layout.page(page.layout, page.body) }
        return Response(html: html)
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors) async throws -> Response {
        let profiles = Profile.Name.allCases.map { (value: $0.rawValue, label: $0.title) }
        let hints = Dictionary(uniqueKeysWithValues: Profile.Name.allCases.map { ($0.rawValue, Self.profileHint($0)) })
        var text = FormField.text("text", "Paste your text", value: form.text, errors: errors,
                                  hint: "A paper, a letter, a survey question or a web page. It is not saved.", kind: .textarea)
        text.rows = 12
        var file = FormField.text("document", "Or choose a file", value: nil, errors: errors,
                                  hint: "A Word file (.docx), PDF, web page (.html), Markdown (.md) or text file (.txt), up to 20 MB. A file is checked instead of pasted text.",
                                  kind: .file)
        file.accept = Self.acceptedFiles
        return try await req.renderForm(
            title: "Check a document",
            intro: "See how easy a text is to read, and what to change so that parent carers can read it easily, even when tired.",
            action: Paths.plainEnglish.url(), submitLabel: "Check", cancelPath: nil,
            fields: [text, file, .choice("profile", "Who is it for?", options: profiles, selected: [form.profile ?? ""], errors: errors, optionHints: hints)],
            errors: errors, multipart: true,
            relatedLink: try req.viewer.can(.managePlainEnglishSettings)
                ? RelatedLink(label: "Change your area's plain English settings", href: Paths.plainEnglishSettings.url()) : nil)
    }

    static func profileHint(_ name: Profile.Name) -> String {
        let profile = Profile.named(name)
        return "Reading age \(profile.targetReadingAge) or under, sentences of \(profile.longSentenceWords) words or fewer."
    }
}

/// The result of a check, ready for the template: verdict, scores in plain
/// words, the text with findings in place, and the list of findings.
struct PlainEnglishResultPage: Sendable {
    struct Score: Sendable {
        let name: String
        let value: String
        let meaning: String
    }

    struct Piece: Sendable {
        let text: String
        let isHighlight: Bool
        let isFlag: Bool
        let number: Int?
        let label: String?
        let message: String?
        let isProblem: Bool
    }

    struct Block: Sendable {
        let isListItem: Bool
        let isHeading: Bool
        let pieces: [Piece]
    }

    struct FindingRow: Sendable {
        let number: Int
        let title: String
        let isProblem: Bool
        let severity: String
        let excerpt: String
        let message: String
        let suggestion: String?
        let position: String
    }

    struct KindCount: Sendable {
        let title: String
        let count: Int
    }

    let layout: PageLayout
    let source: String
    let meetsProfile: Bool
    let profileTitle: String
    let reasons: [String]
    let readingAge: String?
    let readingAgeMeaning: String
    let counts: String
    let scores: [Score]
    let blocks: [Block]
    let textIsComplete: Bool
    let findings: [FindingRow]
    let findingsShown: Int
    let findingsTotal: Int
    let kindCounts: [KindCount]
    let checkAgainPath: String

    /// A long paper can have thousands of findings; the page lists this many, the counts cover all.
    static let findingsListed = 500
    /// How much of the text is shown marked: about 30 pages.
    static let textShownBytes = 100_000
    /// A sentence with no full stop can be a whole file long; its excerpt is cut short.
    static let excerptCharacters = 300

    init(layout: PageLayout, source: String, analysis: Analysis, document: Document, checkAgainPath: String) {
        self.layout = layout
        self.source = source
        self.checkAgainPath = checkAgainPath
        meetsProfile = analysis.meetsProfile
        profileTitle = analysis.profile.name.title
        reasons = analysis.reasons
        let statistics = analysis.statistics
        counts = "\(statistics.words) words in \(statistics.sentences) sentences, \(String(format: "%.1f", statistics.wordsPerSentence)) words a sentence on average."
        if let scores = analysis.scores {
            readingAge = String(scores.readingAge)
            readingAgeMeaning = "Someone with a reading age of \(scores.readingAge) can read this easily. The aim for this profile is \(analysis.profile.targetReadingAge) or under. GOV.UK writes for a reading age of 9, because many adults in England read at about that level."
            self.scores = [
                Score(name: "Flesch reading ease", value: String(format: "%.0f", scores.fleschReadingEase),
                      meaning: "From 0 to 100: the higher, the easier. 60 or more is plain English; under 30 is very hard."),
                Score(name: "Flesch-Kincaid grade", value: String(format: "%.1f", scores.fleschKincaidGrade),
                      meaning: "The US school grade that could read it. Add 5 for the reading age."),
                Score(name: "Gunning Fog index", value: String(format: "%.1f", scores.gunningFog),
                      meaning: "Years of education needed to read it on first reading. Aim for under 12."),
                Score(name: "SMOG grade", value: String(format: "%.1f", scores.smog),
                      meaning: "Years of education needed, from words of 3 or more syllables. Most accurate on 30 sentences or more."),
                Score(name: "Coleman-Liau index", value: String(format: "%.1f", scores.colemanLiau),
                      meaning: "A US school grade, worked out from letters a word rather than syllables."),
                Score(name: "Automated readability index", value: String(format: "%.1f", scores.automatedReadabilityIndex),
                      meaning: "A US school grade, worked out from characters a word and words a sentence."),
            ]
        } else {
            readingAge = nil
            readingAgeMeaning = "There are no words to score."
            scores = []
        }

        let findings = analysis.findings
        let placed = Highlights.blocks(of: document, findings: findings, maximumBytes: Self.textShownBytes)
        textIsComplete = placed.isComplete
        blocks = placed.blocks.map { block in
            Block(isListItem: block.kind == .listItem, isHeading: block.kind == .heading, pieces: block.pieces.map { piece in
                let finding = piece.finding.map { findings[$0 - 1] }
                return Piece(text: piece.text, isHighlight: piece.kind == .highlight, isFlag: piece.kind == .flag, number: piece.finding,
                             label: finding?.kind.title, message: finding?.message, isProblem: finding?.severity == .problem)
            })
        }
        self.findings = findings.prefix(Self.findingsListed).enumerated().map { offset, finding in
            FindingRow(number: offset + 1, title: finding.kind.title, isProblem: finding.severity == .problem,
                       severity: finding.severity == .problem ? "Must change" : "Worth changing",
                       excerpt: Self.shortened(finding.excerpt), message: finding.message, suggestion: finding.suggestion,
                       position: "Line \(finding.line), column \(finding.column)")
        }
        findingsShown = self.findings.count
        findingsTotal = findings.count
        var counts: [FindingKind: Int] = [:]
        for finding in findings { counts[finding.kind, default: 0] += 1 }
        kindCounts = counts.sorted { $0.key < $1.key }.map { KindCount(title: $0.key.title, count: $0.value) }
    }

    /// The start of a long excerpt, ending with "…".
    static func shortened(_ excerpt: String) -> String {
        guard excerpt.unicodeScalars.count > excerptCharacters else { return excerpt }
        return String(String.UnicodeScalarView(excerpt.unicodeScalars.prefix(excerptCharacters))) + "…"
    }
}
