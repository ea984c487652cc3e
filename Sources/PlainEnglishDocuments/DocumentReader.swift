import Foundation
import PlainEnglish

/// Reads a file into the checker's text model: plain text as it is; HTML,
/// Markdown and Word with their markup removed and their headings, list
/// items and links kept; PDF through poppler's `pdftotext`.
public enum DocumentReader {
    public enum Format: String, Sendable, CaseIterable {
        case text = "txt"
        case markdown = "md"
        case html
        case word = "docx"
        case pdf

        /// The format a file name says, or nil.
        public init?(fileName: String) {
            let lowercased = fileName.lowercased()
            guard let dot = lowercased.lastIndex(of: ".") else { return nil }
            switch lowercased[lowercased.index(after: dot)...] {
            case "txt", "text": self = .text
            case "md", "markdown": self = .markdown
            case "html", "htm", "xhtml": self = .html
            case "docx": self = .word
            case "pdf": self = .pdf
            default: return nil
            }
        }
    }

    /// What went wrong, in words for the person who chose the file.
    public struct ReadError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    public static let supportedFormatsSentence = "Coproduce reads .txt, .md, .html, .docx and .pdf files."

    /// A clear error for a file too large to check, before any of it is read.
    public static func checkSize(_ byteCount: Int, limits: Limits = .server) throws {
        guard byteCount <= limits.maximumFileBytes else {
            throw ReadError("The file is \(Limits.megabytes(byteCount)). Coproduce checks files of up to \(Limits.megabytes(limits.maximumFileBytes)).")
        }
    }

    /// Runs the CPU-bound part of reading: a server hands it to threads of
    /// its own; the command line runs it where it is.
    public typealias WorkRunner = @Sendable (_ work: @Sendable @escaping () throws -> Document) async throws -> Document

    public static let runInPlace: WorkRunner = { work in try work() }

    /// Reads a file's bytes. Plain UTF-8 text, most of what is checked from the
    /// command line, becomes the document without being copied: a large file is held once.
    public static func read(_ bytes: [UInt8], named fileName: String, limits: Limits = .server,
                            runner: WorkRunner = runInPlace) async throws -> Document {
        try checkSize(bytes.count, limits: limits)
        let format = Format(fileName: fileName) ?? sniff(Data(bytes.prefix(512)))
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if format == .text, !hasByteOrderMark, !bytes.prefix(8192).contains(0), bytes.count <= limits.maximumTextBytes {
            return try await runner {
                // Not UTF-8: an older Windows encoding, read the longer way.
                try Document(plainTextUTF8: bytes) ?? plainTextDocument(Data(bytes), limits: limits)
            }
        }
        return try await read(Data(bytes), named: fileName, limits: limits, runner: runner)
    }

    /// Reads `data`, choosing the format from the file name and checking the
    /// content agrees with it.
    public static func read(_ data: Data, named fileName: String, limits: Limits = .server,
                            runner: WorkRunner = runInPlace) async throws -> Document {
        try checkSize(data.count, limits: limits)
        let format = Format(fileName: fileName) ?? sniff(data)
        guard let format else {
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw ReadError("This looks like an older Word file (.doc). Save it as .docx and try again.")
            }
            throw ReadError("Coproduce cannot tell what kind of file this is. \(supportedFormatsSentence)")
        }
        let document: Document
        if format == .pdf {
            // pdftotext does the reading in a program of its own; here it is only waited for.
            document = try await PDFText.document(data, limits: limits)
        } else {
            document = try await runner { try readInProcess(data, format: format, limits: limits) }
        }
        guard document.text.utf8.count <= limits.maximumTextBytes else { throw ReadError.tooMuchText(limits) }
        return document
    }

    /// Reads every format but PDF, here and now, within the limits.
    public static func readInProcess(_ data: Data, format: Format, limits: Limits) throws -> Document {
        let deadline = Deadline(limits)
        switch format {
        case .text: return try plainTextDocument(data, limits: limits)
        case .markdown: return try MarkdownText.document(try text(data), deadline: deadline)
        case .html: return try HTMLText.document(try text(data), deadline: deadline)
        case .word: return try WordText.document(data, deadline: deadline)
        case .pdf: throw ReadError("PDF files are read by pdftotext.")
        }
    }

    /// Guesses the format of a file without a known extension (standard input).
    private static func sniff(_ data: Data) -> Format? {
        if data.starts(with: Array("%PDF".utf8)) { return .pdf }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .word }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return nil }
        let start = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
        if start.contains("<!doctype html") || start.contains("<html") { return .html }
        return .text
    }

    /// Plain text read straight from its bytes when they are UTF-8, so a large
    /// file is not held twice more as a String.
    static func plainTextDocument(_ data: Data, limits: Limits) throws -> Document {
        // UTF-16 takes two bytes a letter: it is measured once it is text.
        guard !hasUTF16ByteOrderMark(data) else { return Document(plainText: try text(data)) }
        let body = try textBody(data)
        guard body.count <= limits.maximumTextBytes else { throw ReadError.tooMuchText(limits) }
        return Document(plainTextUTF8: [UInt8](body)) ?? Document(plainText: decodeOlderEncoding(body))
    }

    /// Text in UTF-8 (with or without a byte order mark), UTF-16 with a byte
    /// order mark, or Windows-1252 as older Windows programs save it.
    static func text(_ data: Data) throws -> String {
        if hasUTF16ByteOrderMark(data) {
            guard let text = String(data: data, encoding: .utf16) else { throw ReadError("This text file is damaged: it is not readable UTF-16.") }
            return text
        }
        let body = try textBody(data)
        return String(bytes: body, encoding: .utf8) ?? decodeOlderEncoding(body)
    }

    private static func hasUTF16ByteOrderMark(_ data: Data) -> Bool {
        data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
    }

    /// The bytes after any UTF-8 byte order mark, or an error when the file is not text.
    private static func textBody(_ data: Data) throws -> Data.SubSequence {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        // A text file has no zero bytes; a picture, program or zip file has many.
        if body.prefix(8192).contains(0) {
            throw ReadError("This file is not text: it may be a picture, a program or a compressed file. \(supportedFormatsSentence)")
        }
        return body
    }

    /// Text that is not UTF-8: Windows-1252, as older Windows programs save it.
    private static func decodeOlderEncoding(_ body: Data.SubSequence) -> String {
        String(bytes: body, encoding: .windowsCP1252) ?? String(decoding: body, as: UTF8.self)
    }
}
