/// Checks the agreement's rules against one meeting, before it happens (what
/// is at risk, and by when to act) and after (what was kept).
///
/// Everything is judged on the UK clock the meeting was arranged in: a meeting
/// at 10am in British Summer Time starts at 10am.
public enum MeetingRuleCheck {
    /// Where one rule stands for one meeting.
    public enum Result: String, CaseIterable, Codable, Sendable {
        case met
        case notMet = "not-met"
        /// It will be broken unless someone acts.
        case atRisk = "at-risk"
        /// Nothing to judge until later, such as attendance before the meeting.
        case notYetDue = "not-yet-due"
        /// The rule does not apply, such as to a cancelled meeting.
        case notApplicable = "not-applicable"

        public var label: String {
            switch self {
            case .met: "Met"
            case .notMet: "Not met"
            case .atRisk: "At risk"
            case .notYetDue: "Not yet due"
            case .notApplicable: "Does not apply"
            }
        }
    }

    public struct Outcome: Sendable, Equatable {
        public let result: Result
        /// One sentence saying why.
        public let evidence: String

        public init(_ result: Result, _ evidence: String) {
            self.result = result
            self.evidence = evidence
        }
    }

    /// Someone with a part in the meeting.
    public struct Person: Sendable, Equatable {
        public let name: String
        public let organisationName: String?
        public let organisationKind: OrganisationKind?

        public init(name: String, organisationName: String?, organisationKind: OrganisationKind?) {
            self.name = name
            self.organisationName = organisationName
            self.organisationKind = organisationKind
        }

        var described: String { organisationName.map { "\(name) (\($0))" } ?? name }
    }

    /// Someone on the meeting's attendance list, and whether they came.
    public struct Attendee: Sendable, Equatable {
        public let person: Person
        public let status: AttendanceStatus
        public let makesDecisions: Bool

        public init(person: Person, status: AttendanceStatus, makesDecisions: Bool) {
            self.person = person
            self.status = status
            self.makesDecisions = makesDecisions
        }
    }

    public struct Facts: Sendable, Equatable {
        public let details: MeetingDetails
        public let status: MeetingStatus
        public let chair: Person?
        public let namedContact: Person?
        /// Nil until someone records who came.
        public let attendance: [Attendee]?

        public init(details: MeetingDetails, status: MeetingStatus, chair: Person?, namedContact: Person?, attendance: [Attendee]?) {
            self.details = details
            self.status = status
            self.chair = chair
            self.namedContact = namedContact
            self.attendance = attendance
        }
    }

    /// The rule's outcome for the meeting as things stand at `now`, or nil
    /// for a rule that is not about single meetings, or that needs the
    /// meeting's agenda and papers.
    public static func check(_ rule: ClauseRule, against facts: Facts, now: UKDateTime) -> Outcome? {
        guard isCheckedHere(rule.kind) else { return nil }
        if facts.status == .cancelled { return Outcome(.notApplicable, "The meeting was cancelled.") }
        let details = facts.details
        let hasStarted = details.start <= now
        // Before the meeting a gap can still be filled; afterwards it is a broken promise.
        let gap: Result = hasStarted ? .notMet : .atRisk
        let day = details.date.weekdayName + " " + details.date.longForm

        switch rule {
        case .meetingTimeWindow(let from, let to):
            let times = "\(details.startsAt.spoken) to \(details.endsAt.spoken)"
            if details.startsAt >= from && details.endsAt <= to {
                return Outcome(.met, "\(hasStarted ? "It ran" : "It runs") from \(times), within \(from.spoken) to \(to.spoken).")
            }
            return Outcome(gap, hasStarted
                ? "It ran from \(times); the agreement asks for meetings between \(from.spoken) and \(to.spoken)."
                : "It is set for \(times); move it to between \(from.spoken) and \(to.spoken) to keep the promise.")

        case .namedContact:
            if let contact = facts.namedContact {
                return Outcome(.met, "\(contact.described) \(hasStarted ? "was" : "is") the named contact who welcomes forum representatives.")
            }
            return Outcome(gap, hasStarted
                ? "Nobody was named to meet and welcome forum representatives."
                : "Name someone to meet and welcome forum representatives before \(day).")

        case .chairFrom(let kind):
            let wanted = "someone from the \(kind.label.lowercased())"
            guard let chair = facts.chair else {
                return Outcome(gap, hasStarted ? "No chair was recorded; the agreement asks for \(wanted)."
                                               : "No chair is named yet; the agreement asks for \(wanted).")
            }
            if chair.organisationKind == kind {
                return Outcome(.met, "\(chair.described) \(hasStarted ? "chaired" : "chairs") the meeting.")
            }
            return Outcome(gap, "\(chair.described) \(hasStarted ? "chaired" : "is to chair"); the agreement asks for \(wanted).")

        case .refreshmentsOffered:
            if details.refreshments { return Outcome(.met, hasStarted ? "Refreshments were offered." : "Refreshments will be offered.") }
            return Outcome(gap, hasStarted ? "No refreshments were offered." : "Arrange refreshments before \(day).")

        case .decisionMakersAttend:
            guard hasStarted else { return Outcome(.notYetDue, "Checked from who came, once the meeting has happened.") }
            guard let attendance = facts.attendance else {
                return Outcome(.atRisk, "Record who came to check that every partner sent someone who could make decisions.")
            }
            var partners: [String] = []
            for attendee in attendance {
                let partner = attendee.person.organisationName ?? attendee.person.name
                if !partners.contains(partner) { partners.append(partner) }
            }
            let represented = Set(attendance.filter { $0.status == .attended && $0.makesDecisions }
                .map { $0.person.organisationName ?? $0.person.name })
            let missing = partners.filter { !represented.contains($0) }
            if partners.isEmpty { return Outcome(.notMet, "Nobody was on the attendance list.") }
            if missing.isEmpty {
                return Outcome(.met, partners.count == 1 ? "Someone who could make decisions came for \(partners[0])."
                                                         : "Someone who could make decisions came for each of the \(partners.count) partners.")
            }
            return Outcome(.notMet, "Nobody who could make decisions came for \(list(missing)).")

        default:
            return nil
        }
    }

    /// The rules this check judges for a meeting from the meeting's own record.
    public static func isCheckedHere(_ kind: ClauseRule.Kind) -> Bool {
        [.meetingTimeWindow, .namedContact, .chairFrom, .refreshmentsOffered, .decisionMakersAttend].contains(kind)
    }

    /// The rules about meetings that need the agenda and papers to be kept in
    /// Coproduce before they can be checked.
    public static func needsAgendaAndPapers(_ kind: ClauseRule.Kind) -> Bool {
        [.papersNoticeDays, .plainEnglishPapers, .agendaAgreedJointly, .complaintsDiscussed, .communicationThroughForumAddress].contains(kind)
    }

    /// "A, B and C".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
