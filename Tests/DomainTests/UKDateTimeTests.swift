import Domain
import Foundation
import Testing

@Suite("UK clock times across the clock changes")
struct UKDateTimeTests {
    func uk(_ text: String) -> UKDateTime { UKDateTime(iso8601: text)! }
    func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("In winter the UK clock is GMT; in summer it is an hour ahead")
    func winterAndSummer() throws {
        #expect(try uk("2026-01-13T10:00").instant().get() == utc("2026-01-13T10:00:00Z"))
        #expect(try uk("2026-07-14T10:00").instant().get() == utc("2026-07-14T09:00:00Z"))
        #expect(!uk("2026-01-13T10:00").isSummerTime)
        #expect(uk("2026-07-14T10:00").isSummerTime)
    }

    @Test("Spring: the clocks go forward at 1am GMT on Sunday 29 March 2026, so 1:30am never happens")
    func clocksGoForward() throws {
        #expect(try uk("2026-03-29T00:59").instant().get() == utc("2026-03-29T00:59:00Z"))
        #expect(uk("2026-03-29T01:00").instant() == .failure(.skippedByClocksGoingForward))
        #expect(uk("2026-03-29T01:30").instant() == .failure(.skippedByClocksGoingForward))
        #expect(uk("2026-03-29T01:59").instant() == .failure(.skippedByClocksGoingForward))
        #expect(try uk("2026-03-29T02:00").instant().get() == utc("2026-03-29T01:00:00Z"))
        // A meeting from half past midnight to 3am lasts an hour and a half.
        let length = try uk("2026-03-29T03:00").instant().get().timeIntervalSince(try uk("2026-03-29T00:30").instant().get())
        #expect(length == 90 * 60)
    }

    @Test("Autumn: the clocks go back at 2am BST on Sunday 25 October 2026, so 1:30am happens twice and the first is meant")
    func clocksGoBack() throws {
        #expect(try uk("2026-10-25T00:30").instant().get() == utc("2026-10-24T23:30:00Z"))
        #expect(try uk("2026-10-25T01:30").instant().get() == utc("2026-10-25T00:30:00Z"))
        #expect(uk("2026-10-25T01:30").isSummerTime)
        #expect(try uk("2026-10-25T02:00").instant().get() == utc("2026-10-25T02:00:00Z"))
        #expect(!uk("2026-10-25T02:00").isSummerTime)
        // Both instants of the repeated hour read back as 1:30am.
        #expect(UKDateTime(utc("2026-10-25T00:30:00Z")) == uk("2026-10-25T01:30"))
        #expect(UKDateTime(utc("2026-10-25T01:30:00Z")) == uk("2026-10-25T01:30"))
    }

    @Test("Instants read back as the UK clock shows them, either side of both changes")
    func fromInstants() {
        #expect(UKDateTime(utc("2026-03-29T00:59:00Z")) == uk("2026-03-29T00:59"))
        #expect(UKDateTime(utc("2026-03-29T01:00:00Z")) == uk("2026-03-29T02:00"))
        #expect(UKDateTime(utc("2026-10-24T23:00:00Z")) == uk("2026-10-25T00:00"))
        #expect(UKDateTime(utc("2026-10-25T01:00:00Z")) == uk("2026-10-25T01:00"))
        #expect(UKDateTime(utc("2026-12-31T23:30:00Z")) == uk("2026-12-31T23:30"))
        #expect(UKDateTime(utc("2026-06-30T23:30:00Z")) == uk("2026-07-01T00:30"))
    }

    @Test("Every UK time of a year that exists reads back from its instant")
    func roundTripAcrossAYear() throws {
        var date = CalendarDate(year: 2026, month: 1, day: 1)!
        while date.year == 2026 {
            for hour in [0, 1, 2, 9, 23] {
                let clock = UKDateTime(date: date, time: TimeOfDay(hour: hour, minute: 30)!)
                if case .success(let instant) = clock.instant() { #expect(UKDateTime(instant) == clock, "\(clock)") }
            }
            date = date.adding(days: 1)
        }
    }

    @Test("Written as people read them, and as the API sends them")
    func forms() throws {
        #expect(uk("2026-03-03T10:00").longForm == "Tuesday 3 March 2026 at 10am")
        #expect(uk("2026-10-25T14:30").longForm == "Sunday 25 October 2026 at 2:30pm")
        #expect(uk("2026-03-03T10:00").description == "2026-03-03T10:00")
        #expect(UKDateTime(iso8601: "2026-02-30T10:00") == nil)
        #expect(UKDateTime(iso8601: "2026-03-03T25:00") == nil)
        #expect(UKDateTime(iso8601: "2026-03-03 10:00") == nil)
        let encoded = try JSONEncoder().encode(uk("2026-03-03T10:00"))
        #expect(String(decoding: encoded, as: UTF8.self) == "\"2026-03-03T10:00\"")
        #expect(try JSONDecoder().decode(UKDateTime.self, from: encoded) == uk("2026-03-03T10:00"))
    }

    @Test("Weekdays, checked against the Foundation calendar for every day of two years")
    func weekdays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var date = CalendarDate(year: 2026, month: 1, day: 1)!
        while date.year < 2028 {
            let foundation = calendar.component(.weekday, from: calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!)
            #expect(date.weekday == (foundation + 5) % 7 + 1, "\(date)") // Foundation: 1 is Sunday
            date = date.adding(days: 1)
        }
    }
}
