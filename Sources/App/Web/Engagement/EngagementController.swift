import Domain
import Fluent
import Vapor

/// Engagement activities: the list, one activity, and recording or changing one.
struct EngagementController {
    struct Form: Content {
        var title: String?
        var startsOn: DateInput?
        var endsOn: DateInput?
        var serviceId: String?
        var method: String?
        var organisationIds: [String]?
        var groupIds: [String]?
        var meetingIds: [String]?
        var plannedRung: String?
        var achievedRung: String?
        var parentCarers: String?
        var childrenAndYoungPeople: String?
        var professionals: String?
        var reached: [String]?
        var participantsSaid: String?
        var whatChanged: String?
        var toldOn: DateInput?
        var howTold: String?

        var input: EngagementStore.Input {
            var details = EngagementActivityDetails.Input()
            details.title = title
            details.startsOn = startsOn ?? DateInput()
            details.endsOn = endsOn ?? DateInput()
            details.method = method
            details.plannedRung = plannedRung
            details.achievedRung = achievedRung
            details.parentCarers = parentCarers
            details.childrenAndYoungPeople = childrenAndYoungPeople
            details.professionals = professionals
            details.reached = reached ?? []
            details.participantsSaid = participantsSaid
            details.whatChanged = whatChanged
            details.toldOn = toldOn ?? DateInput()
            details.howTold = howTold
            return EngagementStore.Input(details: details, serviceId: serviceId, organisationIds: organisationIds ?? [],
                                         groupIds: groupIds ?? [], meetingIds: meetingIds ?? [])
        }

        init() {}

        init(_ activity: EngagementActivityModel) {
            title = activity.title
            startsOn = DateInput(activity.startsOn)
            endsOn = DateInput(activity.endsOn)
            serviceId = activity.$service.id?.uuidString
            method = activity.method.rawValue
            organisationIds = activity.organisations.map { $0.$organisation.id.uuidString }
            groupIds = activity.groups.map { $0.$group.id.uuidString }
            meetingIds = activity.meetings.map { $0.$meeting.id.uuidString }
            plannedRung = activity.plannedRung.key
            achievedRung = activity.achievedRung?.key ?? ""
            parentCarers = String(activity.parentCarers)
            childrenAndYoungPeople = String(activity.childrenAndYoungPeople)
            professionals = String(activity.professionals)
            reached = activity.reached.map(\.reached.rawValue)
            participantsSaid = activity.participantsSaid
            whatChanged = activity.whatChanged
            toldOn = DateInput(activity.toldOn)
            howTold = activity.howTold
        }
    }

    struct Row {
        let dates: String
        let title: String
        let href: String
        let planned: String
        let achieved: String
        let loop: EngagementLoop
    }

