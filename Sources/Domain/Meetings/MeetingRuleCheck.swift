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

    /// A paper on the agenda, as the version in use now.
    public struct Paper: Sendable, Equatable {
        public let title: String
        /// The UK date this version first went out; nil while it has not been sent.
        public let sentOn: CalendarDate?
        public let meetsPlainEnglishProfile: Bool

        public init(title: String, sentOn: CalendarDate?, meetsPlainEnglishProfile: Bool) {
            self.title = title
            self.sentOn = sentOn
            self.meetsPlainEnglishProfile = meetsPlainEnglishProfile
        }
    }

    /// The meeting's agenda and papers.
    public struct Agenda: Sendable, Equatable {
        /// The titles of the items on the agenda, with whether each says what the forum is asked to bring.
        public let items: [(title: String, hasForumAsk: Bool)]
        /// The UK date the agenda and papers first went out; nil until they have.
        public let packSentOn: CalendarDate?
        public let papers: [Paper]

        public init(items: [(title: String, hasForumAsk: Bool)], packSentOn: CalendarDate?, papers: [Paper]) {
            self.items = items
            self.packSentOn = packSentOn
            self.papers = papers
        }

        public static func == (lhs: Agenda, rhs: Agenda) -> Bool {
            lhs.items.map(\.title) == rhs.items.map(\.title) && lhs.items.map(\.hasForumAsk) == rhs.items.map(\.hasForumAsk)
                && lhs.packSentOn == rhs.packSentOn && lhs.papers == rhs.papers
        }

        public static let empty = Agenda(items: [], packSentOn: nil, papers: [])
    }

    /// A partner organisation of the meeting: asked for items, and agreeing the final agenda.
    public struct Partner: Sendable, Equatable {
        public let name: String
        /// The UK date it was first asked for agenda items; nil if it never was.
        public let askedOn: CalendarDate?
        public let agreement: AgendaAgreement

        public init(name: String, askedOn: CalendarDate?, agreement: AgendaAgreement) {
            self.name = name
            self.askedOn = askedOn
            self.agreement = agreement
        }
    }

    /// A complaint waiting to be discussed at this meeting (seed 000, 6.3).
    public struct Complaint: Sendable, Equatable {
        /// "Received 3 March 2027, about Riverside Council".
        public let described: String
        /// Whether the minutes of this meeting record it as discussed.
        public let discussed: Bool

        public init(described: String, discussed: Bool) {
            self.described = described
            self.discussed = discussed
        }
    }

    /// The parent carer forum taking part, as the rule that partners write to it at its
    /// own address (seed 000, 4.6 b) needs it.
    public struct ForumContact: Sendable, Equatable {
        public let name: String
        public let hasAddress: Bool
        /// The UK date its own address was first written to about this meeting (the request
        /// for items, or the agenda and papers); nil while it has not been.
        public let firstWrittenOn: CalendarDate?

        public init(name: String, hasAddress: Bool, firstWrittenOn: CalendarDate?) {
            self.name = name
            self.hasAddress = hasAddress
            self.firstWrittenOn = firstWrittenOn
        }
    }

    /// The minutes as they bear on the rules.
    public struct MinutesFacts: Sendable, Equatable {
        /// The UK date the minutes first went out to members; nil until they have.
        public let firstSentOn: CalendarDate?
        /// Approved as a true record, so what they say is final.
        public let approved: Bool

        public init(firstSentOn: CalendarDate?, approved: Bool) {
            self.firstSentOn = firstSentOn
            self.approved = approved
        }

        public static let none = MinutesFacts(firstSentOn: nil, approved: false)
    }

    public struct Facts: Sendable, Equatable {
        public let details: MeetingDetails
        public let status: MeetingStatus
        public let chair: Person?
        public let namedContact: Person?
        /// Nil until someone records who came.
        public let attendance: [Attendee]?
        public let agenda: Agenda
        /// The organisations that signed the agreements covering the meeting.
        public let partners: [Partner]
        /// The complaints due to be discussed at this meeting.
        public let complaints: [Complaint]
        public let minutes: MinutesFacts
        /// Nil when no parent carer forum is among the meeting's partners.
        public let forum: ForumContact?

        public init(details: MeetingDetails, status: MeetingStatus, chair: Person?, namedContact: Person?, attendance: [Attendee]?,
                    agenda: Agenda = .empty, partners: [Partner] = [], complaints: [Complaint] = [], minutes: MinutesFacts = .none,
                    forum: ForumContact? = nil) {
            self.details = details
            self.status = status
            self.chair = chair
            self.namedContact = namedContact
            self.attendance = attendance
            self.agenda = agenda
            self.partners = partners
            self.complaints = complaints
            self.minutes = minutes
            self.forum = forum
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
        // Before the meeting a gap can still be filled; afterwards it is a broken promise. More than
        // four weeks ahead, a gap is only something still to do, not yet a risk.
        let farAhead = now.date < details.date.adding(days: -farAheadDays)
        let gap: Result = hasStarted ? .notMet : (farAhead ? .notYetDue : .atRisk)
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
            // Partners are organisations: someone on the list for no organisation speaks for nobody else.
            var partners: [String] = []
            for attendee in attendance {
                guard let partner = attendee.person.organisationName else { continue }
                if !partners.contains(partner) { partners.append(partner) }
            }
            let represented = Set(attendance.filter { $0.status == .attended && $0.makesDecisions }.compactMap(\.person.organisationName))
            let missing = partners.filter { !represented.contains($0) }
            if partners.isEmpty { return Outcome(.notMet, "Nobody on the attendance list came for a partner organisation.") }
            if missing.isEmpty {
                return Outcome(.met, partners.count == 1 ? "Someone who could make decisions came for \(partners[0])."
                                                         : "Someone who could make decisions came for each of the \(partners.count) partners.")
            }
            return Outcome(.notMet, "Nobody who could make decisions came for \(list(missing)).")

        case .papersNoticeDays(let days):
            return papersNotice(days, facts.agenda, details: details, hasStarted: hasStarted, today: now.date)

        case .plainEnglishPapers:
            let papers = facts.agenda.papers
            guard !papers.isEmpty else {
                return hasStarted ? Outcome(.met, "No papers went out for this meeting.") : Outcome(.notYetDue, "Checked as papers are added.")
            }
            let failing = papers.filter { !$0.meetsPlainEnglishProfile }.map(\.title)
            if failing.isEmpty {
                return Outcome(.met, papers.count == 1 ? "The paper meets the area's plain English profile."
                                                       : "All \(papers.count) papers meet the area's plain English profile.")
            }
            return Outcome(gap, "\(failing.count) of \(papers.count) \(papers.count == 1 ? "paper does" : "papers do") not meet the area's plain English profile: \(list(failing)).")

        case .agendaStatesForumAsk:
            let items = facts.agenda.items
            guard !items.isEmpty else {
                return Outcome(gap, hasStarted ? "No agenda was recorded in Coproduce for this meeting." : "Nothing is on the agenda yet.")
            }
            let missing = items.filter { !$0.hasForumAsk }.map(\.title)
            if missing.isEmpty { return Outcome(.met, "Every item says what the forum is asked to bring.") }
            return Outcome(gap, "\(missing.count == 1 ? "1 item does" : "\(missing.count) items do") not say what the forum is asked to bring: \(list(missing)).")

        case .partnersAskedForItems(let days):
            return partnersAsked(days, facts.partners, details: details, today: now.date)

        case .agendaAgreedJointly:
            guard !facts.partners.isEmpty else { return Outcome(.notApplicable, "No partner organisation signed an agreement covering this meeting.") }
            guard !facts.agenda.items.isEmpty else {
                return Outcome(gap, hasStarted ? "No agenda was recorded in Coproduce, so none was agreed." : "Nothing is on the agenda yet for the partners to agree.")
            }
            let waiting = facts.partners.filter { $0.agreement != .agreedThisAgenda }
            if waiting.isEmpty {
                return Outcome(.met, facts.partners.count == 1 ? "\(facts.partners[0].name) agreed the final agenda."
                                                               : "All \(facts.partners.count) partners agreed the final agenda.")
            }
            let named = list(waiting.map { $0.agreement == .agreedEarlierAgenda ? "\($0.name) (who agreed it before it changed)" : $0.name })
            return Outcome(gap, hasStarted ? "The final agenda was not agreed by \(named)." : "Waiting for \(named) to agree the final agenda before \(day).")

        case .complaintsDiscussed:
            let complaints = facts.complaints
            guard hasStarted else {
                return Outcome(.notYetDue, complaints.isEmpty ? "No open complaint is waiting for this meeting so far."
                    : "\(complaints.count == 1 ? "1 open complaint is" : "\(complaints.count) open complaints are") on the agenda to discuss.")
            }
            if complaints.isEmpty { return Outcome(.met, "No open complaint was waiting to be discussed.") }
            let missed = complaints.filter { !$0.discussed }
            if missed.isEmpty {
                return Outcome(.met, complaints.count == 1 ? "The open complaint was discussed." : "All \(complaints.count) open complaints were discussed.")
            }
            let which = "\(missed.count) of \(complaints.count) open \(complaints.count == 1 ? "complaint" : "complaints")"
            // Until the minutes are approved, recording the discussion can still put it right.
            if !facts.minutes.approved { return Outcome(.atRisk, "The minutes do not yet record \(which) as discussed: \(list(missed.map(\.described))).") }
            return Outcome(.notMet, "\(which) \(missed.count == 1 ? "was" : "were") not discussed: \(list(missed.map(\.described))).")

        case .minutesCirculatedWithin(let days):
            let deadline = details.date.adding(days: days)
            let deadlineText = "\(deadline.weekdayName) \(deadline.longForm)"
            guard hasStarted else { return Outcome(.notYetDue, "The minutes are due to go out by \(deadlineText).") }
            guard let sentOn = facts.minutes.firstSentOn else {
                if now.date <= deadline { return Outcome(.atRisk, "Send the minutes by \(deadlineText) to keep the \(days)-day promise.") }
                return Outcome(.notMet, "The minutes have not gone out; the agreement asks for them within \(days) \(days == 1 ? "day" : "days").")
            }
            let after = details.date.days(until: sentOn)
            let afterText = after <= 0 ? "on the day of the meeting" : (after == 1 ? "1 day after the meeting" : "\(after) days after the meeting")
            if sentOn <= deadline { return Outcome(.met, "The minutes went out \(afterText).") }
            return Outcome(.notMet, "The minutes went out \(afterText); the agreement asks for \(days).")

        case .communicationThroughForumAddress:
            guard let forum = facts.forum else { return Outcome(.notApplicable, "No parent carer forum is a partner in this meeting.") }
            if let written = forum.firstWrittenOn {
                return Outcome(.met, "The meeting \(hasStarted ? "was" : "is") arranged through \(forum.name)'s own address, first written to on \(written.longForm).")
            }
            guard forum.hasAddress else {
                return Outcome(gap, hasStarted ? "\(forum.name) has no e-mail address of its own in Coproduce, so the meeting was not arranged through it."
                                               : "Add \(forum.name)'s own e-mail address, so the meeting is arranged through it.")
            }
            return Outcome(gap, hasStarted ? "Nothing about the meeting went to \(forum.name)'s own address."
                                           : "Nothing about the meeting has gone to \(forum.name)'s own address yet: ask the partners for items, or send the agenda and papers.")

        default:
            return nil
        }
    }

    /// Every partner asked for items by the last day, on the UK calendar.
    private static func partnersAsked(_ days: Int, _ partners: [Partner], details: MeetingDetails, today: CalendarDate) -> Outcome {
        guard !partners.isEmpty else { return Outcome(.notApplicable, "No partner organisation signed an agreement covering this meeting.") }
        let deadline = details.date.adding(days: -days)
        let deadlineText = "\(deadline.weekdayName) \(deadline.longForm)"
        let notAsked = partners.filter { $0.askedOn == nil }.map(\.name)
        let late = partners.filter { ($0.askedOn ?? deadline) > deadline }
        if notAsked.isEmpty && late.isEmpty {
            return Outcome(.met, partners.count == 1 ? "\(partners[0].name) was asked for items by \(deadlineText)."
                                                     : "All \(partners.count) partners were asked for items by \(deadlineText).")
        }
        if today <= deadline {
            return Outcome(today < deadline.adding(days: -14) ? .notYetDue : .atRisk,
                           "Ask \(list(notAsked)) for agenda items by \(deadlineText) to keep the \(days)-day promise.")
        }
        var parts: [String] = []
        for partner in late {
            let notice = partner.askedOn!.days(until: details.date)
            parts.append("\(partner.name) was asked \(notice == 1 ? "1 day" : "\(notice) days") before")
        }
        if !notAsked.isEmpty { parts.append("\(list(notAsked)) \(notAsked.count == 1 ? "was" : "were") never asked") }
        return Outcome(.notMet, "\(parts.joined(separator: "; ")); the agreement asks for \(days) days.")
    }

    /// Calendar days on the UK clock: papers sent at any time on 2 March are 7 days before a meeting on 9 March.
    private static func papersNotice(_ days: Int, _ agenda: Agenda, details: MeetingDetails, hasStarted: Bool, today: CalendarDate) -> Outcome {
        let deadline = details.date.adding(days: -days)
        let deadlineText = "\(deadline.weekdayName) \(deadline.longForm)"
        let promise = "the \(days)-day promise"
        guard let packSentOn = agenda.packSentOn else {
            if today <= deadline {
                // Two weeks before the last day, it becomes a risk.
                return Outcome(today < deadline.adding(days: -14) ? .notYetDue : .atRisk, "Send the agenda and papers by \(deadlineText) to keep \(promise).")
            }
            if hasStarted && agenda.items.isEmpty { return Outcome(.notMet, "No agenda or papers were recorded in Coproduce for this meeting.") }
            return Outcome(.notMet, hasStarted ? "The agenda and papers did not go out \(days) days before the meeting."
                                               : "The agenda and papers have not gone out, and the last day to keep \(promise) was \(deadlineText).")
        }
        let unsent = agenda.papers.filter { $0.sentOn == nil }.map(\.title)
        if !unsent.isEmpty {
            if today <= deadline { return Outcome(.atRisk, "Send \(list(unsent)) by \(deadlineText) to keep \(promise): added after the pack went out.") }
            return Outcome(.notMet, "\(list(unsent)) \(unsent.count == 1 ? "was" : "were") added after the pack went out and \(unsent.count == 1 ? "has" : "have") not been sent.")
        }
        let late = agenda.papers.filter { ($0.sentOn ?? packSentOn) > deadline }
        let latest = ([packSentOn] + agenda.papers.compactMap(\.sentOn)).max()!
        let notice = latest.days(until: details.date)
        let noticeText = notice == 1 ? "1 day" : "\(notice) days"
        if latest <= deadline {
            return Outcome(.met, "The agenda and papers went out \(noticeText) before the meeting.")
        }
        if packSentOn > deadline {
            return Outcome(.notMet, "The agenda and papers went out \(noticeText) before the meeting; the agreement asks for \(days).")
        }
        return Outcome(.notMet, "\(list(late.map(\.title))) went out \(noticeText) before the meeting; the agreement asks for \(days).")
    }

    /// How many days ahead a gap becomes a risk rather than something still to do.
    public static let farAheadDays = 28

    /// The rules this check judges for a meeting from the meeting's own record.
    public static func isCheckedHere(_ kind: ClauseRule.Kind) -> Bool {
        [.meetingTimeWindow, .namedContact, .chairFrom, .refreshmentsOffered, .decisionMakersAttend,
         .papersNoticeDays, .plainEnglishPapers, .agendaStatesForumAsk, .partnersAskedForItems, .agendaAgreedJointly,
         .complaintsDiscussed, .minutesCirculatedWithin, .communicationThroughForumAddress].contains(kind)
    }

    /// "A, B and C".
    public static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
