/// Checks a text against the promise of plain English: readability scores,
/// a reading age, and findings with suggestions, judged by a profile.
///
/// One pass over the sentences computes the statistics and every finding,
/// so the work grows in step with the text.
public struct PlainEnglishChecker: Sendable {
    /// Larger inputs get a clear error rather than a long wait.
    public static let maximumInputBytes = 100 * 1024 * 1024

    public let settings: CheckerSettings
    public let glossary: Glossary
    let counter: SyllableCounter
    private let exceptions: Set<String>

    public init(settings: CheckerSettings = CheckerSettings(), baseGlossary: Glossary = .builtIn) {
        self.settings = settings
        let customised = !settings.glossaryAdditions.isEmpty || !settings.exceptions.isEmpty
        glossary = customised ? baseGlossary.customised(adding: settings.glossaryAdditions, exceptions: settings.exceptions) : baseGlossary
        counter = SyllableCounter(acronymsSaidAsWords: glossary.acronymsSaidAsWords)
        exceptions = Set(settings.exceptions.map { $0.uppercased() })
    }

    public struct InputTooLarge: Error, CustomStringConvertible {
        public let bytes: Int
        public var description: String {
            "The text is \(bytes / 1_048_576) MB. The checker reads texts of up to \(PlainEnglishChecker.maximumInputBytes / 1_048_576) MB: check it in parts."
        }
    }

    /// Checks plain text.
    public func check(text: String, profile: Profile.Name = .standard) throws -> Analysis {
        guard text.utf8.count <= Self.maximumInputBytes else { throw InputTooLarge(bytes: text.utf8.count) }
        return check(Document(plainText: text), profile: profile)
    }

    public func check(_ document: Document, profile name: Profile.Name = .standard) -> Analysis {
        let profile = settings.applied(to: Profile.named(name))
        return CheckPass(document: document, profile: profile, checker: self).run()
    }

    func isException(_ acronym: String) -> Bool { exceptions.contains(acronym) }
}

/// The result of a check.
public struct Analysis: Sendable, Codable, Equatable {
    public var profile: Profile
    public var statistics: TextStatistics
    /// Nil when the text has no words.
    public var scores: ReadabilityScores?
    /// In the order they appear in the text.
    public var findings: [Finding]
    public var meetsProfile: Bool
    /// Why the text does not meet the profile, in plain words; empty when it does.
    public var reasons: [String]

    public func count(of kind: FindingKind) -> Int { findings.count { $0.kind == kind } }
}

/// What the checks need to know about one distinct word, in 8 bytes: it is
/// read for every word of the text, so it must copy as cheaply as an integer.
/// The word's strings and glossary phrases are kept beside it, by the same number.
private struct WordFacts {
    struct Flags: OptionSet {
        let rawValue: UInt16
        static let hasHyphen = Flags(rawValue: 1 << 0)
        /// -ed, -es or -ing is what makes it three syllables (Gunning).
        static let suffixAddsSyllable = Flags(rawValue: 1 << 1)
        /// Glossary phrases start with this word (or its singular).
        static let startsPhrases = Flags(rawValue: 1 << 2)
        static let beForm = Flags(rawValue: 1 << 3)
        static let adverb = Flags(rawValue: 1 << 4)
        static let participle = Flags(rawValue: 1 << 5)
        /// An English word written in capitals, not an acronym: NOTE, PLEASE, IMPORTANT.
        static let shouted = Flags(rawValue: 1 << 6)
        static let mayStartVagueLink = Flags(rawValue: 1 << 7)
        static let mayStartPreferredLanguage = Flags(rawValue: 1 << 8)
        static let joinsIdeas = Flags(rawValue: 1 << 9)
        static let subject = Flags(rawValue: 1 << 10)
        static let andOr = Flags(rawValue: 1 << 11)
        /// An acronym the reader may not know: not a Roman numeral, an exception or a known acronym.
        static let reportableAcronym = Flags(rawValue: 1 << 12)

        /// Any phrase check might start at this word.
        static let mayStartPhrase: Flags = [.startsPhrases, .mayStartVagueLink, .mayStartPreferredLanguage]
    }

    private let storedSyllables: UInt16
    private let storedLetters: UInt16
    private let storedDigits: UInt16
    let flags: Flags

    init(syllables: Int, letters: Int, digits: Int, flags: Flags) {
        storedSyllables = UInt16(clamping: syllables)
        storedLetters = UInt16(clamping: letters)
        storedDigits = UInt16(clamping: digits)
        self.flags = flags
    }

