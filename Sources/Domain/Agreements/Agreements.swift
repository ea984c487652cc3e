/// A partnership agreement between the forum, the council, the NHS and others.
public struct AgreementDetails: Sendable, Equatable {
    public let title: String
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate?
    public let reviewOn: CalendarDate

    /// - Parameter partnerKinds: the kind of each organisation chosen as a partner.
    public static func validate(title: String?, startsOn: DateInput, endsOn: DateInput, reviewOn: DateInput,
                                partnerKinds: [OrganisationKind]) throws -> AgreementDetails {
        var errors = ValidationErrors()
        let title = errors.line(title, field: "title", label: "Title", maximum: 300)
        if title.isEmpty { errors.add(field: "title", message: "Enter the agreement's title") }

        var start: CalendarDate?
        switch startsOn.parse(label: "Start date") {
        case .success(let date): start = date
        case .failure(let problem): errors.add(field: "startsOn", message: problem.message)
        }
        var end: CalendarDate?
        if !endsOn.isBlank {
            switch endsOn.parse(label: "End date") {
            case .success(let date):
                if let start, date <= start { errors.add(field: "endsOn", message: "End date must be after the start date") }
                else { end = date }
            case .failure(let problem): errors.add(field: "endsOn", message: problem.message)
            }
        }
        var review: CalendarDate?
        switch reviewOn.parse(label: "Review date") {
        case .success(let date):
            if let start, date <= start { errors.add(field: "reviewOn", message: "Review date must be after the start date") }
            else if let end, date > end { errors.add(field: "reviewOn", message: "Review date must be on or before the end date") }
            else { review = date }
        case .failure(let problem): errors.add(field: "reviewOn", message: problem.message)
        }

        if partnerKinds.count < 2 {
            errors.add(field: "partners", message: "Select at least 2 partners")
        } else if !partnerKinds.contains(.parentCarerForum) {
            errors.add(field: "partners", message: "Select the parent carer forum as one of the partners")
        }
        try errors.throwIfAny()
        return AgreementDetails(title: title, startsOn: start!, endsOn: end, reviewOn: review!)
    }

    public init(title: String, startsOn: CalendarDate, endsOn: CalendarDate?, reviewOn: CalendarDate) {
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.reviewOn = reviewOn
    }
}

/// Where an agreement stands on a given day.
public enum AgreementStatus: String, Sendable, Equatable {
    /// Whether its rules are checked: in force, or past its review date but not ended.
    public var isInForce: Bool { self == .inForce || self == .reviewDue }

    case notStarted = "not-started"
    case inForce = "in-force"
    case reviewDue = "review-due"
    case ended

    public static func on(_ today: CalendarDate, startsOn: CalendarDate, endsOn: CalendarDate?, reviewOn: CalendarDate) -> AgreementStatus {
        if today < startsOn { return .notStarted }
        if let endsOn, today > endsOn { return .ended }
        if today >= reviewOn { return .reviewDue }
        return .inForce
    }

    public var label: String {
        switch self {
        case .notStarted: "Not started yet"
        case .inForce: "In force"
        case .reviewDue: "Review due"
        case .ended: "Ended"
        }
    }
}

