import Domain
import Fluent
import Foundation
import Vapor

/// The only place meetings and their attendance are read and written, always
/// within the actor's area.
struct MeetingStore {
    /// A meeting as typed into the form or sent to the API.
    struct Input: Sendable {
        var date = DateInput()
        var startsAt: String?
        var endsAt: String?
        var venue: String?
        var onlineLink: String?
        var refreshments: String?
        var chairId: String?
        var contactId: String?
        var officerId: String?
        /// How many meetings to arrange, following the group's cadence; blank or 1 for one meeting.
        var count: String?
    }

    /// One person's line in the attendance record.
    struct AttendanceEntry: Sendable {
        var personId: String
        var status: String?
        var makesDecisions: Bool
    }

    enum When: String, Sendable, CaseIterable {
        case upcoming, past
    }

    /// The meetings the home page points at.
    enum Gap: String, Sendable, CaseIterable {
        /// Held in the last 60 days with nobody's attendance recorded.
        case attendance
        /// In the next 2 weeks with no chair or no named contact.
        case people
        /// In the next 2 weeks with the agenda and papers not sent.
        case pack
        /// From two weeks back (minutes still to send) to four weeks ahead, with a promise
        /// of the agreement at risk as last checked; the same meetings the morning reminder names.
        case promisesAtRisk = "promises-at-risk"

        var when: When? {
            switch self {
            case .attendance: .past
            case .people, .pack: .upcoming
            case .promisesAtRisk: nil
            }
        }
        static let attendanceDays = 60
        static let soonDays = 14
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// The meeting with its group and people, or 404 when the area has none with this id.
    func find(_ id: UUID) async throws -> MeetingModel {
        let query = MeetingModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$group)
            .with(\.$chair) { $0.with(\.$organisation) }
            .with(\.$contact) { $0.with(\.$organisation) }
            .with(\.$officer) { $0.with(\.$organisation) }
        guard let meeting = try await query.first() else { throw Abort(.notFound) }
        return meeting
    }

