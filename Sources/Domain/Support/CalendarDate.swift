import Foundation

/// A date on the calendar with no time or time zone: "agreed on 5 September 2017".
/// Written as ISO 8601 ("2017-09-05") in storage and the API, so it sorts as text.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil unless the numbers make a real date (no 31 April, 29 February only in leap years).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init?(iso8601 text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The calendar date of an instant, as seen in the UK.
    public init(_ date: Date, timeZone: TimeZone = CalendarDate.ukTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    public static let ukTimeZone = TimeZone(identifier: "Europe/London")!

    public var iso8601: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public var description: String { iso8601 }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// "5 September 2017", as GOV.UK writes dates.
    public var longForm: String { "\(day) \(CalendarDate.monthNames[month - 1]) \(year)" }

    /// The first instant of the day on a UK clock (midnight, in GMT or BST).
    public var startInstant: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CalendarDate.ukTimeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    public func adding(days: Int) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let moved = calendar.date(byAdding: .day, value: days, to: start)!
        return CalendarDate(moved, timeZone: calendar.timeZone)
    }

    /// Calendar days from this date to `later`: 7 from 2 March to 9 March.
    public func days(until later: CalendarDate) -> Int {
        later.dayNumber - dayNumber
    }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar, for differences.
    private var dayNumber: Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = shifted / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    }

    public func adding(months: Int) -> CalendarDate {
        let zeroBased = (year * 12 + (month - 1)) + months
        let newYear = zeroBased / 12
        let newMonth = zeroBased % 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(year: newYear, month: newMonth, day: newDay)!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso8601: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Dates are written YYYY-MM-DD, for example 2027-03-31"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

/// The three boxes of a GOV.UK date input (day, month, year), as typed.
public struct DateInput: Sendable, Equatable, Codable {
    public var day: String
    public var month: String
    public var year: String

    public init(day: String = "", month: String = "", year: String = "") {
        self.day = day
        self.month = month
        self.year = year
    }

    public init(_ date: CalendarDate?) {
        self.init(day: date.map { String($0.day) } ?? "",
                  month: date.map { String($0.month) } ?? "",
                  year: date.map { String($0.year) } ?? "")
    }

    public var isBlank: Bool {
        [day, month, year].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The date typed, or a message saying what is wrong, following GOV.UK wording.
    /// `label` is how the message names the date, such as "Date signed".
    public func parse(label: String) -> Result<CalendarDate, DateInputError> {
        let parts = [("day", day), ("month", month), ("year", year)].map {
            ($0.0, $0.1.trimmingCharacters(in: .whitespaces))
        }
        let missing = parts.filter { $0.1.isEmpty }.map(\.0)
        if missing.count == 3 { return .failure(DateInputError("Enter the \(label.lowercased())")) }
        if !missing.isEmpty {
            return .failure(DateInputError("\(label) must include a \(missing.joined(separator: " and a "))"))
        }
        guard let d = Int(parts[0].1), let m = Int(parts[1].1) ?? Self.monthNumber(parts[1].1), let y = Int(parts[2].1) else {
            return .failure(DateInputError("\(label) must be a real date, written in numbers"))
        }
        guard parts[2].1.count == 4 else { return .failure(DateInputError("Year must include 4 numbers")) }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return .failure(DateInputError("\(label) must be a real date"))
        }
        return .success(date)
    }
}

extension DateInput {
    /// A month typed as a word, as GOV.UK date inputs accept it: "December",
    /// "Dec", "dec." or "Sept", in any case; nil for anything else.
    public static func monthNumber(_ typed: String) -> Int? {
        let word = typed.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        guard word.count >= 3 else { return nil }
        if word == "sept" { return 9 }
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        // The whole name, or its first three letters.
        return names.firstIndex { $0 == word || (word.count == 3 && $0.hasPrefix(word)) }.map { $0 + 1 }
    }
}

public struct DateInputError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
