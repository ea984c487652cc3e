import Domain
import Fluent
import Vapor

/// The complaints register: complaints about any partner, handled to the
/// area's response standard and discussed at partnership meetings until
/// closed (seed 000, clause 6.3).
struct ComplaintsController {
    struct Form: Content {
        var receivedOn: DateInput?
        var aboutOrganisationId: String?
        var summary: String?
        var status: String?
        var ownerId: String?
        var responseDueOn: DateInput?
        var outcome: String?
        var lessonsLearned: String?
        var themes: [String]?
        /// The search that offered the people to choose from.
        var find: String?

        var input: ComplaintStore.Input {
            .init(receivedOn: receivedOn ?? DateInput(), aboutOrganisationId: aboutOrganisationId, summary: summary, status: status,
                  ownerId: ownerId, responseDueOn: responseDueOn ?? DateInput(), outcome: outcome, lessonsLearned: lessonsLearned,
                  themes: themes ?? [])
        }
    }

    struct Row {
        let reference: String
        let receivedOn: String
        let href: String
        let about: String
        let summary: String
        let status: ComplaintStatus
        let due: String
        let overdue: Bool
    }

    struct IndexPage {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let canManage: Bool
        let newPath: String
        let listing: ComplaintStore.Listing
        let responseDays: Int
        let settingsPath: String
        let downloadPath: String
    }

