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
        var pass = CheckPass(document: document, profile: profile, checker: self)
        pass.run()
        return pass.analysis()
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
        /// In the pronunciation dictionary: written in capitals, it is shouting, not an acronym.
        static let englishWord = Flags(rawValue: 1 << 6)
        static let mayStartVagueLink = Flags(rawValue: 1 << 7)
        static let mayStartPreferredLanguage = Flags(rawValue: 1 << 8)
        static let joinsIdeas = Flags(rawValue: 1 << 9)
        static let subject = Flags(rawValue: 1 << 10)
        static let andOr = Flags(rawValue: 1 << 11)
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
    var isEnglishWord: Bool { flags.contains(.englishWord) }
    var mayStartVagueLink: Bool { flags.contains(.mayStartVagueLink) }
    var mayStartPreferredLanguage: Bool { flags.contains(.mayStartPreferredLanguage) }
    var joinsIdeas: Bool { flags.contains(.joinsIdeas) }
    var isSubject: Bool { flags.contains(.subject) }
    var isAndOr: Bool { flags.contains(.andOr) }

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

/// Memory for one word's bytes, freed with the pass that owns it.
private final class ScratchBuffer {
    let pointer: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }
}

/// The state of one check: statistics so far, findings so far, acronyms seen.
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

    var statistics = TextStatistics()
    var findings: [Finding] = []
    /// Facts about each distinct word, found once: a text of a million words
    /// has a few thousand distinct ones, so each word costs one look-up.
    var vocabulary = Vocabulary()
    var facts: [WordFacts] = []
    /// Each word as looked up (lowercase; an acronym as written), by the same number as its facts.
    var wordKeys: [String] = []
    var lowercaseKeys: [String] = []
    /// The glossary phrases each word starts, by the same number.
    var phraseLists: [[Glossary.Phrase]] = []
    /// For each word of the current sentence, its entry in `facts`.
    var factIndexes: [Int] = []
    /// A word's lowercase bytes while it is looked up; reused, so looking up costs no allocation.
    /// Words are at most 65,535 bytes long, and an acronym gets one byte more.
    let scratch = ScratchBuffer(capacity: Int(UInt16.max) + 2)
    var scratchLength = 0
    var messages: [String: String] = [:]
    var suggestions: [Int: String?] = [:]
    var acronyms: [String: AcronymUse] = [:]
    var acronymOrder: [String] = []
    /// The current sentence's words in lowercase.
    var keys: SentenceKeys { SentenceKeys(lowercaseKeys: lowercaseKeys, indexes: factIndexes) }

    struct AcronymUse {
        var firstUse: TextRange
        var definedAt: Int?
        var definedAtFirstUse: Bool
    }

    init(document: Document, profile: Profile, checker: PlainEnglishChecker) {
        self.document = document
        self.profile = profile
        self.checker = checker
        bytes = document.bytes
        checksPassiveVoice = profile.checks.contains(.passiveVoice)
        checksOneIdea = profile.checks.contains(.moreThanOneIdea)
        checksCapitals = profile.checks.contains(.allCapitals)
        checksAcronyms = profile.checks.contains(.acronymNotSpelledOut)
        facts.append(.unread)
        wordKeys.append("")
        lowercaseKeys.append("")
        phraseLists.append([])
        _ = vocabulary.id(of: UnsafeBufferPointer(start: nil, count: 0)) // id 0: the unread words
    }

    mutating func run() {
        statistics.paragraphs = document.blocks.count
        for sentence in document.sentences {
            checkSentence(sentence)
        }
        reportAcronyms()
        if profile.checks.contains(.vagueLinkText) { checkLinks() }
    }

    // MARK: Sentences

    private mutating func checkSentence(_ sentence: Sentence) {
        let words = document.words[sentence.words]
        factIndexes.removeAll(keepingCapacity: true)
        for word in words { factIndexes.append(factIndex(for: word)) }

        var readAloud = 0
        for (offset, word) in words.enumerated() where word.isReadAloud {
            readAloud += 1
            count(word, facts: facts[factIndexes[offset]], isFirst: offset == 0)
        }
        // A unit that is only an address (an e-mail line in a letter) is still a unit the reader meets.
        statistics.sentences += 1
        guard readAloud > 0 else { return }

        checkLength(sentence, wordCount: readAloud)
        checkShouting(words)
        checkAcronyms(words, in: sentence)
        checkPhrases(words)
        if checksPassiveVoice { checkPassive(words) }
        if checksOneIdea { checkOneIdea(sentence, words) }
    }

    private mutating func factIndex(for word: Word) -> Int {
        guard word.isReadAloud else { return 0 } // WordFacts.unread
        // The lowercase bytes; an acronym keeps its capitals, marked so it never meets a word.
        // No closures here: a closure that touches `self` while a property is being
        // changed makes the compiler copy the whole pass, once a word.
        let scratch = self.scratch.pointer
        var length = 0
        if word.kind == .acronym {
            scratch[0] = 1
            length = 1
            for index in word.start..<word.end {
                scratch[length] = bytes[index]
                length += 1
            }
        } else {
            var index = word.start
            while index < word.end {
                let byte = bytes[index]
                if isUppercaseLetter(byte) {
                    scratch[length] = byte + 32
                } else if byte == 0xE2, index + 2 < word.end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 || bytes[index + 2] == 0x98 {
                    scratch[length] = UInt8(ascii: "'") // ’ inside a word is an apostrophe
                    index += 2
                } else {
                    scratch[length] = byte
                }
                length += 1
                index += 1
            }
        }
        scratchLength = length
        let (id, isNew) = vocabulary.id(of: UnsafeBufferPointer(start: scratch, count: length))
        if isNew { facts.append(makeFacts(word)) }
        return id
    }

    /// Everything the checks need about a word seen for the first time.
    private mutating func makeFacts(_ word: Word) -> WordFacts {
        let isAcronym = word.kind == .acronym
        let key = isAcronym ? document.text(of: word.range) : String(decoding: UnsafeBufferPointer(start: scratch.pointer, count: scratchLength), as: UTF8.self)
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
        wordKeys.append(key)
        lowercaseKeys.append(lowercaseKey)
        phraseLists.append(phrases ?? [])
        var flags: WordFacts.Flags = []
        if hasHyphen { flags.insert(.hasHyphen) }
        if Self.suffixAddsSyllable(key) { flags.insert(.suffixAddsSyllable) }
        if phrases != nil { flags.insert(.startsPhrases) }
        if isWord && PassiveVoice.beForms.contains(lowercaseKey) { flags.insert(.beForm) }
        if isWord && PassiveVoice.isAdverb(lowercaseKey) { flags.insert(.adverb) }
        if word.kind == .word && PassiveVoice.isParticiple(key) { flags.insert(.participle) }
        if isWord && lowercaseKey.utf8.count >= 2 && PronunciationDictionary.shared.syllables(of: Array(lowercaseKey.utf8)) != nil { flags.insert(.englishWord) }
        if VagueLinks.firstWords.contains(lowercaseKey) { flags.insert(.mayStartVagueLink) }
        if PreferredLanguage.firstWords.contains(lowercaseKey) { flags.insert(.mayStartPreferredLanguage) }
        if PassiveVoice.secondIdeaJoiners.contains(lowercaseKey) { flags.insert(.joinsIdeas) }
        if PassiveVoice.subjects.contains(lowercaseKey) { flags.insert(.subject) }
        if lowercaseKey == "and" || lowercaseKey == "or" { flags.insert(.andOr) }
        return WordFacts(syllables: syllables, letters: letters, digits: digits, flags: flags)
    }

    private mutating func count(_ word: Word, facts: WordFacts, isFirst: Bool) {
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

    private mutating func checkLength(_ sentence: Sentence, wordCount: Int) {
        if wordCount > profile.veryLongSentenceWords, profile.checks.contains(.veryLongSentence) {
            add(.veryLongSentence, sentence.range, excerpt: openingWords(sentence),
                message: "This sentence has \(wordCount) words, which is very hard to follow.",
                suggestion: "Split it into sentences of \(profile.longSentenceWords) words or fewer.")
        } else if wordCount > profile.longSentenceWords, profile.checks.contains(.longSentence) {
            add(.longSentence, sentence.range, excerpt: openingWords(sentence),
                message: "This sentence has \(wordCount) words. Aim for \(profile.longSentenceWords) or fewer.",
                suggestion: "Split it where the ideas change.")
        }
    }

    private mutating func checkOneIdea(_ sentence: Sentence, _ words: ArraySlice<Word>) {
        let text = bytes[sentence.range.start..<sentence.range.end]
        var joiner: String?
        if text.contains(UInt8(ascii: ";")) { joiner = ";" }
        for (offset, key) in keys.enumerated() where joiner == nil && offset > 0 {
            if facts[factIndexes[offset]].joinsIdeas { joiner = key; break }
            if facts[factIndexes[offset]].isAndOr, offset + 1 < factIndexes.count, facts[factIndexes[offset + 1]].isSubject { joiner = key; break }
        }
        guard let joiner else { return }
        add(.moreThanOneIdea, sentence.range, excerpt: openingWords(sentence),
            message: "This sentence has more than one idea (it joins them with \"\(joiner)\").",
            suggestion: "Use one sentence for each idea.")
    }

    private func openingWords(_ sentence: Sentence) -> String {
        let words = document.words[sentence.words]
        guard words.count > 10 else { return document.text(of: sentence.range) }
        let end = words[words.startIndex + 9].end
        return document.text(of: TextRange(start: sentence.range.start, end: end)) + " …"
    }

    // MARK: Capitals

    private mutating func checkShouting(_ words: ArraySlice<Word>) {
        guard checksCapitals else { return }
        // Found first without changing anything, then reported: a mutating method that
        // calls non-mutating ones in a loop would copy the whole pass for each call.
        for range in shoutedRuns(words) {
            add(.allCapitals, range, excerpt: document.text(of: range),
                message: "Words in capitals are harder to read, and can feel like shouting.",
                suggestion: "Use ordinary capitals. For emphasis, use bold or say why it matters.")
        }
    }

    /// Runs of words in capitals that are shouting: two or more words, or one of four letters or more.
    private func shoutedRuns(_ words: ArraySlice<Word>) -> [TextRange] {
        var runs: [TextRange] = []
        var runStart: Int?
        var runEnd = 0
        var runLength = 0
        var longest = 0
        for (offset, word) in words.enumerated() {
            if isShouted(word, at: offset) {
                if runStart == nil { runStart = word.start }
                runEnd = word.end
                runLength += 1
                longest = max(longest, word.end - word.start)
                continue
            }
            if let start = runStart, runLength >= 2 || longest >= 4 { runs.append(TextRange(start: start, end: runEnd)) }
            runStart = nil
            runLength = 0
            longest = 0
        }
        if let start = runStart, runLength >= 2 || longest >= 4 { runs.append(TextRange(start: start, end: runEnd)) }
        return runs
    }

    /// An English word written in capitals, not an acronym: NOTE, PLEASE, IMPORTANT.
    private func isShouted(_ word: Word, at offset: Int) -> Bool {
        guard word.kind == .acronym || word.kind == .word, word.end - word.start >= 2 else { return false }
        let written = bytes[word.start..<word.end]
        guard isUppercaseLetter(written.first!), written.allSatisfy(isUppercaseLetter) else { return false }
        guard facts[factIndexes[offset]].isEnglishWord else { return false }
        return checker.glossary.acronym(String(decoding: written, as: UTF8.self)) == nil
    }

    // MARK: Acronyms

    private mutating func checkAcronyms(_ words: ArraySlice<Word>, in sentence: Sentence) {
        guard checksAcronyms else { return }
        for (capitals, word, defines) in acronymUses(words) {
            if var use = acronyms[capitals] {
                if defines && use.definedAt == nil { use.definedAt = word.start; acronyms[capitals] = use }
            } else {
                acronyms[capitals] = AcronymUse(firstUse: word.range, definedAt: defines ? word.start : nil, definedAtFirstUse: defines)
                acronymOrder.append(capitals)
            }
        }
    }

    /// The acronyms a sentence uses, and whether each use spells it out.
    private func acronymUses(_ words: ArraySlice<Word>) -> [(String, Word, Bool)] {
        var uses: [(String, Word, Bool)] = []
        for (offset, word) in words.enumerated() where word.kind == .acronym {
            if isShouted(word, at: offset) && (offset > 0 && isShouted(words[words.startIndex + offset - 1], at: offset - 1)
                || offset + 1 < words.count && isShouted(words[words.startIndex + offset + 1], at: offset + 1)
                || word.end - word.start >= 4) {
                continue // shouting, reported as capitals
            }
            var capitals = document.text(of: word.range)
            if capitals.hasSuffix("s"), capitals.count > 2 { capitals.removeLast() } // EHCPs
            if isRomanNumeral(capitals) || checker.isException(capitals) { continue }
            if checker.glossary.acronym(capitals)?.kind == .knownAcronym { continue }
            uses.append((capitals, word, isDefinition(word, offset: offset, in: words)))
        }
        return uses
    }

    /// "Education, health and care plan (EHCP)", "EHCP (education, health and
    /// care plan)", "EHCP means", "EHCP stands for".
    private func isDefinition(_ word: Word, offset: Int, in words: ArraySlice<Word>) -> Bool {
        let before = word.start > 0 ? bytes[word.start - 1] : 0
        let after = word.end < bytes.count ? bytes[word.end] : 0
        if before == UInt8(ascii: "("), after == UInt8(ascii: ")") || after == UInt8(ascii: "s"), offset >= 2 { return true }
        var next = word.end
        while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
        if next < bytes.count, bytes[next] == UInt8(ascii: "("), offset + 2 < words.count {
            let following = words[words.startIndex + offset + 1]
            return following.kind == .word
        }
        if offset + 1 < factIndexes.count {
            let nextKey = keys[offset + 1]
            if nextKey == "means" || nextKey == "stands" && offset + 2 < factIndexes.count && keys[offset + 2] == "for" { return true }
        }
        return false
    }

    private func isRomanNumeral(_ capitals: String) -> Bool {
        capitals.count <= 4 && capitals.allSatisfy { "IVXL".contains($0) }
    }

    private mutating func reportAcronyms() {
        for capitals in acronymOrder {
            guard let use = acronyms[capitals], !use.definedAtFirstUse else { continue }
            let entry = checker.glossary.acronym(capitals)
            let excerpt = document.text(of: use.firstUse)
            if use.definedAt != nil {
                add(.acronymUsedBeforeSpelledOut, use.firstUse, excerpt: excerpt,
                    message: "\(capitals) is used here before it is spelled out further on.",
                    suggestion: spelledOutSuggestion(capitals, entry))
            } else if let entry, entry.kind == .ambiguousAcronym {
                add(.ambiguousAcronym, use.firstUse, excerpt: excerpt,
                    message: "\(capitals) means different things in different services: \(Self.list(entry.alternatives, joiner: "or")).",
                    suggestion: "Write in full which one you mean.")
            } else {
                add(.acronymNotSpelledOut, use.firstUse, excerpt: excerpt,
                    message: "\(capitals) is not spelled out. Not every reader will know it.",
                    suggestion: spelledOutSuggestion(capitals, entry))
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

    private mutating func checkPhrases(_ words: ArraySlice<Word>) {
        var offset = 0
        while offset < factIndexes.count {
            if let (entry, length) = glossaryMatch(at: offset), let kind = findingKind(for: checker.glossary.entries[entry]), profile.checks.contains(kind) {
                let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + offset + length - 1].end)
                addGlossaryFinding(kind, entry: entry, range)
                offset += length
                continue
            }
            let wordFacts = facts[factIndexes[offset]]
            if wordFacts.mayStartPreferredLanguage, checker.settings.languagePreference != .either, profile.checks.contains(.preferredLanguage), let length = checkPreferredLanguage(at: offset, words) {
                offset += length
                continue
            }
            if wordFacts.mayStartVagueLink, profile.checks.contains(.vagueLinkText), let length = VagueLinks.phraseLength(keys, at: offset) {
                let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + offset + length - 1].end)
                add(.vagueLinkText, range, excerpt: document.text(of: range),
                    message: "\"\(document.text(of: range))\" does not say where the link goes, and screen reader users often hear links on their own.",
                    suggestion: "Say where the link goes, for example \"read the short breaks guide\".")
                offset += length
                continue
            }
            offset += 1
        }
    }

    /// The glossary entry (its index) that matches at `offset`, and how many words it covers.
    private func glossaryMatch(at offset: Int) -> (Int, Int)? {
        guard facts[factIndexes[offset]].startsPhrases else { return nil }
        let candidates = phraseLists[factIndexes[offset]]
        for phrase in candidates where offset + phrase.words.count <= factIndexes.count {
            var matches = true
            for (index, phraseWord) in phrase.words.enumerated() {
                let textWord = lowercaseKeys[factIndexes[offset + index]]
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

    private mutating func addGlossaryFinding(_ kind: FindingKind, entry: Int, _ range: TextRange) {
        let written = document.text(of: range)
        // Findings of the same words share one message and one suggestion: a long
        // paper repeats its jargon, and each copy would cost memory.
        let message: String
        if let cached = messages[written] {
            message = cached
        } else {
            switch kind {
            case .jargon: message = "\"\(written)\" is jargon: families may not use this word."
            case .deficitLanguage: message = "\"\(written)\" describes a person by what they cannot do, or with pity."
            case .complexWord: message = "\"\(written)\" is a long way to say something short."
            default: message = "\"\(written)\" adds words but little meaning."
            }
            messages[written] = message
        }
        let suggestion: String?
        if let cached = suggestions[entry] {
            suggestion = cached
        } else {
            suggestion = Self.suggestion(checker.glossary.entries[entry])
            suggestions[entry] = suggestion
        }
        add(kind, range, excerpt: written, message: message, suggestion: suggestion)
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

    private mutating func checkPreferredLanguage(at offset: Int, _ words: ArraySlice<Word>) -> Int? {
        guard let match = PreferredLanguage.match(keys, at: offset, preference: checker.settings.languagePreference) else { return nil }
        let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + offset + match.length - 1].end)
        let written = document.text(of: range)
        let style = checker.settings.languagePreference == .identityFirst ? "identity-first language (\"autistic person\")" : "person-first language (\"person with autism\")"
        add(.preferredLanguage, range, excerpt: written,
            message: "Your area uses \(style).",
            suggestion: "Try \"\(match.replacement)\".")
        return match.length
    }

    // MARK: Passive voice

    private mutating func checkPassive(_ words: ArraySlice<Word>) {
        var offset = 0
        while offset < factIndexes.count {
            guard facts[factIndexes[offset]].isBeForm else { offset += 1; continue }
            var next = offset + 1
            while next < factIndexes.count, facts[factIndexes[next]].isAdverb { next += 1 }
            guard next < factIndexes.count, facts[factIndexes[next]].isParticiple else {
                offset += 1
                continue
            }
            let range = TextRange(start: words[words.startIndex + offset].start, end: words[words.startIndex + next].end)
            let written = document.text(of: range)
            var suggestion = "Say who does it: \"we will send\", not \"it will be sent\"."
            if let agent = PassiveVoice.agent(keys, after: next), keys[next].hasSuffix("ed") {
                let agentRange = TextRange(start: words[words.startIndex + agent.lowerBound].start, end: words[words.startIndex + agent.upperBound - 1].end)
                suggestion = "Start with who did it: \"\(document.text(of: agentRange)) \(keys[next])\"."
            }
            add(.passiveVoice, range, excerpt: written,
                message: "\"\(written)\" is passive: it can hide who does what.",
                suggestion: suggestion)
            offset = next + 1
        }
    }

    // MARK: Links

    private mutating func checkLinks() {
        let reported = Set(findings.filter { $0.kind == .vagueLinkText }.map(\.range.start))
        for link in document.links where !reported.contains(link.range.start) {
            let text = document.text(of: link.range)
            guard VagueLinks.isVague(text) else { continue }
            add(.vagueLinkText, link.range, excerpt: text,
                message: "The link text \"\(text)\" does not say where the link goes.",
                suggestion: "Use words that say where it goes, for example \"read the short breaks guide\".")
        }
    }

    // MARK: Results

    private mutating func add(_ kind: FindingKind, _ range: TextRange, excerpt: String, message: String, suggestion: String?) {
        let severity: Finding.Severity = profile.problems.contains(kind) ? .problem : .advice
        findings.append(Finding(kind: kind, range: range, line: 0, column: 0, excerpt: excerpt, message: message, suggestion: suggestion, severity: severity))
    }

    mutating func analysis() -> Analysis {
        var sorted = findings
        findings = [] // sorted in place, not copied
        sorted.sort { ($0.range.start, $0.kind) < ($1.range.start, $1.kind) }
        let positions = bytes.withUnsafeBufferPointer { LineIndex.positions(of: sorted.map(\.range.start), in: $0) }
        for index in sorted.indices {
            sorted[index].line = positions[index].line
            sorted[index].column = positions[index].column
        }
        let scores = ReadabilityScores(statistics)
        var reasons: [String] = []
        if let scores, scores.readingAge > profile.targetReadingAge {
            reasons.append("It needs a reading age of \(scores.readingAge); the aim is \(profile.targetReadingAge) or under.")
        }
        let problems = Dictionary(grouping: sorted.filter { $0.severity == .problem }, by: \.kind)
        for kind in FindingKind.allCases {
            guard let found = problems[kind] else { continue }
            reasons.append("\(kind.title): \(found.count).")
        }
        return Analysis(profile: profile, statistics: statistics, scores: scores, findings: sorted, meetsProfile: reasons.isEmpty, reasons: reasons)
    }

    static func list(_ items: [String], joiner: String) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " \(joiner) " + items.last!
        }
    }
}
