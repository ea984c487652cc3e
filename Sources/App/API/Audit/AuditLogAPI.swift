import Domain
import Fluent
import OpenAPIKit
import Vapor

// The audit log in the JSON API, for area admins: the same entries and filters as the page.

extension API {
    struct AuditChangeLine: Content {
        let field: String
        let before: String?
        let after: String?
    }

    struct AuditEntry: Content {
        let id: UUID
        let occurredAt: String
        let actorName: String
        let action: String
        let subjectType: String
        let subjectId: UUID?
        let subjectLabel: String
        let detail: String?
        let views: Int
        let changes: [AuditChangeLine]

        init(_ model: AuditEventModel) throws {
            id = try model.requireID()
            occurredAt = API.instant(model.occurredAt)
            actorName = model.actorName
            action = model.action
            subjectType = model.subjectType
            subjectId = model.subjectID
            subjectLabel = model.subjectLabel
            detail = model.detail
            views = model.views
            changes = model.changes.map { AuditChangeLine(field: $0.field, before: $0.before, after: $0.after) }
        }
    }
}

struct AuditLogAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "AuditChange": .object(properties: [
            "field": .string,
            "before": optionalString("Null when the field had no value, or the record is new"),
            "after": optionalString("Null when the field has no value now, or the record was deleted"),
        ]),
        "AuditEntry": .object(properties: [
            "id": .string(format: .uuid),
            "occurredAt": .string(format: .dateTime),
            "actorName": .string,
            "action": .string(allowedValues: allowed(AuditAction.allCases.map(\.rawValue), nullable: false)),
            "subjectType": .string,
            "subjectId": optionalString(format: .uuid),
            "subjectLabel": .string,
            "detail": optionalString(),
            "views": .integer(description: "How many views of the record by the same person this entry counts; 1 for a change", minimum: (1, exclusive: false)),
            "changes": .array(items: .reference(.component(named: "AuditChange"))),
        ]),
    ]

    static let queries: [APIQuery] = [
        APIQuery("actorId", .string(format: .uuid, required: false), "Only entries by this account"),
        APIQuery("kind", .string(required: false, allowedValues: allowed(AuditLogController.kindNames.keys.sorted(), nullable: false)),
                 "Only entries about this kind of record"),
        APIQuery("recordId", .string(format: .uuid, required: false), "Only entries about this record: its history"),
        APIQuery("action", .string(required: false, allowedValues: allowed(AuditAction.allCases.map(\.rawValue), nullable: false)),
                 "Only entries of this kind"),
        APIQuery("since", .string(format: .date, required: false), "Only entries on or after this day (UK time), written YYYY-MM-DD"),
    ]

    static func operations() -> [APIOperation] {
        [
            APIOperation("listAuditLog", .GET, Paths.API.auditLog, .requires(.viewAuditLog), tag: "Audit log",
                         summary: "The area's audit log, newest first: who viewed or changed what, with each change before and after",
                         reply: .page("AuditEntry"), queries: queries, handler: AuditLogAPI().list),
            APIOperation("downloadAuditLog", .GET, Paths.API.auditLogCSV, .requires(.viewAuditLog), tag: "Audit log",
                         summary: "The whole audit log as a spreadsheet (CSV), a line for each field changed; the download is audited",
                         reply: .csv("The log, newest first"), handler: AuditLogController().csv),
        ]
    }

    func list(req: Request) async throws -> API.Page<API.AuditEntry> {
        let page = try API.pageRequest(req)
        var filter = AuditLogFilter()
        var errors = ValidationErrors()
        if let raw = try API.queryParameter(req, "actorId") {
            if let id = UUID(uuidString: raw) { filter.actorAccountID = id } else { errors.add(field: "actorId", message: "actorId must be an account's id") }
        }
        if let raw = try API.queryParameter(req, "kind") {
            if AuditLogController.kindNames[raw] != nil { filter.subjectType = raw }
            else { errors.add(field: "kind", message: "kind must be one of " + AuditLogController.kindNames.keys.sorted().joined(separator: ", ")) }
        }
        if let raw = try API.queryParameter(req, "recordId") {
            if let id = UUID(uuidString: raw) { filter.subjectID = id } else { errors.add(field: "recordId", message: "recordId must be a record's id") }
        }
        if let raw = try API.queryParameter(req, "action") {
            if let action = AuditAction(rawValue: raw) { filter.action = action }
            else { errors.add(field: "action", message: "action must be one of " + AuditAction.allCases.map(\.rawValue).joined(separator: ", ")) }
        }
        if let raw = try API.queryParameter(req, "since") {
            if let day = CalendarDate(iso8601: raw) { filter.since = day.startInstant } else { errors.add(field: "since", message: "since must be a date written YYYY-MM-DD") }
        }
        try errors.throwIfAny()
        let (events, total) = try await AuditLogStore(try req.store).page(filter, page)
        return API.Page(items: try events.map(API.AuditEntry.init), page: page.number, perPage: page.size, total: total)
    }
}
