import Domain
import Vapor

/// The audit log: who viewed or changed what, and each change before and
/// after, newest first, narrowed by who, what kind of record, one record's
/// history, what was done and when; and the same as a spreadsheet.
struct AuditLogController {
    struct Row {
        let when: String
        let who: String
        let action: String
        let kind: String
        let subject: String
        let subjectHref: String?
        let detail: String
        let changes: [AuditChange]
        let views: Int
    }

    struct Page {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let heading: String
        let actors: [(value: String, label: String)]
        let kinds: [(value: String, label: String)]
        let actions: [(value: String, label: String)]
        let periods: [(value: String, label: String)]
        let selected: (actor: String, kind: String, action: String, period: String)
        let record: (id: String, label: String)?
        let description: String?
        let downloadPath: String
    }

    /// How far back the log is read.
    enum Period: String, CaseIterable {
        case today, week = "7-days", month = "30-days", year = "12-months"

        var label: String {
            switch self {
            case .today: "Today"
            case .week: "The last 7 days"
            case .month: "The last 30 days"
            case .year: "The last 12 months"
            }
        }

        func start(today: CalendarDate) -> Date {
            let day: CalendarDate = switch self {
            case .today: today
            case .week: today.adding(days: -6)
            case .month: today.adding(days: -29)
            case .year: today.adding(months: -12)
            }
            return day.startInstant
        }
    }

    /// The filters from the address, read forgivingly: an unknown value means no filter.
    private func filter(_ req: Request) -> (AuditLogFilter, ListQuery, Period?) {
        var filter = AuditLogFilter()
        var query = ListQuery()
        filter.actorAccountID = req.query[String.self, at: "who"].flatMap(UUID.init(uuidString:))
        query.add("who", filter.actorAccountID?.uuidString)
        filter.subjectType = req.query[String.self, at: "kind"].flatMap { kind in Self.kindNames.keys.contains(kind) ? kind : nil }
        query.add("kind", filter.subjectType)
        filter.subjectID = req.query[String.self, at: "record"].flatMap(UUID.init(uuidString:))
        query.add("record", filter.subjectID?.uuidString)
        filter.action = req.query[String.self, at: "action"].flatMap(AuditAction.init(rawValue:))
        query.add("action", filter.action?.rawValue)
        let period = req.query[String.self, at: "when"].flatMap(Period.init(rawValue:))
        filter.since = period?.start(today: req.today)
        query.add("when", period?.rawValue)
        return (filter, query, period)
    }

