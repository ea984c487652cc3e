/// Passive voice: a form of "be", perhaps an adverb, then a past participle
/// ("was agreed", "will be sent", "is being reviewed"). Adjectives that look
/// like participles ("is interested", "are worried", "is disabled") are not
/// passive, and "This sheet is for you" or "There are no wrong answers" have
/// no participle at all.
enum PassiveVoice {
    static let beForms: Set<String> = [
        "am", "is", "are", "was", "were", "be", "been", "being",
        "isn't", "aren't", "wasn't", "weren't",
    ]

    private static let adverbs: Set<String> = [
        "not", "never", "also", "always", "often", "usually", "already", "still", "now", "then", "all", "both",
        "just", "being", "sometimes", "rarely", "generally", "normally", "typically", "recently", "currently",
        "further", "soon", "once", "first", "only",
    ]

    static func isAdverb(_ word: String) -> Bool {
        adverbs.contains(word) || word.utf8.count > 4 && word.hasSuffix("ly") && !participlesEndingInLy.contains(word)
    }

    private static let participlesEndingInLy: Set<String> = ["early", "only", "family", "supply", "apply", "reply", "holy", "ugly"]

    static func isParticiple(_ word: String) -> Bool {
        if irregularParticiples.contains(word) { return true }
        guard word.utf8.count >= 5, word.hasSuffix("ed") else { return false }
        return !adjectives.contains(word) && !notVerbs.contains(word)
    }

    /// The words after "by" that name who did it: "by the board" -> "the board".
    static func agent<Keys: RandomAccessCollection<String>>(_ keys: Keys, after participle: Int) -> Range<Int>? where Keys.Index == Int {
        guard participle + 2 < keys.count, keys[participle + 1] == "by" else { return nil }
        let start = participle + 2
        var end = start
        while end < keys.count, end - start < 4, !stopWords.contains(keys[end]) { end += 1 }
        return end > start ? start..<end : nil
    }

    private static let stopWords: Set<String> = ["and", "or", "but", "because", "to", "in", "on", "at", "for", "with", "which", "who", "that", "when", "if"]

    static let irregularParticiples: Set<String> = [
        "given", "made", "taken", "seen", "done", "known", "shown", "told", "sent", "held", "kept", "paid", "met",
        "brought", "bought", "thought", "found", "left", "written", "chosen", "spoken", "built", "begun", "heard",
        "led", "meant", "taught", "understood", "undertaken", "withdrawn", "drawn", "grown", "sought", "won", "spent",
        "sold", "struck", "felt", "caught", "fed", "forgotten", "hidden", "broken", "driven", "eaten", "forbidden",
        "forgiven", "frozen", "gotten", "laid", "lent", "ridden", "risen", "shaken", "shot", "stolen", "sworn",
        "thrown", "torn", "woken", "overseen", "overtaken", "rewritten", "withheld", "upheld", "beaten", "bitten",
        "blown", "flown", "proven", "sewn", "slain", "sprung", "stung", "swept", "wound", "undergone",
        "misunderstood", "overlooked", "set", "put", "cut", "shut",
    ]

    /// Words ending in -ed that usually describe, after "be": "I am worried".
    private static let adjectives: Set<String> = [
        "interested", "worried", "concerned", "pleased", "delighted", "tired", "married", "bored", "excited",
        "scared", "frightened", "disabled", "supposed", "used", "aged", "advanced", "experienced", "qualified",
        "skilled", "talented", "gifted", "complicated", "detailed", "limited", "committed", "dedicated",
        "determined", "devoted", "involved", "based", "related", "entitled", "exhausted", "isolated", "satisfied",
        "dissatisfied", "disappointed", "surprised", "shocked", "upset", "confused", "embarrassed", "ashamed",
        "relieved", "amazed", "annoyed", "frustrated", "stressed", "overwhelmed", "motivated", "engaged",
        "prepared", "unprepared", "organised", "organized", "disorganised", "allowed", "licensed", "registered",
        "closed", "finished", "gone", "located", "situated",
    ]

    /// Words ending in -ed that are not verbs.
    private static let notVerbs: Set<String> = [
        "hundred", "sacred", "naked", "wicked", "kindred", "rugged", "ragged", "crooked", "beloved", "learned",
        "indeed", "breed", "speed", "bleed", "embed", "proceed", "succeed", "exceed",
    ]

    /// Words that start a second clause: "We will meet, but it may be late."
    static let secondIdeaJoiners: Set<String> = [
        "because", "but", "which", "although", "though", "whereas", "unless", "however", "so", "while", "whilst",
    ]