/// A rule in an agreement that Coproduce can check by itself, with its settings.
/// The meetings part checks meeting rules against every meeting; other parts
/// check the rest.
public enum ClauseRule: Sendable, Equatable {
    /// "Meetings occur between the hours of 10am and 2pm" (seed 000, 4.6 a).
    case meetingTimeWindow(from: TimeOfDay, to: TimeOfDay)
    /// "Agenda and papers distributed at least 7 days in advance" (4.6 d, 6.1).
    case papersNoticeDays(Int)
    /// "Clear terms of reference that include details of the attendees" (4.6 c).
    case termsOfReferenceWithAttendees
    /// "Documents written in plain English that are jargon free" (4.6 e).
    case plainEnglishPapers
    /// "The forum representative met and welcomed by a named contact" (4.6 f).
    case namedContact
    /// "Meetings normally chaired by a representative of the forum" (6.2).
    case chairFrom(OrganisationKind)
    /// "Regular liaison meetings on a planned monthly basis" (6.1).
    case meetingCadence(Cadence)
    /// "Final agendas agreed jointly between partners and the forum" (6.1).
    case agendaAgreedJointly
    /// "All parties send representatives who are able to make decisions" (6.2).
    case decisionMakersAttend
    /// "Any complaints discussed at the partnership meetings" (6.3).
    case complaintsDiscussed
    /// "Communication through the forum's e-mail address" (4.6 b, 5.4).
    case communicationThroughForumAddress
    /// "Access to the forum's information limited to designated roles" (5.6).
    case personalDataForDesignatedForumRoles
    /// "All representatives sign a volunteer agreement" (5.2).
    case volunteerAgreementsForRepresentatives
    /// "Refreshments will be offered" (4.6 f).
    case refreshmentsOffered
    /// "The agenda sets out ... what contribution is requested from the forum" (4.6 d).
    case agendaStatesForumAsk
    /// "All parties will be asked for agenda items" (6.1), at least this many days before the meeting.
    case partnersAskedForItems(daysBefore: Int)
    /// "Facilitating the circulation of ... minutes" (6.2): within this many days after the meeting.
    case minutesCirculatedWithin(days: Int)

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case meetingTimeWindow = "meeting-time-window"
        case papersNoticeDays = "papers-notice-days"
        case termsOfReferenceWithAttendees = "terms-of-reference-with-attendees"
        case plainEnglishPapers = "plain-english-papers"
        case namedContact = "named-contact"
        case chairFrom = "chair-from"
        case meetingCadence = "meeting-cadence"
        case agendaAgreedJointly = "agenda-agreed-jointly"
        case decisionMakersAttend = "decision-makers-attend"
        case complaintsDiscussed = "complaints-discussed"
        case communicationThroughForumAddress = "communication-through-forum-address"
        case personalDataForDesignatedForumRoles = "personal-data-for-designated-forum-roles"
        case volunteerAgreementsForRepresentatives = "volunteer-agreements-for-representatives"
        case refreshmentsOffered = "refreshments-offered"
        case agendaStatesForumAsk = "agenda-states-forum-ask"
        case partnersAskedForItems = "partners-asked-for-items"
        case minutesCirculatedWithin = "minutes-circulated-within"

        /// The name of the rule in a list to choose from.
        public var label: String {
            switch self {
            case .meetingTimeWindow: "Meetings happen within set hours"
            case .papersNoticeDays: "Agenda and papers go out a set number of days before"
            case .termsOfReferenceWithAttendees: "Groups have terms of reference listing who attends"
            case .plainEnglishPapers: "Papers are in plain English"
            case .namedContact: "Forum representatives are welcomed by a named contact"
            case .chairFrom: "Meetings are chaired by a set kind of organisation"
            case .meetingCadence: "Meetings happen at a set frequency"
            case .agendaAgreedJointly: "Agendas are agreed jointly"
            case .decisionMakersAttend: "Partners send people who can make decisions"
            case .complaintsDiscussed: "Complaints are discussed at partnership meetings"
            case .communicationThroughForumAddress: "Partners contact the forum through its own e-mail address"
            case .personalDataForDesignatedForumRoles: "Only the forum's designated roles see its personal data"
            case .volunteerAgreementsForRepresentatives: "Forum representatives sign a volunteer agreement"
            case .refreshmentsOffered: "Refreshments are offered at meetings"
            case .agendaStatesForumAsk: "The agenda says what the forum is asked to bring to each item"
            case .partnersAskedForItems: "Every partner is asked for agenda items a set number of days before"
            case .minutesCirculatedWithin: "Minutes go out within a set number of days after the meeting"
            }
        }

