import Domain
import Fluent
import Foundation

/// Who read or changed a record, when, and what changed.
final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @OptionalField(key: "actor_account_id") var actorAccountID: UUID?
    /// Kept as text so the record still reads well after the account is gone.
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "subject_type") var subjectType: String
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @Field(key: "subject_label") var subjectLabel: String
    @OptionalField(key: "detail") var detail: String?
    @Field(key: "occurred_at") var occurredAt: Date
    /// Each field that changed, before and after, as JSON (`AuditChange`); nil for a view or a note.
    @OptionalField(key: "changes") var changesJSON: String?
    /// How many times the person viewed the record in this entry (`AuditViewGrouping`); 1 for a change.
    @Field(key: "views") var views: Int
    /// The latest view this entry counts.
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?

    init() {}

    var changes: [AuditChange] {
        get { changesJSON.flatMap { try? JSONDecoder().decode([AuditChange].self, from: Data($0.utf8)) } ?? [] }
        set { changesJSON = newValue.isEmpty ? nil : (try? JSONEncoder().encode(newValue)).flatMap { String(data: $0, encoding: .utf8) } }
    }

    init(areaID: UUID, actorAccountID: UUID?, actorName: String, action: String, subjectType: String,
         subjectID: UUID?, subjectLabel: String, detail: String?, occurredAt: Date) {
        self.$area.id = areaID
        self.actorAccountID = actorAccountID
        self.actorName = actorName
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.subjectLabel = subjectLabel
        self.detail = detail
        self.occurredAt = occurredAt
        self.views = 1
    }
}

/// Before-and-after changes, view counts, and the indexes the log's filters use.
struct ExtendAuditEvents: AsyncMigration {
    var name: String { "ExtendAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events").field("changes", .string).update()
        try await database.schema("audit_events").field("views", .int, .required, .sql(.default(1))).update()
        try await database.schema("audit_events").field("last_seen_at", .datetime).update()
        try await database.createIndex("idx_audit_events_area_actor_time", on: "audit_events", columns: ["area_id", "actor_account_id", "occurred_at"])
        try await database.createIndex("idx_audit_events_area_type_time", on: "audit_events", columns: ["area_id", "subject_type", "occurred_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_audit_events_area_type_time", on: "audit_events")
        try await database.dropIndex("idx_audit_events_area_actor_time", on: "audit_events")
        for field in ["last_seen_at", "views", "changes"] { try await database.schema("audit_events").deleteField(.string(field)).update() }
    }
}
