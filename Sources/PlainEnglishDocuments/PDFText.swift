import Foundation
import PlainEnglish
import Subprocess

/// The text of a PDF, from poppler's `pdftotext` (Debian package poppler-utils).
///
/// `pdftotext` is a program of its own reading a file from outside, so it is
/// fenced in: it runs in a session of its own with limits on memory and CPU
/// time; its output and its warnings are read at the same time (a damaged PDF
/// can print megabytes of warnings, and a full pipe would stall both
/// programs); the text is read only up to the limit; and when it runs over
/// its time, it and anything it started are killed.
enum PDFText {
    /// - Parameter reader: the program to run instead of pdftotext, for tests.
    static func document(_ data: Data, limits: DocumentReader.Limits, reader: URL? = nil) async throws -> Document {
        guard data.starts(with: Array("%PDF".utf8)) else {
            throw DocumentReader.ReadError("This is not a PDF file, or it is damaged. \(DocumentReader.supportedFormatsSentence)")
        }
        guard let pdftotext = reader ?? executable("pdftotext") else {
            throw DocumentReader.ReadError("Reading PDF files needs pdftotext, which is not installed here. Ask your administrator to install poppler-utils, or save the document as .docx or .txt.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input.pdf")
        try data.write(to: input)

        let outcome = try await run(pdftotext, arguments: ["-enc", "UTF-8", "-l", String(limits.maximumPDFPages), input.path, "-"], limits: limits)
        switch outcome {
        case .tookTooLong:
            throw DocumentReader.ReadError.tookTooLong(limits)
        case .tooMuchText:
            throw DocumentReader.ReadError.tooMuchText(limits)
        case .finished(let status, let text, let warnings):
            switch status {
            case .exited(0):
                break
            case .exited(1) where warnings.localizedCaseInsensitiveContains("password"), .exited(3):
                throw DocumentReader.ReadError("This PDF is protected by a password. Remove the password and try again.")
            case .signaled:
                // Killed by a signal: the memory or CPU limit, or a crash in the reader.
                throw DocumentReader.ReadError("This PDF could not be read within Coproduce's limits: it may be damaged, or very complex. Save it as .docx or .txt and try again.")
            default:
                throw DocumentReader.ReadError("This PDF is damaged and its text cannot be read.")
            }
            let plain = String(decoding: text, as: UTF8.self)
            if plain.allSatisfy({ $0.isWhitespace }) {
                throw DocumentReader.ReadError("This PDF has no text in it: it may be scanned pictures of pages. Check the document it was made from.")
            }
            return Document(plainText: plain)
        }
    }

    enum Outcome: Sendable {
        case finished(TerminationStatus, text: [UInt8], warnings: String)
        case tookTooLong
        case tooMuchText
    }

    /// Warnings kept for reading the reason a PDF failed; the rest are read and dropped.
    static let keptWarningBytes = 16 * 1024

    /// Runs the reader through `sh` so its memory and CPU time can be limited
    /// with `ulimit` before it starts.
    static func run(_ program: URL, arguments: [String], limits: DocumentReader.Limits) async throws -> Outcome {
        let memoryKB = limits.maximumPDFReaderMemoryBytes / 1024
        let cpuSeconds = max(1, limits.timeLimitSeconds)
        let script = "ulimit -v \(memoryKB) 2>/dev/null; ulimit -t \(cpuSeconds) 2>/dev/null; exec \"$0\" \"$@\""
        var options = PlatformOptions()
        // A session of its own, so a kill reaches anything the reader starts.
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
        let maximumText = limits.maximumTextBytes
        let timeLimit = limits.timeLimit
        let started = ContinuousClock.now

        let result = try await Subprocess.run(
            .path("/bin/sh"), arguments: Arguments(["-c", script, program.path] + arguments),
            environment: .inherit, platformOptions: options, input: .none, output: .sequence, error: .sequence
        ) { execution -> Outcome in
            try await withThrowingTaskGroup(of: Part.self) { group in
                group.addTask {
                    var text: [UInt8] = []
                    for try await buffer in execution.standardOutput {
                        if text.count + buffer.count > maximumText {
                            try? execution.send(signal: .kill, toProcessGroup: true)
                            return .tooMuchText
                        }
                        buffer.withUnsafeBytes { text.append(contentsOf: $0) }
                    }
                    return .text(text)
                }
                group.addTask {
                    var kept: [UInt8] = []
                    for try await buffer in execution.standardError where kept.count < keptWarningBytes {
                        buffer.withUnsafeBytes { kept.append(contentsOf: $0.prefix(keptWarningBytes - kept.count)) }
                    }
                    return .warnings(String(decoding: kept, as: UTF8.self))
                }
                group.addTask {
                    try await Task.sleep(for: timeLimit)
                    try? execution.send(signal: .kill, toProcessGroup: true)
                    return .timedOut
                }
                var text: [UInt8]?
                var warnings = ""
                var streamsOpen = 2
                while streamsOpen > 0, let part = try await group.next() {
                    switch part {
                    case .text(let bytes): text = bytes; streamsOpen -= 1
                    case .warnings(let read): warnings = read; streamsOpen -= 1
                    case .tooMuchText: group.cancelAll(); return .tooMuchText
                    case .timedOut: group.cancelAll(); return .tookTooLong
                    }
                }
                group.cancelAll()
                return .finished(.exited(0), text: text ?? [], warnings: warnings)
            }
        }
        // The closure saw the streams end; the status comes from the finished run.
        guard case .finished(_, let text, let warnings) = result.closureResult else { return result.closureResult }
        // Killed at the time limit, with the streams closing before the timer said so.
        if case .signaled = result.terminationStatus, ContinuousClock.now - started >= timeLimit { return .tookTooLong }
        return .finished(result.terminationStatus, text: text, warnings: warnings)
    }

    private enum Part: Sendable {
        case text([UInt8])
        case warnings(String)
        case tooMuchText
        case timedOut
    }

    private static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