        /// Which settings the rule needs.
        public var needsTimeWindow: Bool { self == .meetingTimeWindow }
        public var needsNoticeDays: Bool { [.papersNoticeDays, .partnersAskedForItems, .minutesCirculatedWithin].contains(self) }
        public var needsOrganisationKind: Bool { self == .chairFrom }
        public var needsCadence: Bool { self == .meetingCadence }
    }

    public var kind: Kind {
        switch self {
        case .meetingTimeWindow: .meetingTimeWindow
        case .papersNoticeDays: .papersNoticeDays
        case .termsOfReferenceWithAttendees: .termsOfReferenceWithAttendees
        case .plainEnglishPapers: .plainEnglishPapers
        case .namedContact: .namedContact
        case .chairFrom: .chairFrom
        case .meetingCadence: .meetingCadence
        case .agendaAgreedJointly: .agendaAgreedJointly
        case .decisionMakersAttend: .decisionMakersAttend
        case .complaintsDiscussed: .complaintsDiscussed
        case .communicationThroughForumAddress: .communicationThroughForumAddress
        case .personalDataForDesignatedForumRoles: .personalDataForDesignatedForumRoles
        case .volunteerAgreementsForRepresentatives: .volunteerAgreementsForRepresentatives
        case .refreshmentsOffered: .refreshmentsOffered
        case .agendaStatesForumAsk: .agendaStatesForumAsk
        case .partnersAskedForItems: .partnersAskedForItems
        case .minutesCirculatedWithin: .minutesCirculatedWithin
        }
    }

    /// The rule with its settings, in a sentence.
    public var summary: String {
        switch self {
        case .meetingTimeWindow(let from, let to): "Meetings start no earlier than \(from.spoken) and end by \(to.spoken)"
        case .papersNoticeDays(let days): "The agenda and papers go out at least \(days) \(days == 1 ? "day" : "days") before the meeting"
        case .partnersAskedForItems(let days): "Every partner is asked for agenda items at least \(days) \(days == 1 ? "day" : "days") before the meeting"
        case .minutesCirculatedWithin(let days): "The minutes go out within \(days) \(days == 1 ? "day" : "days") after the meeting"
        case .chairFrom(let kind): "Meetings are chaired by someone from the \(kind.label.lowercased())"
        case .meetingCadence(let cadence): "Meetings happen at least this often: \(cadence.label.lowercased())"
        default: kind.label
        }
    }

    /// The settings a rule is stored with, as plain values.
    public struct Settings: Sendable, Equatable {
        public var windowFrom: TimeOfDay?
        public var windowTo: TimeOfDay?
        public var noticeDays: Int?
        public var organisationKind: OrganisationKind?
        public var cadence: Cadence?

        public init(windowFrom: TimeOfDay? = nil, windowTo: TimeOfDay? = nil, noticeDays: Int? = nil,
                    organisationKind: OrganisationKind? = nil, cadence: Cadence? = nil) {
            self.windowFrom = windowFrom
            self.windowTo = windowTo
            self.noticeDays = noticeDays
            self.organisationKind = organisationKind
            self.cadence = cadence
        }
    }

    public var settings: Settings {
        switch self {
        case .meetingTimeWindow(let from, let to): Settings(windowFrom: from, windowTo: to)
        case .papersNoticeDays(let days), .partnersAskedForItems(let days), .minutesCirculatedWithin(let days): Settings(noticeDays: days)
        case .chairFrom(let kind): Settings(organisationKind: kind)
        case .meetingCadence(let cadence): Settings(cadence: cadence)
        default: Settings()
        }
    }

    /// Rebuilds a stored rule; nil when the stored settings do not fit the kind.
    public init?(kind: Kind, settings: Settings) {
        switch kind {
        case .meetingTimeWindow:
            guard let from = settings.windowFrom, let to = settings.windowTo, from < to else { return nil }
            self = .meetingTimeWindow(from: from, to: to)
        case .papersNoticeDays:
            guard let days = settings.noticeDays, (1...60).contains(days) else { return nil }
            self = .papersNoticeDays(days)
        case .partnersAskedForItems:
            guard let days = settings.noticeDays, (1...60).contains(days) else { return nil }
            self = .partnersAskedForItems(daysBefore: days)
        case .minutesCirculatedWithin:
            guard let days = settings.noticeDays, (1...60).contains(days) else { return nil }
            self = .minutesCirculatedWithin(days: days)
        case .chairFrom:
            guard let organisationKind = settings.organisationKind else { return nil }
            self = .chairFrom(organisationKind)
        case .meetingCadence:
            guard let cadence = settings.cadence else { return nil }
            self = .meetingCadence(cadence)
        case .termsOfReferenceWithAttendees: self = .termsOfReferenceWithAttendees
        case .plainEnglishPapers: self = .plainEnglishPapers
        case .namedContact: self = .namedContact
        case .agendaAgreedJointly: self = .agendaAgreedJointly
        case .decisionMakersAttend: self = .decisionMakersAttend
        case .complaintsDiscussed: self = .complaintsDiscussed
        case .communicationThroughForumAddress: self = .communicationThroughForumAddress
        case .personalDataForDesignatedForumRoles: self = .personalDataForDesignatedForumRoles
        case .volunteerAgreementsForRepresentatives: self = .volunteerAgreementsForRepresentatives
        case .refreshmentsOffered: self = .refreshmentsOffered
        case .agendaStatesForumAsk: self = .agendaStatesForumAsk
        }
    }
}