    /// Subjects that show "and" starts a new clause: "and we", "and they".
    static let subjects: Set<String> = ["i", "you", "we", "they", "he", "she", "it", "this", "that", "there", "these", "those"]
}

/// Link text that does not say where the link goes.
enum VagueLinks {
    private static let phrases: [[String]] = [
        ["click", "here"], ["click", "on", "this", "link"], ["click", "this", "link"], ["click", "the", "link"],
        ["follow", "this", "link"], ["tap", "here"], ["press", "here"], ["click", "on", "the", "link"],
    ]

    static let firstWords: Set<String> = ["click", "follow", "tap", "press"]

    /// The length of a "click here" phrase starting at `offset`, or nil.
    static func phraseLength<Keys: RandomAccessCollection<String>>(_ keys: Keys, at offset: Int) -> Int? where Keys.Index == Int {
        guard keys[offset] == "click" || keys[offset] == "follow" || keys[offset] == "tap" || keys[offset] == "press" else { return nil }
        for phrase in phrases where offset + phrase.count <= keys.count && Array(keys[offset..<(offset + phrase.count)]) == phrase {
            return phrase.count
        }
        return nil
    }

    private static let vagueTexts: Set<String> = [
        "here", "click here", "this link", "link", "read more", "more", "this", "this page", "find out more",
        "more information", "more info", "click", "tap here", "go", "see here", "details", "this website",
    ]

    static func isVague(_ text: String) -> Bool {
        let normalised = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).joined(separator: " ")
        return vagueTexts.contains(normalised)
    }
}

/// "Autistic child" or "child with autism": the area chooses.
enum PreferredLanguage {
    private static let people: Set<String> = [
        "person", "people", "child", "children", "adult", "adults", "pupil", "pupils", "student", "students",
        "learner", "learners", "boy", "boys", "girl", "girls", "son", "sons", "daughter", "daughters",
        "individual", "individuals", "parent", "parents", "man", "men", "woman", "women", "teenager", "teenagers",
    ]
    private static let pluralPeople: Set<String> = [
        "people", "children", "adults", "pupils", "students", "learners", "boys", "girls", "sons", "daughters",
        "individuals", "parents", "men", "women", "teenagers",
    ]

    /// Words that can start a phrase this check looks at.
    static let firstWords: Set<String> = people.union(["young", "autistic", "disabled"])

    struct Match {
        let length: Int
        let replacement: String
    }

    static func match<Keys: RandomAccessCollection<String>>(_ keys: Keys, at offset: Int, preference: LanguagePreference) -> Match? where Keys.Index == Int {
        switch preference {
        case .either:
            return nil
        case .identityFirst:
            // child with autism -> autistic child; young people with disabilities -> disabled young people
            var noun = offset
            var nounWords = [keys[offset]]
            if keys[offset] == "young", offset + 1 < keys.count, keys[offset + 1] == "person" || keys[offset + 1] == "people" {
                noun = offset + 1
                nounWords.append(keys[noun])
            } else if !people.contains(keys[offset]) {
                return nil
            }
            guard noun + 2 < keys.count, keys[noun + 1] == "with" else { return nil }
            let subject = nounWords.joined(separator: " ")
            let condition = keys[noun + 2]
            if condition == "autism" {
                return Match(length: noun + 3 - offset, replacement: "autistic \(subject)")
            }
            if condition == "disabilities" || condition == "disability" {
                return Match(length: noun + 3 - offset, replacement: "disabled \(subject)")
            }
            if condition == "a", noun + 3 < keys.count, keys[noun + 3] == "disability" {
                return Match(length: noun + 4 - offset, replacement: "disabled \(subject)")
            }
            return nil
        case .personFirst:
            // autistic child -> child with autism; disabled people -> people with disabilities
            guard keys[offset] == "autistic" || keys[offset] == "disabled", offset + 1 < keys.count else { return nil }
            var length = 2
            var subject = keys[offset + 1]
            if subject == "young", offset + 2 < keys.count, keys[offset + 2] == "person" || keys[offset + 2] == "people" {
                subject += " " + keys[offset + 2]
                length = 3
            } else if !people.contains(subject) {
                return nil
            }
            let isPlural = pluralPeople.contains(String(subject.split(separator: " ").last ?? ""))
            let condition = keys[offset] == "autistic" ? "autism" : isPlural ? "disabilities" : "a disability"
            return Match(length: length, replacement: "\(subject) with \(condition)")
        }
    }
}
