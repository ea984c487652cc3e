import Foundation
import PlainEnglish
import PlainEnglishDocuments

/// `coproduce check` and `coproduce syllables`: the plain English checker
/// on the command line. They run before the web application is set up, so a
/// one-page letter is checked in milliseconds, start-up included.
public enum PlainEnglishCommandLine {
    /// Exit codes: the text meets the profile, it does not, or the command could not run.
    public enum ExitCode: Int32 {
        case meetsProfile = 0
        case doesNotMeetProfile = 1
        case usageOrFileError = 2
    }

    /// Runs `check` or `syllables` when they are the command; nil for any other command.
    public static func runIfRequested(_ arguments: [String]) async -> Int32? {
        guard arguments.count >= 2 else { return nil }
        let rest = Array(arguments.dropFirst(2))
        switch arguments[1] {
        case "check": return await check(rest).rawValue
        case "syllables": return syllables(rest).rawValue
        default: return nil
        }
    }

    static let checkUsage = """
    Usage: coproduce check FILE... [--profile PROFILE] [--json]

    Checks each file against plain English: readability scores, a reading age,
    and each finding with its line, column and a suggestion. Use - to read
    standard input. Files may be .txt, .md, .html, .docx or .pdf.

      --profile PROFILE  who the text is for: \(Profile.Name.allCases.map(\.rawValue).joined(separator: ", "))
                         (standard if not given)
      --json             print the analysis as JSON
      --help             print this help

    Exit code: 0 when every file meets the profile, 1 when one does not,
    2 when a file cannot be read or the command is wrong.
    """

    static let syllablesUsage = """
    Usage: coproduce syllables [--rules-only]

    Reads words on standard input, one a line, and prints each with its
    syllables: word<TAB>count.

      --rules-only  use the spelling rules alone, without the pronunciation dictionary
    """

    // MARK: check

    static func check(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream,
                      readStandardInput: () -> Data) async -> ExitCode {
        var files: [String] = []
        var profile = Profile.Name.standard
        var json = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--help", "-h":
                print(checkUsage, to: &output)
                return .meetsProfile
            case "--json":
                json = true
            case "--profile":
                index += 1
                guard index < arguments.count, let name = Profile.Name(rawValue: arguments[index]) else {
                    print("--profile needs one of: \(Profile.Name.allCases.map(\.rawValue).joined(separator: ", ")).", to: &errors)
                    return .usageOrFileError
                }
                profile = name
            default:
                if argument.hasPrefix("--") {
                    print("There is no option \(argument).\n\n\(checkUsage)", to: &errors)
                    return .usageOrFileError
                }
                files.append(argument)
            }
            index += 1
        }
        guard !files.isEmpty else {
            print("Name a file to check.\n\n\(checkUsage)", to: &errors)
            return .usageOrFileError
        }

        let checker = PlainEnglishChecker()
        var reports: [FileReport] = []
        for file in files {
            do {
                // Read in a function of its own, so the file's bytes are freed before the check.
                guard let document = try await readDocument(file, standardInput: readStandardInput) else {
                    print("\(file): cannot be read. Check the name and that you may open it.", to: &errors)
                    return .usageOrFileError
                }
                reports.append(FileReport(file: file, analysis: checker.check(document, profile: profile)))
            } catch {
                print("\(file): \(error)", to: &errors)
                return .usageOrFileError
            }
        }

        if json {
            JSONReport.write(reports, to: &output)
        } else {
            for (offset, report) in reports.enumerated() {
                if offset > 0 { print("", to: &output) }
                TextReport.write(report.analysis, file: report.file, to: &output)
            }
        }
        return reports.allSatisfy(\.analysis.meetsProfile) ? .meetsProfile : .doesNotMeetProfile
    }

    private static func readDocument(_ file: String, standardInput: () -> Data) async throws -> Document? {
        if file == "-" { return try await DocumentReader.read(standardInput(), named: "standard input", limits: .commandLine) }
        if let bytes = try bytes(ofRegularFile: file) { return try await DocumentReader.read(bytes, named: file, limits: .commandLine) }
        // A pipe or device has no size to read up to.
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return try await DocumentReader.read(data, named: file, limits: .commandLine)
    }

    /// An ordinary file's bytes, read straight into an array: read into Data
    /// first, a large file was held twice and copied once. Nil for anything
    /// that is not an ordinary file that can be opened.
    private static func bytes(ofRegularFile path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        try DocumentReader.checkSize(size, limits: .commandLine)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { failed = read < 0; break } // 0: the file was shorter than it said
                count += read
            }
        }
        return failed ? nil : bytes
    }

    struct FileReport: Encodable {
        let file: String
        let analysis: Analysis
    }

    // MARK: syllables

    static func syllables(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream, readLine: () -> String?) -> ExitCode {
        var method = SyllableCounter.Method.dictionaryAndRules
        for argument in arguments {
            switch argument {
            case "--rules-only": method = .rulesOnly
            case "--help", "-h":
                print(syllablesUsage, to: &output)
                return .meetsProfile
            default:
                print("There is no option \(argument).\n\n\(syllablesUsage)", to: &errors)
                return .usageOrFileError
            }
        }
        let counter = SyllableCounter(method: method, acronymsSaidAsWords: Glossary.builtIn.acronymsSaidAsWords)
        while let line = readLine() {
            let word = line.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { continue }
            print("\(word)\t\(counter.syllables(of: word))", to: &output)
        }
        return .meetsProfile
    }

    // MARK: Process streams

    private static func check(_ arguments: [String]) async -> ExitCode {
        var output = BufferedStandardOutput()
        var errors = StandardError()
        defer { output.flush() }
        return await check(arguments, output: &output, errors: &errors, readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() })
    }

    private static func syllables(_ arguments: [String]) -> ExitCode {
        var output = BufferedStandardOutput()
        var errors = StandardError()
        defer { output.flush() }
        return syllables(arguments, output: &output, errors: &errors, readLine: { Swift.readLine() })
    }
}

/// Standard output gathered into large writes: printing a line at a time
/// is the slowest part of counting a long word list.
struct BufferedStandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
