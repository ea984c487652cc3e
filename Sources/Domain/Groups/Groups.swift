/// How often a group meets.
public enum Cadence: String, CaseIterable, Codable, Sendable {
    case weekly
    case fortnightly
    case monthly
    case everySixWeeks = "every-six-weeks"
    case everyTwoMonths = "every-two-months"
    case quarterly
    case twiceAYear = "twice-a-year"
    case yearly
    case asNeeded = "as-needed"

    public var label: String {
        switch self {
        case .weekly: "Every week"
        case .fortnightly: "Every 2 weeks"
        case .monthly: "Every month"
        case .everySixWeeks: "Every 6 weeks"
        case .everyTwoMonths: "Every 2 months"
        case .quarterly: "Every 3 months"
        case .twiceAYear: "Twice a year"
        case .yearly: "Once a year"
        case .asNeeded: "When needed"
        }
    }

    /// The longest gap, in days, between two meetings that still keeps to the cadence.
    /// A monthly group meeting on 31 January and 2 March has still met monthly.
    public var longestGapInDays: Int? {
        switch self {
        case .weekly: 7
        case .fortnightly: 14
        case .monthly: 35
        case .everySixWeeks: 42
        case .everyTwoMonths: 66
        case .quarterly: 98
        case .twiceAYear: 190
        case .yearly: 380
        case .asNeeded: nil
        }
    }
}

/// A person's place in a group.
public enum MembershipRole: String, CaseIterable, Codable, Sendable {
    case chair, member, observer

    public var label: String {
        switch self {
        case .chair: "Chair"
        case .member: "Member"
        case .observer: "Observer"
        }
    }
}

public struct GroupDetails: Sendable, Equatable {
    public let name: String
    public let purpose: String?
    public let cadence: Cadence

    public init(name: String, purpose: String?, cadence: Cadence) {
        self.name = name
        self.purpose = purpose
        self.cadence = cadence
    }

    public static func validate(name: String?, purpose: String?, cadence: String?) throws -> GroupDetails {
        var errors = ValidationErrors()
        let name = errors.line(name, field: "name", label: "Name", maximum: 200)
        if name.isEmpty { errors.add(field: "name", message: "Enter the group's name") }
        let purpose = errors.optionalParagraphs(purpose, field: "purpose", label: "Purpose", maximum: 2000)
        let cadence = Cadence(rawValue: TextInput.clean(cadence))
        if cadence == nil { errors.add(field: "cadence", message: "Select how often the group meets") }
        try errors.throwIfAny()
        return GroupDetails(name: name, purpose: purpose, cadence: cadence!)
    }
}

/// A group's terms of reference: what it is for and who attends.
/// Each change makes a new version, so past versions stay on record.
public struct TermsOfReferenceDetails: Sendable, Equatable {
    public let text: String
    /// Who attends, one entry per line: "Forum chair", "Head of SEND, Riverside Council".
    public let attendees: [String]
    public let agreedOn: CalendarDate

    public init(text: String, attendees: [String], agreedOn: CalendarDate) {
        self.text = text
        self.attendees = attendees
        self.agreedOn = agreedOn
    }

    public static func validate(text: String?, attendees: String?, agreedOn: DateInput, today: CalendarDate) throws -> TermsOfReferenceDetails {
        var errors = ValidationErrors()
        let text = errors.paragraphs(text, field: "text", label: "Terms of reference", maximum: 20_000)
        if text.isEmpty { errors.add(field: "text", message: "Enter the terms of reference") }
        let attendeeLines = errors.paragraphs(attendees, field: "attendees", label: "Who attends", maximum: 20_000)
            .split(separator: "\n")
            .map { TextInput.collapsingSpaces(String($0)) }
            .filter { !$0.isEmpty }
        if attendeeLines.isEmpty {
            errors.add(field: "attendees", message: "Enter who attends, one on each line")
        } else if attendeeLines.contains(where: { TextInput.length($0) > 300 }) {
            errors.add(field: "attendees", message: "Each attendee line must be 300 characters or fewer")
        }
        var agreed: CalendarDate?
        switch agreedOn.parse(label: "Date agreed") {
        case .success(let date):
            if date > today { errors.add(field: "agreedOn", message: "Date agreed must be today or in the past") }
            else { agreed = date }
        case .failure(let problem):
            errors.add(field: "agreedOn", message: problem.message)
        }
        try errors.throwIfAny()
        return TermsOfReferenceDetails(text: text, attendees: attendeeLines, agreedOn: agreed!)
    }
}

/// Who each group reports to, drawn as a tree: the children's trust board at
/// the top, the strategy group under it, the partnership groups under that.
public struct GovernanceTree: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public let id: String
        public let name: String
        public let children: [Node]
    }

    public let roots: [Node]

    /// - Parameter groups: every group in the area as (id, name, id of the group it reports to).
    public init<ID: Hashable & CustomStringConvertible>(groups: [(id: ID, name: String, reportsTo: ID?)]) {
        let known = Set(groups.map(\.id))
        var childrenOf: [ID: [(id: ID, name: String)]] = [:]
        var roots: [(id: ID, name: String)] = []
        for group in groups {
            // A group whose parent is missing is shown at the top rather than lost.
            if let parent = group.reportsTo, known.contains(parent), parent != group.id {
                childrenOf[parent, default: []].append((group.id, group.name))
            } else {
                roots.append((group.id, group.name))
            }
        }
        func build(_ entry: (id: ID, name: String), seen: Set<ID>) -> Node {
            let children = (childrenOf[entry.id] ?? [])
                .filter { !seen.contains($0.id) }
                .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
                .map { build($0, seen: seen.union([entry.id])) }
            return Node(id: entry.id.description, name: entry.name, children: children)
        }
        self.roots = roots
            .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            .map { build($0, seen: []) }
    }

    /// Whether making `group` report to `newParent` would make a loop,
    /// where a group ends up reporting to itself.
    public static func wouldCreateLoop<ID: Hashable>(group: ID, newParent: ID?, currentParents: [ID: ID]) -> Bool {
        guard var cursor = newParent else { return false }
        var visited: Set<ID> = []
        while true {
            if cursor == group { return true }
            guard visited.insert(cursor).inserted, let next = currentParents[cursor] else { return false }
            cursor = next
        }
    }
}

import Foundation
