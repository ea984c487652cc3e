import Domain
import Testing

@Suite("Finding names as people type them")
struct SearchTextTests {
    @Test("Folding ignores case, accents, apostrophes and punctuation, and spells letters with no accent to remove")
    func folding() {
        let cases: [(String, String)] = [
            ("Amara OKAFOR", "amara okafor"),
            ("Zoë Brontë", "zoe bronte"),
            ("Zoe\u{0308}", "zoe"), // decomposed ë
            ("Siobhán Ó Briain", "siobhan o briain"),
            ("O'Brien", "obrien"),
            ("O\u{2019}Brien", "obrien"),
            ("Smith-Jones", "smith jones"),
            ("Anne–Marie  Dupont", "anne marie dupont"),
            ("Søren Łukasz Groß", "soren lukasz gross"),
            ("Ｒｉｖｅｒｓｉｄｅ", "riverside"), // full-width letters
            ("Head of SEND (0-25)", "head of send 0 25"),
            ("50%_off", "50 off"), // a database's wildcards never survive
            ("Владимир Петров", "владимир петров"),
            ("李小龙", "李小龙"),
            ("Jo\u{200B}an", "joan"),
            ("  ", ""),
        ]
        for (typed, folded) in cases {
            #expect(SearchText.fold(typed) == folded, "\(typed.debugDescription)")
        }
    }

    @Test("A search is its words, folded, without repeats, and at most six of them")
    func terms() {
        #expect(SearchText.terms("  Okafor ") == ["okafor"])
        #expect(SearchText.terms("okafor, Amara") == ["okafor", "amara"])
        #expect(SearchText.terms("jo jo JO") == ["jo"])
        #expect(SearchText.terms("a b c d e f g h") == ["a", "b", "c", "d", "e", "f"])
        #expect(SearchText.terms("%%% ___ '''") == [])
        #expect(SearchText.terms("") == [])
        #expect(SearchText.terms(String(repeating: "x", count: 10_000)) == [String(repeating: "x", count: SearchText.maximumLength)])
    }

    @Test("Every word must be somewhere in the name, in any order and in any part of a word")
    func matching() {
        let name = "Amara Okafor-Ndlovu, Forum chair"
        for typed in ["okafor", "OKAF", "ndlovu", "amara okafor", "okafor amara", "afor", "forum chair", "okafor ndlovu"] {
            #expect(SearchText.matches(SearchText.terms(typed), in: name), "\(typed)")
        }
        for typed in ["okafo amaro", "smith", "amara smith"] {
            #expect(!SearchText.matches(SearchText.terms(typed), in: name), "\(typed)")
        }
        #expect(SearchText.matches(SearchText.terms("zoe"), in: "Zoë Brontë"))
        #expect(SearchText.matches(SearchText.terms("Zoë"), in: "Zoe Bronte"))
        #expect(SearchText.matches(SearchText.terms("o'brien"), in: "Pat OBrien"))
    }

    @Test("Page numbers: the first, the last and those around this one, with gaps where numbers are left out")
    func pageNumbers() {
        #expect(PageNumbers.visible(current: 1, pages: 1) == [])
        #expect(PageNumbers.visible(current: 1, pages: 2) == [1, 2])
        #expect(PageNumbers.visible(current: 1, pages: 3) == [1, 2, 3])
        #expect(PageNumbers.visible(current: 1, pages: 20) == [1, 2, nil, 20])
        #expect(PageNumbers.visible(current: 5, pages: 20) == [1, nil, 4, 5, 6, nil, 20])
        #expect(PageNumbers.visible(current: 3, pages: 20) == [1, 2, 3, 4, nil, 20])
        #expect(PageNumbers.visible(current: 4, pages: 7) == [1, 2, 3, 4, 5, 6, 7])
        #expect(PageNumbers.visible(current: 20, pages: 20) == [1, nil, 19, 20])
        #expect(PageNumbers.visible(current: 99, pages: 20) == [1, nil, 19, 20])
        // However long the list, a handful of links.
        #expect(PageNumbers.visible(current: 500_000, pages: 1_000_000).count == 7)
    }
}
