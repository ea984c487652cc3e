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

public struct ComplaintDetails: Sendable, Equatable {
    public let receivedOn: CalendarDate
    public let summary: String
    public let status: ComplaintStatus

    public init(receivedOn: CalendarDate, summary: String, status: ComplaintStatus) {
        self.receivedOn = receivedOn
        self.summary = summary
        self.status = status
    }

    public static func validate(receivedOn: DateInput, summary: String?, status: String?, hasPartner: Bool,
                                today: CalendarDate) throws -> ComplaintDetails {
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
        try errors.throwIfAny()
        return ComplaintDetails(receivedOn: received!, summary: summary, status: status!)
    }
}
