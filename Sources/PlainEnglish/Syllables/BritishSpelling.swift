/// British spellings and the American forms CMUdict lists them under.
/// behaviour -> behavior, organise -> organize, paediatric -> pediatric,
/// centre -> center, licence -> license, travelled -> traveled.
enum BritishSpelling {
    /// The forms to try, most likely first; empty when nothing applies.
    static func americanForms(of word: [UInt8]) -> [[UInt8]] {
        let spelling = String(decoding: word, as: UTF8.self)
        var forms: [String] = []
        var everything = spelling
        for rewrite in rewrites {
            let changed = rewrite(spelling)
            if changed != spelling { forms.append(changed) }
            everything = rewrite(everything)
        }
        if everything != spelling && !forms.contains(everything) { forms.append(everything) }
        return forms.map { Array($0.utf8) }
    }

    private static let rewrites: [@Sendable (String) -> String] = [
        // behaviour(al), colour, neighbour(hood); not "four", "hour", "your" (the dictionary has those)
        { replacing($0, "our", with: "or", when: { before, _ in before.count >= 3 }) },
        // organise, organised, organising, organisation, recognise, analyse
        { word in
            for ending in ["ise", "ised", "ises", "ising", "isation", "isations", "iser", "isers", "yse", "ysed", "yses", "ysing"] where word.hasSuffix(ending) {
                let stem = word.dropLast(ending.count)
                guard stem.count >= 3 else { return word }
                return stem + ending.replacingFirst("s", with: "z")
            }
            return word
        },
        // paediatric, anaemia, orthopaedic; oesophagus, manoeuvre
        { replacing($0, "ae", with: "e", when: { before, _ in !before.isEmpty }) },
        { replacing($0, "oe", with: "e", when: { before, after in before.isEmpty || !after.isEmpty && after != "s" }) },
        // centre, theatre, fibre, manoeuvre; centred
        { word in
            for (ending, american) in [("tre", "ter"), ("tres", "ters"), ("tred", "tered"), ("bre", "ber"), ("bres", "bers"), ("vre", "ver"), ("vres", "vers")] where word.hasSuffix(ending) {
                return word.dropLast(ending.count) + american
            }
            return word
        },
        // licence, defence, offence
        { $0.hasSuffix("ence") && ["lic", "def", "off", "pret"].contains(where: $0.hasPrefix) ? $0.dropLast(4) + "ense" : $0 },
        // catalogue, dialogue, analogue
        { $0.hasSuffix("ogue") ? String($0.dropLast(2)) : $0.hasSuffix("ogues") ? String($0.dropLast(3)) + "s" : $0 },
        // travelled, labelling, counsellor, modeller
        { word in
            for ending in ["lled", "lling", "ller", "llers", "llor", "llors"] where word.hasSuffix(ending) && word.count > ending.count + 3 {
                return String(word.dropLast(ending.count) + ending.dropFirst())
            }
            return word
        },
        // programme, ageing, practise, enrol, fulfil, cheque, tyre, grey
        { word in
            let whole: [String: String] = [
                "programme": "program", "programmes": "programs", "ageing": "aging", "practise": "practice",
                "practised": "practiced", "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill",
                "fulfilment": "fulfillment", "cheque": "check", "tyre": "tire", "grey": "gray", "whilst": "while",
                "amongst": "among", "judgement": "judgment", "acknowledgement": "acknowledgment", "sceptical": "skeptical",
                "aluminium": "aluminum", "mum": "mom", "mums": "moms",
            ]
            return whole[word] ?? word
        },
    ]

    private static func replacing(_ word: String, _ target: String, with replacement: String, when allowed: (Substring, Substring) -> Bool) -> String {
        guard let range = word.firstRange(of: target) else { return word }
        let before = word[..<range.lowerBound]
        let after = word[range.upperBound...]
        return allowed(before, after) ? before + replacement + after : word
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var result = self
        result.replaceSubrange(range, with: replacement)
        return result
    }
}
