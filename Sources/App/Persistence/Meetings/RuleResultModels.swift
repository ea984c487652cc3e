import Domain
import Fluent
import Foundation

/// A rule's result for one meeting as last checked, kept so the agreement's
/// health over a year is one query, not a fresh check of every meeting.
final class MeetingRuleResultModel: Model, @unchecked Sendable {
    static let schema = "meeting_rule_results"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "meeting_id") var meeting: MeetingModel
    @Parent(key: "group_id") var group: GroupModel
    @Parent(key: "clause_id") var clause: ClauseModel
    /// The meeting's day, kept here so a year's results are one indexed range.
    @Field(key: "meets_on") var meetsOn: CalendarDate
    @Field(key: "result") var result: MeetingRuleCheck.Result
    @Field(key: "evidence") var evidence: String
    @Field(key: "checked_at") var checkedAt: Date

    init() {}

    init(meeting: MeetingModel, clauseID: UUID, outcome: MeetingRuleCheck.Outcome, checkedAt: Date) throws {
        self.$area.id = meeting.$area.id
        self.$meeting.id = try meeting.requireID()
        self.$group.id = meeting.$group.id
        self.$clause.id = clauseID
        self.meetsOn = meeting.meetsOn
        self.result = outcome.result
        self.evidence = outcome.evidence
        self.checkedAt = checkedAt
    }
}

struct CreateMeetingRuleResults: AsyncMigration {
    var name: String { "CreateMeetingRuleResults" }

    func prepare(on database: any Database) async throws {
        try await database.schema("meeting_rule_results")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("group_id", .uuid, .required, .references("groups", "id", onDelete: .cascade))
            .field("clause_id", .uuid, .required, .references("clauses", "id", onDelete: .cascade))
            .field("meets_on", .string, .required)
            .field("result", .string, .required)
            .field("evidence", .string, .required)
            .field("checked_at", .datetime, .required)
            .unique(on: "meeting_id", "clause_id", name: "uq_meeting_rule_results_meeting_clause")
            .create()
        try await database.createIndex("idx_meeting_rule_results_area", on: "meeting_rule_results", columns: ["area_id", "meets_on"])
        try await database.createIndex("idx_meeting_rule_results_group", on: "meeting_rule_results", columns: ["group_id", "meets_on"])
        try await database.createIndex("idx_meeting_rule_results_clause", on: "meeting_rule_results", columns: ["clause_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meeting_rule_results").delete()
    }
}
