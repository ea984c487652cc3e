import Foundation

extension DocumentReader {
    /// How much of a file Coproduce will read, unpack and wait for. A file
    /// from outside can claim anything: a Word file a megabyte long can unpack
    /// to gigabytes, and a PDF can keep a reader busy for ever. Each limit
    /// stops the reading with a message that says which limit was met.
    public struct Limits: Sendable, Equatable {
        /// The file as it arrives.
        public var maximumFileBytes: Int
        /// The text taken out of it, which is what is checked.
        public var maximumTextBytes: Int
        /// One part of a Word file once unpacked (the document's XML).
        public var maximumUnpackedBytes: Int
        /// Parts inside a Word file's zip archive.
        public var maximumParts: Int
        /// Elements inside elements (Word's XML), or quotes and lists inside each other (Markdown).
        public var maximumNesting: Int
        /// Pages of a PDF that are read.
        public var maximumPDFPages: Int
        /// How long reading one file may take.
        public var timeLimit: Duration
        /// Memory the PDF reader (a separate program) may use.
        public var maximumPDFReaderMemoryBytes: Int

        public init(maximumFileBytes: Int, maximumTextBytes: Int, maximumUnpackedBytes: Int, maximumParts: Int,
                    maximumNesting: Int, maximumPDFPages: Int, timeLimit: Duration, maximumPDFReaderMemoryBytes: Int) {
            self.maximumFileBytes = maximumFileBytes
            self.maximumTextBytes = maximumTextBytes
            self.maximumUnpackedBytes = maximumUnpackedBytes
            self.maximumParts = maximumParts
            self.maximumNesting = maximumNesting
            self.maximumPDFPages = maximumPDFPages
            self.timeLimit = timeLimit
            self.maximumPDFReaderMemoryBytes = maximumPDFReaderMemoryBytes
        }

        /// For files sent to the web server: large enough for any real paper
        /// (a 300-page report holds about 1 MB of text), small enough that a
        /// few at once cannot exhaust the server's memory.
        public static let server = Limits(
            maximumFileBytes: 20 * 1_048_576, maximumTextBytes: 5 * 1_048_576, maximumUnpackedBytes: 64 * 1_048_576,
            maximumParts: 5_000, maximumNesting: 100, maximumPDFPages: 2_000, timeLimit: .seconds(20),
            maximumPDFReaderMemoryBytes: 1_024 * 1_048_576)

        /// For `coproduce check`, run by someone on their own files: larger
        /// files and more time, the same protection against unpacking bombs.
        public static let commandLine = Limits(
            maximumFileBytes: 100 * 1_048_576, maximumTextBytes: 100 * 1_048_576, maximumUnpackedBytes: 1_024 * 1_048_576,
            maximumParts: 20_000, maximumNesting: 100, maximumPDFPages: 20_000, timeLimit: .seconds(600),
            maximumPDFReaderMemoryBytes: 2_048 * 1_048_576)

        static func megabytes(_ bytes: Int) -> String {
            bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(max(1, bytes / 1024)) KB"
        }

        var timeLimitSeconds: Int { Int(timeLimit.components.seconds) }
    }

    /// The time a reading must finish by; readers look at it as they go.
    struct Deadline: Sendable {
        let limits: Limits
        private let end: ContinuousClock.Instant

        init(_ limits: Limits) {
            self.limits = limits
            end = .now.advanced(by: limits.timeLimit)
        }

        var hasPassed: Bool { ContinuousClock.now >= end }

        func check() throws {
            if hasPassed { throw ReadError.tookTooLong(limits) }
        }
    }
}

extension DocumentReader.ReadError {
    static func tookTooLong(_ limits: DocumentReader.Limits) -> Self {
        Self("This file took more than \(limits.timeLimitSeconds) seconds to read, so Coproduce stopped. Save it as a .txt or .docx file and try again, or check it in parts.")
    }

    static func tooMuchText(_ limits: DocumentReader.Limits) -> Self {
        tooMuchText(maximumBytes: limits.maximumTextBytes)
    }

    static func tooMuchText(maximumBytes: Int) -> Self {
        Self("This file has more than \(DocumentReader.Limits.megabytes(maximumBytes)) of text, which is more than Coproduce checks at once. Check it in parts.")
    }

    static func unpacksTooLarge(_ limits: DocumentReader.Limits) -> Self {
        Self("This Word file unpacks to more than \(DocumentReader.Limits.megabytes(limits.maximumUnpackedBytes)), which is more than Coproduce reads. Save it again from Word, or as a .txt file, and try again.")
    }

    static func tooManyParts(_ limits: DocumentReader.Limits) -> Self {
        Self("This Word file has more than \(limits.maximumParts) parts inside it, which is more than Coproduce reads. Save it again from Word, or as a .txt file, and try again.")
    }

    static func nestedTooDeeply(_ limits: DocumentReader.Limits) -> Self {
        Self("This file has more than \(limits.maximumNesting) levels of parts inside parts, which is more than Coproduce reads. Save it as a .txt file and try again.")
    }
}
