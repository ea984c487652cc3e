import Domain
import Fluent
import Vapor

/// The organisations in the partnership: the forum, the council, the NHS, providers and others.
struct OrganisationsController {
    struct Form: Content {
        var name: String?
        var kind: String?
        var email: String?
        var phone: String?

        var input: OrganisationStore.Input { .init(name: name, kind: kind, email: email, phone: phone) }

        init(name: String? = nil, kind: String? = nil, email: String? = nil, phone: String? = nil) {
            self.name = name
            self.kind = kind
            self.email = email
            self.phone = phone
        }

        init(_ model: OrganisationModel) {
            self.init(name: model.name, kind: model.kind.rawValue, email: model.email, phone: model.phone)
        }
    }

    struct Row {
        let name: String
        let href: String
        let kind: String
        let email: String?
    }

    struct IndexPage {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let canManage: Bool
        let newPath: String
        let kindFilter: [FormField.Option]
        let filterAction: String
        let search: String
        let filterDescription: String?
        let downloadPath: String
    }

    struct ShowPage {
        let layout: PageLayout
        let name: String
        let details: [SummaryRow]
        let people: [SummaryRow]
        let morePeoplePath: String?
        let agreements: [SummaryRow]
        let canManage: Bool
        let editPath: String
        let deletePath: String
        let isForum: Bool
        /// Its latest self-evaluations, and where its engagement is listed.
        let assessments: [(label: String, href: String, rating: Rating?)]
        let engagementPath: String
        let ladderPath: String
    }