    /// The meeting an id names, if it is one of the area's.
    func lookUp(_ id: UUID) async throws -> MeetingModel? {
        try await MeetingModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).first()
    }

    /// One page of the area's meetings (or one group's): upcoming ones soonest
    /// first, past ones latest first, or (with no `when`) every one in date order.
    /// A meeting counts as upcoming all its day.
    func page(_ when: When?, group: UUID? = nil, gap: Gap? = nil, _ page: ListPage) async throws -> (items: [MeetingModel], total: Int) {
        var query = MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let group { query = query.filter(\.$group.$id == group) }
        if let gap { query = try await filter(query, gap) }
        switch when {
        case nil:
            query = query.sort(\.$meetsOn).sort(\.$startsAt)
        case .upcoming:
            query = query.filter(\.$meetsOn >= context.today).sort(\.$meetsOn).sort(\.$startsAt)
        case .past:
            query = query.filter(\.$meetsOn < context.today).sort(\.$meetsOn, .descending).sort(\.$startsAt, .descending)
        }
        return try await query.with(\.$group).page(page)
    }

    /// The group's next few meetings, for its page.
    func next(of group: GroupModel, limit: Int) async throws -> [MeetingModel] {
        try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$group.$id == group.requireID())
            .filter(\.$meetsOn >= context.today).sort(\.$meetsOn).sort(\.$startsAt).limit(limit).all()
    }

    // MARK: Arranging

    /// Arranges one meeting, or a series following the group's cadence. Answers the meetings, in date order.
    func schedule(for group: GroupModel, _ input: Input) async throws -> [MeetingModel] {
        var errors = ValidationErrors()
        var details: MeetingDetails?
        do { details = try validateDetails(input) } catch let found as ValidationErrors { errors = found }
        let people = try await validatePeople(input, group: group, errors: &errors)

        let countText = TextInput.clean(input.count)
        let count = countText.isEmpty ? 1 : Int(countText)
        var dates: [CalendarDate] = []
        if let count, (1...MeetingSeries.maximumCount).contains(count) {
            if count > 1, group.cadence == .asNeeded {
                errors.add(field: "count", message: "\(group.name) meets when needed, so arrange its meetings one at a time")
            } else if let details {
                dates = MeetingSeries.dates(from: details.date, cadence: group.cadence, count: count) ?? [details.date]
                if let skipped = dates.first(where: { if case .failure = UKDateTime(date: $0, time: details.startsAt).instant() { true } else { false } }) {
                    errors.add(field: "startsAt", message: "The clocks go forward at 1am on \(skipped.longForm), so \(details.startsAt.spoken) does not happen that day. Choose another time")
                }
            }
        } else {
            errors.add(field: "count", message: "Enter how many meetings to arrange, from 1 to \(MeetingSeries.maximumCount)")
        }
        try errors.ordered(Self.fieldOrder).throwIfAny()

        let groupID = try group.requireID()
        let seriesID = dates.count > 1 ? UUID() : nil
        let meetings = dates.map { date in
            MeetingModel(areaID: context.areaID, groupID: groupID, seriesID: seriesID,
                         details: MeetingDetails(date: date, startsAt: details!.startsAt, endsAt: details!.endsAt, venue: details!.venue,
                                                 onlineLink: details!.onlineLink, refreshments: details!.refreshments),
                         people: people)
        }
        try await context.write { context in
            for meeting in meetings {
                try await meeting.create(on: context.db)
                meeting.$group.value = group
                try await context.auditCreated(meeting, detail: meetings.count > 1 ? "One of a series of \(meetings.count)" : nil)
            }
        }
        return meetings
    }

    /// Moves or changes one meeting (one of a series changes alone).
    /// Moves or changes one meeting. Members who had its papers are told when it moves.
    func update(_ meeting: MeetingModel, with input: Input, siteAddress: String) async throws {
        guard meeting.status == .scheduled else {
            throw ValidationErrors(field: "date", message: "This meeting was cancelled, so it cannot be changed")
        }
        var errors = ValidationErrors()
        var details: MeetingDetails?
        do { details = try validateDetails(input) } catch let found as ValidationErrors { errors = found }
        let current = MeetingPeople(chairID: meeting.$chair.id, contactID: meeting.$contact.id, officerID: meeting.$officer.id)
        let people = try await validatePeople(input, group: meeting.group, keeping: current, errors: &errors)
        try errors.ordered(Self.fieldOrder).throwIfAny()
        let was = meeting.details
        let before = meeting.auditFields
        let moved = details!.date != was.date || details!.startsAt != was.startsAt || details!.endsAt != was.endsAt
            || details!.venue != was.venue || details!.onlineLink != was.onlineLink
        meeting.apply(details!, people: people)
        if details! != was { meeting.sequence += 1 }
        let recipients = moved && details!.date >= context.today ? try await packRecipients(of: meeting) : []
        let notice = MeetingNotice.moved(groupName: meeting.group.name, was: was.start, now: details!.start, endsAt: details!.endsAt, venue: details!.venue,
                                         onlineLink: details!.onlineLink, meetingLink: siteAddress + Paths.meeting(try meeting.recordID))
        try await context.write { context in
            try await meeting.save(on: context.db)
            try await context.auditUpdated(meeting, before: before)
            for address in recipients { try await context.queueEmail(to: address, subject: notice.subject, body: notice.body) }
        }
    }

    /// The addresses of the members who had the meeting's papers, if they have gone out.
    private func packRecipients(of meeting: MeetingModel) async throws -> [String] {
        guard try await PackSendingModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).count() > 0 else { return [] }
        return try await AgendaStore(context).recipients(of: meeting).withAddress.compactMap(\.email)
    }

    /// Cancels one meeting, saying why. Members who had its papers are told.
    func cancel(_ meeting: MeetingModel, reason: String?, siteAddress: String = "") async throws {
        var errors = ValidationErrors()
        let reason = errors.line(reason, field: "reason", label: "Reason", maximum: 500)
        if reason.isEmpty { errors.add(field: "reason", message: "Enter why the meeting is cancelled, so members know") }
        if meeting.status == .cancelled { errors.add(field: "reason", message: "This meeting is already cancelled") }
        try errors.throwIfAny()
        let recipients = meeting.meetsOn >= context.today ? try await packRecipients(of: meeting) : []
        let notice = MeetingNotice.cancelled(groupName: meeting.group.name, start: meeting.details.start, reason: reason,
                                             meetingLink: siteAddress + Paths.meeting(try meeting.recordID))
        let before = meeting.auditFields
        meeting.status = .cancelled
        meeting.cancelledReason = reason
        meeting.sequence += 1
        try await context.write { context in
            try await meeting.save(on: context.db)
            try await context.auditUpdated(meeting, before: before, detail: "Cancelled")
            for address in recipients { try await context.queueEmail(to: address, subject: notice.subject, body: notice.body) }
        }
    }

    // MARK: Attendance

    /// Who was on the meeting's list and whether they came, by name.
    func attendance(of meeting: MeetingModel) async throws -> [AttendanceModel] {
        try await AttendanceModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID())
            .with(\.$person).with(\.$organisation).all()
            .sorted { ($0.person?.sortName ?? "~") < ($1.person?.sortName ?? "~") }
    }

    /// The people whose attendance is asked for: the group's members, and
    /// anyone already on the meeting's record who has since left the group.
    func attendanceList(of meeting: MeetingModel) async throws -> (members: [MembershipModel], recorded: [AttendanceModel]) {
        let members = try await GroupStore(context).memberships(of: meeting.group)
        let recorded = try await attendance(of: meeting)
        return (members, recorded)
    }

    /// Replaces the meeting's attendance record. Every member must be answered for.
    func recordAttendance(of meeting: MeetingModel, _ entries: [AttendanceEntry]) async throws {
        guard meeting.status == .scheduled else {
            throw ValidationErrors(field: "attendance", message: "This meeting was cancelled, so nobody's attendance is recorded")
        }
        guard meeting.details.start <= UKDateTime(context.now) else {
            throw ValidationErrors(field: "attendance", message: "Record who came once the meeting has started, on \(meeting.details.start.longForm)")
        }
        let (members, recorded) = try await attendanceList(of: meeting)
        var people: [UUID: PersonModel] = [:]
        for membership in members { people[membership.person.id!] = membership.person }
        for row in recorded { if let person = row.person, let id = person.id { people[id] = people[id] ?? person } }

        var errors = ValidationErrors()
        var answers: [UUID: (AttendanceStatus, Bool)] = [:]
        for entry in entries {
            guard let id = UUID(uuidString: entry.personId), let person = people[id] else {
                errors.add(field: "attendance", message: "Record attendance only for members of \(meeting.group.name)")
                continue
            }
            guard let status = AttendanceStatus(rawValue: TextInput.clean(entry.status)) else {
                errors.add(field: "attendance", message: "Select whether \(person.fullName) came, sent apologies or did not come")
                continue
            }
            answers[id] = (status, entry.makesDecisions)
        }
        // Someone who joined the group after the meeting was not expected at it, so may be left unanswered.
        let end = (try? UKDateTime(date: meeting.meetsOn, time: meeting.endsAt).instant().get()) ?? context.now
        let unanswered = members.filter { ($0.createdAt ?? .distantPast) <= end }.map(\.person).filter { answers[$0.id!] == nil }.map(\.fullName)
        if !unanswered.isEmpty {
            errors.add(field: "attendance", message: "Select whether each member came. Not answered: \(unanswered.joined(separator: ", "))")
        }
        try errors.throwIfAny()

        // A row already recorded keeps the organisation the person came for on the day; rows of people
        // whose records were removed stay as they are.
        let meetingID = try meeting.requireID()
        var existing: [UUID: AttendanceModel] = [:]
        for row in recorded { if let id = row.$person.id { existing[id] = row } }
        let rows = answers.map { id, answer in
            let row = existing[id] ?? AttendanceModel(meetingID: meetingID, personID: id, organisationID: people[id]!.$organisation.id,
                                                      status: answer.0, makesDecisions: answer.1)
            row.status = answer.0
            row.makesDecisions = answer.1
            return row
        }
        let now = context.now
        let label = "\(meeting.group.name), \(meeting.meetsOn.longForm)"
        try await context.write { context in
            for row in rows { try await row.save(on: context.db) }
            meeting.attendanceRecordedAt = now
            try await meeting.save(on: context.db)
            // Who came to a meeting is about named parent carers: it is recorded like other personal data.
            try await context.audit(.update, subjectType: "meeting", subjectID: meetingID, subjectLabel: label, detail: "Recorded who came")
        }
    }

    // MARK: The agreement's rules

    struct RuleReport: Sendable {
        struct Line: Sendable {
            let clause: ClauseModel
            let rule: ClauseRule
            let outcome: MeetingRuleCheck.Outcome
        }
        /// Rules checked from the meeting's record, in the agreement's order.
        let lines: [Line]
        /// The partners asked for items and agreeing the agenda.
        let partners: [PartnerStore.Partner]
        /// The complaints due at the meeting; nil when no rule asks partnership meetings to discuss them.
        let complaints: [PartnerStore.Complaint]?
    }

    /// The rules of the agreements in force on the meeting's day that cover its group.
    func clauses(for meeting: MeetingModel) async throws -> [ClauseModel] {
        let members = try await GroupStore(context).memberships(of: meeting.group)
        let hasForumMembers = members.contains { PersonStore.isForumMember($0.person) }
        return try await AgreementStore(context).rulesApplying(to: meeting.group, hasForumMembers: hasForumMembers, on: meeting.meetsOn)
    }

    /// Every rule of the agreements in force on the meeting's day that covers its group, checked.
    /// - Parameter agenda: the meeting's items and papers, when the caller has read them already.
    /// The rules' results as they stand, kept in place of the last check's when they changed,
    /// so the home page and the health page follow what was just done.
    func currentRules(for meeting: MeetingModel, agenda: (items: [AgendaItemModel], papers: [AgendaStore.PaperSummary])? = nil) async throws -> RuleReport {
        let report = try await rules(for: meeting, agenda: agenda)
        do {
            try await RuleResultStore(context).keep(report, for: meeting)
        } catch {
            // The page shows the fresh check either way. Two people opening the meeting at once can both find
            // the kept results stale and one write loses; the morning round keeps them if this failed otherwise.
            context.logger.warning("A meeting's rule results were not kept: \(error)")
        }
        return report
    }

    func rules(for meeting: MeetingModel, agenda: (items: [AgendaItemModel], papers: [AgendaStore.PaperSummary])? = nil) async throws -> RuleReport {
        let clauses = try await clauses(for: meeting)
        let attendance = meeting.attendanceRecordedAt == nil ? nil : try await attendance(of: meeting).map { row in
            MeetingRuleCheck.Attendee(person: Self.person(row.person, organisation: row.organisation), status: row.status,
                                      makesDecisions: row.makesDecisions)
        }
        let agendaStore = AgendaStore(context)
        let items = if let agenda { agenda.items } else { try await agendaStore.items(of: meeting) }
        let papers = if let agenda { agenda.papers } else { try await agendaStore.papers(of: meeting) }
        let partnerStore = PartnerStore(context)
        let partners = try await partnerStore.partners(of: meeting, clauses: clauses, items: items)
        let discussesComplaints = clauses.contains { $0.rule?.kind == .complaintsDiscussed }
        let complaints = discussesComplaints ? try await partnerStore.complaints(for: meeting, partnerIDs: partners.compactMap(\.organisation.id)) : nil
        let minutes = try await MinutesStore(context).minutes(of: meeting)
        // One read of the pack's sendings serves both the notice rule and the forum's address rule.
        let sendings = try await agendaStore.sendings(of: meeting)
        let forum = Self.forumContact(partners: partners, sendings: sendings)
        let facts = MeetingRuleCheck.Facts(
            details: meeting.details, status: meeting.status,
            chair: meeting.chair.map { Self.person($0, organisation: $0.organisation) },
            namedContact: meeting.contact.map { Self.person($0, organisation: $0.organisation) },
            attendance: attendance, agenda: try await agendaStore.ruleFacts(for: meeting, read: (items, papers), sendings: sendings),
            partners: partners.map { .init(name: $0.organisation.name, askedOn: $0.askedOn, agreement: $0.agreement) },
            complaints: (complaints ?? []).map { .init(described: $0.described, discussed: $0.discussed) },
            minutes: .init(firstSentOn: minutes?.firstCirculatedAt.map { CalendarDate($0) }, approved: minutes?.status == .approved),
            forum: forum)
        let now = UKDateTime(context.now)
        let lines = clauses.compactMap { clause in
            clause.rule.flatMap { rule in MeetingRuleCheck.check(rule, against: facts, now: now).map { RuleReport.Line(clause: clause, rule: rule, outcome: $0) } }
        }
        return RuleReport(lines: lines, partners: partners, complaints: complaints)
    }

    /// The forum among the partners, and the first time its own address was written to about the
    /// meeting: asked for items (which goes to its address) or sent the pack there.
    private static func forumContact(partners: [PartnerStore.Partner], sendings: [PackSendingModel]) -> MeetingRuleCheck.ForumContact? {
        guard let forum = partners.first(where: { $0.organisation.kind == .parentCarerForum }) else { return nil }
        let packToForum = sendings.first { $0.forumAddress != nil }?.sentAt
        let asked = forum.row?.askedAt
        let first = [asked, packToForum].compactMap { $0 }.min()
        return .init(name: forum.organisation.name, hasAddress: forum.organisation.email.map(EmailMessage.isAddress) ?? false,
                     firstWrittenOn: first.map { CalendarDate($0) })
    }

    private static func person(_ person: PersonModel?, organisation: OrganisationModel?) -> MeetingRuleCheck.Person {
        MeetingRuleCheck.Person(name: person?.fullName ?? "Someone whose record was removed",
                                organisationName: organisation?.name, organisationKind: organisation?.kind)
    }

    // MARK: Needs attention

    /// How many meetings of the area have the gap.
    func count(_ gap: Gap) async throws -> Int {
        try await filter(MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID), gap).count()
    }

    private func filter(_ query: QueryBuilder<MeetingModel>, _ gap: Gap) async throws -> QueryBuilder<MeetingModel> {
        let query = query.filter(\.$status == .scheduled)
        switch gap {
        case .attendance:
            return query.filter(\.$meetsOn < context.today).filter(\.$meetsOn >= context.today.adding(days: -Gap.attendanceDays))
                .filter(\.$attendanceRecordedAt == nil)
        case .people:
            return query.filter(\.$meetsOn >= context.today).filter(\.$meetsOn <= context.today.adding(days: Gap.soonDays))
                .group(.or) { $0.filter(\.$chair.$id == nil).filter(\.$contact.$id == nil) }
        case .pack:
            return query.filter(\.$meetsOn >= context.today).filter(\.$meetsOn <= context.today.adding(days: Gap.soonDays))
                .join(PackSendingModel.self, on: \MeetingModel.$id == \PackSendingModel.$meeting.$id, method: .left)
                // No sending joined: the pack has not gone out.
                .filter(.path([.id], schema: PackSendingModel.schema), .equal, .null)
        case .promisesAtRisk:
            // At most a few hundred meetings of an area in six weeks, read by the results' index.
            let atRisk = try await RuleResultStore(context).meetingsAtRisk(from: context.today.adding(days: -MeetingChecks.reminderDaysBack),
                                                                           to: context.today.adding(days: MeetingChecks.daysAhead))
            return query.filter(\.$id ~~ atRisk)
        }
    }

    // MARK: Checks

    static let fieldOrder = ["date", "startsAt", "endsAt", "venue", "onlineLink", "refreshments", "chairId", "contactId", "officerId", "count"]

    private func validateDetails(_ input: Input) throws -> MeetingDetails {
        try MeetingDetails.validate(date: input.date, startsAt: input.startsAt, endsAt: input.endsAt, venue: input.venue,
                                    onlineLink: input.onlineLink, refreshments: input.refreshments, today: context.today)
    }

    /// The chair, named contact and nominated officer, each one of the group's members or nobody.
    /// Someone already in a role keeps it after leaving the group, until it is changed.
    private func validatePeople(_ input: Input, group: GroupModel, keeping current: MeetingPeople? = nil,
                                errors: inout ValidationErrors) async throws -> MeetingPeople {
        var members = Set(try await GroupStore(context).memberships(of: group).map { $0.$person.id })
        for id in [current?.chairID, current?.contactID, current?.officerID].compactMap({ $0 }) { members.insert(id) }
        func member(_ raw: String?, field: String, role: String) -> UUID? {
            guard let text = TextInput.optional(raw) else { return nil }
            guard let id = UUID(uuidString: text), members.contains(id) else {
                errors.add(field: field, message: "Select the \(role) from the members of \(group.name)")
                return nil
            }
            return id
        }
        return MeetingPeople(chairID: member(input.chairId, field: "chairId", role: "chair"),
                             contactID: member(input.contactId, field: "contactId", role: "named contact"),
                             officerID: member(input.officerId, field: "officerId", role: "nominated officer"))
    }
}

extension Request {
    /// The meeting named in the path (`:meetingID`), in the signed-in person's area, or 404.
    /// - Parameter goingAhead: whether a cancelled meeting counts as not found, as it does for anything that changes it.
    func meeting(goingAhead: Bool = false) async throws -> MeetingModel {
        let meeting = try await MeetingStore(try store).find(id("meetingID"))
        guard !goingAhead || meeting.status == .scheduled else { throw Abort(.notFound) }
        return meeting
    }
}