    struct IndexPage {
        let layout: PageLayout
        let filter: EngagementFilters
        let rows: [Row]
        let pagination: PaginationLinks
        let canRecord: Bool
        let canManageSettings: Bool
        let ladderName: String
        let daysToTell: Int
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let store = EngagementStore(try req.store)
        let filters = try await EngagementFilters(req, path: Paths.engagement.url())
        let settings = try await store.settings()
        let page = ListPage(req)
        let (activities, total) = try await store.page(filters.filter, page)
        let today = req.today
        let rows = try activities.map { activity in
            Row(dates: EngagementController.dates(activity), title: activity.title, href: Paths.activity(try activity.recordID),
                planned: activity.plannedRung.name, achieved: activity.achievedRung?.name ?? "Not known yet",
                loop: activity.loop(daysToTell: settings.daysToTell, today: today))
        }
        return req.page(IndexPage(
            layout: req.layout(title: filters.filter.notToldOnly ? "Activities whose participants were not told what changed" : "Engagement"),
            filter: filters, rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.engagement.url(), extraQuery: filters.query),
            canRecord: viewer.can(.recordEngagement), canManageSettings: viewer.can(.manageEngagementSettings),
            ladderName: settings.ladder.name, daysToTell: settings.daysToTell))
    }

    /// The activities the filters pick, every one, as a spreadsheet: read a page of 200 at a time, up to
    /// `EngagementStore.maximumExport`, so a long history never sits in memory as records.
    func csv(req: Request) async throws -> Response {
        let store = EngagementStore(try req.store)
        let filters = try await EngagementFilters(req, path: Paths.engagement.url())
        let settings = try await store.settings()
        var rows: [[String]] = []
        var page = ListPage(number: 1, size: ListPage.maximumSize)
        while rows.count < EngagementStore.maximumExport {
            let (activities, total) = try await store.page(filters.filter, page, loading: .ladder)
            let links = try await store.links(of: activities)
            for activity in activities {
                let loop = activity.loop(daysToTell: settings.daysToTell, today: req.today)
                let reached = (links.reached[try activity.requireID()] ?? []).map(\.label).sorted().joined(separator: "; ")
                let when = [activity.startsOn.iso8601, activity.endsOn?.iso8601 ?? "", ReportingYear(startYear: activity.reportingYear).shortLabel]
                let what = [activity.service?.name ?? "", activity.method.label, activity.ladder.name, activity.plannedRung.name,
                            activity.achievedRung?.name ?? ""]
                let who = [String(activity.parentCarers), String(activity.childrenAndYoungPeople), String(activity.professionals), reached]
                let told = [activity.whatChanged ?? "", activity.toldOn?.iso8601 ?? "", activity.howTold ?? "", tellingLabel(loop)]
                rows.append([activity.title] + when + what + who + told)
            }
            if activities.isEmpty || page.offset + activities.count >= total { break }
            page = ListPage(number: page.number + 1, size: ListPage.maximumSize)
        }
        let name = "engagement-activities" + (filters.filter.year.map { "-" + $0.shortLabel } ?? "") + (filters.filter.notToldOnly ? "-not-told" : "") + ".csv"
        return try CSVDownload.response(fileName: name, header: [
            "Activity", "Started", "Ended", "Year", "Service or project", "How it was run", "Ladder", "Rung planned", "Rung reached",
            "Parent carers", "Children and young people", "Professionals", "Seldom-heard groups reached", "What changed",
            "Participants told on", "How they were told", "Telling participants",
        ], rows: rows)
    }

    /// Where telling the participants stands, in words for a spreadsheet cell.
    private func tellingLabel(_ loop: EngagementLoop) -> String {
        switch loop {
        case .told: "Told"
        case .running: "Still running"
        case .dueBy(let date): "Due by \(date.iso8601)"
        case .notTold(let since): "Not told, due \(since.iso8601)"
        }
    }

    /// "3 March 2026", or "3 to 17 March 2026" style for a span.
    static func dates(_ activity: EngagementActivityModel) -> String {
        guard let ends = activity.endsOn, ends != activity.startsOn else { return activity.startsOn.longForm }
        return "\(activity.startsOn.longForm) to \(ends.longForm)"
    }

    struct ShowPage {
        let layout: PageLayout
        let title: String
        let details: [SummaryRow]
        let ladderName: String
        let planned: RungDefinition
        let achieved: RungDefinition?
        let participants: ParticipantCounts
        let reached: [String]
        let participantsSaid: String?
        let whatChanged: String?
        let loop: EngagementLoop
        let howTold: String?
        let meetings: [(label: String, href: String)]
        let canRecord: Bool
        let editPath: String
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let store = EngagementStore(try req.store)
        let activity = try await store.find(req.id("activityID"))
        let settings = try await store.settings()
        var details = [SummaryRow(key: "When", value: EngagementController.dates(activity))]
        if let service = activity.service {
            details.append(SummaryRow(key: "Part of", value: service.name, href: Paths.service(try service.recordID)))
        } else {
            details.append(SummaryRow(key: "Part of", value: "Not part of a named service or project"))
        }
        details.append(SummaryRow(key: "How it was run", value: activity.method.label))
        let organisations = activity.organisations.map(\.organisation.name).sorted()
        details.append(SummaryRow(key: "Organisations involved", value: organisations.joined(separator: ", ")))
        let groups = activity.groups.map(\.group.name).sorted()
        if !groups.isEmpty { details.append(SummaryRow(key: "Groups", value: groups.joined(separator: ", "))) }
        let meetings = try activity.meetings.map(\.meeting).sorted { $0.meetsOn < $1.meetsOn }.map { meeting in
            (label: "\(meeting.group.name), \(meeting.meetsOn.longForm)", href: Paths.meeting(try meeting.recordID))
        }
        let rungs = activity.ladder.definition
        return req.page(ShowPage(
            layout: req.layout(title: activity.title), title: activity.title, details: details, ladderName: rungs.name,
            planned: activity.plannedRung.definition, achieved: activity.achievedRung?.definition,
            participants: activity.participants, reached: activity.reached.map(\.reached).sorted {
                SeldomHeardGroup.allCases.firstIndex(of: $0)! < SeldomHeardGroup.allCases.firstIndex(of: $1)!
            }.map(\.label),
            participantsSaid: activity.participantsSaid, whatChanged: activity.whatChanged,
            loop: activity.loop(daysToTell: settings.daysToTell, today: req.today), howTold: activity.howTold,
            meetings: meetings, canRecord: viewer.can(.recordEngagement), editPath: Paths.editActivity(try activity.recordID)))
    }

    func new(req: Request) async throws -> Response {
        var form = Form()
        form.startsOn = DateInput(req.today)
        if let raw = req.query[String.self, at: "meeting"], let id = UUID(uuidString: raw),
           let meeting = try await MeetingStore(try req.store).lookUp(id) {
            form.meetingIds = [raw]
            form.groupIds = [meeting.$group.id.uuidString]
            form.startsOn = DateInput(meeting.meetsOn)
        }
        return try await renderForm(req, form: form, errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let activity = try await EngagementStore(try req.store).create(form.input)
            return req.redirect(to: Paths.activity(try activity.recordID), banner: "Activity recorded")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let activity = try await EngagementStore(try req.store).find(req.id("activityID"))
        return try await renderForm(req, form: Form(activity), errors: ValidationErrors(), editing: activity)
    }

    func update(req: Request) async throws -> Response {
        let store = EngagementStore(try req.store)
        let activity = try await store.find(req.id("activityID"))
        let form = try req.content.decode(Form.self)
        do {
            try await store.update(activity, with: form.input)
            return req.redirect(to: Paths.activity(try activity.recordID), banner: "Activity updated")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: activity)
        }
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: EngagementActivityModel?) async throws -> Response {
        let context = try req.store
        let store = EngagementStore(context)
        var ladder = editing?.ladder.definition
        if ladder == nil { ladder = try await store.settings().ladder }
        let rungs = ladder!
        let organisations = try await OrganisationStore(context).options()
        let groups = try await GroupStore(context).all()
        let services = try await ServiceStore(context).options()
        let linked = (form.meetingIds ?? []).compactMap(UUID.init(uuidString:))
        let meetings = try await store.meetingChoices(linked: linked, around: editing.map { ($0.startsOn, $0.finishedOn) })
        var fields: [FormField] = [
            .text("title", "Title", value: form.title, errors: errors, hint: "For example, \"Short breaks review workshop\""),
            .date("startsOn", "Start date", value: form.startsOn, errors: errors),
            .date("endsOn", "End date (if it ran over more than one day)", value: form.endsOn, errors: errors,
                  hint: "Leave blank for a one-day activity. For example, 27 3 2027"),
            .choice("serviceId", "Which service, strategy or project is it part of?", kind: .select,
                    options: [("", "Not part of a named service or project")] + services.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.serviceId ?? ""], errors: errors),
            .choice("method", "How was it run?", options: EngagementMethod.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.method ?? ""], errors: errors),
            .choice("organisationIds", "Organisations involved", kind: .checkboxes,
                    options: organisations.map { ($0.id!.uuidString, $0.name) }, selected: form.organisationIds ?? [], errors: errors),
        ]
        if !groups.isEmpty {
            fields.append(.choice("groupIds", "Groups it belongs to (optional)", kind: .checkboxes,
                                  options: groups.map { ($0.id!.uuidString, $0.name) }, selected: form.groupIds ?? [], errors: errors))
        }
        if !meetings.isEmpty {
            fields.append(.choice("meetingIds", "Meetings it was part of (optional)", kind: .checkboxes,
                                  options: meetings.map { ($0.id!.uuidString, "\($0.group.name), \($0.meetsOn.longForm)") },
                                  selected: form.meetingIds ?? [], errors: errors,
                                  hint: "Meetings from two weeks before the activity started to two weeks after it ended."))
        }
        let meanings = Dictionary(uniqueKeysWithValues: rungs.rungs.map { ($0.key, $0.meaning) })
        fields += [
            .choice("plannedRung", "Which rung of the ladder did you plan to reach?", options: rungs.rungs.reversed().map { ($0.key, $0.name) },
                    selected: [form.plannedRung ?? ""], errors: errors, hint: "On the \(rungs.name), highest first.", optionHints: meanings),
            .choice("achievedRung", "Which rung did it reach?", options: rungs.rungs.reversed().map { ($0.key, $0.name) } + [("", "Not known yet")],
                    selected: [form.achievedRung ?? ""], errors: errors,
                    hint: "Be honest: an activity planned as co-production that only asked for views reached consultation.", optionHints: meanings),
            .text("parentCarers", "Parent carers who took part", value: form.parentCarers, errors: errors, kind: .number, width: "5"),
            .text("childrenAndYoungPeople", "Children and young people who took part", value: form.childrenAndYoungPeople, errors: errors,
                  kind: .number, width: "5"),
            .text("professionals", "Professionals who took part", value: form.professionals, errors: errors, kind: .number, width: "5"),
            .choice("reached", "Seldom-heard groups it reached (optional)", kind: .checkboxes,
                    options: SeldomHeardGroup.allCases.map { ($0.rawValue, $0.label) }, selected: form.reached ?? [], errors: errors),
            .text("participantsSaid", "What participants said (optional)", value: form.participantsSaid, errors: errors,
                  hint: "The main points. Do not include names or anything else that could identify a family.", kind: .textarea),
            .text("whatChanged", "What changed as a result (optional)", value: form.whatChanged, errors: errors, kind: .textarea),
            .date("toldOn", "When were participants told what changed? (optional)", value: form.toldOn, errors: errors,
                  hint: "Leave blank until they have been told. For example, 27 3 2027"),
            .text("howTold", "How were they told? (optional)", value: form.howTold, errors: errors,
                  hint: "For example, \"You said, we did\" newsletter, or an e-mail to everyone who came"),
        ]
        if let editing, let id = editing.id.map(RecordID<EngagementActivityModel>.init) {
            return try await req.renderForm(title: "Update activity", caption: editing.title, action: Paths.editActivity(id), submitLabel: "Save changes",
                                            cancelPath: Paths.activity(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Record an engagement activity", action: Paths.newActivity.url(), submitLabel: "Record activity",
                                        cancelPath: Paths.engagement.url(), fields: fields, errors: errors)
    }
}

