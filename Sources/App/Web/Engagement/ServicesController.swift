import Domain
import Fluent
import Vapor

/// The area's services, strategies and projects, which activities belong to.
struct ServicesController {
    struct Form: Content {
        var name: String?
        var kind: String?
        var leadOrganisationId: String?
        var summary: String?

        var input: ServiceStore.Input { .init(name: name, kind: kind, leadOrganisationId: leadOrganisationId, summary: summary) }
    }

    struct Row {
        let name: String
        let href: String
        let kind: String
        let lead: String?
    }

    struct IndexPage {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let canManage: Bool
    }

    func index(req: Request) async throws -> Response {
        let page = ListPage(req)
        let (services, total) = try await ServiceStore(try req.store).page(page)
        let rows = try services.map { Row(name: $0.name, href: Paths.service(try $0.recordID), kind: $0.kind.label, lead: $0.leadOrganisation?.name) }
        return req.page(IndexPage(layout: req.layout(title: "Services, strategies and projects"), rows: rows,
                                  pagination: PaginationLinks(page: page, total: total, basePath: Paths.services.url()),
                                  canManage: try req.viewer.can(.manageServices)))
    }

    struct ShowPage {
        let layout: PageLayout
        let name: String
        let details: [SummaryRow]
        let summary: String?
        let profile: LadderProfile
        let activities: [EngagementController.Row]
        let totalActivities: Int
        let activitiesPath: String
        let profilePath: String
        let canManage: Bool
        let canRecord: Bool
        let editPath: String
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let context = try req.store
        let service = try await ServiceStore(context).find(req.id("serviceID"))
        let id = try service.recordID
        let engagement = EngagementStore(context)
        let filter = EngagementFilter(serviceID: id.uuid)
        let profile = try await engagement.profile(filter)
        let (activities, total) = try await engagement.page(filter, ListPage(number: 1, size: 10))
        let settings = try await engagement.settings()
        var details = [SummaryRow(key: "Kind", value: service.kind.label)]
        if let lead = service.leadOrganisation {
            details.append(SummaryRow(key: "Lead organisation", value: lead.name, href: Paths.organisation(try lead.recordID)))
        }
        let rows = try activities.map { activity in
            EngagementController.Row(dates: EngagementController.dates(activity), title: activity.title, href: Paths.activity(try activity.recordID),
                                     planned: activity.plannedRung.name, achieved: activity.achievedRung?.name ?? "Not known yet",
                                     loop: activity.loop(daysToTell: settings.daysToTell, today: req.today))
        }
        return req.page(ShowPage(
            layout: req.layout(title: service.name), name: service.name, details: details, summary: service.summary, profile: profile,
            activities: rows, totalActivities: total, activitiesPath: Paths.engagement.url() + "?service=\(id.uuid.uuidString)",
            profilePath: Paths.ladderProfile.url() + "?service=\(id.uuid.uuidString)",
            canManage: viewer.can(.manageServices), canRecord: viewer.can(.recordEngagement), editPath: Paths.editService(id)))
    }

    func new(req: Request) async throws -> Response {
        try await renderForm(req, form: Form(kind: ServiceKind.service.rawValue), errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let service = try await ServiceStore(try req.store).create(form.input)
            return req.redirect(to: Paths.service(try service.recordID), banner: "\(service.name) added")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let service = try await ServiceStore(try req.store).find(req.id("serviceID"))
        return try await renderForm(req, form: Form(name: service.name, kind: service.kind.rawValue,
                                                    leadOrganisationId: service.$leadOrganisation.id?.uuidString, summary: service.summary),
                                    errors: ValidationErrors(), editing: service)
    }

    func update(req: Request) async throws -> Response {
        let store = ServiceStore(try req.store)
        let service = try await store.find(req.id("serviceID"))
        let form = try req.content.decode(Form.self)
        do {
            try await store.update(service, with: form.input)
            return req.redirect(to: Paths.service(try service.recordID), banner: "Changes saved")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: service)
        }
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: ServiceModel?) async throws -> Response {
        let organisations = try await OrganisationStore(try req.store).options()
        let fields: [FormField] = [
            .text("name", "Name", value: form.name, errors: errors, hint: "For example, \"Short breaks\" or \"SEND strategy 2025 to 2028\""),
            .choice("kind", "What kind of work is it?", options: ServiceKind.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.kind ?? ""], errors: errors),
            .choice("leadOrganisationId", "Lead organisation (optional)", kind: .select,
                    options: [("", "None chosen")] + organisations.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.leadOrganisationId ?? ""], errors: errors),
            .text("summary", "Summary (optional)", value: form.summary, errors: errors, kind: .textarea),
        ]
        if let editing, let id = editing.id.map(RecordID<ServiceModel>.init) {
            return try await req.renderForm(title: "Change service or project", caption: editing.name, action: Paths.editService(id),
                                            submitLabel: "Save changes", cancelPath: Paths.service(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add a service, strategy or project", action: Paths.newService.url(), submitLabel: "Add",
                                        cancelPath: Paths.services.url(), fields: fields, errors: errors)
    }
}

extension ServicesController.IndexPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.engagement.url())">Engagement</a></span>
        <h1 class="heading-l">Services, strategies and projects</h1>
        <p class="body">The work engagement activities belong to, so each one's ladder profile can be seen.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(Paths.newService.url())\">Add a service, strategy or project</a></p>")
        \(rows.isEmpty ? "<p class=\"body\">None added yet.</p>" as Markup : TableComponents.table(caption: "Services, strategies and projects, by name", [
            TableColumn("Name") { "<a href=\"\($0.href)\">\($0.name)</a>" },
            TableColumn("Kind") { "\($0.kind)" },
            TableColumn("Lead organisation") { $0.lead.map { "\($0)" as Markup } ?? "<span class=\"secondary-text\">None chosen</span>" },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        """
    }
}

extension ServicesController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.services.url())">Services, strategies and projects</a></span>
        <h1 class="heading-l">\(name)</h1>
        \(ListComponents.summaryList(details))
        \(summary.map { "<div class=\"prose\">\($0)</div>" as Markup })
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change details</a></p>")
        <h2 class="heading-m">Engagement</h2>
        \(totalActivities == 0 ? "<p class=\"body\">No engagement activities are recorded for it yet.</p>" as Markup : """
        <p class="body">\(totalActivities) \(totalActivities == 1 ? "activity" : "activities"). \(profile.sharedDecisionsPercent.map { "Of those whose rung reached is known, \($0)% reached co-design or co-production." } ?? "")</p>
        \(LadderChart.plannedAndReached(id: "service-ladder", profile: profile))
        \(TableComponents.table(caption: "Its activities at each rung, highest first", showCaption: true, [
            TableColumn("Rung") { "\($0.name)" },
            TableColumn("Planned") { "\($0.planned)" },
            TableColumn("Reached") { "\($0.achieved)" },
        ], rows: profile.rows.reversed()))
        \(TableComponents.table(caption: "Latest activities", showCaption: true, [
            TableColumn("When") { "\($0.dates)" },
            TableColumn("Activity") { "<a href=\"\($0.href)\">\($0.title)</a>" },
            TableColumn("Rung reached") { "\($0.achieved)" },
            TableColumn("Participants told what changed") { TableComponents.tag($0.loop) },
        ], rows: activities))
        <ul class="list">
          <li><a href="\(activitiesPath)">All \(totalActivities) activities</a></li>
          <li><a href="\(profilePath)">Its ladder profile, year by year</a></li>
        </ul>
        """)
        \(if: canRecord, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(Paths.newActivity.url())\">Record an activity</a></p>")
        """
    }
}