    var syllables: Int { Int(storedSyllables) }
    var letters: Int { Int(storedLetters) }
    var digits: Int { Int(storedDigits) }
    var hasHyphen: Bool { flags.contains(.hasHyphen) }
    var suffixAddsSyllable: Bool { flags.contains(.suffixAddsSyllable) }
    var startsPhrases: Bool { flags.contains(.startsPhrases) }
    var isBeForm: Bool { flags.contains(.beForm) }
    var isAdverb: Bool { flags.contains(.adverb) }
    var isParticiple: Bool { flags.contains(.participle) }
    var isShouted: Bool { flags.contains(.shouted) }
    var mayStartVagueLink: Bool { flags.contains(.mayStartVagueLink) }
    var mayStartPreferredLanguage: Bool { flags.contains(.mayStartPreferredLanguage) }
    var mayStartPhrase: Bool { !flags.isDisjoint(with: .mayStartPhrase) }
    var joinsIdeas: Bool { flags.contains(.joinsIdeas) }
    var isSubject: Bool { flags.contains(.subject) }
    var isAndOr: Bool { flags.contains(.andOr) }
    var isReportableAcronym: Bool { flags.contains(.reportableAcronym) }

    /// For web and e-mail addresses, which no check reads.
    static let unread = WordFacts(syllables: 0, letters: 0, digits: 0, flags: [])
}

/// The current sentence's words as strings, read from the facts when a check needs them.
private struct SentenceKeys: RandomAccessCollection {
    let lowercaseKeys: [String]
    let indexes: [Int]
    var startIndex: Int { 0 }
    var endIndex: Int { indexes.count }
    subscript(position: Int) -> String { lowercaseKeys[indexes[position]] }
}

/// Memory for one word's bytes, freed with the table that owns it.
private final class ScratchBuffer {
    let pointer: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }
}

/// Every distinct word of the text, numbered the first time it is seen, with
/// what the checks need to know about it; and the current sentence's words
/// as those numbers. A text of a million words has a few thousand distinct
/// ones, so each word costs one look-up.
private struct WordTable {
    var vocabulary = Vocabulary()
    var facts: [WordFacts] = [.unread]
    var lowercaseKeys: [String] = [""]
    /// An acronym as it is reported: its capitals without a plural s (EHCPs is EHCP).
    var acronymKeys: [String] = [""]
    /// The glossary phrases each word starts.
    var phraseLists: [[Glossary.Phrase]] = [[]]
    /// The current sentence's words, by number.
    var sentence: [Int] = []
    /// A word's lowercase bytes while it is looked up; reused, so looking up costs no allocation.
    /// Words are at most 65,535 bytes long, and an acronym gets one byte more.
    let scratch = ScratchBuffer(capacity: Int(UInt16.max) + 2)

    init() {
        _ = vocabulary.id(of: UnsafeBufferPointer(start: nil, count: 0)) // number 0: the unread words
    }

    /// The facts of the current sentence's word at `offset`.
    func facts(at offset: Int) -> WordFacts { facts[sentence[offset]] }

    /// The current sentence's words in lowercase.
    var keys: SentenceKeys { SentenceKeys(lowercaseKeys: lowercaseKeys, indexes: sentence) }
}

/// What a check has found so far: the statistics, the findings, and the acronyms seen.
private struct Tally {
    var statistics = TextStatistics()
    /// Findings as the pass keeps them, in 24 bytes each: a long paper has tens
    /// of thousands, and they become `Finding`s once, at the end, in an array of the right size.
    var findings: [PendingFinding] = []
    /// Every message and suggestion, once each: a long paper repeats its jargon and its passives.
    var texts: [String] = []
    var textNumbers: [String: UInt32] = [:]
    /// Glossary messages by the words found, so a repeated word costs no new message.
    var glossaryMessages: [String: UInt32] = [:]
    var glossarySuggestions: [Int: UInt32] = [:]
    var acronyms: [String: AcronymUse] = [:]
    var acronymOrder: [String] = []

    struct AcronymUse {
        var firstUse: TextRange
        var definedAt: Int?
        var definedAtFirstUse: Bool
    }

    struct PendingFinding {
        let start: UInt32
        let end: UInt32
        /// The excerpt is the text from `start` to here: the found words, or a long sentence's first ten.
        let excerptEnd: UInt32
        let message: UInt32
        let suggestion: UInt32
        let kind: FindingKind
        /// The excerpt is the opening of a longer sentence, so " …" follows it.
        let excerptIsOpening: Bool

        static let noSuggestion = UInt32.max
    }

