import Fluent
import Foundation

/// Who read or changed personal data, and when.
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

    init() {}

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
    }
}