    func index(req: Request) async throws -> Response {
        let page = ListPage(req)
        let store = AuditLogStore(try req.store)
        let (filter, query, period) = filter(req)
        let (events, total) = try await store.page(filter, page)
        let rows = events.map(Self.row)
        let record = filter.subjectID.map { id in (id: id.uuidString, label: events.first?.subjectLabel ?? "this record") }
        var described: [String] = []
        if let action = filter.action { described.append(action.label.lowercased()) }
        if let type = filter.subjectType { described.append("about \(Self.kindName(type).lowercased())") }
        if let period { described.append(period.label.lowercased()) }
        let actors = try await store.actors()
        if let who = filter.actorAccountID { described.append("by \(actors.first { $0.id == who }?.name ?? "one person")") }
        return req.page(Page(
            layout: req.layout(title: record.map { "History of \($0.label)" } ?? "Audit log"), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.auditLog.url(), extraQuery: query.encoded),
            heading: record.map { "History of \($0.label)" } ?? "Audit log",
            actors: [("", "Anyone")] + actors.map { ($0.id.uuidString, $0.name) },
            kinds: [("", "Any kind of record")] + Self.kindNames.sorted { $0.value < $1.value }.map { ($0.key, $0.value) },
            actions: [("", "Anything")] + AuditAction.allCases.map { ($0.rawValue, $0.label) },
            periods: [("", "Any time")] + Period.allCases.map { ($0.rawValue, $0.label) },
            selected: (filter.actorAccountID?.uuidString ?? "", filter.subjectType ?? "", filter.action?.rawValue ?? "", period?.rawValue ?? ""),
            record: record, description: described.isEmpty ? nil : "\(total) \(total == 1 ? "entry" : "entries"): " + described.joined(separator: ", "),
            downloadPath: query.url(Paths.auditLogCSV.url())))
    }

    /// The entries the filters pick, one line for each field changed, as a
    /// spreadsheet: read 500 at a time, each batch from where the last ended,
    /// up to `AuditLogStore.maximumExport` entries. The download is itself audited.
    func csv(req: Request) async throws -> Response {
        let context = try req.store
        let store = AuditLogStore(context)
        let (filter, _, _) = filter(req)
        var lines: [[String]] = []
        var read = 0
        var last: AuditEventModel?
        while read < AuditLogStore.maximumExport {
            let events = try await store.batch(filter, after: last, size: 500)
            for event in events {
                let about = [API.instant(event.occurredAt), event.actorName, AuditAction(rawValue: event.action)?.label ?? event.action,
                             Self.kindName(event.subjectType), event.subjectLabel, event.detail ?? "", String(event.views)]
                let changes = event.changes
                if changes.isEmpty { lines.append(about + ["", "", ""]) }
                for change in changes { lines.append(about + [change.field, change.before ?? "", change.after ?? ""]) }
            }
            read += events.count
            guard events.count == 500 else { break }
            last = events.last
        }
        let downloaded = read
        try await context.write { context in
            try await context.audit(.export, subjectType: "audit-log", subjectID: nil, subjectLabel: "Audit log",
                                    detail: "Downloaded \(downloaded) \(downloaded == 1 ? "entry" : "entries")")
        }
        return try CSVDownload.response(fileName: "audit-log.csv", header: [
            "When (UTC)", "Who", "What", "Kind of record", "Record", "Details", "Times viewed", "Field", "Before", "After",
        ], rows: lines)
    }

    static func row(_ event: AuditEventModel) -> Row {
        let action = AuditAction(rawValue: event.action)
        return Row(when: AccountsController.format(event.occurredAt), who: event.actorName, action: action?.label ?? event.action,
                   kind: kindName(event.subjectType), subject: event.subjectLabel,
                   // A deleted record has no page to open.
                   subjectHref: action == .delete ? nil : event.subjectID.flatMap { Site.auditLink(subjectType: event.subjectType, id: $0) },
                   detail: event.detail ?? "", changes: event.changes, views: event.views)
    }

    /// The kinds of record the log keeps, in plain words.
    static let kindNames: [String: String] = [
        "person": "People", "people": "The people list", "organisation": "Organisations", "group": "Groups", "agreement": "Agreements",
        "complaint": "Complaints", "account": "Accounts", "meeting": "Meetings", OutboxStore.auditType: "E-mails",
        "engagement-settings": "Engagement settings", "complaint-settings": "Complaint handling", "audit-log": "The audit log",
        "complaints": "The complaints list", EngagementActivityModel.auditType: "Engagement activities", ServiceModel.auditType: "Services", AssessmentModel.auditType: "Self-evaluations",
    ]

    static func kindName(_ type: String) -> String { kindNames[type] ?? type }
}

extension AuditLogController.Page: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">\(heading)</h1>
        <p class="body">Who viewed or changed what, and what each change was, newest first. Views of a forum member's details by one person within half an hour are counted in one entry.</p>
        <form method="get" action="\(Paths.auditLog.url())" class="filter filter--grid" aria-label="Narrow the log">
          \(record.map { "<input type=\"hidden\" name=\"record\" value=\"\($0.id)\">" as Markup })
          \(FormComponents.filterSelect(name: "who", label: "Who", options: actors, selected: selected.actor))
          \(if: record == nil, FormComponents.filterSelect(name: "kind", label: "Kind of record", options: kinds, selected: selected.kind))
          \(FormComponents.filterSelect(name: "action", label: "What they did", options: actions, selected: selected.action))
          \(FormComponents.filterSelect(name: "when", label: "When", options: periods, selected: selected.period))
          <div class="form-group"><button type="submit" class="button button--secondary">Show entries</button></div>
        </form>
        \(description.map { "<p class=\"body\" role=\"status\">\($0). <a href=\"\(record.map { Paths.history(of: UUID(uuidString: $0.id)!) } ?? Paths.auditLog.url())\">Clear these choices</a></p>" as Markup })
        \(if: record != nil, "<p class=\"body\"><a href=\"\(Paths.auditLog.url())\">The whole audit log</a></p>")
        \(rows.isEmpty ? "<p class=\"body\">No entries.</p>" : TableComponents.table(caption: "Audit log, newest first", [
            TableColumn("When") { "\($0.when)" },
            TableColumn("Who") { "\($0.who)" },
            TableColumn("What") { row in "\(row.action)\(if: row.views > 1, " (\(row.views) times)")" },
            TableColumn("Record") { row in
                "<span class=\"secondary-text\">\(row.kind):</span> \(row.subjectHref.map { "<a href=\"\($0)\">\(row.subject)</a>" as Markup } ?? "\(row.subject)")"
            },
            TableColumn("Details") { row in
                """
                \(row.detail)
                \(if: !row.changes.isEmpty, """
                <ul class="list list--changes">\(row.changes.markup { "<li>\($0.summary)</li>" })</ul>
                """)
                """
            },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        <p class="body"><a href="\(downloadPath)" download>Download these entries as a spreadsheet (CSV)</a></p>
        """
    }
}