    /// The list's filters from the address: a kind and a search, read forgivingly.
    private func filters(_ req: Request) -> (kind: OrganisationKind?, typed: String, terms: [String], query: ListQuery) {
        let kind = req.query[String.self, at: "kind"].flatMap(OrganisationKind.init(rawValue:))
        let typed = String(((try? TextInput.singleLine(req.query[String.self, at: "q"]).get()) ?? "").prefix(SearchText.maximumLength))
        let terms = SearchText.terms(typed)
        var query = ListQuery()
        if !terms.isEmpty { query.add("q", typed) }
        query.add("kind", kind?.rawValue)
        return (kind, typed, terms, query)
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let page = ListPage(req)
        let filters = filters(req)
        let (items, total) = try await OrganisationStore(try req.store).page(kind: filters.kind, searchTerms: filters.terms, page)
        let rows = try items.map { org in
            Row(name: org.name, href: Paths.organisation(try org.recordID), kind: org.kind.label, email: org.email)
        }
        let kind = filters.kind
        let options = [FormField.Option(value: "", label: "All kinds", hint: nil, selected: kind == nil)] +
            OrganisationKind.allCases.map { FormField.Option(value: $0.rawValue, label: $0.label, hint: nil, selected: $0 == kind) }
        var described: [String] = []
        if let kind { described.append(kind.label.lowercased()) }
        if !filters.terms.isEmpty { described.append("with \u{201C}\(filters.typed)\u{201D} in the name") }
        return req.page(IndexPage(
            layout: req.layout(title: "Organisations"), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.organisations.url(), extraQuery: filters.query.encoded),
            canManage: viewer.can(.manageOrganisations), newPath: Paths.newOrganisation.url(),
            kindFilter: options, filterAction: Paths.organisations.url(), search: filters.typed,
            filterDescription: described.isEmpty ? nil : "\(total) found: " + described.joined(separator: ", "),
            downloadPath: filters.query.url(Paths.organisationsCSV.url())))
    }

    /// The organisations the filters pick, as a spreadsheet: at most 500, as an area's list is.
    func csv(req: Request) async throws -> Response {
        let filters = filters(req)
        let store = OrganisationStore(try req.store)
        let organisations = try await store.all(kind: filters.kind, searchTerms: filters.terms)
        let counts = try await store.peopleCounts(organisations)
        let rows = organisations.map { organisation in
            [organisation.name, organisation.kind.label, organisation.email ?? "", organisation.phone ?? "",
             String(organisation.id.flatMap { counts[$0] } ?? 0)]
        }
        return try CSVDownload.response(fileName: filters.query.pairs.isEmpty ? "organisations.csv" : "organisations-selected.csv",
                                        header: ["Name", "Kind", "E-mail address", "Phone", "People in the register"], rows: rows)
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let organisation = try await find(req)
        let id = try organisation.recordID
        var details = [SummaryRow(key: "Kind", value: organisation.kind.label, href: nil)]
        if let email = organisation.email {
            details.append(SummaryRow(key: organisation.kind == .parentCarerForum ? "Forum e-mail address" : "E-mail address",
                                      value: email, href: "mailto:\(email)"))
        }
        if let phone = organisation.phone { details.append(SummaryRow(key: "Phone", value: phone, href: nil)) }

        let shown = 20
        let people = try await PersonStore(try req.store).first(shown + 1, inOrganisation: id.uuid)
        let peopleRows = try people.prefix(shown).map {
            SummaryRow(key: $0.fullName, value: $0.jobTitle ?? "", href: Paths.person(try $0.recordID))
        }
        let agreements = try await AgreementStore(try req.store).withPartner(id.uuid)
        let agreementRows = try agreements.map {
            SummaryRow(key: $0.title, value: $0.status(on: req.today).label, href: Paths.agreement(try $0.recordID))
        }
        return req.page(ShowPage(
            layout: req.layout(title: organisation.name, record: id.uuid), name: organisation.name, details: details, people: peopleRows,
            morePeoplePath: people.count > shown ? Paths.people.url() + "?organisation=\(id)" : nil,
            agreements: agreementRows, canManage: viewer.can(.manageOrganisations),
            editPath: Paths.editOrganisation(id), deletePath: Paths.deleteOrganisation(id),
            isForum: organisation.kind == .parentCarerForum,
            assessments: try await SelfEvaluationStore(try req.store).page(year: nil, subjectID: id.uuid, ListPage(number: 1, size: 3)).items.map {
                (label: "\($0.framework.name), \($0.year.label)", href: Paths.assessment(try $0.recordID), rating: $0.rating)
            },
            engagementPath: Paths.engagement.url() + "?organisation=\(id)", ladderPath: Paths.ladderProfile.url() + "?organisation=\(id)"))
    }

    func new(req: Request) async throws -> Response {
        try await renderForm(req, form: Form(), errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let organisation = try await OrganisationStore(try req.store).create(form.input)
            return req.redirect(to: Paths.organisation(try organisation.recordID), banner: "\(organisation.name) added")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let organisation = try await find(req)
        return try await renderForm(req, form: Form(organisation), errors: ValidationErrors(), editing: organisation)
    }

    func update(req: Request) async throws -> Response {
        let organisation = try await find(req)
        let form = try req.content.decode(Form.self)
        do {
            try await OrganisationStore(try req.store).update(organisation, with: form.input)
            return req.redirect(to: Paths.organisation(try organisation.recordID), banner: "Changes to \(organisation.name) saved")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: organisation)
        }
    }

    struct DeletePage {
        let layout: PageLayout
        let name: String
        let action: String
        let cancelPath: String
        let blockers: [String]
    }

    func confirmDelete(req: Request) async throws -> Response {
        let organisation = try await find(req)
        let blockers = try await OrganisationStore(try req.store).deletionBlockers(organisation)
        return req.page(DeletePage(
            layout: req.layout(title: "Delete \(organisation.name)"), name: organisation.name,
            action: Paths.deleteOrganisation(try organisation.recordID),
            cancelPath: Paths.organisation(try organisation.recordID), blockers: blockers))
    }

    func delete(req: Request) async throws -> Response {
        let organisation = try await find(req)
        guard try await OrganisationStore(try req.store).delete(organisation) else {
            return req.redirect(to: Paths.deleteOrganisation(try organisation.recordID))
        }
        return req.redirect(to: Paths.organisations.url(), banner: "\(organisation.name) deleted")
    }

    // MARK: - Helpers

    private func find(_ req: Request) async throws -> OrganisationModel {
        try await OrganisationStore(try req.store).find(req.id("organisationID"))
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: OrganisationModel?) async throws -> Response {
        let fields: [FormField] = [
            .text("name", "Name", value: form.name, errors: errors, autocomplete: "organization"),
            .choice("kind", "Kind of organisation", options: OrganisationKind.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.kind ?? ""], errors: errors),
            .text("email", "E-mail address (optional)", value: form.email, errors: errors,
                  hint: "For a parent carer forum, the forum's own address: partners write to the forum only through it.",
                  kind: .email, autocomplete: "email"),
            .text("phone", "Phone number (optional)", value: form.phone, errors: errors, kind: .tel, autocomplete: "tel", width: "20"),
        ]
        if let editing {
            let id = try editing.recordID
            return try await req.renderForm(title: "Change \(editing.name)", action: Paths.editOrganisation(id),
                                            submitLabel: "Save changes", cancelPath: Paths.organisation(id),
                                            fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add an organisation", action: Paths.newOrganisation.url(),
                                        submitLabel: "Add organisation", cancelPath: Paths.organisations.url(),
                                        fields: fields, errors: errors)
    }
}
