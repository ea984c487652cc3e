import Domain
import Fluent
import Foundation

/// A meeting's minutes and decisions.
final class MinutesModel: Model, @unchecked Sendable {
    static let schema = "meeting_minutes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: MeetingModel
    @Field(key: "text") var text: String
    @Field(key: "decisions") var decisions: [String]
    @Field(key: "status") var status: MinutesStatus
    @OptionalField(key: "circulated_at") var circulatedAt: Date?
    /// When they first went out: a corrected copy sent later does not move it.
    @OptionalField(key: "first_circulated_at") var firstCirculatedAt: Date?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    /// The group's meeting that agreed them as a true record.
    @OptionalParent(key: "approved_at_meeting_id") var approvedAtMeeting: MeetingModel?
    @Field(key: "written_by") var writtenBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(meetingID: UUID, details: MinutesDetails, writtenBy: String) {
        self.$meeting.id = meetingID
        self.status = .draft
        self.writtenBy = writtenBy
        apply(details)
    }

    func apply(_ details: MinutesDetails) {
        text = details.text
        decisions = details.decisions
    }
}

/// An action agreed at a meeting. Open actions come back to the group's later
/// meetings as matters arising until they are closed.
final class ActionModel: Model, @unchecked Sendable {
    static let schema = "meeting_actions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "group_id") var group: GroupModel
    /// The meeting that agreed it.
    @Parent(key: "meeting_id") var meeting: MeetingModel
    @Field(key: "text") var text: String
    @OptionalParent(key: "owner_id") var owner: PersonModel?
    @OptionalField(key: "due_on") var dueOn: CalendarDate?
    @Field(key: "status") var status: ActionStatus
    @OptionalField(key: "notes") var notes: String?
    @OptionalField(key: "closed_on") var closedOn: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(areaID: UUID, groupID: UUID, meetingID: UUID, details: ActionDetails, ownerID: UUID?) {
        self.$area.id = areaID
        self.$group.id = groupID
        self.$meeting.id = meetingID
        self.status = .open
        apply(details, ownerID: ownerID)
    }

    func apply(_ details: ActionDetails, ownerID: UUID?) {
        text = details.text
        dueOn = details.dueOn
        notes = details.notes
        $owner.id = ownerID
    }

    func isOverdue(today: CalendarDate) -> Bool { ActionDetails.isOverdue(status: status, dueOn: dueOn, today: today) }
}

struct CreateMinutesAndActions: AsyncMigration {
    var name: String { "CreateMinutesAndActions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("meeting_minutes")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("decisions", .array(of: .string), .required)
            .field("status", .string, .required)
            .field("circulated_at", .datetime)
            .field("approved_at", .datetime)
            .field("approved_at_meeting_id", .uuid, .references("meetings", "id", onDelete: .setNull))
            .field("written_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "meeting_id", name: "uq_meeting_minutes_meeting")
            .create()

        try await database.schema("meeting_actions")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("group_id", .uuid, .required, .references("groups", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("owner_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("notes", .string)
            .field("closed_on", .string)
            .field("created_at", .datetime)
            .create()
        // Matters arising are a group's open actions; the home page counts an owner's overdue ones.
        try await database.createIndex("idx_meeting_actions_group", on: "meeting_actions", columns: ["group_id", "status", "due_on"])
        try await database.createIndex("idx_meeting_actions_owner", on: "meeting_actions", columns: ["owner_id", "status", "due_on"])
        try await database.createIndex("idx_meeting_actions_meeting", on: "meeting_actions", columns: ["meeting_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meeting_actions").delete()
        try await database.schema("meeting_minutes").delete()
    }
}