/// A clause of an agreement: its number and wording, and either a rule the
/// software checks or a commitment that people check by hand.
public enum ClauseKind: String, CaseIterable, Codable, Sendable {
    case rule
    case commitment

    public var label: String {
        switch self {
        case .rule: "A rule Coproduce checks"
        case .commitment: "A commitment checked by hand"
        }
    }
}

public struct ClauseDetails: Sendable, Equatable {
    public let number: String
    public let text: String
    /// Nil for a commitment checked by hand.
    public let rule: ClauseRule?

    public var kind: ClauseKind { rule == nil ? .commitment : .rule }

    public init(number: String, text: String, rule: ClauseRule?) {
        self.number = number
        self.text = text
        self.rule = rule
    }

    /// Checks a clause as typed into the form or sent to the API.
    public static func validate(number: String?, text: String?, kind: String?, ruleKind: String?,
                                windowFrom: String?, windowTo: String?, noticeDays: String?,
                                organisationKind: String?, cadence: String?) throws -> ClauseDetails {
        var errors = ValidationErrors()
        let number = errors.line(number, field: "number", label: "Clause number", maximum: 20)
        if number.isEmpty { errors.add(field: "number", message: "Enter the clause number, like 4.6 a") }
        let text = errors.paragraphs(text, field: "text", label: "Wording", maximum: 5000)
        if text.isEmpty { errors.add(field: "text", message: "Enter the wording of the clause") }

        var rule: ClauseRule?
        switch ClauseKind(rawValue: TextInput.clean(kind)) {
        case nil:
            errors.add(field: "kind", message: "Select whether Coproduce checks this clause or people check it by hand")
        case .commitment:
            break
        case .rule:
            guard let ruleKind = ClauseRule.Kind(rawValue: TextInput.clean(ruleKind)) else {
                errors.add(field: "ruleKind", message: "Select the rule this clause sets")
                break
            }
            var settings = ClauseRule.Settings()
            if ruleKind.needsTimeWindow {
                settings.windowFrom = TimeOfDay(typed: TextInput.clean(windowFrom))
                settings.windowTo = TimeOfDay(typed: TextInput.clean(windowTo))
                if settings.windowFrom == nil { errors.add(field: "windowFrom", message: "Enter the earliest start time, like 10am or 10:00") }
                if settings.windowTo == nil { errors.add(field: "windowTo", message: "Enter the latest finish time, like 2pm or 14:00") }
                if let from = settings.windowFrom, let to = settings.windowTo, from >= to {
                    errors.add(field: "windowTo", message: "Latest finish time must be after the earliest start time")
                }
            }
            if ruleKind.needsNoticeDays {
                let days = Int(TextInput.clean(noticeDays))
                if let days, (1...60).contains(days) { settings.noticeDays = days }
                else { errors.add(field: "noticeDays", message: "Enter the number of days, from 1 to 60") }
            }
            if ruleKind.needsOrganisationKind {
                settings.organisationKind = OrganisationKind(rawValue: TextInput.clean(organisationKind))
                if settings.organisationKind == nil { errors.add(field: "organisationKind", message: "Select which kind of organisation chairs") }
            }
            if ruleKind.needsCadence {
                settings.cadence = Cadence(rawValue: TextInput.clean(cadence))
                if settings.cadence == nil { errors.add(field: "cadence", message: "Select how often meetings must happen") }
            }
            if errors.isEmpty { rule = ClauseRule(kind: ruleKind, settings: settings) }
        }
        try errors.throwIfAny()
        return ClauseDetails(number: number, text: text, rule: rule)
    }
}

