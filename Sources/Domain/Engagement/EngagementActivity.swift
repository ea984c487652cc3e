import Foundation

/// How an engagement activity was run.
public enum EngagementMethod: String, CaseIterable, Codable, Sendable {
    case survey
    case workshop
    case focusGroup = "focus-group"
    case meeting
    case oneToOne = "one-to-one"
    case coDesignGroup = "co-design-group"
    case event
    case onlineDiscussion = "online-discussion"
    case other

    public var label: String {
        switch self {
        case .survey: "Survey"
        case .workshop: "Workshop"
        case .focusGroup: "Focus group"
        case .meeting: "Meeting"
        case .oneToOne: "One-to-one conversations"
        case .coDesignGroup: "Co-design group"
        case .event: "Event or drop-in"
        case .onlineDiscussion: "Online discussion"
        case .other: "Another way"
        }
    }
}

/// Groups of families that services often fail to hear from. An activity
/// records which of them it reached, so an area can see who is missing.
public enum SeldomHeardGroup: String, CaseIterable, Codable, Sendable {
    case fathers
    case ethnicMinorities = "ethnic-minorities"
    case englishAsAnAdditionalLanguage = "english-additional-language"
    case childrenInCare = "children-in-care"
    case youngCarers = "young-carers"
    case lowIncome = "low-income"
    case travellers
    case armedForces = "armed-forces"
    case parentsWithDisabilities = "parents-with-disabilities"
    case nonSpeakingChildren = "non-speaking-children"
    case rural
    case notInTouch = "not-in-touch"

    public var label: String {
        switch self {
        case .fathers: "Fathers and male carers"
        case .ethnicMinorities: "Black, Asian and minority ethnic families"
        case .englishAsAnAdditionalLanguage: "Families who speak English as an additional language"
        case .childrenInCare: "Children in care, care leavers and their carers"
        case .youngCarers: "Young carers"
        case .lowIncome: "Families on low incomes"
        case .travellers: "Gypsy, Roma and Traveller families"
        case .armedForces: "Armed forces families"
        case .parentsWithDisabilities: "Parents who are disabled themselves"
        case .nonSpeakingChildren: "Children and young people who do not use speech"
        case .rural: "Families in rural areas"
        case .notInTouch: "Families not in touch with the forum or services before"
        }
    }
}

/// The year an area reports on: 1 April to 31 March, as councils and the NHS plan.
public struct ReportingYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The calendar year in which it starts.
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    public init(containing date: CalendarDate) {
        startYear = date.month >= 4 ? date.year : date.year - 1
    }

    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31)! }

    /// "April 2025 to March 2026".
    public var label: String { "April \(startYear) to March \(startYear + 1)" }
    /// "2025-26", for tables and file names.
    public var shortLabel: String { "\(startYear)-\(String(format: "%02d", (startYear + 1) % 100))" }
    public var description: String { shortLabel }

    public func adding(years: Int) -> ReportingYear { ReportingYear(startYear: startYear + years) }

    /// Parses "2025-26" or "2025"; nil for anything else.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let first = trimmed.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
        guard first.count == 4, let year = Int(first), (1900...2199).contains(year) else { return nil }
        let candidate = ReportingYear(startYear: year)
        guard trimmed == first || trimmed == candidate.shortLabel else { return nil }
        self = candidate
    }

    public static func < (lhs: ReportingYear, rhs: ReportingYear) -> Bool { lhs.startYear < rhs.startYear }
}

/// Whether the people who took part were told what changed because of it:
/// "closing the loop". The seed's strategy promises feedback "within agreed
/// timescales"; an area sets how many days that is.
public enum EngagementLoop: Sendable, Equatable {
    /// Told on that date.
    case told(CalendarDate)
    /// Not finished yet, so nothing is due.
    case running
    /// Finished; they should be told by this date, which has not passed.
    case dueBy(CalendarDate)
    /// Finished and the time to tell them has passed.
    case notTold(since: CalendarDate)

    public static let defaultDaysToTell = 30

    /// An activity with no end date ended on the day it started.
    public static func status(startsOn: CalendarDate, endsOn: CalendarDate?, toldOn: CalendarDate?,
                              daysToTell: Int, today: CalendarDate) -> EngagementLoop {
        if let toldOn { return .told(toldOn) }
        let ended = endsOn ?? startsOn
        if ended >= today { return .running }
        let due = ended.adding(days: daysToTell)
        return today <= due ? .dueBy(due) : .notTold(since: due)
    }

