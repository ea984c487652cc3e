import Domain
import Fluent
import Vapor

/// The complaints register: complaints about any partner, discussed at
/// partnership meetings until closed (seed 000, clause 6.3).
struct ComplaintsController {
    struct Form: Content {
        var receivedOn: DateInput?
        var aboutOrganisationId: String?
        var summary: String?
        var status: String?

        var input: ComplaintStore.Input {
            .init(receivedOn: receivedOn ?? DateInput(), aboutOrganisationId: aboutOrganisationId, summary: summary, status: status)
        }
    }

    struct Row {
        let receivedOn: String
        let href: String
        let about: String
        let summary: String
        let status: ComplaintStatus
    }

    struct IndexPage {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let canManage: Bool
        let newPath: String
        let showingClosed: Bool
        let togglePath: String
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let page = ListPage(req)
        let showClosed = req.query[String.self, at: "show"] == "all"
        let (complaints, total) = try await ComplaintStore(try req.store).page(openOnly: !showClosed, page)
        let rows = try complaints.map { complaint in
            Row(receivedOn: complaint.receivedOn.longForm,
                href: Paths.complaint(try complaint.recordID), about: complaint.aboutOrganisation.name,
                summary: complaint.summary, status: complaint.status)
        }
        return req.page(IndexPage(
            layout: req.layout(title: "Complaints"), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.complaints.url(), extraQuery: showClosed ? "show=all" : ""),
            canManage: viewer.can(.manageComplaints), newPath: Paths.newComplaint.url(), showingClosed: showClosed,
            togglePath: Paths.complaints.url() + (showClosed ? "" : "?show=all")))
    }

    struct ShowPage {
        let layout: PageLayout
        let heading: String
        let about: String
        let aboutHref: String
        let receivedOn: String
        let summary: String
        let status: ComplaintStatus
        let isOpen: Bool
        let canManage: Bool
        let editPath: String
        let deletePath: String
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let complaint = try await find(req)
        let id = try complaint.recordID
        return req.page(ShowPage(
            layout: req.layout(title: "Complaint about \(complaint.aboutOrganisation.name)", record: id.uuid),
            heading: "Complaint about \(complaint.aboutOrganisation.name)", about: complaint.aboutOrganisation.name,
            aboutHref: Paths.organisation(complaint.$aboutOrganisation.recordID),
            receivedOn: complaint.receivedOn.longForm,
            summary: complaint.summary, status: complaint.status,
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
        try await renderForm(req, form: Form(receivedOn: DateInput(req.today), status: ComplaintStatus.received.rawValue),
                             errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let complaint = try await ComplaintStore(try req.store).create(form.input)
            return req.redirect(to: Paths.complaint(try complaint.recordID), banner: "Complaint recorded")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let complaint = try await find(req)
        return try await renderForm(req, form: Form(receivedOn: DateInput(complaint.receivedOn),
                                                    aboutOrganisationId: complaint.$aboutOrganisation.id.uuidString,
                                                    summary: complaint.summary, status: complaint.status.rawValue),
                                    errors: ValidationErrors(), editing: complaint)
    }

    func update(req: Request) async throws -> Response {
        let complaint = try await find(req)
        let form = try req.content.decode(Form.self)
        do {
            try await ComplaintStore(try req.store).update(complaint, with: form.input)
            return req.redirect(to: Paths.complaint(try complaint.recordID), banner: "Complaint updated: \(complaint.status.label.lowercased())")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: complaint)
        }
    }

    private func find(_ req: Request) async throws -> ComplaintModel {
        try await ComplaintStore(try req.store).find(req.id("complaintID"))
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: ComplaintModel?) async throws -> Response {
        let organisations = try await OrganisationStore(try req.store).options()
        let fields: [FormField] = [
            .date("receivedOn", "Date received", value: form.receivedOn, errors: errors),
            .choice("aboutOrganisationId", "Which partner is it about?", kind: .select,
                    options: [("", "Choose a partner")] + organisations.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.aboutOrganisationId ?? ""], errors: errors),
            .text("summary", "Summary", value: form.summary, errors: errors,
                  hint: "What the complaint is about. Do not include names or other details that could identify a family.", kind: .textarea),
            .choice("status", "Where has it got to?", options: ComplaintStatus.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.status ?? ""], errors: errors,
                    optionHints: [ComplaintStatus.closed.rawValue: "Closed complaints are no longer put on partnership meeting agendas."]),
        ]
        if let editing, let id = editing.id.map(RecordID<ComplaintModel>.init) {
            return try await req.renderForm(title: "Update complaint", caption: editing.aboutOrganisation.name, action: Paths.editComplaint(id),
                                            submitLabel: "Save changes", cancelPath: Paths.complaint(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Record a complaint", action: Paths.newComplaint.url(), submitLabel: "Record complaint",
                                        cancelPath: Paths.complaints.url(), fields: fields, errors: errors)
    }
}