    /// ?show=all for closed ones too, ?show=overdue for responses past their day; open ones otherwise.
    private func listing(_ req: Request) -> ComplaintStore.Listing {
        req.query[String.self, at: "show"].flatMap(ComplaintStore.Listing.init(rawValue:)) ?? .open
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let page = ListPage(req)
        let listing = listing(req)
        let store = ComplaintStore(try req.store)
        let (complaints, total) = try await store.page(openOnly: listing == .open, overdueOnly: listing == .overdue, page)
        let rows = try complaints.map { complaint in
            Row(reference: complaint.reference ?? "", receivedOn: complaint.receivedOn.longForm,
                href: Paths.complaint(try complaint.recordID), about: complaint.aboutOrganisation.name,
                summary: complaint.summary, status: complaint.status, due: complaint.dueOn.longForm, overdue: complaint.isOverdue(today: req.today))
        }
        let query = listing == .open ? "" : "show=\(listing.rawValue)"
        return req.page(IndexPage(
            layout: req.layout(title: listing == .overdue ? "Complaints with an overdue response" : "Complaints"), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.complaints.url(), extraQuery: query),
            canManage: viewer.can(.manageComplaints), newPath: Paths.newComplaint.url(), listing: listing,
            responseDays: try await store.responseDays(), settingsPath: Paths.complaintSettings.url(),
            downloadPath: Paths.complaintsCSV.url() + (query.isEmpty ? "" : "?" + query)))
    }

    /// The complaints the list shows, every one, as a spreadsheet: read 200 at a time, up to 50,000.
    func csv(req: Request) async throws -> Response {
        let listing = listing(req)
        let store = ComplaintStore(try req.store)
        var rows: [[String]] = []
        var page = ListPage(number: 1, size: ListPage.maximumSize)
        while rows.count < 50_000 {
            let (complaints, total) = try await store.page(openOnly: listing == .open, overdueOnly: listing == .overdue, page)
            for complaint in complaints {
                rows.append([complaint.reference ?? "", complaint.receivedOn.iso8601, complaint.aboutOrganisation.name, complaint.summary,
                             complaint.themes.map(\.label).joined(separator: "; "), complaint.owner?.fullName ?? "", complaint.status.label,
                             complaint.dueOn.iso8601, complaint.isOverdue(today: req.today) ? "Yes" : "No",
                             complaint.outcome ?? "", complaint.lessonsLearned ?? "", complaint.discussedThrough?.iso8601 ?? ""])
            }
            if complaints.isEmpty || page.offset + complaints.count >= total { break }
            page = ListPage(number: page.number + 1, size: ListPage.maximumSize)
        }
        try await store.recordDownload(count: rows.count)
        return try CSVDownload.response(fileName: "complaints\(listing == .open ? "-open" : listing == .overdue ? "-overdue" : "").csv", header: [
            "Reference", "Received", "About", "Summary", "Themes", "Handled by", "Status", "Response due by", "Response overdue",
            "Outcome", "What was learned", "Last discussed at a meeting on",
        ], rows: rows)
    }

    struct ShowPage {
        let layout: PageLayout
        let heading: String
        let details: [SummaryRow]
        let summary: String
        let status: ComplaintStatus
        let overdueOn: String?
        let outcome: String?
        let lessonsLearned: String?
        let history: [(status: ComplaintStatus, on: String, by: String)]
        let isOpen: Bool
        let canManage: Bool
        let editPath: String
        let deletePath: String
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let complaint = try await find(req)
        let id = try complaint.recordID
        let title = (complaint.reference.map { "Complaint \($0)" } ?? "Complaint") + " about \(complaint.aboutOrganisation.name)"
        let details = [
            SummaryRow(key: "About", value: complaint.aboutOrganisation.name, href: Paths.organisation(complaint.$aboutOrganisation.recordID)),
            SummaryRow(key: "Received", value: complaint.receivedOn.longForm, href: nil),
            SummaryRow(key: "Handled by", value: complaint.owner?.fullName ?? "Nobody named yet", href: complaint.owner.flatMap { $0.id.map { Paths.person(RecordID($0)) } }),
            SummaryRow(key: "Response due by", value: complaint.dueOn.longForm, href: nil),
            SummaryRow(key: "Themes", value: complaint.themes.isEmpty ? "None chosen" : complaint.themes.map(\.label).joined(separator: ", "), href: nil),
        ]
        return req.page(ShowPage(
            layout: req.layout(title: title, record: id.uuid), heading: title, details: details, summary: complaint.summary,
            status: complaint.status, overdueOn: complaint.isOverdue(today: req.today) ? complaint.dueOn.longForm : nil,
            outcome: complaint.outcome, lessonsLearned: complaint.lessonsLearned,
            history: try await ComplaintStore(try req.store).history(of: complaint).map { ($0.status, $0.changedOn.longForm, $0.changedBy) },
            isOpen: complaint.status.isOpen, canManage: viewer.can(.manageComplaints), editPath: Paths.editComplaint(id),
            deletePath: Paths.deleteComplaint(id)))
    }

    func confirmDelete(req: Request) async throws -> Response {
        let complaint = try await find(req)
        let id = try complaint.recordID
        let layout = req.layout(title: "Delete the complaint")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: "Complaint about \(complaint.aboutOrganisation.name)",
            heading: "Are you sure you want to delete this complaint, received on \(complaint.receivedOn.longForm)?",
            alsoGoes: try await ComplaintStore(try req.store).deletionConsequences(complaint), blockers: [],
            action: Paths.deleteComplaint(id), button: "Yes, delete the complaint", cancelPath: Paths.complaint(id), cancelLabel: "Back to the complaint"))
    }

    func delete(req: Request) async throws -> Response {
        let complaint = try await find(req)
        try await ComplaintStore(try req.store).delete(complaint)
        return req.redirect(to: Paths.complaints.url(), banner: "Complaint deleted")
    }

    func new(req: Request) async throws -> Response {
        try await renderForm(req, form: Form(receivedOn: DateInput(req.today), status: ComplaintStatus.received.rawValue,
                                             find: req.query[String.self, at: "find"]),
                             errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        if PersonFinder.isFinding(req) { return try await renderForm(req, form: form, errors: ValidationErrors(), editing: nil) }
        do {
            let complaint = try await ComplaintStore(try req.store).create(form.input)
            return req.redirect(to: Paths.complaint(try complaint.recordID), banner: "Complaint \(complaint.reference ?? "") recorded")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let complaint = try await find(req)
        return try await renderForm(req, form: Form(receivedOn: DateInput(complaint.receivedOn),
                                                    aboutOrganisationId: complaint.$aboutOrganisation.id.uuidString,
                                                    summary: complaint.summary, status: complaint.status.rawValue,
                                                    ownerId: complaint.$owner.id?.uuidString, responseDueOn: DateInput(complaint.dueOn),
                                                    outcome: complaint.outcome, lessonsLearned: complaint.lessonsLearned,
                                                    themes: complaint.themes.map(\.rawValue), find: req.query[String.self, at: "find"]),
                                    errors: ValidationErrors(), editing: complaint)
    }

    func update(req: Request) async throws -> Response {
        let complaint = try await find(req)
        let form = try req.content.decode(Form.self)
        if PersonFinder.isFinding(req) { return try await renderForm(req, form: form, errors: ValidationErrors(), editing: complaint) }
        do {
            try await ComplaintStore(try req.store).update(complaint, with: form.input)
            return req.redirect(to: Paths.complaint(try complaint.recordID), banner: "Complaint updated: \(complaint.status.label.lowercased())")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: complaint)
        }
    }

    // MARK: - The area's standard

    struct SettingsForm: Content {
        var responseDays: String?
    }

    func settings(req: Request) async throws -> Response {
        let days = try await ComplaintStore(try req.store).responseDays()
        return try await renderSettings(req, form: SettingsForm(responseDays: String(days)), errors: ValidationErrors())
    }

    func saveSettings(req: Request) async throws -> Response {
        let form = try req.content.decode(SettingsForm.self)
        do {
            try await ComplaintStore(try req.store).setResponseDays(form.responseDays)
            return req.redirect(to: Paths.complaints.url(), banner: "Complaint responses are now due \(TextInput.clean(form.responseDays)) days after they are received")
        } catch let errors as ValidationErrors {
            return try await renderSettings(req, form: form, errors: errors)
        }
    }

    private func renderSettings(_ req: Request, form: SettingsForm, errors: ValidationErrors) async throws -> Response {
        try await req.renderForm(title: "How long to respond to a complaint",
                                 intro: "A complaint's response is due this many days after it is received, unless a date is agreed for it. Complaints already recorded keep their dates.",
                                 action: Paths.complaintSettings.url(), submitLabel: "Save", cancelPath: Paths.complaints.url(),
                                 fields: [.text("responseDays", "Days to respond", value: form.responseDays, errors: errors,
                                                hint: "From 1 to 365. Many councils and NHS bodies aim for 20.", kind: .number, width: "4")],
                                 errors: errors)
    }

    private func find(_ req: Request) async throws -> ComplaintModel {
        try await ComplaintStore(try req.store).find(req.id("complaintID"))
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: ComplaintModel?) async throws -> Response {
        let organisations = try await OrganisationStore(try req.store).options()
        let days = try await ComplaintStore(try req.store).responseDays()
        let finder = try await PersonFinder(req, typed: form.find, chosenID: form.ownerId, fieldName: "ownerId",
                                            label: "Who is handling it? (optional)", optional: true)
        let fields: [FormField] = [
            .date("receivedOn", "Date received", value: form.receivedOn, errors: errors),
            .choice("aboutOrganisationId", "Which partner is it about?", kind: .select,
                    options: [("", "Choose a partner")] + organisations.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.aboutOrganisationId ?? ""], errors: errors),
            .text("summary", "Summary", value: form.summary, errors: errors,
                  hint: "What the complaint is about. Do not include names or other details that could identify a family.", kind: .textarea),
        ] + finder.fields(errors: errors) + [
            .date("responseDueOn", "Response due by (optional)", value: form.responseDueOn, errors: errors,
                  hint: "Leave blank for the area's standard: \(days) days after it was received."),
            .choice("themes", "What is it about? (optional)", kind: .checkboxes, options: ComplaintTheme.allCases.map { ($0.rawValue, $0.label) },
                    selected: form.themes ?? [], errors: errors, hint: "Choose all that apply."),
            .choice("status", "Where has it got to?", options: ComplaintStatus.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.status ?? ""], errors: errors,
                    optionHints: [ComplaintStatus.closed.rawValue: "Closed complaints are no longer put on partnership meeting agendas."]),
            .text("outcome", "Outcome (needed to close it)", value: form.outcome, errors: errors,
                  hint: "What was decided or done, and what the family was told.", kind: .textarea),
            .text("lessonsLearned", "What was learned (optional)", value: form.lessonsLearned, errors: errors,
                  hint: "What the partnership will do differently.", kind: .textarea),
        ]
        if let editing, let id = editing.id.map(RecordID<ComplaintModel>.init) {
            return try await req.renderForm(title: "Update complaint", caption: editing.reference ?? editing.aboutOrganisation.name, action: Paths.editComplaint(id),
                                            submitLabel: "Save changes", cancelPath: Paths.complaint(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Record a complaint", action: Paths.newComplaint.url(), submitLabel: "Record complaint",
                                        cancelPath: Paths.complaints.url(), fields: fields, errors: errors)
    }
}