/// The hand check of a free-text commitment.
public enum CommitmentStatus: String, CaseIterable, Codable, Sendable {
    case met
    case partlyMet = "partly-met"
    case notMet = "not-met"

    public var label: String {
        switch self {
        case .met: "Met"
        case .partlyMet: "Partly met"
        case .notMet: "Not met"
        }
    }
}

public struct CommitmentAssessment: Sendable, Equatable {
    public let status: CommitmentStatus
    public let evidence: String
    public let assessedOn: CalendarDate

    public init(status: CommitmentStatus, evidence: String, assessedOn: CalendarDate) {
        self.status = status
        self.evidence = evidence
        self.assessedOn = assessedOn
    }

    public static func validate(status: String?, evidence: String?, assessedOn: DateInput, today: CalendarDate) throws -> CommitmentAssessment {
        var errors = ValidationErrors()
        let status = CommitmentStatus(rawValue: TextInput.clean(status))
        if status == nil { errors.add(field: "status", message: "Select met, partly met or not met") }
        let evidence = errors.paragraphs(evidence, field: "evidence", label: "Evidence", maximum: 5000)
        if evidence.isEmpty { errors.add(field: "evidence", message: "Enter the evidence for this") }
        var date: CalendarDate?
        switch assessedOn.parse(label: "Date checked") {
        case .success(let parsed):
            if parsed > today { errors.add(field: "assessedOn", message: "Date checked must be today or in the past") }
            else { date = parsed }
        case .failure(let problem): errors.add(field: "assessedOn", message: problem.message)
        }
        try errors.throwIfAny()
        return CommitmentAssessment(status: status!, evidence: evidence, assessedOn: date!)
    }
}

/// What the clause form asks first: a commitment people check by hand, or
/// which rule Coproduce checks. The form then asks only for what that kind
/// needs, instead of every rule's settings at once.
public enum ClauseType: Hashable, Sendable {
    case commitment
    case rule(ClauseRule.Kind)

    /// Every type, commitments first, then the rules in the order they are listed.
    public static let allCases: [ClauseType] = [.commitment] + ClauseRule.Kind.allCases.map { .rule($0) }

    /// Reads "commitment" or a rule's kind, as the form sends it.
    public init?(_ raw: String?) {
        guard let raw else { return nil }
        if raw == "commitment" { self = .commitment; return }
        guard let kind = ClauseRule.Kind(rawValue: raw) else { return nil }
        self = .rule(kind)
    }

    /// The type of a clause as stored: its kind and, for a rule, which rule.
    public init?(kind: String?, ruleKind: String?) {
        switch ClauseKind(rawValue: kind ?? "") {
        case .commitment: self = .commitment
        case .rule: self.init(ruleKind)
        case nil: return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .commitment: "commitment"
        case .rule(let kind): kind.rawValue
        }
    }

    public var kind: ClauseKind {
        switch self {
        case .commitment: .commitment
        case .rule: .rule
        }
    }

    public var ruleKind: ClauseRule.Kind? {
        if case .rule(let kind) = self { return kind }
        return nil
    }

    public var label: String {
        switch self {
        case .commitment: "A commitment people check by hand, with evidence"
        case .rule(let kind): kind.label
        }
    }

    /// The settings the form asks for, by field name, besides the number and wording.
    public var fields: [String] {
        guard case .rule(let kind) = self else { return [] }
        return (kind.needsTimeWindow ? ["windowFrom", "windowTo"] : []) + (kind.needsNoticeDays ? ["noticeDays"] : [])
            + (kind.needsOrganisationKind ? ["organisationKind"] : []) + (kind.needsCadence ? ["cadence"] : []) + ["groupId"]
    }
}
