import Domain
import Foundation
import PlainEnglish
import PlainEnglishDocuments

/// The parsers that read what people and other programs send, each a
/// function from bytes to nothing that must never crash, hang or break its
/// own promises. libFuzzer calls them with generated inputs
/// (`scripts/fuzz`); the tests replay the saved corpus through them.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Text, Markdown, HTML and Word files (PDF is read by another program, fenced in by its own limits).
    case documents
    /// An area's own glossary and settings, then a check with them.
    case glossary
    /// Dates and times as typed or sent.
    case dates
    /// Page numbers from the address, and text from any field.
    case query
    /// The plain English checker and the marked-up text it produces.
    case checker

    /// Limits small enough that each input is read in milliseconds.
    static let limits = DocumentReader.Limits(
        maximumFileBytes: 1_048_576, maximumTextBytes: 256 * 1024, maximumUnpackedBytes: 4 * 1_048_576, maximumParts: 200,
        maximumNesting: 100, maximumPDFPages: 10, timeLimit: .seconds(5), maximumPDFReaderMemoryBytes: 256 * 1_048_576)

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .documents: Self.documents(bytes)
        case .glossary: Self.glossary(bytes)
        case .dates: Self.dates(bytes)
        case .query: Self.query(bytes)
        case .checker: Self.checker(bytes)
        }
    }

    /// A promise the code under test made; a broken one stops the fuzzer with this message.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("Broken promise: \(message())") }
    }

    static func documents(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let formats: [DocumentReader.Format] = [.text, .markdown, .html, .word]
        let format = formats[Int(first) % formats.count]
        do {
            let document = try DocumentReader.readInProcess(Data(bytes.dropFirst()), format: format, limits: limits)
            require(document.text.utf8.count <= limits.maximumTextBytes, "more text than the limit was kept")
            checkRanges(document)
        } catch is DocumentReader.ReadError {
            // A clear refusal is a right answer.
        } catch {
            require(false, "\(format) threw \(error) instead of a ReadError")
        }
    }

    static func glossary(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
        let input = CheckerSettingsInput(longSentenceWords: "20", veryLongSentenceWords: "30", targetReadingAge: "11",
                                         glossary: String(parts[0]), exceptions: parts.count > 1 ? String(parts[1]) : "")
        guard case .success(let settings) = input.validated() else { return }
        let checker = PlainEnglishChecker(settings: settings)
        let document = Document(plainText: "The EHCP panel met. Families were told about the SENDIASS offer in plain words. " + (parts.first.map(String.init) ?? ""))
        checkAnalysis(checker.check(document), document)
    }

    static func dates(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let date = CalendarDate(iso8601: text) {
            require(CalendarDate(iso8601: date.iso8601) == date, "\(date) does not read back")
            require(!date.longForm.isEmpty, "no long form")
        }
        let parts = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let input = DateInput(day: parts.first ?? "", month: parts.count > 1 ? parts[1] : "", year: parts.count > 2 ? parts[2] : "")
        if case .success(let date) = input.parse(label: "Date") {
            require(CalendarDate(year: date.year, month: date.month, day: date.day) == date, "a parsed date is not a real date")
            require(DateInput(date).parse(label: "Date") == .success(date), "\(date) does not read back from the form")
        }
        if let clock = UKDateTime(iso8601: text) {
            require(UKDateTime(iso8601: clock.description) == clock, "\(clock) does not read back")
            if case .success(let instant) = clock.instant() {
                require(UKDateTime(instant) == clock, "\(clock) is not the clock its instant shows")
            }
        }
        if let time = TimeOfDay(text) {
            require(TimeOfDay(time.description) == time, "\(time) does not read back")
            require(!time.spoken.isEmpty, "no spoken form")
        }
    }

    static func query(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let page = ListPage.lenient(page: text)
        require(page.offset >= 0 && page.number >= 1 && page.number <= ListPage.maximumNumber, "page \(page) out of range")
        if let strict = try? ListPage.strict(page: text, perPage: text) {
            require(strict.size <= ListPage.maximumSize, "perPage \(strict.size) over the limit")
        }
        if case .success(let line) = TextInput.singleLine(text) {
            require(TextInput.problem(in: line) == nil, "a cleaned line still holds a refused character")
            require(!line.contains("  ") && line == line.trimmingCharacters(in: .whitespacesAndNewlines), "spaces left in \(line.debugDescription)")
            require(TextInput.singleLine(line) == .success(line), "cleaning \(line.debugDescription) again changes it")
            let key = TextInput.comparisonKey(line)
            require(TextInput.comparisonKey(key) == key, "the comparison key of \(line.debugDescription) is not stable")
        }
        if case .success(let paragraphs) = TextInput.multiLine(text) {
            require(TextInput.multiLine(paragraphs) == .success(paragraphs), "cleaning paragraphs again changes them")
        }
    }

    static func checker(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let profile = Profile.Name.allCases[Int(first) % Profile.Name.allCases.count]
        let document = Document(plainText: String(decoding: bytes.dropFirst(), as: UTF8.self))
        checkAnalysis(PlainEnglishChecker().check(document, profile: profile), document)
    }

    static func checkRanges(_ document: Document) {
        let length = document.text.utf8.count
        for block in document.blocks { require(block.range.start >= 0 && block.range.start <= block.range.end && block.range.end <= length, "block outside the text") }
        for link in document.links { require(link.range.start >= 0 && link.range.start <= link.range.end && link.range.end <= length, "link outside the text") }
    }

    static func checkAnalysis(_ analysis: Analysis, _ document: Document) {
        let length = document.text.utf8.count
        for finding in analysis.findings {
            require(finding.range.start >= 0 && finding.range.start <= finding.range.end && finding.range.end <= length, "finding outside the text")
        }
        require(analysis.meetsProfile == analysis.reasons.isEmpty, "a verdict without its reasons")
        let (blocks, _) = Highlights.blocks(of: document, findings: analysis.findings, maximumBytes: 4096)
        require(blocks.allSatisfy { $0.pieces.allSatisfy { !$0.text.contains("\u{FFFD}") || document.text.contains("\u{FFFD}") } }, "text cut inside a letter")
    }
}
