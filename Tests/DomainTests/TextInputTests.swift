import Domain
import Foundation
import Testing

@Suite("Text as people type it")
struct TextInputTests {
    @Test("One line: spaces of every kind become one space, invisible characters go, the ends are trimmed")
    func singleLine() throws {
        let cases: [(String, String)] = [
            ("  Riverside   Council ", "Riverside Council"),
            ("Riverside\tCouncil", "Riverside Council"),
            ("Riverside\nCouncil", "Riverside Council"),
            ("Riverside\u{A0}Council", "Riverside Council"),
            ("Riverside\u{3000}Council", "Riverside Council"),
            ("Riverside\u{200B} Council\u{FEFF}", "Riverside Council"),
            ("Re\u{AD}view", "Review"),
            ("Zoe\u{0308}", "Zoë"), // NFC: e + combining diaeresis becomes ë
            ("👩🏽‍🦽 group", "👩🏽‍🦽 group"), // the zero-width joiner in an emoji stays
        ]
        for (typed, stored) in cases {
            #expect(try TextInput.singleLine(typed).get() == stored, "\(typed.debugDescription)")
        }
        #expect(try TextInput.singleLine(nil).get() == "")
    }

    @Test("Control characters and direction overrides are refused, with the field named", arguments: [
        "Riverside Council\u{0}x", "Ding\u{7}", "\u{1B}[31mRed", "Back\u{8}space", "\u{7F}", "C1\u{85}", "\u{9B}31m",
    ])
    func controlCharacters(text: String) {
        #expect(TextInput.singleLine(text) == .failure(.controlCharacter))
        #expect(TextInput.multiLine(text) == .failure(.controlCharacter))
        var errors = ValidationErrors()
        _ = errors.line(text, field: "name", label: "Name", maximum: 200)
        #expect(errors.message(for: "name") == "Name contains a hidden control character. Delete it, or type the text again instead of pasting it")
    }

    @Test("Characters that reverse the direction of text are refused", arguments: ["\u{202E}lanigiro", "a\u{202A}b", "x\u{2066}y\u{2069}"])
    func directionOverrides(text: String) {
        #expect(TextInput.singleLine(text) == .failure(.directionOverride))
        #expect(TextInput.multiLine(text) == .failure(.directionOverride))
    }

    @Test("Right-to-left text itself, and its direction marks, are welcome")
    func rightToLeftText() throws {
        #expect(try TextInput.singleLine("منتدى الآباء\u{200F}").get() == "منتدى الآباء\u{200F}")
    }

    @Test("Several lines: line endings made alike, each line's trailing spaces and blank lines at the ends trimmed, tabs kept")
    func multiLine() throws {
        #expect(try TextInput.multiLine("\r\n\nFirst line  \r\nSecond\tline\rThird\u{200B}\n\n").get() == "First line\nSecond\tline\nThird")
        #expect(try TextInput.multiLine("   \n \t\n").get() == "")
    }

    @Test("Names that look the same compare the same", arguments: [
        "Riverside Council", "riverside council", "RIVERSIDE  COUNCIL", "Riverside\tCouncil", "Riverside\u{A0}Council",
        "Riverside\u{200B} Council", "Ｒｉｖｅｒｓｉｄｅ Ｃｏｕｎｃｉｌ", " Riverside Council\u{2060}",
    ])
    func lookAlikes(name: String) {
        #expect(TextInput.comparisonKey(name) == "riverside council")
    }

    @Test("Accents and other scripts still tell names apart")
    func differentNames() {
        #expect(TextInput.comparisonKey("Zoë") != TextInput.comparisonKey("Zoe"))
        #expect(TextInput.comparisonKey("Zoe\u{0308}") == TextInput.comparisonKey("Zoë"))
        #expect(TextInput.comparisonKey("Riverside Council") != TextInput.comparisonKey("Riverside Counci1"))
    }