/// The filters of the activity list and the ladder profile, read from the address.
/// A value that names nothing in the area is ignored, so the list shows everything rather than nothing.
struct EngagementFilters: Sendable {
    let filter: EngagementFilter
    /// The filters as a query string for the pagination links and the CSV link.
    let query: String
    let years: [(value: String, label: String)]
    let services: [(value: String, label: String)]
    let organisations: [(value: String, label: String)]
    let selectedYear: String
    let selectedService: String
    let selectedOrganisation: String

    init(_ req: Request, path: String) async throws {
        let context = try req.store
        let yearOptions = try await EngagementStore(context).years()
        let serviceOptions = try await ServiceStore(context).options()
        let organisationOptions = try await OrganisationStore(context).options()
        var filter = EngagementFilter()
        var query: [String] = []
        if let raw = req.query[String.self, at: "year"], let year = ReportingYear(text: raw) {
            filter.year = year
            query.append("year=\(year.shortLabel)")
        }
        // Checked against the area itself, not the drop-downs, which stop at 500 names.
        if let raw = req.query[String.self, at: "service"], let id = UUID(uuidString: raw), try await ServiceStore(context).lookUp(id) != nil {
            filter.serviceID = id
            query.append("service=\(id.uuidString)")
        }
        if let raw = req.query[String.self, at: "organisation"], let id = try await OrganisationStore(context).resolve(raw) {
            filter.organisationID = id
            query.append("organisation=\(id.uuidString)")
        }
        if req.query[String.self, at: "told"] == "no" {
            filter.notToldOnly = true
            query.append("told=no")
        }
        self.filter = filter
        self.query = query.joined(separator: "&")
        years = [("", "Every year")] + yearOptions.map { ($0.shortLabel, $0.label) }
        services = [("", "Every service and project")] + serviceOptions.map { ($0.id!.uuidString, $0.name) }
        organisations = [("", "Every organisation")] + organisationOptions.map { ($0.id!.uuidString, $0.name) }
        selectedYear = filter.year?.shortLabel ?? ""
        selectedService = filter.serviceID?.uuidString ?? ""
        selectedOrganisation = filter.organisationID?.uuidString ?? ""
    }
}