    /// The number of a message or suggestion, adding it the first time.
    mutating func number(of text: String) -> UInt32 {
        if let number = textNumbers[text] { return number }
        let number = UInt32(texts.count)
        texts.append(text)
        textNumbers[text] = number
        return number
    }
}

/// Where a finding's excerpt ends: the end of its words, or (for a sentence)
/// the end of its first ten words, with " …" after them.
private struct Excerpt {
    let end: Int
    let isOpening: Bool
}

/// One check of one document. The pass itself never changes: what changes is
/// kept in a `WordTable` and a `Tally` handed from check to check. (A pass that
/// changed itself was copied whole, by the compiler, each time one of its
/// methods called another in a loop.)
private struct CheckPass {
    let document: Document
    let profile: Profile
    let checker: PlainEnglishChecker
    let bytes: [UInt8]
    // Looked up once: a Set look-up for every sentence would cost a hash each time.
    let checksPassiveVoice: Bool
    let checksOneIdea: Bool
    let checksCapitals: Bool
    let checksAcronyms: Bool
    let checksPreferredLanguage: Bool
    let checksVagueLinks: Bool

    init(document: Document, profile: Profile, checker: PlainEnglishChecker) {
        self.document = document
        self.profile = profile
        self.checker = checker
        bytes = document.bytes
        checksPassiveVoice = profile.checks.contains(.passiveVoice)
        checksOneIdea = profile.checks.contains(.moreThanOneIdea)
        checksCapitals = profile.checks.contains(.allCapitals)
        checksAcronyms = profile.checks.contains(.acronymNotSpelledOut)
        checksPreferredLanguage = checker.settings.languagePreference != .either && profile.checks.contains(.preferredLanguage)
        checksVagueLinks = profile.checks.contains(.vagueLinkText)
    }

    func run() -> Analysis {
        var table = WordTable()
        var tally = Tally()
        tally.statistics.paragraphs = document.blocks.count
        // Words are read through a pointer: no bounds check or reference count for each byte.
        bytes.withUnsafeBufferPointer { text in
            for sentence in document.sentences {
                checkSentence(sentence, text, &table, &tally)
            }
        }
        reportAcronyms(&tally)
        if checksVagueLinks { checkLinks(&tally) }
        return analysis(&tally)
    }

    // MARK: Sentences

    private func checkSentence(_ sentence: Sentence, _ text: UnsafeBufferPointer<UInt8>, _ table: inout WordTable, _ tally: inout Tally) {
        let words = document.words[sentence.words]
        table.sentence.removeAll(keepingCapacity: true)
        var readAloud = 0
        var hasAcronym = false
        for (offset, word) in words.enumerated() {
            let number = factIndex(for: word, text, in: &table)
            table.sentence.append(number)
            guard word.isReadAloud else { continue }
            readAloud += 1
            count(word, facts: table.facts[number], isFirst: offset == 0, &tally.statistics)
            if word.kind == .acronym { hasAcronym = true }
        }
        // A unit that is only an address (an e-mail line in a letter) is still a unit the reader meets.
        tally.statistics.sentences += 1
        guard readAloud > 0 else { return }

        checkLength(sentence, wordCount: readAloud, &tally)
        // Only words in capitals, which the splitter calls acronyms, can shout.
        if hasAcronym {
            if checksCapitals { checkShouting(words, table, &tally) }
            if checksAcronyms { checkAcronyms(words, table, &tally) }
        }
        checkPhrases(words, table, &tally)
        if checksPassiveVoice { checkPassive(words, table, &tally) }
        if checksOneIdea { checkOneIdea(sentence, table, &tally) }
    }

    private func factIndex(for word: Word, _ bytes: UnsafeBufferPointer<UInt8>, in table: inout WordTable) -> Int {
        guard word.isReadAloud else { return 0 } // WordFacts.unread
        // The lowercase bytes; an acronym keeps its capitals, marked so it never meets a word.
        // The key is hashed as it is written, so its bytes are read once.
        let scratch = table.scratch.pointer
        var length = 0
        var hash = Vocabulary.initialHash
        if word.kind == .acronym {
            scratch[0] = 1
            hash = Vocabulary.hash(hash, adding: 1)
            length = 1
            for index in word.start..<word.end {
                let byte = bytes[index]
                scratch[length] = byte
                hash = Vocabulary.hash(hash, adding: byte)
                length += 1
            }
        } else {
            var index = word.start
            while index < word.end {
                var byte = bytes[index]
                if isUppercaseLetter(byte) {
                    byte += 32
                } else if byte == 0xE2, index + 2 < word.end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 || bytes[index + 2] == 0x98 {
                    byte = UInt8(ascii: "'") // ’ inside a word is an apostrophe
                    index += 2
                }
                scratch[length] = byte
                hash = Vocabulary.hash(hash, adding: byte)
                length += 1
                index += 1
            }
        }
        let key = UnsafeBufferPointer(start: scratch, count: length)
        let (number, isNew) = table.vocabulary.id(of: key, hash: hash)
        if isNew { addFacts(word, key: key, to: &table) }
        return number
    }

