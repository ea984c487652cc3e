import Foundation
import PlainEnglish

/// The text of a PDF, from poppler's `pdftotext` (Debian package poppler-utils).
enum PDFText {
    static func document(_ data: Data) throws -> Document {
        guard data.starts(with: Array("%PDF".utf8)) else {
            throw DocumentReader.ReadError("This is not a PDF file, or it is damaged. \(DocumentReader.supportedFormatsSentence)")
        }
        guard let pdftotext = executable("pdftotext") else {
            throw DocumentReader.ReadError("Reading PDF files needs pdftotext, which is not installed here. Ask your administrator to install poppler-utils, or save the document as .docx or .txt.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input.pdf")
        try data.write(to: input)

        let process = Process()
        process.executableURL = pdftotext
        process.arguments = ["-enc", "UTF-8", input.path, "-"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting, so a large PDF cannot fill the pipe and stall.
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0:
            break
        case 1 where message.localizedCaseInsensitiveContains("password"), 3:
            throw DocumentReader.ReadError("This PDF is protected by a password. Remove the password and try again.")
        default:
            throw DocumentReader.ReadError("This PDF is damaged and its text cannot be read.")
        }
        let plain = String(decoding: text, as: UTF8.self)
        if plain.allSatisfy({ $0.isWhitespace }) {
            throw DocumentReader.ReadError("This PDF has no text in it: it may be scanned pictures of pages. Check the document it was made from.")
        }
        return Document(plainText: plain)
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
