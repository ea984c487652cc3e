import Foundation

/// Whether a meeting is going ahead.
public enum MeetingStatus: String, CaseIterable, Codable, Sendable {
    case scheduled
    case cancelled

    public var label: String {
        switch self {
        case .scheduled: "Going ahead"
        case .cancelled: "Cancelled"
        }
    }
}

/// A meeting of a group as arranged: when, where and what is offered. The
/// people (chair, named contact, nominated officer) are checked by the store,
/// which knows the group's members.
public struct MeetingDetails: Sendable, Equatable {
    public let date: CalendarDate
    public let startsAt: TimeOfDay
    public let endsAt: TimeOfDay
    public let venue: String?
    public let onlineLink: String?
    public let refreshments: Bool

    public init(date: CalendarDate, startsAt: TimeOfDay, endsAt: TimeOfDay, venue: String?, onlineLink: String?, refreshments: Bool) {
        self.date = date
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.onlineLink = onlineLink
        self.refreshments = refreshments
    }

    /// The UK clock time the meeting starts.
    public var start: UKDateTime { UKDateTime(date: date, time: startsAt) }

    /// How far ahead a meeting may be arranged, and how far back one may be recorded.
    public static let yearsAhead = 5
    public static let yearsBack = 10

    /// Checks a meeting as typed into the form or sent to the API.
    public static func validate(date: DateInput, startsAt: String?, endsAt: String?, venue: String?, onlineLink: String?,
                                refreshments: String?, today: CalendarDate) throws -> MeetingDetails {
        var errors = ValidationErrors()
        var day: CalendarDate?
        switch date.parse(label: "Date") {
        case .success(let parsed):
            if parsed > today.adding(months: 12 * yearsAhead) {
                errors.add(field: "date", message: "Date must be within \(yearsAhead) years from today")
            } else if parsed < today.adding(months: -12 * yearsBack) {
                errors.add(field: "date", message: "Date must be within the last \(yearsBack) years")
            } else {
                day = parsed
            }
        case .failure(let problem): errors.add(field: "date", message: problem.message)
        }
        let start = time(startsAt, field: "startsAt", label: "start time", errors: &errors)
        let end = time(endsAt, field: "endsAt", label: "end time", errors: &errors)
        if let start, let end, end <= start {
            errors.add(field: "endsAt", message: "End time must be after the start time")
        }
        if let day, let start, case .failure = UKDateTime(date: day, time: start).instant() {
            errors.add(field: "startsAt", message: "The clocks go forward at 1am that day, so \(start.spoken) does not happen. Choose a time from 2am")
        }
        let venue = errors.optionalLine(venue, field: "venue", label: "Venue", maximum: 300)
        let link = errors.optionalLine(onlineLink, field: "onlineLink", label: "Online meeting link", maximum: 2000)
        if let link, !isWebAddress(link) {
            errors.add(field: "onlineLink", message: "Online meeting link must be a web address starting with https://")
        }
        if venue == nil && link == nil && errors.message(for: "onlineLink") == nil {
            errors.add(field: "venue", message: "Enter the venue, an online meeting link, or both")
        }
        let offered: Bool? = switch TextInput.clean(refreshments) { case "yes": true; case "no": false; default: nil }
        if offered == nil { errors.add(field: "refreshments", message: "Select yes if refreshments are offered") }
        try errors.throwIfAny()
        return MeetingDetails(date: day!, startsAt: start!, endsAt: end!, venue: venue, onlineLink: link, refreshments: offered!)
    }

    private static func time(_ raw: String?, field: String, label: String, errors: inout ValidationErrors) -> TimeOfDay? {
        let text = TextInput.clean(raw)
        if text.isEmpty {
            errors.add(field: field, message: "Enter the \(label)")
            return nil
        }
        guard let time = TimeOfDay(typed: text) else {
            errors.add(field: field, message: "Enter the \(label) like 10am, 2:30pm or 14:30")
            return nil
        }
        return time
    }

    /// An online meeting link people can follow: https, with a host, and nothing that is not a URL.
    static func isWebAddress(_ text: String) -> Bool {
        guard text.lowercased().hasPrefix("https://"), !text.contains(where: { $0.isWhitespace }),
              let url = URL(string: text), url.scheme?.lowercased() == "https", let host = url.host, host.contains(".") else { return false }
        return true
    }
}

/// Dates for a series of meetings that follows a group's cadence.
public enum MeetingSeries {
    /// The most meetings one series arranges at a time.
    public static let maximumCount = 24

    /// The dates of `count` meetings starting on `first`. Monthly and longer
    /// cadences keep the weekday and its place in the month ("the second
    /// Tuesday"), as groups arrange them; a fifth weekday becomes the last of
    /// the month. Nil for a group that meets only when needed.
    public static func dates(from first: CalendarDate, cadence: Cadence, count: Int) -> [CalendarDate]? {
        let stepDays: Int? = switch cadence {
        case .weekly: 7
        case .fortnightly: 14
        case .everySixWeeks: 42
        default: nil
        }
        let stepMonths: Int? = switch cadence {
        case .monthly: 1
        case .everyTwoMonths: 2
        case .quarterly: 3
        case .twiceAYear: 6
        case .yearly: 12
        default: nil
        }
        let count = min(max(count, 1), maximumCount)
        if let stepDays { return (0..<count).map { first.adding(days: $0 * stepDays) } }
        guard let stepMonths else { return nil }
        let occurrence = (first.day - 1) / 7 + 1
        return (0..<count).map { index in
            let month = first.adding(months: index * stepMonths)
            return sameWeekday(as: first, occurrence: occurrence, inMonthOf: month)
        }
    }

    /// The `occurrence`th (1 to 4; 5 means the last) weekday of `reference`'s kind in the month of `month`.
    public static func sameWeekday(as reference: CalendarDate, occurrence: Int, inMonthOf month: CalendarDate) -> CalendarDate {
        let firstOfMonth = CalendarDate(year: month.year, month: month.month, day: 1)!
        let offset = (reference.weekday - firstOfMonth.weekday + 7) % 7
        var day = 1 + offset + (occurrence - 1) * 7
        let length = CalendarDate.daysIn(month: month.month, year: month.year)
        while day > length { day -= 7 }
        return CalendarDate(year: month.year, month: month.month, day: day)!
    }
}

/// Whether someone on a group's list came to a meeting.
public enum AttendanceStatus: String, CaseIterable, Codable, Sendable {
    case attended
    case apologies
    case absent

    public var label: String {
        switch self {
        case .attended: "Came"
        case .apologies: "Sent apologies"
        case .absent: "Did not come"
        }
    }
}