    /// Everything the checks need about a word seen for the first time.
    private func addFacts(_ word: Word, key lookedUp: UnsafeBufferPointer<UInt8>, to table: inout WordTable) {
        let isAcronym = word.kind == .acronym
        let key = isAcronym ? document.text(of: word.range) : String(decoding: lookedUp, as: UTF8.self)
        let syllables = isAcronym ? checker.counter.syllables(of: key) : wordSyllables(word, key: key)
        let lowercaseKey = isAcronym ? key.lowercased() : key
        var letters = 0
        var digits = 0
        var hasHyphen = false
        for index in word.start..<word.end {
            let byte = bytes[index]
            if isASCIILetter(byte) || byte >= 0xC0 { letters += 1 } else if isDigit(byte) { digits += 1 } else if byte == UInt8(ascii: "-") { hasHyphen = true }
        }
        let phrases = checker.glossary.phrasesByFirstWord[lowercaseKey] ?? Self.singular(lowercaseKey).flatMap { checker.glossary.phrasesByFirstWord[$0] }
        let isWord = word.kind == .word || isAcronym
        let isEnglishWord = isWord && lowercaseKey.utf8.count >= 2 && PronunciationDictionary.shared.syllables(of: Array(lowercaseKey.utf8)) != nil
        var flags: WordFacts.Flags = []
        if hasHyphen { flags.insert(.hasHyphen) }
        if Self.suffixAddsSyllable(key) { flags.insert(.suffixAddsSyllable) }
        if phrases != nil { flags.insert(.startsPhrases) }
        if isWord && PassiveVoice.beForms.contains(lowercaseKey) { flags.insert(.beForm) }
        if isWord && PassiveVoice.isAdverb(lowercaseKey) { flags.insert(.adverb) }
        if word.kind == .word && PassiveVoice.isParticiple(key) { flags.insert(.participle) }
        if VagueLinks.firstWords.contains(lowercaseKey) { flags.insert(.mayStartVagueLink) }
        if PreferredLanguage.firstWords.contains(lowercaseKey) { flags.insert(.mayStartPreferredLanguage) }
        if PassiveVoice.secondIdeaJoiners.contains(lowercaseKey) { flags.insert(.joinsIdeas) }
        if PassiveVoice.subjects.contains(lowercaseKey) { flags.insert(.subject) }
        if lowercaseKey == "and" || lowercaseKey == "or" { flags.insert(.andOr) }
        var acronymKey = ""
        if isAcronym {
            let inCapitalsOnly = key.utf8.allSatisfy(isUppercaseLetter)
            if inCapitalsOnly && isEnglishWord && checker.glossary.acronym(key) == nil { flags.insert(.shouted) }
            acronymKey = key
            if acronymKey.hasSuffix("s"), acronymKey.utf8.count > 2 { acronymKey.removeLast() } // EHCPs
            let isKnown = checker.glossary.acronym(acronymKey)?.kind == .knownAcronym
            if !Self.isRomanNumeral(acronymKey) && !checker.isException(acronymKey) && !isKnown { flags.insert(.reportableAcronym) }
        }
        table.facts.append(WordFacts(syllables: syllables, letters: letters, digits: digits, flags: flags))
        table.lowercaseKeys.append(lowercaseKey)
        table.acronymKeys.append(acronymKey)
        table.phraseLists.append(phrases ?? [])
    }

    private func count(_ word: Word, facts: WordFacts, isFirst: Bool, _ statistics: inout TextStatistics) {
        let syllables = facts.syllables
        statistics.words += 1
        statistics.syllables += syllables
        statistics.letters += facts.letters
        statistics.characters += facts.letters + facts.digits
        guard syllables >= 3 else { return }
        statistics.polysyllables += 1
        // Gunning's complex words leave out names, compounds and -es, -ed, -ing endings.
        let isName = !isFirst && isUppercaseLetter(bytes[word.start]) && word.kind == .word
        let suffixOnly = syllables == 3 && facts.suffixAddsSyllable
        if !isName && !facts.hasHyphen && !suffixOnly && word.kind != .number { statistics.complexWords += 1 }
    }

