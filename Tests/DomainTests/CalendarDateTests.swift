import Domain
import Foundation
import Testing

@Suite("Dates as people type them")
struct CalendarDateTests {
    @Test("Real dates are accepted, impossible ones are not")
    func realDates() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
    }

    @Test("ISO 8601 round trip and long form")
    func formats() {
        let date = CalendarDate(iso8601: "2017-09-05")
        #expect(date?.longForm == "5 September 2017")
        #expect(date?.iso8601 == "2017-09-05")
        #expect(CalendarDate(iso8601: "2017-9-5") == nil)
        #expect(CalendarDate(iso8601: "yesterday") == nil)
    }

    @Test("Adding days and months crosses month ends correctly")
    func arithmetic() {
        let date = CalendarDate(year: 2026, month: 1, day: 31)!
        #expect(date.adding(days: 1) == CalendarDate(year: 2026, month: 2, day: 1))
        #expect(date.adding(months: 1) == CalendarDate(year: 2026, month: 2, day: 28))
        #expect(date.adding(months: 12) == CalendarDate(year: 2027, month: 1, day: 31))
        #expect(date.adding(days: -31) == CalendarDate(year: 2025, month: 12, day: 31))
    }

    @Test("A UK evening in summer is still the same calendar day")
    func ukTimeZone() {
        // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
        let instant = Date(timeIntervalSince1970: 1_782_862_200)
        #expect(CalendarDate(instant) == CalendarDate(year: 2026, month: 7, day: 1))
    }

    @Test("Date input messages follow GOV.UK wording", arguments: [
        (DateInput(), "Enter the date signed"),
        (DateInput(day: "1", month: "", year: "2026"), "Date signed must include a month"),
        (DateInput(day: "", month: "", year: "2026"), "Date signed must include a day and a month"),
        (DateInput(day: "31", month: "4", year: "2026"), "Date signed must be a real date"),
        (DateInput(day: "one", month: "4", year: "2026"), "Date signed must be a real date, written in numbers"),
        (DateInput(day: "1", month: "4", year: "26"), "Year must include 4 numbers"),
    ])
    func dateInputErrors(input: DateInput, message: String) {
        guard case .failure(let error) = input.parse(label: "Date signed") else {
            Issue.record("expected an error for \(input)")
            return
        }
        #expect(error.message == message)
    }

    @Test("A date typed with spaces is read")
    func dateInputParses() throws {
        #expect(try DateInput(day: " 5 ", month: "9", year: "2017").parse(label: "Date").get() == CalendarDate(year: 2017, month: 9, day: 5))
    }

    @Test("A month may be typed as its name or the name's first three letters, as GOV.UK allows")
    func monthNames() throws {
        for month in ["December", "dec", "DEC", "Dec.", " december ", "12"] {
            #expect(try DateInput(day: "3", month: month, year: "2026").parse(label: "Date").get() == CalendarDate(year: 2026, month: 12, day: 3), "\(month)")
        }
        #expect(try DateInput(day: "9", month: "Sept", year: "2026").parse(label: "Date").get() == CalendarDate(year: 2026, month: 9, day: 9))
        #expect(try DateInput(day: "1", month: "may", year: "2026").parse(label: "Date").get() == CalendarDate(year: 2026, month: 5, day: 1))
        for month in ["De", "Decem", "Smarch", "13", "Dec 2026"] {
            #expect((try? DateInput(day: "3", month: month, year: "2026").parse(label: "Date").get()) == nil, "\(month)")
        }
        #expect(DateInput(day: "31", month: "Feb", year: "2026").parse(label: "Date") == .failure(DateInputError("Date must be a real date")))
    }

    @Test("Times of day")
    func times() {
        #expect(TimeOfDay("10:00")?.spoken == "10am")
        #expect(TimeOfDay("14:00")?.spoken == "2pm")
        #expect(TimeOfDay("12:00")?.spoken == "midday")
        #expect(TimeOfDay("9:30")?.description == "09:30")
        #expect(TimeOfDay("24:00") == nil)
        #expect(TimeOfDay("10") == nil)
    }
}
