import Domain
import Vapor

/// A meeting's minutes, from draft to approval at the next meeting, and the
/// actions it agreed, which come back as matters arising until closed.
struct MinutesController {
    // MARK: - Minutes

    struct MinutesForm: Content {
        var text: String?
        var decisions: String?
        /// The complaints ticked as discussed.
        var complaintsDiscussed: [String]?
        /// Set when the form listed complaints, so ticking none clears them.
        var complaintsListed: String?
    }

    func editMinutes(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let minutes = try await MinutesStore(try req.store).minutes(of: meeting)
        let due = try await PartnerStore(try req.store).complaintsDue(at: meeting) ?? []
        return try await renderMinutes(req, meeting: meeting,
                                       form: MinutesForm(text: minutes?.text, decisions: minutes?.decisions.joined(separator: "\n"),
                                                         complaintsDiscussed: due.filter(\.discussed).compactMap { $0.complaint.id?.uuidString }),
                                       complaintsDue: due, errors: ValidationErrors(), circulated: minutes?.status == .circulated)
    }

    func saveMinutes(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let form = try req.content.decode(MinutesForm.self)
        do {
            try await MinutesStore(try req.store).save(meeting, text: form.text, decisions: form.decisions,
                                                       complaintsDiscussed: form.complaintsListed == nil ? nil : (form.complaintsDiscussed ?? []))
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#minutes", banner: "Minutes saved as a draft")
        } catch let errors as ValidationErrors {
            return try await renderMinutes(req, meeting: meeting, form: form,
                                           complaintsDue: try await PartnerStore(try req.store).complaintsDue(at: meeting) ?? [], errors: errors, circulated: false)
        }
    }

    private func renderMinutes(_ req: Request, meeting: MeetingModel, form: MinutesForm, complaintsDue due: [PartnerStore.Complaint],
                               errors: ValidationErrors, circulated: Bool) async throws -> Response {
        let id = try meeting.recordID
        var text = FormField.text("text", "Minutes", value: form.text, errors: errors,
                                  hint: "What was discussed under each item, in plain English.", kind: .textarea)
        text.rows = 15
        let decisions = FormField.text("decisions", "Decisions", value: form.decisions, errors: errors,
                                       hint: "One decision on each line. Leave it blank if none were made.", kind: .textarea)
        var fields = [text, decisions]
        var hidden: [String: String] = [:]
        let context = try req.store
        if !due.isEmpty {
            // Summaries are shown only to those who may read the complaints register.
            let showSummary = context.actor.can(.viewComplaints)
            fields.append(.choice("complaintsDiscussed", "Complaints discussed at this meeting", kind: .checkboxes,
                                  options: due.compactMap { entry in
                                      entry.complaint.id.map { ($0.uuidString, entry.described + (showSummary ? ": \(entry.complaint.summary)" : "")) }
                                  },
                                  selected: form.complaintsDiscussed ?? [], errors: errors,
                                  hint: "The partnership agreement asks for complaints to be discussed. Those not ticked come back on the next meeting's agenda."))
            hidden["complaintsListed"] = "yes"
        }
        return try await req.renderForm(
            title: "Minutes of the meeting on \(meeting.meetsOn.longForm)", caption: meeting.group.name,
            intro: circulated ? "These minutes were sent to members. Changing them makes them a draft again, to be sent again." : nil,
            action: Paths.meetingMinutes(id), submitLabel: "Save as a draft", cancelPath: Paths.meeting(id), fields: fields, errors: errors,
            hidden: hidden)
    }

    func circulate(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let back = Paths.meeting(try meeting.recordID) + "#minutes"
        do {
            let count = try await MinutesStore(try req.store).circulate(meeting, siteAddress: req.application.appConfig.siteAddress)
            return req.redirect(to: back, banner: "Minutes sent to \(count) \(count == 1 ? "member" : "members")")
        } catch let errors as ValidationErrors {
            return notDone(req, errors, back: back)
        }
    }

    func approve(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let back = Paths.meeting(try meeting.recordID) + "#minutes"
        do {
            let next = try await MinutesStore(try req.store).approve(meeting)
            return req.redirect(to: back, banner: "Minutes recorded as approved at the meeting on \(next.meetsOn.longForm)")
        } catch let errors as ValidationErrors {
            return notDone(req, errors, back: back)
        }
    }

    private func notDone(_ req: Request, _ errors: ValidationErrors, back: String) -> Response {
        req.page(req.layout(title: "The minutes were not changed"), status: .unprocessableEntity,
                 CommonPages.notDone(heading: "The minutes were not changed", message: errors.errors.first?.message ?? "",
                                     backPath: back, backLabel: "Back to the meeting"))
    }

    // MARK: - Actions

    struct ActionForm: Content {
        var text: String?
        var ownerId: String?
        var dueOn: DateInput?
        var notes: String?
        var status: String?

        var input: MinutesStore.ActionInput { .init(text: text, ownerId: ownerId, dueOn: dueOn ?? DateInput(), notes: notes, status: status) }
    }

    func newAction(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        return try await renderAction(req, meeting: meeting, form: ActionForm(), errors: ValidationErrors(), editing: nil)
    }

