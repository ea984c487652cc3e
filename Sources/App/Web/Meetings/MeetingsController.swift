import Domain
import Fluent
import Vapor

/// Meetings of the partnership's groups: the list, one meeting with the
/// agreement's rules checked, arranging, moving and cancelling, and who came.
struct MeetingsController {
    // MARK: - The list

    struct Row {
        let when: String
        let href: String
        let group: String
        let place: String
        let status: Tag
    }

    struct IndexPage {
        let layout: PageLayout
        let heading: String
        let intro: String
        /// What the list is narrowed to, and how to see all of it.
        let narrowed: (description: String, clearPath: String)?
        let rows: [Row]
        let pagination: PaginationLinks
        let showingPast: Bool
        let togglePath: String
        let groupPath: String?
        let calendarPath: String
    }

    func index(req: Request) async throws -> Response {
        let store = MeetingStore(try req.store)
        let page = ListPage(req)
        let gap = req.query[String.self, at: "needs"].flatMap(MeetingStore.Gap.init(rawValue:))
        let when: MeetingStore.When? = gap.map(\.when) ?? (req.query[String.self, at: "when"] == "past" ? .past : .upcoming)
        var group: GroupModel?
        if let raw = req.query[String.self, at: "group"] {
            guard let id = UUID(uuidString: raw), let found = try await GroupStore(try req.store).lookUp(id) else { throw Abort(.notFound) }
            group = found
        }
        let (meetings, total) = try await store.page(when, group: group?.id, gap: gap, page)
        let rows = try meetings.map { meeting in
            Row(when: meeting.when, href: Paths.meeting(try meeting.recordID), group: meeting.group.name, place: meeting.place,
                status: Self.status(of: meeting, past: meeting.meetsOn < req.today))
        }
        var query: [String] = []
        if let group { query.append("group=\(try group.requireID().uuidString)") }
        let toggleQuery = query + (when == .past ? [] : ["when=past"])
        let pageQuery = query + (when == .past ? ["when=past"] : []) + (gap.map { ["needs=\($0.rawValue)"] } ?? [])
        let narrowed: (String, String)? = gap.map { gap in
            let description = switch gap {
            case .attendance: "Showing meetings in the last \(MeetingStore.Gap.attendanceDays) days with no record of who came."
            case .people: "Showing meetings in the next \(MeetingStore.Gap.soonDays) days with no chair or no named contact."
            case .pack: "Showing meetings in the next \(MeetingStore.Gap.soonDays) days whose agenda and papers have not been sent."
            case .promisesAtRisk: "Showing meetings from \(MeetingChecks.reminderDaysBack) days ago to \(MeetingChecks.daysAhead / 7) weeks ahead where a promise of the partnership agreement will be broken unless someone acts. Open a meeting to see what to do and by when."
            }
            return (description, Paths.meetings.url() + (when == .past ? "?when=past" : ""))
        }
        let heading = group.map { "Meetings of \($0.name)" } ?? "Meetings"
        let intro = switch when {
        case .past: "Past meetings, latest first."
        case .upcoming: "Meetings from today on, soonest first."
        case nil: "Meetings in date order."
        }
        return req.page(IndexPage(
            layout: req.layout(title: heading), heading: heading,
            intro: intro,
            narrowed: narrowed, rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.meetings.url(), extraQuery: pageQuery.joined(separator: "&")),
            showingPast: when == .past,
            togglePath: Paths.meetings.url() + (toggleQuery.isEmpty ? "" : "?" + toggleQuery.joined(separator: "&")),
            groupPath: try group.map { Paths.group(try $0.recordID) }, calendarPath: Paths.calendarSettings.url()))
    }

    /// "Held" once a meeting's day has passed, with a word when nobody recorded who came.
    private static func status(of meeting: MeetingModel, past: Bool) -> Tag {
        if meeting.status == .cancelled { return Tag(tagLabel: MeetingStatus.cancelled.label, tagColour: MeetingStatus.cancelled.tagColour) }
        guard past else { return Tag(tagLabel: MeetingStatus.scheduled.label, tagColour: MeetingStatus.scheduled.tagColour) }
        return meeting.attendanceRecordedAt == nil ? Tag(tagLabel: "Held: who came not recorded", tagColour: .yellow) : Tag(tagLabel: "Held", tagColour: .green)
    }

    // MARK: - One meeting

    struct RuleRow {
        let clause: String
        let href: String
        let rule: String
        let result: MeetingRuleCheck.Result
        let evidence: String
    }

    struct AttendanceRow {
        let name: String
        let organisation: String
        let status: AttendanceStatus
        let makesDecisions: String
    }

    struct PaperLink {
        let title: String
        let href: String
        let check: Tag
        let notSent: Bool
    }

    struct AgendaRow {
        let title: String
        let about: String
        let forumAsk: String?
        let status: AgendaItemStatus
        let note: String?
        let papers: [PaperLink]
        /// Whether it can move up or down the agenda.
        var canMoveUp = false
        var canMoveDown = false
        let editPath: String
        let decisionPath: String
        let movePath: String
        let newPaperPath: String
        let mergePath: String
    }

    struct ActionRow {
        let text: String
        let owner: String
        let due: String
        let status: Tag
        let notes: String?
        let agreedAt: String
        let agreedAtHref: String
        let editPath: String
    }

    struct MinutesView {
        let status: MinutesStatus
        let text: String
        let decisions: [String]
        let record: String
    }

    struct ShowPage {
        let layout: PageLayout
        let groupName: String
        let groupHref: String
        let heading: String
        let details: [SummaryRow]
        let onlineLink: String?
        let status: MeetingStatus
        let cancelledReason: String?
        let rules: [RuleRow]
        let attendance: [AttendanceRow]?
        let agenda: [AgendaRow]
        let packNote: String
        let canPropose: Bool
        let newItemPath: String
        /// A cancelled meeting's items can be put off to the next one.
        let canMoveOn: Bool
        let sendPackPath: String
        let packPath: String
        let hasStarted: Bool
        let canManage: Bool
        let editPath: String
        let cancelPath: String
        let attendancePath: String
        let calendarPath: String
        let mattersArising: [ActionRow]
        let minutes: MinutesView?
        let actions: [ActionRow]
        let minutesPath: String
        let circulatePath: String
        let approvePath: String
        let newActionPath: String
        let partners: PartnersController.View
        /// The engagement activities the meeting was part of.
        let engagement: [(title: String, href: String, rung: String)]
        let canRecordEngagement: Bool
        let newActivityPath: String
    }

    func show(req: Request) async throws -> Response {
        let context = try req.store
        let store = MeetingStore(context)
        let meeting = try await req.meeting()
        let id = try meeting.recordID
        func named(_ person: PersonModel?) -> String {
            guard let person else { return "Nobody named yet" }
            return person.organisation.map { "\(person.fullName), \($0.name)" } ?? person.fullName
        }
        var details = [
            SummaryRow(key: "When", value: meeting.when, href: nil),
            SummaryRow(key: "Where", value: meeting.venue ?? "Online only", href: nil),
            SummaryRow(key: "Chair", value: named(meeting.chair), href: nil),
            SummaryRow(key: "Who welcomes forum members", value: named(meeting.contact), href: nil),
            SummaryRow(key: "Arranged by", value: named(meeting.officer), href: nil),
            SummaryRow(key: "Refreshments", value: meeting.refreshments ? "Offered" : "Not offered", href: nil),
        ]
        if meeting.seriesID != nil { details.append(SummaryRow(key: "Series", value: "One of a series; changing it changes this meeting only", href: nil)) }

        let agendaStore = AgendaStore(context)
        let items = try await agendaStore.items(of: meeting)
        let papers = try await agendaStore.papers(of: meeting)
        let report = try await store.currentRules(for: meeting, agenda: (items, papers))
        let rules = try report.lines.map { line in
            RuleRow(clause: line.clause.number, href: Paths.clause(agreement: line.clause.$agreement.recordID, clause: try line.clause.recordID),
                    rule: line.rule.summary, result: line.outcome.result, evidence: line.outcome.evidence)
        }
        let attendance = meeting.attendanceRecordedAt == nil ? nil : try await store.attendance(of: meeting).map { row in
            AttendanceRow(name: row.person?.fullName ?? "Someone whose record was removed", organisation: row.organisation?.name ?? "None",
                          status: row.status, makesDecisions: row.makesDecisions ? "Yes" : "No")
        }
        let sendings = try await agendaStore.sendings(of: meeting)
        let lastOnAgenda = items.lastIndex { $0.status == .accepted }
        let agenda = try items.enumerated().map { index, item in
            let itemID = try item.recordID
            let note: String? = switch item.status {
            case .proposed: "Proposed by \(item.proposedBy)" + (item.deferredFrom.map { ", put off from the meeting on \($0.longForm)" } ?? "")
            case .deferred: "Put off to " + (item.deferredTo.map { "the meeting on \($0.longForm)" } ?? "a later meeting")
            case .merged: "Merged into " + (items.first { $0.id == item.$mergedInto.id }?.title ?? "another item")
            default: item.deferredFrom.map { "Put off from the meeting on \($0.longForm)" }
            }
            // Items on the agenda come first, in order.
            return AgendaRow(
                title: item.title, about: item.about, forumAsk: item.forumAsk, status: item.status, note: note,
                papers: try papers.filter { $0.paper.$item.id == item.id }.map { summary in
                    PaperLink(title: summary.paper.title, href: Paths.paper(meeting: id, paper: try summary.paper.recordID),
                              check: AgendaController.checkTag(meetsProfile: summary.current.meetsProfile, readingAge: summary.current.readingAge),
                              notSent: !sendings.isEmpty && summary.current.firstSentAt == nil)
                },
                canMoveUp: item.status == .accepted && index > 0, canMoveDown: item.status == .accepted && index < (lastOnAgenda ?? -1),
                editPath: Paths.editAgendaItem(meeting: id, item: itemID), decisionPath: Paths.agendaItemDecision(meeting: id, item: itemID),
                movePath: Paths.moveAgendaItem(meeting: id, item: itemID), newPaperPath: Paths.newPaper(meeting: id, item: itemID),
                mergePath: Paths.mergeAgendaItem(meeting: id, item: itemID))
        }
        let packNote = sendings.last.map { last in
            let first = sendings.count > 1 ? " First sent on \(UKDateTime(sendings[0].sentAt).longForm)." : ""
            return "The agenda and papers were sent on \(UKDateTime(last.sentAt).longForm) by \(last.sentBy) to \(last.recipients) \(last.recipients == 1 ? "member" : "members").\(first)"
        } ?? "The agenda and papers have not been sent yet."
        let viewer = try req.viewer
        let minutesStore = MinutesStore(context)
        func row(_ action: ActionModel) throws -> ActionRow {
            ActionRow(text: action.text, owner: action.owner?.fullName ?? "Not decided yet", due: action.dueOn.map { $0.longForm } ?? "No date",
                      status: MinutesController.tag(action, today: context.today), notes: action.notes,
                      agreedAt: action.$meeting.value.map { $0.meetsOn.longForm } ?? meeting.meetsOn.longForm,
                      agreedAtHref: Paths.meeting(action.$meeting.recordID),
                      editPath: Paths.editAction(meeting: action.$meeting.recordID, action: try action.recordID))
        }
        let minutes = try await minutesStore.minutes(of: meeting).map { minutes in
            let record: String = switch minutes.status {
            case .draft: "A draft, not sent to members yet."
            case .circulated: "Sent to members on \(minutes.circulatedAt.map { UKDateTime($0).longForm } ?? "")."
            case .approved: "Approved as a true record" + (minutes.approvedAtMeeting.map { " at the meeting on \($0.meetsOn.longForm)" } ?? "") + "."
            }
            return MinutesView(status: minutes.status, text: minutes.text, decisions: minutes.decisions, record: record)
        }
        let mattersArising = try await minutesStore.mattersArising(for: meeting).map(row)
        let actions = try await minutesStore.actions(agreedAt: meeting).map(row)
        return req.page(ShowPage(
            layout: req.layout(title: "\(meeting.group.name): \(meeting.meetsOn.longForm)"),
            groupName: meeting.group.name, groupHref: Paths.group(meeting.$group.recordID),
            heading: "\(meeting.meetsOn.weekdayName) \(meeting.meetsOn.longForm)",
            details: details, onlineLink: meeting.onlineLink, status: meeting.status, cancelledReason: meeting.cancelledReason,
            rules: rules, attendance: attendance,
            agenda: agenda, packNote: packNote, canPropose: viewer.can(.proposeAgendaItems) && meeting.status == .scheduled,
            newItemPath: Paths.newAgendaItem(id), canMoveOn: viewer.can(.manageMeetings) && meeting.status == .cancelled, sendPackPath: Paths.sendAgendaPack(id), packPath: Paths.agendaPack(id),
            hasStarted: meeting.details.start <= UKDateTime(context.now),
            canManage: try req.viewer.can(.manageMeetings) && meeting.status == .scheduled,
            editPath: Paths.editMeeting(id), cancelPath: Paths.cancelMeeting(id), attendancePath: Paths.meetingAttendance(id),
            calendarPath: Paths.meetingCalendar(id), mattersArising: mattersArising, minutes: minutes, actions: actions,
            minutesPath: Paths.meetingMinutes(id), circulatePath: Paths.circulateMinutes(id), approvePath: Paths.approveMinutes(id),
            newActionPath: Paths.newAction(id),
            partners: try await PartnersController.view(report, meeting: meeting, hasAgenda: items.contains { $0.status == .accepted }, context: context),
            engagement: try await EngagementStore(context).activities(ofMeeting: id.uuid).map { activity in
                (title: activity.title, href: Paths.activity(try activity.recordID),
                 rung: activity.achievedRung.map { "reached \($0.name.lowercased())" } ?? "planned as \(activity.plannedRung.name.lowercased())")
            },
            canRecordEngagement: viewer.can(.recordEngagement), newActivityPath: Paths.newActivity(from: id)))
    }

    // MARK: - Arrange and change

    struct Form: Content {
        var date: DateInput?
        var startsAt: String?
        var endsAt: String?
        var venue: String?
        var onlineLink: String?
        var refreshments: String?
        var chairId: String?
        var contactId: String?
        var officerId: String?
        var count: String?

        var input: MeetingStore.Input {
            .init(date: date ?? DateInput(), startsAt: startsAt, endsAt: endsAt, venue: venue, onlineLink: onlineLink,
                  refreshments: refreshments, chairId: chairId, contactId: contactId, officerId: officerId, count: count)
        }
    }

    func new(req: Request) async throws -> Response {
        let group = try await GroupStore(try req.store).find(req.id("groupID"))
        let chair = try await GroupStore(try req.store).memberships(of: group).first { $0.role == .chair }
        return try await renderForm(req, group: group, form: Form(startsAt: "10am", endsAt: "12pm", refreshments: "yes",
                                                                  chairId: chair?.$person.id.uuidString, count: "1"),
                                    errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let group = try await GroupStore(try req.store).find(req.id("groupID"))
        let form = try req.content.decode(Form.self)
        do {
            let meetings = try await MeetingStore(try req.store).schedule(for: group, form.input)
            let banner = meetings.count == 1 ? "Meeting arranged for \(meetings[0].meetsOn.longForm)"
                                             : "\(meetings.count) meetings arranged, from \(meetings[0].meetsOn.longForm) to \(meetings[meetings.count - 1].meetsOn.longForm)"
            return req.redirect(to: Paths.meeting(try meetings[0].recordID), banner: banner)
        } catch let errors as ValidationErrors {
            return try await renderForm(req, group: group, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        return try await renderForm(req, group: meeting.group, form: Form(
            date: DateInput(meeting.meetsOn), startsAt: meeting.startsAt.spoken, endsAt: meeting.endsAt.spoken, venue: meeting.venue,
            onlineLink: meeting.onlineLink, refreshments: meeting.refreshments ? "yes" : "no", chairId: meeting.$chair.id?.uuidString,
            contactId: meeting.$contact.id?.uuidString, officerId: meeting.$officer.id?.uuidString), errors: ValidationErrors(), editing: meeting)
    }

    func update(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let form = try req.content.decode(Form.self)
        do {
            try await MeetingStore(try req.store).update(meeting, with: form.input, siteAddress: req.application.appConfig.siteAddress)
            return req.redirect(to: Paths.meeting(try meeting.recordID), banner: "Meeting changed")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, group: meeting.group, form: form, errors: errors, editing: meeting)
        }
    }

    private func renderForm(_ req: Request, group: GroupModel, form: Form, errors: ValidationErrors, editing: MeetingModel?) async throws -> Response {
        let members = try await GroupStore(try req.store).memberships(of: group)
        func label(_ person: PersonModel) -> String { person.organisation.map { "\(person.fullName), \($0.name)" } ?? person.fullName }
        var options: [(value: String, label: String)] = [("", "Nobody yet")] + members.map { ($0.$person.id.uuidString, label($0.person)) }
        // Someone in a role who has since left the group stays in the list, so saving does not quietly clear the role.
        let memberIDs = Set(members.map(\.$person.id))
        for person in [editing?.chair, editing?.contact, editing?.officer].compactMap({ $0 }) where !memberIDs.contains(person.id!) {
            if !options.contains(where: { $0.value == person.id!.uuidString }) { options.append((person.id!.uuidString, label(person) + " (no longer a member)")) }
        }
        var fields: [FormField] = [
            .date("date", "Date", value: form.date, errors: errors, hint: "For example, 10 3 2027"),
            .text("startsAt", "Start time", value: form.startsAt, errors: errors, hint: "For example, 10am or 14:30. UK time.", width: "5"),
            .text("endsAt", "End time", value: form.endsAt, errors: errors, hint: "For example, 12pm or 16:00", width: "5"),
            .text("venue", "Venue", value: form.venue, errors: errors, hint: "The building, room and address. Leave it blank for a meeting that is only online."),
            .text("onlineLink", "Online meeting link", value: form.onlineLink, errors: errors,
                  hint: "The web address people use to join, starting with https://. Leave it blank if there is none.", kind: .text),
            .choice("refreshments", "Are refreshments offered?", options: [("yes", "Yes"), ("no", "No")], selected: [form.refreshments ?? ""], errors: errors),
            .choice("chairId", "Chair", kind: .select, options: options, selected: [form.chairId ?? ""], errors: errors),
            .choice("contactId", "Who meets and welcomes forum members", kind: .select, options: options, selected: [form.contactId ?? ""], errors: errors,
                    hint: "The partnership agreement calls this person the named contact"),
            .choice("officerId", "Who arranges it", kind: .select, options: options, selected: [form.officerId ?? ""], errors: errors,
                    hint: "The council or NHS officer who arranges the meeting: the agreement's nominated officer"),
        ]
        let groupID = try group.recordID
        if let editing {
            let id = try editing.recordID
            return try await req.renderForm(title: "Change this meeting", caption: group.name,
                                            intro: editing.seriesID == nil ? nil : "This changes this meeting only, not the rest of its series.",
                                            action: Paths.editMeeting(id), submitLabel: "Save changes", cancelPath: Paths.meeting(id), fields: fields, errors: errors)
        }
        if group.cadence != .asNeeded {
            fields.append(.text("count", "How many meetings to arrange", value: form.count, errors: errors,
                                hint: "\(group.name) meets \(group.cadence.label.lowercased()). Enter 1 for one meeting, or up to \(MeetingSeries.maximumCount) to arrange a series from the date above. Monthly meetings keep the same weekday, such as the second Tuesday.",
                                kind: .number, width: "3"))
        }
        return try await req.renderForm(title: "Arrange a meeting", caption: group.name, action: Paths.newMeeting(groupID),
                                        submitLabel: "Arrange meeting", cancelPath: Paths.group(groupID), fields: fields, errors: errors)
    }

    // MARK: - Cancel

    struct CancelForm: Content {
        var reason: String?
    }

    func confirmCancel(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        return try await renderCancel(req, meeting: meeting, form: CancelForm(), errors: ValidationErrors())
    }

    func cancel(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let form = try req.content.decode(CancelForm.self)
        do {
            try await MeetingStore(try req.store).cancel(meeting, reason: form.reason, siteAddress: req.application.appConfig.siteAddress)
            return req.redirect(to: Paths.meeting(try meeting.recordID), banner: "Meeting on \(meeting.meetsOn.longForm) cancelled")
        } catch let errors as ValidationErrors {
            return try await renderCancel(req, meeting: meeting, form: form, errors: errors)
        }
    }

    private func renderCancel(_ req: Request, meeting: MeetingModel, form: CancelForm, errors: ValidationErrors) async throws -> Response {
        let id = try meeting.recordID
        return try await req.renderForm(
            title: "Cancel the meeting on \(meeting.meetsOn.longForm)", caption: meeting.group.name,
            intro: "The meeting stays on record as cancelled, with the reason. Other meetings in its series go ahead. This cannot be undone.",
            action: Paths.cancelMeeting(id), submitLabel: "Cancel meeting", cancelPath: Paths.meeting(id),
            fields: [.text("reason", "Why is it cancelled?", value: form.reason, errors: errors)], errors: errors)
    }

    // MARK: - Who came

    func editAttendance(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let (members, recorded) = try await MeetingStore(try req.store).attendanceList(of: meeting)
        var answers: [String: String] = [:]
        for membership in members {
            answers["decides-\(membership.$person.id.uuidString)"] = membership.makesDecisions ? "yes" : "no"
        }
        for row in recorded {
            guard let id = row.$person.id?.uuidString else { continue }
            answers["status-\(id)"] = row.status.rawValue
            answers["decides-\(id)"] = row.makesDecisions ? "yes" : "no"
        }
        return try await renderAttendance(req, meeting: meeting, members: members, recorded: recorded, answers: answers, errors: ValidationErrors())
    }

    func recordAttendance(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = MeetingStore(try req.store)
        let answers = try req.content.decode([String: String].self)
        let (members, recorded) = try await store.attendanceList(of: meeting)
        // Only the people on the page are read; anything else sent is ignored.
        let people = Self.people(members: members, recorded: recorded)
        let entries = people.map { person in
            MeetingStore.AttendanceEntry(personId: person.id, status: answers["status-\(person.id)"], makesDecisions: answers["decides-\(person.id)"] == "yes")
        }
        do {
            try await store.recordAttendance(of: meeting, entries.filter { $0.status != nil })
            return req.redirect(to: Paths.meeting(try meeting.recordID), banner: "Attendance recorded")
        } catch let errors as ValidationErrors {
            return try await renderAttendance(req, meeting: meeting, members: members, recorded: recorded, answers: answers, errors: errors)
        }
    }

    /// Everyone whose attendance is asked for: the members, then anyone on the record who has since left.
    private static func people(members: [MembershipModel], recorded: [AttendanceModel]) -> [(id: String, name: String, organisation: String?)] {
        var people = members.map { ($0.$person.id.uuidString, $0.person.fullName, $0.person.organisation?.name) }
        let memberIDs = Set(members.map(\.$person.id))
        for row in recorded {
            guard let person = row.person, let id = person.id, !memberIDs.contains(id) else { continue }
            people.append((id.uuidString, person.fullName, row.organisation?.name))
        }
        return people.map { (id: $0.0, name: $0.1, organisation: $0.2) }
    }

    private func renderAttendance(_ req: Request, meeting: MeetingModel, members: [MembershipModel], recorded: [AttendanceModel],
                                  answers: [String: String], errors: ValidationErrors) async throws -> Response {
        let people = Self.people(members: members, recorded: recorded)
        // The store's message is about the whole list; it is shown at the first person not answered for.
        var fieldErrors = ValidationErrors()
        if let message = errors.message(for: "attendance") {
            let first = people.first { answers["status-\($0.id)"] == nil } ?? people.first
            if let first { fieldErrors.add(field: "status-\(first.id)", message: message) }
        }
        let fields: [FormField] = people.flatMap { person in
            [
                FormField.choice("status-\(person.id)", "Did \(person.name) come?",
                                 options: AttendanceStatus.allCases.map { ($0.rawValue, $0.label) },
                                 selected: [answers["status-\(person.id)"] ?? ""], errors: fieldErrors),
                FormField.choice("decides-\(person.id)", person.organisation.map { "Could \(person.name) make decisions for \($0)?" }
                                    ?? "Could \(person.name) make decisions at this meeting?",
                                 options: [("yes", "Yes"), ("no", "No")], selected: [answers["decides-\(person.id)"] ?? "no"], errors: fieldErrors),
            ]
        }
        let id = try meeting.recordID
        return try await req.renderForm(
            title: "Who came on \(meeting.meetsOn.longForm)", caption: meeting.group.name,
            intro: people.isEmpty ? "\(meeting.group.name) has no members yet. Add members to the group first."
                                  : "Answer for each member of the group. Whether someone could make decisions shows whether each partner sent a decision-maker.",
            action: Paths.meetingAttendance(id), submitLabel: "Save attendance", cancelPath: Paths.meeting(id),
            fields: fields, errors: fieldErrors.isEmpty ? errors : fieldErrors)
    }

    // MARK: -

}