    /// The last day an activity may have ended and still not be overdue today.
    public static func overdueIfEndedBefore(today: CalendarDate, daysToTell: Int) -> CalendarDate {
        today.adding(days: -daysToTell)
    }
}

/// How many people took part, by who they are.
public struct ParticipantCounts: Sendable, Equatable, Codable {
    public let parentCarers: Int
    public let childrenAndYoungPeople: Int
    public let professionals: Int

    public init(parentCarers: Int, childrenAndYoungPeople: Int, professionals: Int) {
        self.parentCarers = parentCarers
        self.childrenAndYoungPeople = childrenAndYoungPeople
        self.professionals = professionals
    }

    public var families: Int { parentCarers + childrenAndYoungPeople }
    public var total: Int { families + professionals }

    public static let maximum = 1_000_000
}

/// An engagement activity as entered, checked. The service, organisations,
/// groups and meetings it links to are checked against the register by the store.
public struct EngagementActivityDetails: Sendable, Equatable {
    public let title: String
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate?
    public let method: EngagementMethod
    public let plannedRung: String
    public let achievedRung: String?
    public let participants: ParticipantCounts
    public let reached: [SeldomHeardGroup]
    public let participantsSaid: String?
    public let whatChanged: String?
    public let toldOn: CalendarDate?
    public let howTold: String?

    public init(title: String, startsOn: CalendarDate, endsOn: CalendarDate?, method: EngagementMethod, plannedRung: String,
                achievedRung: String?, participants: ParticipantCounts, reached: [SeldomHeardGroup], participantsSaid: String?,
                whatChanged: String?, toldOn: CalendarDate?, howTold: String?) {
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.method = method
        self.plannedRung = plannedRung
        self.achievedRung = achievedRung
        self.participants = participants
        self.reached = reached
        self.participantsSaid = participantsSaid
        self.whatChanged = whatChanged
        self.toldOn = toldOn
        self.howTold = howTold
    }

    public var reportingYear: ReportingYear { ReportingYear(containing: startsOn) }

    /// The typed form of an activity: texts as sent, dates as three boxes.
    public struct Input: Sendable {
        public var title: String?
        public var startsOn = DateInput()
        public var endsOn = DateInput()
        public var method: String?
        public var plannedRung: String?
        public var achievedRung: String?
        public var parentCarers: String?
        public var childrenAndYoungPeople: String?
        public var professionals: String?
        public var reached: [String] = []
        public var participantsSaid: String?
        public var whatChanged: String?
        public var toldOn = DateInput()
        public var howTold: String?

        public init() {}
    }

