/// Where a meeting's minutes have got to.
public enum MinutesStatus: String, CaseIterable, Codable, Sendable {
    case draft
    /// Sent to members to read.
    case circulated
    /// Agreed as a true record at the group's next meeting.
    case approved

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .circulated: "Sent to members"
        case .approved: "Approved"
        }
    }
}

/// A meeting's minutes as written: what was said, and the decisions made.
public struct MinutesDetails: Sendable, Equatable {
    public let text: String
    /// One decision a line.
    public let decisions: [String]

    public init(text: String, decisions: [String]) {
        self.text = text
        self.decisions = decisions
    }

    /// About 8,000 words; as JSON with every character escaped it still fits the API's 1 MB body.
    public static let longestText = 50_000

    public static func validate(text: String?, decisions: String?) throws -> MinutesDetails {
        var errors = ValidationErrors()
        let text = errors.paragraphs(text, field: "text", label: "Minutes", maximum: longestText)
        if text.isEmpty { errors.add(field: "text", message: "Enter the minutes") }
        let lines = errors.paragraphs(decisions, field: "decisions", label: "Decisions", maximum: 20_000)
            .split(separator: "\n").map { TextInput.collapsingSpaces(String($0)) }.filter { !$0.isEmpty }
        if lines.contains(where: { TextInput.length($0) > 1000 }) {
            errors.add(field: "decisions", message: "Each decision must be 1,000 characters or fewer")
        }
        try errors.throwIfAny()
        return MinutesDetails(text: text, decisions: lines)
    }
}

/// Where an action agreed at a meeting has got to.
public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case open
    case done
    /// No longer needed.
    case dropped

    public var label: String {
        switch self {
        case .open: "Open"
        case .done: "Done"
        case .dropped: "No longer needed"
        }
    }
}

/// An action agreed at a meeting: what, by when, and notes on progress. The
/// owner is checked by the store, which knows the group's members.
public struct ActionDetails: Sendable, Equatable {
    public let text: String
    public let dueOn: CalendarDate?
    public let notes: String?

    public init(text: String, dueOn: CalendarDate?, notes: String?) {
        self.text = text
        self.dueOn = dueOn
        self.notes = notes
    }

    public static func validate(text: String?, dueOn: DateInput, notes: String?) throws -> ActionDetails {
        var errors = ValidationErrors()
        let text = errors.paragraphs(text, field: "text", label: "Action", maximum: 2000)
        if text.isEmpty { errors.add(field: "text", message: "Enter what is to be done") }
        var due: CalendarDate?
        if !dueOn.isBlank {
            switch dueOn.parse(label: "Due date") {
            case .success(let date): due = date
            case .failure(let problem): errors.add(field: "dueOn", message: problem.message)
            }
        }
        let notes = errors.optionalParagraphs(notes, field: "notes", label: "Notes", maximum: 5000)
        try errors.throwIfAny()
        return ActionDetails(text: text, dueOn: due, notes: notes)
    }

    /// An open action past its due date.
    public static func isOverdue(status: ActionStatus, dueOn: CalendarDate?, today: CalendarDate) -> Bool {
        guard status == .open, let dueOn else { return false }
        return dueOn < today
    }
}
