import Foundation
import Testing
@testable import PlainEnglish

/// Each kind of finding: found where it should be, and not in a well-written sentence.
@Suite struct FindingTests {
    let checker = PlainEnglishChecker()

    func findings(_ text: String, _ kind: FindingKind, profile: Profile.Name = .standard, checker: PlainEnglishChecker? = nil) throws -> [Finding] {
        try (checker ?? self.checker).check(text: text, profile: profile).findings.filter { $0.kind == kind }
    }

    @Test func longAndVeryLongSentences() throws {
        let thirty = Array(repeating: "word", count: 30).joined(separator: " ") + "."
        let fifty = Array(repeating: "word", count: 50).joined(separator: " ") + "."
        let long = try findings(thirty, .longSentence)
        #expect(long.count == 1)
        #expect(long[0].message == "This sentence has 30 words. Aim for 25 or fewer.")
        #expect(long[0].severity == .advice)
        let veryLong = try findings(fifty, .veryLongSentence)
        #expect(veryLong.count == 1)
        #expect(veryLong[0].severity == .problem)
        #expect(try findings(fifty, .longSentence).isEmpty) // reported once, as very long
        #expect(try findings("We will send the papers a week before the meeting.", .longSentence).isEmpty)
    }

    @Test func theAreaSetsTheLongSentenceLength() throws {
        let strict = PlainEnglishChecker(settings: CheckerSettings(longSentenceWords: 8))
        #expect(try findings("We will send the papers a week before the meeting.", .longSentence, checker: strict).count == 1)
    }

    @Test func passiveVoice() throws {
        let found = try findings("The decision was agreed by the board. Papers will be sent soon.", .passiveVoice)
        #expect(found.map(\.excerpt) == ["was agreed", "be sent"])
        #expect(found[0].suggestion == "Start with who did it: \"the board agreed\".")
        #expect(found[0].line == 1 && found[0].column == 14)
    }

    @Test func passiveVoiceIsNotFoundWhereGNUStyleWouldBeNoisy() throws {
        for sentence in ["This sheet is for you.", "There are no wrong answers.", "We are interested in your views.",
                         "My son is disabled.", "I am worried about the wait.", "The service is based in Leeds.", "We sent the papers."] {
            #expect(try findings(sentence, .passiveVoice).isEmpty, "\(sentence)")
        }
    }

    @Test func acronymsNotSpelledOutOrUsedBeforeTheyAre() throws {
        let never = try findings("Ask about an EHCP. Your EHCP will say it.", .acronymNotSpelledOut)
        #expect(never.count == 1) // the first use only
        #expect(never[0].excerpt == "EHCP")
        #expect(never[0].suggestion == "Write \"education, health and care plan (EHCP)\" the first time.")
        #expect(never[0].severity == .problem)

        let early = try findings("Ask about an EHCP. An education, health and care plan (EHCP) is a legal document.", .acronymUsedBeforeSpelledOut)
        #expect(early.count == 1)
        #expect(early[0].range.start == 13)
    }

    @Test func acronymsSpelledOutFirstAreFine() throws {
        for text in ["An education, health and care plan (EHCP) sets out support. The EHCP is reviewed yearly.",
                     "The EHCP (education, health and care plan) sets out support.",
                     "EHCP means education, health and care plan.",
                     "Your GP and the NHS can help.", // well known
                     "Part II of the plan."] { // a Roman numeral
            let analysis = try checker.check(text: text)
            #expect(analysis.findings.filter { [.acronymNotSpelledOut, .acronymUsedBeforeSpelledOut].contains($0.kind) }.isEmpty, "\(text)")
        }
    }

    @Test func ambiguousAcronymsAskWhichIsMeant() throws {
        let found = try findings("The CP team will visit.", .ambiguousAcronym)
        #expect(found.count == 1)
        #expect(found[0].message == "CP means different things in different services: cerebral palsy or child protection.")
        #expect(try findings("Child protection (CP) staff will visit.", .ambiguousAcronym).isEmpty)
    }

    @Test func anAreaCanAskNotToFlagAnAcronym() throws {
        let area = PlainEnglishChecker(settings: CheckerSettings(exceptions: ["EHCP", "XYZ"]))
        #expect(try findings("Your EHCP and the XYZ team.", .acronymNotSpelledOut, checker: area).isEmpty)
        #expect(try findings("Your EHCP and the XYZ team.", .acronymNotSpelledOut).count == 2)
    }