    func createAction(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let form = try req.content.decode(ActionForm.self)
        do {
            _ = try await MinutesStore(try req.store).addAction(at: meeting, form.input)
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#actions", banner: "Action added")
        } catch let errors as ValidationErrors {
            return try await renderAction(req, meeting: meeting, form: form, errors: errors, editing: nil)
        }
    }

    func editAction(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let action = try await MinutesStore(try req.store).action(req.id("actionID"), of: meeting)
        let form = ActionForm(text: action.text, ownerId: action.$owner.id?.uuidString, dueOn: DateInput(action.dueOn), notes: action.notes,
                              status: action.status.rawValue)
        return try await renderAction(req, meeting: meeting, form: form, errors: ValidationErrors(), editing: action)
    }

    func updateAction(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let store = MinutesStore(try req.store)
        let action = try await store.action(req.id("actionID"), of: meeting)
        let form = try req.content.decode(ActionForm.self)
        do {
            try await store.updateAction(action, of: meeting, form.input)
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#actions", banner: "Action updated: \(action.status.label.lowercased())")
        } catch let errors as ValidationErrors {
            return try await renderAction(req, meeting: meeting, form: form, errors: errors, editing: action)
        }
    }

    private func renderAction(_ req: Request, meeting: MeetingModel, form: ActionForm, errors: ValidationErrors, editing: ActionModel?) async throws -> Response {
        let members = try await GroupStore(try req.store).memberships(of: meeting.group)
        var owners: [(value: String, label: String)] = [("", "Not decided yet")] + members.map { ($0.$person.id.uuidString, $0.person.fullName) }
        if let owner = editing?.owner, !owners.contains(where: { $0.value == owner.id!.uuidString }) {
            owners.append((owner.id!.uuidString, owner.fullName + " (no longer a member)"))
        }
        var fields: [FormField] = [
            .text("text", "What is to be done?", value: form.text, errors: errors, kind: .textarea),
            .choice("ownerId", "Who will do it?", kind: .select, options: owners, selected: [form.ownerId ?? ""], errors: errors),
            .date("dueOn", "By when?", value: form.dueOn, errors: errors, hint: "For example, 14 4 2027. Leave it blank if there is no date."),
        ]
        if editing != nil {
            fields.append(.choice("status", "Where has it got to?", options: ActionStatus.allCases.map { ($0.rawValue, $0.label) },
                                  selected: [form.status ?? ""], errors: errors,
                                  optionHints: [ActionStatus.open.rawValue: "Open actions come back to the group's meetings as matters arising."]))
        }
        fields.append(.text("notes", "Notes", value: form.notes, errors: errors, hint: "Progress, or why it is no longer needed", kind: .textarea))
        let id = try meeting.recordID
        if let editing {
            return try await req.renderForm(title: "Update an action", caption: "\(meeting.group.name), \(meeting.meetsOn.longForm)",
                                            action: Paths.editAction(meeting: id, action: try editing.recordID), submitLabel: "Save changes",
                                            cancelPath: Paths.meeting(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add an action", caption: "\(meeting.group.name), \(meeting.meetsOn.longForm)",
                                        action: Paths.newAction(id), submitLabel: "Add action", cancelPath: Paths.meeting(id), fields: fields, errors: errors)
    }

    // MARK: - Your actions

    struct OwnedRow {
        let text: String
        let group: String
        let due: String
        let status: Tag
        let href: String
    }

    struct OwnedPage {
        let layout: PageLayout
        let rows: [OwnedRow]
    }

    /// The signed-in person's open actions, from every group.
    func mine(req: Request) async throws -> Response {
        let context = try req.store
        let actions = try await MinutesStore(context).ownedByActor(limit: 200)
        let rows = actions.map { action in
            OwnedRow(text: action.text, group: action.meeting.group.name, due: action.dueOn.map { $0.longForm } ?? "No date",
                     status: Self.tag(action, today: context.today), href: Paths.meeting(action.$meeting.recordID) + "#actions")
        }
        return req.page(OwnedPage(layout: req.layout(title: "Your actions"), rows: rows))
    }

    static func tag(_ action: ActionModel, today: CalendarDate) -> Tag {
        if action.isOverdue(today: today) { return Tag(tagLabel: "Overdue", tagColour: .red) }
        return Tag(tagLabel: action.status.label, tagColour: action.status == .open ? .blue : .grey)
    }

    // MARK: -

}

extension MinutesController.OwnedPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Your actions</h1>
        <p class="body">The open actions you agreed to take at meetings, soonest due first. Each comes back to its group's meetings until it is closed.</p>
        \(rows.isEmpty ? "<p class=\"body\">You have no open actions.</p>" as Markup : TableComponents.table(caption: "Your open actions", [
            TableColumn("Action") { "<a href=\"\($0.href)\">\($0.text)</a>" },
            TableColumn("Group") { "\($0.group)" },
            TableColumn("Due") { "\($0.due)" },
            TableColumn("Status") { TableComponents.tag($0.status) },
        ], rows: rows))
        """
    }
}
