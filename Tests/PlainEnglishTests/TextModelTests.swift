import Testing
@testable import PlainEnglish

@Suite struct SentenceSplittingTests {
    func sentences(_ text: String) -> [String] {
        let document = Document(plainText: text)
        return document.sentences.map { document.text(of: $0.range) }
    }

    @Test func splitsAtFullStopsQuestionAndExclamationMarks() {
        #expect(sentences("We met today. Papers went out late! Why was that?") == ["We met today.", "Papers went out late!", "Why was that?"])
    }

    @Test func abbreviationsDoNotEndSentences() {
        #expect(sentences("Bring documents, e.g. letters from school. Then sign in.") == ["Bring documents, e.g. letters from school.", "Then sign in."])
        #expect(sentences("Dr. Patel and Mr. Shah will attend i.e. both of them.") == ["Dr. Patel and Mr. Shah will attend i.e. both of them."])
        #expect(sentences("Bring pens, paper etc. and a drink. Lunch is provided.") == ["Bring pens, paper etc. and a drink.", "Lunch is provided."])
        #expect(sentences("We need pens, paper etc. The room is booked.") == ["We need pens, paper etc.", "The room is booked."])
        #expect(sentences("See No. 5 on the list. Cllr. Jones agreed.") == ["See No. 5 on the list.", "Cllr. Jones agreed."])
        #expect(sentences("The answer was no. We will ask again.") == ["The answer was no.", "We will ask again."])
        #expect(sentences("We meet at St. Mary's Church.") == ["We meet at St. Mary's Church."])
    }

    @Test func numbersTimesAndClauseNumbersDoNotEndSentences() {
        #expect(sentences("The budget grew by 3.5 per cent. It is still short.") == ["The budget grew by 3.5 per cent.", "It is still short."])
        #expect(sentences("Clause 2.1.3 says so. Meet at 10.00 in room 4.") == ["Clause 2.1.3 says so.", "Meet at 10.00 in room 4."])
        #expect(sentences("Read section 3. The rest can wait.") == ["Read section 3.", "The rest can wait."])
    }

    @Test func initialsDoNotEndSentences() {
        #expect(sentences("J. R. R. Tolkien wrote it. A. Smith read it.") == ["J. R. R. Tolkien wrote it.", "A. Smith read it."])
        #expect(sentences("Ask J.R. Hartley. He knows.") == ["Ask J.R. Hartley.", "He knows."])
    }

    @Test func webAndEmailAddressesAreOneWordAndDoNotEndSentences() {
        let document = Document(plainText: "Visit www.rpcf.co.uk. Write to info@forum.org.uk today. See https://example.org/a.b?c=d.")
        #expect(document.sentences.count == 3)
        let kinds = document.words.map(\.kind)
        #expect(kinds.filter { $0 == .url }.count == 2)
        #expect(kinds.filter { $0 == .email }.count == 1)
        #expect(document.text(of: document.words[1].range) == "www.rpcf.co.uk")
        #expect(document.text(of: document.words.last!.range) == "https://example.org/a.b?c=d")
    }

    @Test func closingQuotesAndBracketsStayWithTheirSentence() {
        #expect(sentences("She said \"we will.\" Then she left. (It was late.) Next.") == ["She said \"we will.\"", "Then she left.", "(It was late.)", "Next."])
        #expect(sentences("It’s done.’ Then we went home.") == ["It’s done.’", "Then we went home."])
    }

    @Test func ellipsisEndsASentenceOnlyBeforeACapital() {
        #expect(sentences("We waited… and waited. Nothing… Then a letter.") == ["We waited… and waited.", "Nothing…", "Then a letter."])
    }

    @Test func wordsKeepApostrophesHyphensAndOrdinals() {
        let document = Document(plainText: "Don't miss the 2nd well-being day at 15% off, parent’s choice.")
        let words = document.words.map { document.text(of: $0.range) }
        #expect(words == ["Don't", "miss", "the", "2nd", "well-being", "day", "at", "15%", "off", "parent’s", "choice"])
    }

    @Test func acronymsAndAbbreviationsAreMarked() {
        let document = Document(plainText: "The EHCPs and SENCo said e.g. yes.")
        let kinds = Dictionary(uniqueKeysWithValues: document.words.map { (document.text(of: $0.range), $0.kind) })
        #expect(kinds["EHCPs"] == .acronym)
        #expect(kinds["SENCo"] == .word)
        #expect(kinds["e.g."] == .abbreviation)
    }
}

@Suite struct LayoutTests {
    func units(_ text: String) -> [(BlockKind, String)] {
        let document = Document(plainText: text)
        return document.blocks.map { ($0.kind, document.text(of: $0.range)) }
    }

    @Test func bulletsAreUnitsOfTheirOwnWithoutTheirMarkers() {
        let found = units("Aims of the session:\n- Our story\n• Why co-produce\n▶ Next steps\n1. First\n(a) second\n")
        #expect(found.map(\.1) == ["Aims of the session:", "Our story", "Why co-produce", "Next steps", "First", "second"])
        #expect(found.dropFirst().allSatisfy { $0.0 == .listItem })
    }

    @Test func headingsWithoutFullStopsAreNotGluedToTheNextLine() {
        let found = units("Partnership with local services\nWe meet every six weeks.\n\n# Charter principles\nWelcome and care")
        #expect(found.map(\.1) == ["Partnership with local services", "We meet every six weeks.", "Charter principles", "Welcome and care"])
        #expect(found[0].0 == .heading)
        #expect(found[2].0 == .heading)
    }

    @Test func hardWrappedLinesAreJoinedIntoOneParagraph() {
        let text = """
        The forum will send papers to every member seven days before the meeting so that
        parents have time to read them and to ask questions of the council and the NHS
        before the day. Papers will be written in plain English with no jargon.
        Short
        """
        let document = Document(plainText: text)
        // Wrapped prose is one block; "Short", after a full stop, is a unit of its own.
        #expect(document.blocks.count == 1)
        #expect(document.sentences.map { document.text(of: $0.range) }.last == "Short")
        #expect(document.sentences.count == 3)
    }

    @Test func blankLinesSeparateParagraphsAndWindowsLineEndingsWork() {
        #expect(units("One.\r\n\r\nTwo.\r\nThree.").map(\.1) == ["One.", "Two.\r\nThree."])
    }

    @Test func hyphenNotFollowedByASpaceIsNotAListMarker() {
        #expect(units("-5 degrees outside.").first?.0 == .paragraph)
    }
}