    @Test func sendJargonHasEverydayAlternatives() throws {
        let found = try findings("The provision for this cohort follows a statutory assessment.", .jargon)
        #expect(found.map(\.excerpt) == ["provision", "cohort", "statutory assessment"])
        #expect(found[0].suggestion?.hasPrefix("Try \"support\", \"help\" or \"school place\".") == true)
        #expect(found[2].suggestion?.contains("the legal check of your child's needs") == true)
        #expect(try findings("Your child will get help at school.", .jargon).isEmpty)
    }

    @Test func seed002SENDlandExamplesAreInTheGlossary() throws {
        let text = "My disabled child has a placement, uses special transport, accesses a mainstream activity, is in transition, has annual reviews, has siblings, requires intervention and has peers."
        let found = try findings(text, .jargon).map(\.excerpt)
        #expect(found == ["placement", "special transport", "accesses", "mainstream activity", "in transition", "annual reviews", "siblings", "intervention", "peers"])
    }

    @Test func deficitLanguageHasRespectfulAlternatives() throws {
        let found = try findings("He suffers from autism and is wheelchair-bound. She is high functioning.", .deficitLanguage)
        #expect(found.map(\.excerpt) == ["suffers from", "wheelchair-bound", "high functioning"])
        #expect(found[1].suggestion?.hasPrefix("Try \"uses a wheelchair\"") == true)
        #expect(try findings("He is autistic and uses a wheelchair.", .deficitLanguage).isEmpty)
    }

    @Test func complexWordsAndFillers() throws {
        #expect(try findings("We will utilise the room in order to meet.", .complexWord).map(\.excerpt) == ["utilise", "in order to"])
        #expect(try findings("It is very basically fine.", .fillerPhrase).map(\.excerpt) == ["very", "basically"])
        #expect(try findings("We will use the room to meet.", .complexWord).isEmpty)
    }

    @Test func allCapitals() throws {
        let found = try findings("PLEASE NOTE the room has changed. IMPORTANT: bring your letter.", .allCapitals)
        #expect(found.map(\.excerpt) == ["PLEASE NOTE", "IMPORTANT"])
        #expect(try findings("The SEND team and the NHS.", .allCapitals).isEmpty)
        // Shouted words are not reported again as acronyms.
        #expect(try findings("PLEASE NOTE the room has changed.", .acronymNotSpelledOut).isEmpty)
    }

    @Test func vagueLinkText() throws {
        #expect(try findings("To read the guide, click here.", .vagueLinkText).map(\.excerpt) == ["click here"])
        let text = "Read more about short breaks."
        let document = Document(text: text, layout: [LaidOutBlock(kind: .paragraph, range: TextRange(start: 0, end: 29))],
                                links: [Link(range: TextRange(start: 0, end: 9), target: "https://example.org")])
        #expect(checker.check(document).findings.filter { $0.kind == .vagueLinkText }.map(\.excerpt) == ["Read more"])
        #expect(try findings("Read the short breaks guide.", .vagueLinkText).isEmpty)
    }

    @Test func personFirstOrIdentityFirstIsTheAreasChoice() throws {
        let identityFirst = PlainEnglishChecker(settings: CheckerSettings(languagePreference: .identityFirst))
        let personFirst = PlainEnglishChecker(settings: CheckerSettings(languagePreference: .personFirst))
        let text = "Each child with autism and every autistic young person is welcome."
        #expect(try findings(text, .preferredLanguage).isEmpty) // the default accepts both
        let first = try findings(text, .preferredLanguage, checker: identityFirst)
        #expect(first.map(\.excerpt) == ["child with autism"])
        #expect(first[0].suggestion == "Try \"autistic child\".")
        let second = try findings(text, .preferredLanguage, checker: personFirst)
        #expect(second.map(\.excerpt) == ["autistic young person"])
        #expect(second[0].suggestion == "Try \"young person with autism\".")
    }

    @Test func easyReadAsksForOneIdeaASentence() throws {
        let text = "We will meet on Monday because the hall is free."
        #expect(try findings(text, .moreThanOneIdea, profile: .easyRead).count == 1)
        #expect(try findings(text, .moreThanOneIdea).isEmpty) // not checked in papers
        #expect(try findings("We will meet on Monday.", .moreThanOneIdea, profile: .easyRead).isEmpty)
    }

    @Test func anAreasOwnGlossaryEntriesAreUsed() throws {
        let area = PlainEnglishChecker(settings: CheckerSettings(glossaryAdditions: [
            GlossaryEntry(kind: .jargon, terms: ["hub"], alternatives: ["centre"], explanation: "Say which building."),
            GlossaryEntry(kind: .acronym, terms: ["RPCF"], alternatives: ["Rotherham Parent Carers Forum"], explanation: ""),
        ]))
        #expect(try findings("Come to the hub.", .jargon, checker: area).map(\.suggestion) == ["Try \"centre\". Say which building."])
        #expect(try findings("Join RPCF.", .acronymNotSpelledOut, checker: area).first?.suggestion == "Write \"Rotherham Parent Carers Forum (RPCF)\" the first time.")
    }
}