    @Test("Length limits count every character, so a letter with thousands of marks on it is not one character")
    func lengthCountsScalars() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 5000)
        var errors = ValidationErrors()
        _ = errors.line(zalgo, field: "name", label: "Name", maximum: 200)
        #expect(errors.message(for: "name") == "Name must be 200 characters or fewer")
        var summary = ValidationErrors()
        _ = summary.paragraphs(String(repeating: "x", count: 5001), field: "summary", label: "Summary", maximum: 5000)
        #expect(summary.message(for: "summary") == "Summary must be 5,000 characters or fewer")
    }

    @Test("Organisation details refuse NUL, bell and colour codes and store one form of the name")
    func organisationDetails() throws {
        #expect(throws: ValidationErrors.self) { try OrganisationDetails.validate(name: "Riverside Council\u{0}x", kind: "local-authority", email: nil, phone: nil) }
        #expect(throws: ValidationErrors.self) { try OrganisationDetails.validate(name: "\u{1B}[31mRiverside", kind: "local-authority", email: nil, phone: nil) }
        let details = try OrganisationDetails.validate(name: "  Riverside\u{A0}\u{A0}Council\t", kind: "local-authority", email: nil, phone: nil)
        #expect(details.name == "Riverside Council")
    }

    @Test("A complaint summary with a NUL in it is refused, not cut short")
    func complaintSummary() {
        let today = CalendarDate(year: 2026, month: 12, day: 2)!
        #expect(throws: ValidationErrors(field: "summary", message: "Summary contains a hidden control character. Delete it, or type the text again instead of pasting it")) {
            try ComplaintDetails.validate(receivedOn: DateInput(today), summary: "Late papers\u{0} and more", status: "received", hasPartner: true, today: today)
        }
    }
}

@Suite("Which page of a list")
struct ListPageTests {
    @Test("Web pages forgive bad page numbers: not a number is page 1, too large is the last page anyone can ask for")
    func lenient() {
        #expect(ListPage.lenient(page: nil) == ListPage(number: 1))
        #expect(ListPage.lenient(page: "3") == ListPage(number: 3))
        #expect(ListPage.lenient(page: "abc") == ListPage(number: 1))
        #expect(ListPage.lenient(page: "-5") == ListPage(number: 1))
        #expect(ListPage.lenient(page: "0") == ListPage(number: 1))
        #expect(ListPage.lenient(page: "1e3") == ListPage(number: 1))
        #expect(ListPage.lenient(page: "9223372036854775807").number == ListPage.maximumNumber)
        #expect(ListPage.lenient(page: "99999999999999999999999999").number == ListPage.maximumNumber)
        #expect(ListPage.lenient(page: "0000000000000000000000000000002").number == 2)
    }

    @Test("The offset never overflows, whatever is asked for")
    func offsetIsBounded() {
        let furthest = ListPage(number: Int.max, size: Int.max)
        #expect(furthest.offset == (ListPage.maximumNumber - 1) * ListPage.maximumSize)
        #expect(ListPage(number: Int.min, size: Int.min).offset == 0)
    }

    @Test("The API says exactly what is wrong with page and perPage")
    func strict() throws {
        #expect(try ListPage.strict(page: nil, perPage: nil) == ListPage(number: 1, size: 50))
        #expect(try ListPage.strict(page: "2", perPage: "200") == ListPage(number: 2, size: 200))
        #expect(try ListPage.strict(page: "1000000", perPage: "1") == ListPage(number: 1_000_000, size: 1))
        for bad in ["abc", "1e3", "0", "-1", "+1", "1.0", "", " 1", "1000001", "9223372036854775807", "99999999999999999999"] {
            #expect(throws: ValidationErrors(field: "page", message: "page must be a whole number from 1 to 1000000"), "\(bad)") {
                try ListPage.strict(page: bad, perPage: nil)
            }
        }
        for bad in ["abc", "0", "201", "1e2", ""] {
            #expect(throws: ValidationErrors(field: "perPage", message: "perPage must be a whole number from 1 to 200"), "\(bad)") {
                try ListPage.strict(page: nil, perPage: bad)
            }
        }
    }
}
