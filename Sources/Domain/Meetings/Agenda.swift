/// What an agenda item asks of the meeting.
public enum AgendaItemPurpose: String, CaseIterable, Codable, Sendable {
    case information
    case discussion
    case decision

    public var label: String {
        switch self {
        case .information: "For information"
        case .discussion: "For discussion"
        case .decision: "For decision"
        }
    }
}

/// Where a proposed agenda item has got to.
public enum AgendaItemStatus: String, CaseIterable, Codable, Sendable {
    /// Proposed by a member, waiting for the organisers.
    case proposed
    /// On the agenda.
    case accepted
    /// Put off to a later meeting.
    case deferred
    /// Taken off by whoever proposed it, or by the organisers.
    case withdrawn
    /// Joined to another item of the same meeting, which took its papers.
    case merged

    public var label: String {
        switch self {
        case .proposed: "Proposed"
        case .accepted: "On the agenda"
        case .deferred: "Put off to a later meeting"
        case .withdrawn: "Withdrawn"
        case .merged: "Merged into another item"
        }
    }
}

/// An agenda item as proposed: its title, what it is for, what the forum is
/// asked to bring, and how long it needs. The lead is checked by the store,
/// which knows the group's members.
public struct AgendaItemDetails: Sendable, Equatable {
    public let title: String
    public let purpose: AgendaItemPurpose
    /// What the forum is asked to bring or do (seed 000, 4.6 d): "Tell us what families say about waiting times".
    public let forumAsk: String?
    public let minutes: Int?

    public init(title: String, purpose: AgendaItemPurpose, forumAsk: String?, minutes: Int?) {
        self.title = title
        self.purpose = purpose
        self.forumAsk = forumAsk
        self.minutes = minutes
    }

    public static let longestItemMinutes = 240

    public static func validate(title: String?, purpose: String?, forumAsk: String?, minutes: String?) throws -> AgendaItemDetails {
        var errors = ValidationErrors()
        let title = errors.line(title, field: "title", label: "Title", maximum: 200)
        if title.isEmpty { errors.add(field: "title", message: "Enter the item's title") }
        let purpose = AgendaItemPurpose(rawValue: TextInput.clean(purpose))
        if purpose == nil { errors.add(field: "purpose", message: "Select whether the item is for information, discussion or decision") }
        let ask = errors.optionalParagraphs(forumAsk, field: "forumAsk", label: "What the forum is asked to bring", maximum: 2000)
        var time: Int?
        let typed = TextInput.clean(minutes)
        if !typed.isEmpty {
            if let value = Int(typed), (1...longestItemMinutes).contains(value) { time = value }
            else { errors.add(field: "minutes", message: "Enter the time needed in minutes, from 1 to \(longestItemMinutes)") }
        }
        try errors.throwIfAny()
        return AgendaItemDetails(title: title, purpose: purpose!, forumAsk: ask, minutes: time)
    }
}

extension AgendaItemDetails {
    /// "For decision, led by Jo Whitfield, 30 minutes": an item as the agenda describes it.
    public static func about(purpose: AgendaItemPurpose, lead: String?, minutes: Int?) -> String {
        var parts = [purpose.label]
        if let lead { parts.append("led by \(lead)") }
        if let minutes { parts.append("\(minutes) minutes") }
        return parts.joined(separator: ", ")
    }
}

/// Where a partner stands on a meeting's final agenda. Agreeing covers the
/// agenda as it was then: a change afterwards needs the partner's agreement again.
public enum AgendaAgreement: String, CaseIterable, Codable, Sendable {
    case notAnswered = "not-answered"
    case agreedThisAgenda = "agreed"
    case agreedEarlierAgenda = "agreed-earlier-agenda"

    public var label: String {
        switch self {
        case .notAnswered: "Not agreed yet"
        case .agreedThisAgenda: "Agreed"
        case .agreedEarlierAgenda: "Agreed an earlier agenda"
        }
    }

    /// What the partner agreed, so a later change can be told apart: the items
    /// on the agenda, in order, with what each is for.
    public static func fingerprint(of items: [(id: String, title: String, purpose: AgendaItemPurpose)]) -> String {
        items.map { "\($0.id)|\($0.purpose.rawValue)|\($0.title)" }.joined(separator: "\n")
    }
}

/// Asking the partners for agenda items.
public enum AgendaRequest {
    /// The day items are due: from today up to the day before the meeting.
    public static func validateItemsDue(_ input: DateInput, today: CalendarDate, meetingDate: CalendarDate) throws -> CalendarDate {
        switch input.parse(label: "The date items are due") {
        case .failure(let problem):
            throw ValidationErrors(field: "itemsDueOn", message: problem.message)
        case .success(let date):
            if date < today { throw ValidationErrors(field: "itemsDueOn", message: "The date items are due must be today or later") }
            if date >= meetingDate {
                throw ValidationErrors(field: "itemsDueOn", message: "The date items are due must be before the meeting on \(meetingDate.longForm)")
            }
            return date
        }
    }

    /// A sensible day to suggest: ten days before the meeting, so items are in before the papers go out, but not before today.
    public static func suggestedItemsDue(today: CalendarDate, meetingDate: CalendarDate) -> CalendarDate {
        max(today, min(meetingDate.adding(days: -10), meetingDate.adding(days: -1)))
    }
}
