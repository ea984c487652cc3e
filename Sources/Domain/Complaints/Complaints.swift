/// Where a complaint has got to. Complaints are discussed at partnership
/// meetings (seed 000, clause 6.3) until they are closed.
public enum ComplaintStatus: String, CaseIterable, Codable, Sendable {
    case received
    case beingInvestigated = "being-investigated"
    case responded
    case closed

    public var label: String {
        switch self {
        case .received: "Received"
        case .beingInvestigated: "Being looked into"
        case .responded: "Response sent"
        case .closed: "Closed"
        }
    }

    /// Open complaints go on the next partnership meeting's agenda.
    public var isOpen: Bool { self != .closed }
}

/// What a complaint is about, so the partnership can see where complaints
/// gather year on year. A complaint can have several.
public enum ComplaintTheme: String, CaseIterable, Codable, Sendable {
    case communication
    case waitingTimes = "waiting-times"
    case assessmentsAndPlans = "assessments-and-plans"
    case schoolsAndPlacements = "schools-and-placements"
    case healthServices = "health-services"
    case socialCareAndShortBreaks = "social-care-and-short-breaks"
    case transport
    case staffConduct = "staff-conduct"
    case accessAndAdjustments = "access-and-adjustments"
    case other

    public var label: String {
        switch self {
        case .communication: "Communication and information"
        case .waitingTimes: "Waiting times"
        case .assessmentsAndPlans: "Assessments and EHC plans"
        case .schoolsAndPlacements: "Schools and placements"
        case .healthServices: "Health and therapy services"
        case .socialCareAndShortBreaks: "Social care and short breaks"
        case .transport: "Transport"
        case .staffConduct: "How staff behaved"
        case .accessAndAdjustments: "Access and reasonable adjustments"
        case .other: "Something else"
        }
    }
}

/// How complaint handling works in an area: the response is due a set
/// number of days after the complaint is received (the area's standard),
/// unless a date is agreed for this one; each complaint has a reference.
public enum ComplaintHandling {
    /// Twenty days unless the area says otherwise: the common council and NHS standard for a first response.
    public static let defaultResponseDays = 20
    public static let responseDaysRange = 1...365

    /// "C-2026-0012": the year received and the complaint's number in the area that year.
    public static func reference(year: Int, number: Int) -> String {
        let digits = String(number)
        return "C-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Whether the response is late: still being worked on after the day it was due.
    public static func isOverdue(status: ComplaintStatus, responseDueOn: CalendarDate, today: CalendarDate) -> Bool {
        (status == .received || status == .beingInvestigated) && responseDueOn < today
    }

    /// The area's standard as typed, checked.
    public static func validateResponseDays(_ typed: String?) throws -> Int {
        guard let days = Int(TextInput.clean(typed)), responseDaysRange.contains(days) else {
            throw ValidationErrors(field: "responseDays", message: "Enter the number of days, from 1 to 365")
        }
        return days
    }
}

public struct ComplaintDetails: Sendable, Equatable {
    public let receivedOn: CalendarDate
    public let summary: String
    public let status: ComplaintStatus
    /// Nil means the area's standard: so many days after it was received.
    public let responseDueOn: CalendarDate?
    public let outcome: String?
    public let lessonsLearned: String?
    public let themes: [ComplaintTheme]

    public init(receivedOn: CalendarDate, summary: String, status: ComplaintStatus, responseDueOn: CalendarDate? = nil,
                outcome: String? = nil, lessonsLearned: String? = nil, themes: [ComplaintTheme] = []) {
        self.receivedOn = receivedOn
        self.summary = summary
        self.status = status
        self.responseDueOn = responseDueOn
        self.outcome = outcome
        self.lessonsLearned = lessonsLearned
        self.themes = themes
    }

    public static func validate(receivedOn: DateInput, summary: String?, status: String?, hasPartner: Bool,
                                today: CalendarDate, responseDueOn: DateInput = DateInput(), outcome: String? = nil,
                                lessonsLearned: String? = nil, themes: [String] = []) throws -> ComplaintDetails {
        var errors = ValidationErrors()
        var received: CalendarDate?
        switch receivedOn.parse(label: "Date received") {
        case .success(let date):
            if date > today { errors.add(field: "receivedOn", message: "Date received must be today or in the past") }
            else { received = date }
        case .failure(let problem): errors.add(field: "receivedOn", message: problem.message)
        }
        if !hasPartner { errors.add(field: "aboutOrganisationId", message: "Select which partner the complaint is about") }
        let summary = errors.paragraphs(summary, field: "summary", label: "Summary", maximum: 5000)
        if summary.isEmpty { errors.add(field: "summary", message: "Enter a summary of the complaint") }
        let status = ComplaintStatus(rawValue: TextInput.clean(status))
        if status == nil { errors.add(field: "status", message: "Select where the complaint has got to") }
        var due: CalendarDate?
        if !responseDueOn.isBlank {
            switch responseDueOn.parse(label: "Response due by") {
            case .success(let date):
                if let received, date < received { errors.add(field: "responseDueOn", message: "Response due by must be on or after the date received") }
                else { due = date }
            case .failure(let problem): errors.add(field: "responseDueOn", message: problem.message)
            }
        }
        let outcome = errors.paragraphs(outcome, field: "outcome", label: "Outcome", maximum: 5000)
        if status == .closed && outcome.isEmpty { errors.add(field: "outcome", message: "Enter the outcome before closing the complaint") }
        let lessons = errors.paragraphs(lessonsLearned, field: "lessonsLearned", label: "What was learned", maximum: 5000)
        var chosen: [ComplaintTheme] = []
        for raw in themes {
            guard let theme = ComplaintTheme(rawValue: TextInput.clean(raw)) else {
                errors.add(field: "themes", message: "Choose themes from the list")
                continue
            }
            if !chosen.contains(theme) { chosen.append(theme) }
        }
        try errors.throwIfAny()
        return ComplaintDetails(receivedOn: received!, summary: summary, status: status!, responseDueOn: due,
                                outcome: outcome.isEmpty ? nil : outcome, lessonsLearned: lessons.isEmpty ? nil : lessons,
                                themes: ComplaintTheme.allCases.filter(chosen.contains))
    }
}