    /// Checks an activity against the ladder it is recorded on.
    /// `hasOrganisation` says whether at least one organisation of the register was chosen.
    public static func validate(_ input: Input, ladder: LadderDefinition, hasOrganisation: Bool,
                                today: CalendarDate) throws -> EngagementActivityDetails {
        var errors = ValidationErrors()
        let title = errors.line(input.title, field: "title", label: "Title", maximum: 200)
        if title.isEmpty { errors.add(field: "title", message: "Enter a title for the activity") }

        var startsOn: CalendarDate?
        switch input.startsOn.parse(label: "Start date") {
        case .success(let date): startsOn = date
        case .failure(let problem): errors.add(field: "startsOn", message: problem.message)
        }
        var endsOn: CalendarDate?
        if !input.endsOn.isBlank {
            switch input.endsOn.parse(label: "End date") {
            case .success(let date):
                if let startsOn, date < startsOn { errors.add(field: "endsOn", message: "End date must be the same as or after the start date") }
                else { endsOn = date }
            case .failure(let problem): errors.add(field: "endsOn", message: problem.message)
            }
        }

        let method = EngagementMethod(rawValue: TextInput.clean(input.method))
        if method == nil { errors.add(field: "method", message: "Select how the activity was run") }
        if !hasOrganisation { errors.add(field: "organisationIds", message: "Select at least one organisation involved") }

        let rungNames = ladder.rungs.map(\.name).joined(separator: ", ")
        let planned = TextInput.clean(input.plannedRung)
        if planned.isEmpty { errors.add(field: "plannedRung", message: "Select the rung of the ladder you planned to reach") }
        else if ladder.rung(planned) == nil {
            errors.add(field: "plannedRung", message: "The rung planned must be one on the \(ladder.name): \(rungNames)")
        }
        let achieved = TextInput.optional(input.achievedRung)
        if let achieved, ladder.rung(achieved) == nil {
            errors.add(field: "achievedRung", message: "The rung achieved must be one on the \(ladder.name): \(rungNames)")
        }
        if achieved != nil, let startsOn, startsOn > today {
            errors.add(field: "achievedRung", message: "Leave the rung achieved until the activity has started")
        }

        let parentCarers = count(input.parentCarers, field: "parentCarers", label: "Parent carers", errors: &errors)
        let children = count(input.childrenAndYoungPeople, field: "childrenAndYoungPeople", label: "Children and young people", errors: &errors)
        let professionals = count(input.professionals, field: "professionals", label: "Professionals", errors: &errors)

        var reached: [SeldomHeardGroup] = []
        for raw in input.reached where !TextInput.clean(raw).isEmpty {
            guard let group = SeldomHeardGroup(rawValue: TextInput.clean(raw)) else {
                errors.add(field: "reached", message: "Select seldom-heard groups from the list")
                continue
            }
            if !reached.contains(group) { reached.append(group) }
        }
        reached.sort { SeldomHeardGroup.allCases.firstIndex(of: $0)! < SeldomHeardGroup.allCases.firstIndex(of: $1)! }

        let said = errors.optionalParagraphs(input.participantsSaid, field: "participantsSaid", label: "What participants said", maximum: 10_000)
        let changed = errors.optionalParagraphs(input.whatChanged, field: "whatChanged", label: "What changed", maximum: 10_000)

        var toldOn: CalendarDate?
        if !input.toldOn.isBlank {
            switch input.toldOn.parse(label: "Date participants were told") {
            case .success(let date):
                if date > today { errors.add(field: "toldOn", message: "Date participants were told must be today or in the past") }
                else if let startsOn, date < startsOn {
                    errors.add(field: "toldOn", message: "Date participants were told must be on or after the start date")
                } else { toldOn = date }
            case .failure(let problem): errors.add(field: "toldOn", message: problem.message)
            }
        }
        let howTold = errors.optionalLine(input.howTold, field: "howTold", label: "How participants were told", maximum: 500)
        if !input.toldOn.isBlank {
            if changed == nil { errors.add(field: "whatChanged", message: "Say what changed before recording that participants were told") }
            if howTold == nil { errors.add(field: "howTold", message: "Say how participants were told what changed") }
        } else if howTold != nil {
            errors.add(field: "toldOn", message: "Enter the date participants were told")
        }

        try errors.throwIfAny()
        return EngagementActivityDetails(
            title: title, startsOn: startsOn!, endsOn: endsOn, method: method!, plannedRung: planned, achievedRung: achieved,
            participants: ParticipantCounts(parentCarers: parentCarers, childrenAndYoungPeople: children, professionals: professionals),
            reached: reached, participantsSaid: said, whatChanged: changed, toldOn: toldOn, howTold: howTold)
    }

    /// A head count: blank is none; otherwise digits only, up to a million.
    static func count(_ raw: String?, field: String, label: String, errors: inout ValidationErrors) -> Int {
        let text = TextInput.clean(raw)
        if text.isEmpty { return 0 }
        guard text.count <= 7, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(text),
              value <= ParticipantCounts.maximum else {
            errors.add(field: field, message: "\(label) must be a whole number from 0 to 1,000,000")
            return 0
        }
        return value
    }
}

/// What kind of work a service or project of the area is.
public enum ServiceKind: String, CaseIterable, Codable, Sendable {
    case service
    case strategy
    case commissioning
    case project

    public var label: String {
        switch self {
        case .service: "A service"
        case .strategy: "A strategy or plan"
        case .commissioning: "Commissioning work"
        case .project: "A project"
        }
    }
}

/// A service, strategy, commissioning work or project that engagement
/// activities (and later assessments) belong to.
public struct ServiceDetails: Sendable, Equatable {
    public let name: String
    public let kind: ServiceKind
    public let summary: String?

    public init(name: String, kind: ServiceKind, summary: String?) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }

    public static func validate(name: String?, kind: String?, summary: String?) throws -> ServiceDetails {
        var errors = ValidationErrors()
        let name = errors.line(name, field: "name", label: "Name", maximum: 200)
        if name.isEmpty { errors.add(field: "name", message: "Enter the name of the service or project") }
        let kind = ServiceKind(rawValue: TextInput.clean(kind))
        if kind == nil { errors.add(field: "kind", message: "Select what kind of work it is") }
        let summary = errors.optionalParagraphs(summary, field: "summary", label: "Summary", maximum: 2000)
        try errors.throwIfAny()
        return ServiceDetails(name: name, kind: kind!, summary: summary)
    }
}