    /// Whether -ed, -es or -ing adds a syllable: wanted, boxes, going; not loved, families.
    static func suffixAddsSyllable(_ key: String) -> Bool {
        let letters = Array(key.utf8)
        guard letters.count > 4 else { return false }
        if key.hasSuffix("ing") { return true }
        let beforeSuffix = letters[letters.count - 3]
        if key.hasSuffix("ed") { return beforeSuffix == UInt8(ascii: "t") || beforeSuffix == UInt8(ascii: "d") }
        if key.hasSuffix("es") {
            return "sxz".utf8.contains(beforeSuffix) || key.hasSuffix("ches") || key.hasSuffix("shes") || key.hasSuffix("ces") || key.hasSuffix("ges")
        }
        return false
    }

    private func wordSyllables(_ word: Word, key: String) -> Int {
        switch word.kind {
        case .number: NumberSyllables.syllables(of: Array(key.utf8))
        case .abbreviation: max(1, key.utf8.count { $0 != UInt8(ascii: ".") }) // e.g. is "e g", two
        default: checker.counter.syllables(of: key)
        }
    }

    // MARK: Length and ideas

    private func checkLength(_ sentence: Sentence, wordCount: Int, _ tally: inout Tally) {
        if wordCount > profile.veryLongSentenceWords, profile.checks.contains(.veryLongSentence) {
            add(.veryLongSentence, sentence.range, excerpt: openingWords(sentence),
                message: "This sentence has \(wordCount) words, which is very hard to follow.",
                suggestion: "Split it into sentences of \(profile.longSentenceWords) words or fewer.", to: &tally)
        } else if wordCount > profile.longSentenceWords, profile.checks.contains(.longSentence) {
            add(.longSentence, sentence.range, excerpt: openingWords(sentence),
                message: "This sentence has \(wordCount) words. Aim for \(profile.longSentenceWords) or fewer.",
                suggestion: "Split it where the ideas change.", to: &tally)
        }
    }

    private func checkOneIdea(_ sentence: Sentence, _ table: WordTable, _ tally: inout Tally) {
        let text = bytes[sentence.range.start..<sentence.range.end]
        var joiner: String?
        if text.contains(UInt8(ascii: ";")) { joiner = ";" }
        let keys = table.keys
        for (offset, key) in keys.enumerated() where joiner == nil && offset > 0 {
            if table.facts(at: offset).joinsIdeas { joiner = key; break }
            if table.facts(at: offset).isAndOr, offset + 1 < table.sentence.count, table.facts(at: offset + 1).isSubject { joiner = key; break }
        }
        guard let joiner else { return }
        add(.moreThanOneIdea, sentence.range, excerpt: openingWords(sentence),
            message: "This sentence has more than one idea (it joins them with \"\(joiner)\").",
            suggestion: "Use one sentence for each idea.", to: &tally)
    }

    /// A sentence's excerpt: the sentence, or its first ten words.
    private func openingWords(_ sentence: Sentence) -> Excerpt {
        let words = document.words[sentence.words]
        guard words.count > 10 else { return Excerpt(end: sentence.range.end, isOpening: false) }
        return Excerpt(end: words[words.startIndex + 9].end, isOpening: true)
    }

    // MARK: Capitals

    /// Runs of words in capitals that are shouting: two or more words, or one of four letters or more.
    private func checkShouting(_ words: ArraySlice<Word>, _ table: WordTable, _ tally: inout Tally) {
        var runStart: Int?
        var runEnd = 0
        var runLength = 0
        var longest = 0
        for (offset, word) in words.enumerated() {
            if table.facts(at: offset).isShouted {
                if runStart == nil { runStart = word.start }
                runEnd = word.end
                runLength += 1
                longest = max(longest, word.end - word.start)
                continue
            }
            if let start = runStart, runLength >= 2 || longest >= 4 { reportShouting(TextRange(start: start, end: runEnd), &tally) }
            runStart = nil
            runLength = 0
            longest = 0
        }
        if let start = runStart, runLength >= 2 || longest >= 4 { reportShouting(TextRange(start: start, end: runEnd), &tally) }
    }

    private func reportShouting(_ range: TextRange, _ tally: inout Tally) {
        add(.allCapitals, range,
            message: "Words in capitals are harder to read, and can feel like shouting.",
            suggestion: "Use ordinary capitals. For emphasis, use bold or say why it matters.", to: &tally)
    }

    // MARK: Acronyms