@Suite struct ProfileTests {
    let checker = PlainEnglishChecker()

    @Test func aPlainTextMeetsTheStandardProfile() throws {
        let analysis = try checker.check(text: "We will send the papers a week before the meeting. Tell us if you need them in another format.")
        #expect(analysis.meetsProfile, "\(analysis.reasons)")
        #expect(analysis.reasons.isEmpty)
    }

    @Test func aHardTextDoesNotAndSaysWhy() throws {
        let analysis = try checker.check(text: "The EHCNA multidisciplinary consultation necessitates comprehensive documentation.")
        #expect(!analysis.meetsProfile)
        #expect(analysis.reasons.first?.hasPrefix("It needs a reading age of") == true)
        #expect(analysis.reasons.contains("Acronym not spelled out: 1."))
    }

    @Test func easyReadIsStricterThanStandard() throws {
        let text = "The forum will send you the papers for the next meeting by post."
        #expect(try checker.check(text: text).meetsProfile)
        let easyRead = try checker.check(text: text, profile: .easyRead)
        #expect(!easyRead.meetsProfile)
        #expect(easyRead.profile.targetReadingAge == 7)
    }

    @Test func profilesForChildrenAimBelowTheirAge() {
        #expect(Profile.children8to11.targetReadingAge == 8)
        #expect(Profile.youngPeople12to15.targetReadingAge < 12)
        for name in Profile.Name.allCases { #expect(Profile.named(name).name == name) }
    }

    @Test func areaSettingsChangeTheStandardProfileOnly() {
        let settings = CheckerSettings(longSentenceWords: 20, veryLongSentenceWords: 10, targetReadingAge: 9)
        let standard = settings.applied(to: .standard)
        #expect(standard.longSentenceWords == 20)
        #expect(standard.veryLongSentenceWords == 21) // never shorter than a long sentence
        #expect(standard.targetReadingAge == 9)
        #expect(settings.applied(to: .easyRead) == .easyRead)
    }

    @Test func aProfileIsWrittenAsJSONInAFixedOrder() throws {
        let json = String(decoding: try JSONEncoder().encode(Profile.standard), as: UTF8.self)
        let checks = FindingKind.allCases.filter(Profile.standard.checks.contains).map { "\"\($0.rawValue)\"" }
        #expect(json.contains("\"checks\":[" + checks.joined(separator: ",") + "]"))
        #expect(try JSONDecoder().decode(Profile.self, from: Data(json.utf8)) == .standard)
    }
}

@Suite struct GlossaryTests {
    @Test func theBuiltInGlossaryHasAtLeast200Entries() {
        let entries = Glossary.builtIn.entries
        #expect(entries.count >= 200)
        for kind in GlossaryEntry.Kind.allCases { #expect(entries.contains { $0.kind == kind }, "\(kind)") }
        let jargon = entries.filter { $0.kind == .jargon || $0.kind == .deficit }
        #expect(jargon.allSatisfy { !$0.alternatives.isEmpty })
    }

    @Test func badGlossaryLinesAreReportedWithTheirLineNumber() {
        #expect(throws: GlossaryEntry.ParseError(line: 2, reason: "unknown kind \"slang\": use acronym, acronym-word, ambiguous, known, jargon, deficit, complex, filler")) {
            try GlossaryEntry.parse("jargon | cohort | group\nslang | innit | isn't it")
        }
        #expect(throws: GlossaryEntry.ParseError(line: 1, reason: "an ambiguous acronym needs two or more meanings")) {
            try GlossaryEntry.parse("ambiguous | CP | cerebral palsy")
        }
        #expect(throws: GlossaryEntry.ParseError(line: 1, reason: "the words to look for are missing")) { try GlossaryEntry.parse("jargon | ;  | x") }
        #expect(throws: GlossaryEntry.ParseError(line: 1, reason: "write kind | words | plain words | why, with | between them")) { try GlossaryEntry.parse("jargon hub") }
    }

    @Test func glossaryLinesFromABrowserTextBoxEndInCarriageReturns() throws {
        let entries = try GlossaryEntry.parse("jargon | cohort ;\u{A0}cohorts | group of children | Plain.\r\n\r\n# a note\r\ncomplex | utilise | use\r\n")
        #expect(entries == [
            GlossaryEntry(kind: .jargon, terms: ["cohort", "cohorts"], alternatives: ["group of children"], explanation: "Plain."),
            GlossaryEntry(kind: .complexWord, terms: ["utilise"], alternatives: ["use"], explanation: ""),
        ])
    }
}
