import Testing
@testable import PlainEnglish

/// Any input gives a result or a clear error: never a crash, a hang or a
/// range outside the text.
@Suite struct RobustnessTests {
    let checker = PlainEnglishChecker()

    /// Pieces that stress the splitter, tokenizer and checks, mixed at random.
    static let fragments = [
        "e.g.", "i.e.", "etc.", "Dr.", "No.", "3.5", "2.1.3", "10.00", "10:30", "J.", "www.x.org", "a@b.co", "https://q.r/s.",
        ".", "..", "…", "?!", "\"", "’", "(", ")", "- ", "• ", "▶ ", "1. ", "(a) ", "# ", "\n", "\n\n", "\r\n", "\t", " ",
        "EHCP", "SEND", "CP", "PLEASE NOTE", "click here", "was agreed by", "suffers from", "provision", "in order to",
        "child with autism", "autistic child", "2024", "15%", "1st", "well-being", "parent's", "don't", "-", "'", "&",
        "😀", "👩🏽‍🦽", "مرحبا بكم", "שלום", "café", "naïve", "\u{0}", "\u{FEFF}", "\u{2028}", "\u{200B}", "\u{FFFD}",
        "a", "The", "forum", "meets", "today", "Why", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "0", "999999999999999999999",
    ]

    @Test func randomDocumentsAlwaysGiveAConsistentResult() throws {
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...60, using: &generator)
            let text = (0..<count).map { _ in Self.fragments.randomElement(using: &generator)! }.joined(separator: Bool.random(using: &generator) ? " " : "")
            try expectConsistent(text, profile: Profile.Name.allCases.randomElement(using: &generator)!)
        }
    }

    /// Lines are found eight bytes at a time where nothing can break them: the
    /// same lines as a byte-at-a-time reading, wherever the breaks fall.
    @Test func linesAreFoundAsAByteAtATimeReadingFindsThem() {
        var generator = SplitMix64(seed: 11)
        let pieces = ["\n", "\r", "\r\n", "\u{2028}", "\u{2029}", "\u{0C}", "\u{0B}", "\u{0E}", "é", "€", "’", "—", "a", "ab cd", "longer words here", "\u{E2}"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let lines = bytes.withUnsafeBufferPointer { Line.split($0) }
            #expect(lines == Self.referenceLines(bytes), "\(text.debugDescription)")
        }
    }

    /// The wrap width is the 90th percentile of line lengths, found by counting: the same as sorting finds.
    @Test func theWrapWidthIsFoundByCountingAsSortingWouldFindIt() {
        var generator = SplitMix64(seed: 12)
        for _ in 0..<500 {
            var start = 0
            let lines = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                let length = Bool.random(using: &generator) ? Int.random(in: 0...90, using: &generator) : Int.random(in: 0...9000, using: &generator)
                defer { start += length + 1 }
                return Line(start: start, end: start + length)
            }
            let lengths = lines.map(\.length).filter { $0 > 0 }.sorted()
            let expected = lengths.count >= 4 ? lengths[lengths.count * 9 / 10] : 1_000_000
            #expect(PlainTextLayout.typicalWrapWidth(lines) == expected)
        }
    }

    /// Every byte looked at in turn.
    static func referenceLines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x0C {
                lines.append(Line(start: start, end: index))
                if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            } else if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                lines.append(Line(start: start, end: index))
                index += 2
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(Line(start: start, end: bytes.count)) }
        return lines
    }

    @Test func randomUnicodeAndControlCharactersAreSafe() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...200, using: &generator) {
                let value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            try expectConsistent(String(scalars), profile: .standard)
        }
    }

    @Test func bytesThatAreNotTextAreReadWithReplacementCharacters() throws {
        var generator = SplitMix64(seed: 99)
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try expectConsistent(String(decoding: bytes, as: UTF8.self), profile: .standard)
    }

    @Test func oneEnormousLineIsCheckedInOnePass() throws {
        // 2 MB with no line break and no full stop: one sentence of 400,000 words.
        let text = String(repeating: "word ", count: 400_000)
        let analysis = try checker.check(text: text)
        #expect(analysis.statistics.sentences == 1)
        #expect(analysis.statistics.words == 400_000)
        #expect(analysis.count(of: .veryLongSentence) == 1)
    }

    @Test func manyFindingsOnOneLineAreStillQuick() throws {
        // Line and column are found in one pass, not once for each finding.
        let text = String(repeating: "It is very basically fine. ", count: 20_000)
        let analysis = try checker.check(text: text)
        #expect(analysis.count(of: .fillerPhrase) == 40_000)
        #expect(analysis.findings.last?.line == 1)
        #expect(analysis.findings.last?.column == 540_000 - 27 + 11 + 1) // "basically" in the last "It is very basically fine. "
    }

    @Test func textsOverTheLimitGetAClearError() {
        let text = String(repeating: "a", count: PlainEnglishChecker.maximumInputBytes + 1)
        #expect(throws: PlainEnglishChecker.InputTooLarge.self) { try checker.check(text: text) }
        let error = PlainEnglishChecker.InputTooLarge(bytes: 150 * 1_048_576)
        #expect(error.description == "The text is 150 MB. The checker reads texts of up to 100 MB: check it in parts.")
    }

    private func expectConsistent(_ text: String, profile: Profile.Name) throws {
        let document = Document(plainText: text)
        let size = text.utf8.count
        var previousEnd = 0
        for sentence in document.sentences {
            #expect(sentence.range.start >= previousEnd && sentence.range.end <= size && sentence.range.start < sentence.range.end)
            for word in document.words(of: sentence) {
                #expect(word.range.start >= sentence.range.start && word.range.end <= sentence.range.end && word.range.length > 0)
            }
            previousEnd = sentence.range.end
        }
        let analysis = checker.check(document, profile: profile)
        #expect(analysis.statistics.sentences <= document.sentences.count)
        for finding in analysis.findings {
            #expect(finding.range.start >= 0 && finding.range.end <= size && finding.line >= 1 && finding.column >= 1)
        }
        if let scores = analysis.scores { #expect(scores.fleschReadingEase.isFinite && scores.readingAge >= 5) }
    }
}

/// A small seeded generator, so a failure can be run again.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