    /// Notes each acronym's first use, and where it is spelled out.
    private func checkAcronyms(_ words: ArraySlice<Word>, _ table: WordTable, _ tally: inout Tally) {
        for (offset, word) in words.enumerated() where word.kind == .acronym {
            let facts = table.facts(at: offset)
            if facts.isShouted && (offset > 0 && table.facts(at: offset - 1).isShouted
                || offset + 1 < words.count && table.facts(at: offset + 1).isShouted
                || word.end - word.start >= 4) {
                continue // shouting, reported as capitals
            }
            guard facts.isReportableAcronym else { continue }
            let capitals = table.acronymKeys[table.sentence[offset]]
            let defines = isDefinition(word, offset: offset, in: words, table)
            if var use = tally.acronyms[capitals] {
                if defines && use.definedAt == nil { use.definedAt = word.start; tally.acronyms[capitals] = use }
            } else {
                tally.acronyms[capitals] = Tally.AcronymUse(firstUse: word.range, definedAt: defines ? word.start : nil, definedAtFirstUse: defines)
                tally.acronymOrder.append(capitals)
            }
        }
    }

    /// "Education, health and care plan (EHCP)", "EHCP (education, health and
    /// care plan)", "EHCP means", "EHCP stands for".
    private func isDefinition(_ word: Word, offset: Int, in words: ArraySlice<Word>, _ table: WordTable) -> Bool {
        let before = word.start > 0 ? bytes[word.start - 1] : 0
        let after = word.end < bytes.count ? bytes[word.end] : 0
        if before == UInt8(ascii: "("), after == UInt8(ascii: ")") || after == UInt8(ascii: "s"), offset >= 2 { return true }
        var next = word.end
        while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
        if next < bytes.count, bytes[next] == UInt8(ascii: "("), offset + 2 < words.count {
            let following = words[words.startIndex + offset + 1]
            return following.kind == .word
        }
        if offset + 1 < table.sentence.count {
            let keys = table.keys
            let nextKey = keys[offset + 1]
            if nextKey == "means" || nextKey == "stands" && offset + 2 < table.sentence.count && keys[offset + 2] == "for" { return true }
        }
        return false
    }

    private static func isRomanNumeral(_ capitals: String) -> Bool {
        capitals.utf8.count <= 4 && capitals.utf8.allSatisfy { "IVXL".utf8.contains($0) }
    }

    private func reportAcronyms(_ tally: inout Tally) {
        for capitals in tally.acronymOrder {
            guard let use = tally.acronyms[capitals], !use.definedAtFirstUse else { continue }
            let entry = checker.glossary.acronym(capitals)
            if use.definedAt != nil {
                add(.acronymUsedBeforeSpelledOut, use.firstUse,
                    message: "\(capitals) is used here before it is spelled out further on.",
                    suggestion: spelledOutSuggestion(capitals, entry), to: &tally)
            } else if let entry, entry.kind == .ambiguousAcronym {
                add(.ambiguousAcronym, use.firstUse,
                    message: "\(capitals) means different things in different services: \(Self.list(entry.alternatives, joiner: "or")).",
                    suggestion: "Write in full which one you mean.", to: &tally)
            } else {
                add(.acronymNotSpelledOut, use.firstUse,
                    message: "\(capitals) is not spelled out. Not every reader will know it.",
                    suggestion: spelledOutSuggestion(capitals, entry), to: &tally)
            }
        }
    }

    private func spelledOutSuggestion(_ capitals: String, _ entry: GlossaryEntry?) -> String {
        guard let entry, let meaning = entry.alternatives.first else {
            return "Write it in full the first time, with \(capitals) after it in brackets."
        }
        return "Write \"\(meaning) (\(capitals))\" the first time."
    }

    // MARK: Glossary phrases and preferred language

