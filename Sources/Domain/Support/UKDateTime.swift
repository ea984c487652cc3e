import Foundation

/// A date and time on a UK clock, as a meeting is arranged: "Tuesday 3 March
/// 2026 at 10am". It knows British Summer Time: the clocks go forward an hour
/// at 1am GMT on the last Sunday of March and back at 2am BST on the last
/// Sunday of October, so one hour of the spring Sunday never happens on a UK
/// clock and one hour of the autumn Sunday happens twice. The rules come from
/// the system's time zone data for Europe/London, so a change in the law
/// arrives with it.
public struct UKDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let date: CalendarDate
    public let time: TimeOfDay

    public init(date: CalendarDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    /// The UK clock at an instant.
    public init(_ instant: Date) {
        let offset = UKDateTime.london.secondsFromGMT(for: instant)
        let clock = instant.addingTimeInterval(TimeInterval(offset))
        let parts = UKDateTime.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: clock)
        date = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!) ?? CalendarDate(clock, timeZone: TimeZone(identifier: "UTC")!)
        time = TimeOfDay(hour: parts.hour!, minute: parts.minute!)!
    }

    /// Why a UK clock time has no single instant.
    public enum Problem: Error, Sendable, Equatable {
        /// In the hour the clocks go forward: this time is never shown.
        case skippedByClocksGoingForward
    }

    /// The instant this clock time shows. In the autumn hour that happens
    /// twice, the first (still British Summer Time) is meant, as people mean
    /// the first when they arrange something then.
    public func instant() -> Result<Date, Problem> {
        let wallClockAsUTC = UKDateTime.utcCalendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day,
                                                                              hour: time.hour, minute: time.minute))!
        // The UK is on GMT (offset 0) or BST (offset one hour): try each, keep those the zone agrees with.
        let candidates = [3600, 0].map { offset in (offset, wallClockAsUTC.addingTimeInterval(TimeInterval(-offset))) }
            .filter { offset, instant in UKDateTime.london.secondsFromGMT(for: instant) == offset }
        guard let first = candidates.first else { return .failure(.skippedByClocksGoingForward) }
        return .success(first.1)
    }

    /// Whether the clock shows British Summer Time at this time (the first, when it happens twice).
    public var isSummerTime: Bool {
        guard case .success(let instant) = instant() else { return true }
        return UKDateTime.london.secondsFromGMT(for: instant) != 0
    }

    /// "Tuesday 3 March 2026 at 10am", as GOV.UK writes them.
    public var longForm: String {
        "\(date.weekdayName) \(date.longForm) at \(time.spoken)"
    }

    /// "2026-03-03T10:00", the UK clock with no offset.
    public var description: String { "\(date.iso8601)T\(time.description)" }

    public static func < (lhs: UKDateTime, rhs: UKDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }

    /// Parses "2026-03-03T10:00".
    public init?(iso8601 text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CalendarDate(iso8601: String(parts[0])), parts[1].count == 5,
              let time = TimeOfDay(String(parts[1])) else { return nil }
        self.init(date: date, time: time)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = UKDateTime(iso8601: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "UK times are written YYYY-MM-DDTHH:MM, for example 2026-03-03T10:00"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static let london = TimeZone(identifier: "Europe/London")!
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension CalendarDate {
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// 1 for Monday to 7 for Sunday.
    public var weekday: Int {
        // Zeller's congruence, shifted so Monday is 1.
        var month = self.month, year = self.year
        if month < 3 { month += 12; year -= 1 }
        let dayOfWeek = (day + (13 * (month + 1)) / 5 + year + year / 4 - year / 100 + year / 400) % 7 // 0 is Saturday
        return (dayOfWeek + 5) % 7 + 1
    }

    /// "Tuesday".
    public var weekdayName: String { CalendarDate.weekdayNames[weekday - 1] }
}