    private func checkPhrases(_ words: ArraySlice<Word>, _ table: WordTable, _ tally: inout Tally) {
        var offset = 0
        let count = table.sentence.count
        while offset < count {
            let wordFacts = table.facts(at: offset)
            guard wordFacts.mayStartPhrase else { offset += 1; continue }
            if wordFacts.startsPhrases, let (entry, length) = glossaryMatch(at: offset, table),
               let kind = findingKind(for: checker.glossary.entries[entry]), profile.checks.contains(kind) {
                let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + offset + length - 1].end)
                addGlossaryFinding(kind, entry: entry, range, &tally)
                offset += length
                continue
            }
            if wordFacts.mayStartPreferredLanguage, checksPreferredLanguage, let length = checkPreferredLanguage(at: offset, words, table, &tally) {
                offset += length
                continue
            }
            if wordFacts.mayStartVagueLink, checksVagueLinks, let length = VagueLinks.phraseLength(table.keys, at: offset) {
                let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + offset + length - 1].end)
                add(.vagueLinkText, range,
                    message: "\"\(document.text(of: range))\" does not say where the link goes, and screen reader users often hear links on their own.",
                    suggestion: "Say where the link goes, for example \"read the short breaks guide\".", to: &tally)
                offset += length
                continue
            }
            offset += 1
        }
    }

    /// The glossary entry (its index) that matches at `offset`, and how many words it covers.
    private func glossaryMatch(at offset: Int, _ table: WordTable) -> (Int, Int)? {
        let candidates = table.phraseLists[table.sentence[offset]]
        for phrase in candidates where offset + phrase.words.count <= table.sentence.count {
            var matches = true
            for (index, phraseWord) in phrase.words.enumerated() {
                let textWord = table.lowercaseKeys[table.sentence[offset + index]]
                let isLast = index == phrase.words.count - 1
                // Only a longer word can be the plural of the phrase's last word.
                if textWord != phraseWord && !(isLast && textWord.utf8.count > phraseWord.utf8.count && Self.singular(textWord) == phraseWord) {
                    matches = false
                    break
                }
            }
            if matches { return (phrase.entryIndex, phrase.words.count) }
        }
        return nil
    }

    /// provisions -> provision, families -> family, boxes -> box; nil when not plural-looking.
    private static func singular(_ word: String) -> String? {
        guard word.utf8.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") else { return nil }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }

    private func findingKind(for entry: GlossaryEntry) -> FindingKind? {
        switch entry.kind {
        case .jargon: .jargon
        case .deficit: .deficitLanguage
        case .complexWord: .complexWord
        case .filler: .fillerPhrase
        case .acronym, .acronymSaidAsWord, .ambiguousAcronym, .knownAcronym: nil
        }
    }

    private func addGlossaryFinding(_ kind: FindingKind, entry: Int, _ range: TextRange, _ tally: inout Tally) {
        let written = document.text(of: range)
        let message: UInt32
        if let cached = tally.glossaryMessages[written] {
            message = cached
        } else {
            switch kind {
            case .jargon: message = tally.number(of: "\"\(written)\" is jargon: families may not use this word.")
            case .deficitLanguage: message = tally.number(of: "\"\(written)\" describes a person by what they cannot do, or with pity.")
            case .complexWord: message = tally.number(of: "\"\(written)\" is a long way to say something short.")
            default: message = tally.number(of: "\"\(written)\" adds words but little meaning.")
            }
            tally.glossaryMessages[written] = message
        }
        let suggestion: UInt32
        if let cached = tally.glossarySuggestions[entry] {
            suggestion = cached
        } else {
            suggestion = Self.suggestion(checker.glossary.entries[entry]).map { tally.number(of: $0) } ?? Tally.PendingFinding.noSuggestion
            tally.glossarySuggestions[entry] = suggestion
        }
        tally.findings.append(Tally.PendingFinding(start: UInt32(range.start), end: UInt32(range.end), excerptEnd: UInt32(range.end),
                                                   message: message, suggestion: suggestion, kind: kind, excerptIsOpening: false))
    }

    /// "Try "support" or "help". Say what the support is."
    static func suggestion(_ entry: GlossaryEntry) -> String? {
        var parts: [String] = []
        let plain = entry.alternatives.filter { !$0.hasPrefix("(") }
        let instructions = entry.alternatives.filter { $0.hasPrefix("(") }.map { $0.dropFirst().dropLast() }
        if !plain.isEmpty { parts.append("Try \(list(plain.map { "\"\($0)\"" }, joiner: "or")).") }
        for instruction in instructions { parts.append(instruction.prefix(1).uppercased() + instruction.dropFirst() + ".") }
        if !entry.explanation.isEmpty, entry.explanation != "Shorter." { parts.append(entry.explanation) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private func checkPreferredLanguage(at offset: Int, _ words: ArraySlice<Word>, _ table: WordTable, _ tally: inout Tally) -> Int? {
        guard let match = PreferredLanguage.match(table.keys, at: offset, preference: checker.settings.languagePreference) else { return nil }
        let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + offset + match.length - 1].end)
        let style = checker.settings.languagePreference == .identityFirst ? "identity-first language (\"autistic person\")" : "person-first language (\"person with autism\")"
        add(.preferredLanguage, range,
            message: "Your area uses \(style).",
            suggestion: "Try \"\(match.replacement)\".", to: &tally)
        return match.length
    }

    // MARK: Passive voice

    private func checkPassive(_ words: ArraySlice<Word>, _ table: WordTable, _ tally: inout Tally) {
        var offset = 0
        let count = table.sentence.count
        while offset < count {
            guard table.facts(at: offset).isBeForm else { offset += 1; continue }
            var next = offset + 1
            while next < count, table.facts(at: next).isAdverb { next += 1 }
            guard next < count, table.facts(at: next).isParticiple else {
                offset += 1
                continue
            }
            let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + next].end)
            let written = document.text(of: range)
            var suggestion = "Say who does it: \"we will send\", not \"it will be sent\"."
            let keys = table.keys
            if let agent = PassiveVoice.agent(keys, after: next), keys[next].hasSuffix("ed") {
                let agentRange = TextRange(start: words[words.startIndex + agent.lowerBound].start, end: words[words.startIndex + agent.upperBound - 1].end)
                suggestion = "Start with who did it: \"\(document.text(of: agentRange)) \(keys[next])\"."
            }
            add(.passiveVoice, range,
                message: "\"\(written)\" is passive: it can hide who does what.",
                suggestion: suggestion, to: &tally)
            offset = next + 1
        }
    }

    // MARK: Links

    private func checkLinks(_ tally: inout Tally) {
        let reported = Set(tally.findings.filter { $0.kind == .vagueLinkText }.map { Int($0.start) })
        for link in document.links where !reported.contains(link.range.start) {
            let text = document.text(of: link.range)
            guard VagueLinks.isVague(text) else { continue }
            add(.vagueLinkText, link.range,
                message: "The link text \"\(text)\" does not say where the link goes.",
                suggestion: "Use words that say where it goes, for example \"read the short breaks guide\".", to: &tally)
        }
    }

    // MARK: Results

    private func add(_ kind: FindingKind, _ range: TextRange, excerpt: Excerpt? = nil, message: String, suggestion: String?, to tally: inout Tally) {
        let excerpt = excerpt ?? Excerpt(end: range.end, isOpening: false)
        let message = tally.number(of: message)
        let suggestion = suggestion.map { tally.number(of: $0) } ?? Tally.PendingFinding.noSuggestion
        tally.findings.append(Tally.PendingFinding(start: UInt32(range.start), end: UInt32(range.end), excerptEnd: UInt32(excerpt.end),
                                                   message: message, suggestion: suggestion, kind: kind, excerptIsOpening: excerpt.isOpening))
    }

    private func analysis(_ tally: inout Tally) -> Analysis {
        tally.findings.sort { ($0.start, $0.kind) < ($1.start, $1.kind) }
        let positions = bytes.withUnsafeBufferPointer { LineIndex.positions(of: tally.findings.map { Int($0.start) }, in: $0) }
        var findings: [Finding] = []
        findings.reserveCapacity(tally.findings.count)
        for (index, pending) in tally.findings.enumerated() {
            let start = Int(pending.start)
            var excerpt = document.text(of: TextRange(start: start, end: Int(pending.excerptEnd)))
            if pending.excerptIsOpening { excerpt += " …" }
            findings.append(Finding(
                kind: pending.kind, range: TextRange(start: start, end: Int(pending.end)),
                line: positions[index].line, column: positions[index].column, excerpt: excerpt,
                message: tally.texts[Int(pending.message)],
                suggestion: pending.suggestion == Tally.PendingFinding.noSuggestion ? nil : tally.texts[Int(pending.suggestion)],
                severity: profile.problems.contains(pending.kind) ? .problem : .advice))
        }
        tally.findings = []
        let statistics = tally.statistics
        let scores = ReadabilityScores(statistics)
        var reasons: [String] = []
        if let scores, scores.readingAge > profile.targetReadingAge {
            reasons.append("It needs a reading age of \(scores.readingAge); the aim is \(profile.targetReadingAge) or under.")
        }
        var problemCounts: [FindingKind: Int] = [:]
        for finding in findings where finding.severity == .problem { problemCounts[finding.kind, default: 0] += 1 }
        for kind in FindingKind.allCases {
            guard let count = problemCounts[kind] else { continue }
            reasons.append("\(kind.title): \(count).")
        }
        return Analysis(profile: profile, statistics: statistics, scores: scores, findings: findings, meetsProfile: reasons.isEmpty, reasons: reasons)
    }

    static func list(_ items: [String], joiner: String) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " \(joiner) " + items.last!
        }
    }
}
