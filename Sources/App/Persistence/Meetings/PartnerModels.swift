import Domain
import Fluent
import Foundation

/// A partner organisation's part in one meeting's agenda: when it was asked
/// for items, and whether it agreed the final agenda (seed 000, 6.1).
final class AgendaPartnerModel: Model, @unchecked Sendable {
    static let schema = "agenda_partners"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: MeetingModel
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    /// When it was first asked for items; asking again does not move it.
    @OptionalField(key: "asked_at") var askedAt: Date?
    @OptionalField(key: "items_due_on") var itemsDueOn: CalendarDate?
    /// How many addresses the request went to.
    @Field(key: "asked_addresses") var askedAddresses: Int
    @OptionalField(key: "agreed_at") var agreedAt: Date?
    @OptionalField(key: "agreed_by") var agreedBy: String?
    /// A digest of the agenda as it was agreed, to tell whether it changed since.
    @OptionalField(key: "agreed_agenda") var agreedAgenda: String?

    init() {}

    init(meetingID: UUID, organisationID: UUID) {
        self.$meeting.id = meetingID
        self.$organisation.id = organisationID
        self.askedAddresses = 0
    }
}

/// The minutes of a meeting record that it discussed a complaint (seed 000, 6.3).
final class ComplaintDiscussionModel: Model, @unchecked Sendable {
    static let schema = "complaint_discussions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "complaint_id") var complaint: ComplaintModel
    @Parent(key: "meeting_id") var meeting: MeetingModel
    /// The meeting's date, kept here so "discussed at an earlier meeting" is one indexed look-up.
    @Field(key: "meets_on") var meetsOn: CalendarDate
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    init(complaintID: UUID, meetingID: UUID, meetsOn: CalendarDate, recordedBy: String) {
        self.$complaint.id = complaintID
        self.$meeting.id = meetingID
        self.meetsOn = meetsOn
        self.recordedBy = recordedBy
    }
}

struct CreateAgendaPartnersAndComplaintDiscussions: AsyncMigration {
    var name: String { "CreateAgendaPartnersAndComplaintDiscussions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("agenda_partners")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("asked_at", .datetime)
            .field("items_due_on", .string)
            .field("asked_addresses", .int, .required)
            .field("agreed_at", .datetime)
            .field("agreed_by", .string)
            .field("agreed_agenda", .string)
            .unique(on: "meeting_id", "organisation_id", name: "uq_agenda_partners_meeting_organisation")
            .create()
        try await database.createIndex("idx_agenda_partners_organisation", on: "agenda_partners", columns: ["organisation_id"])

        try await database.schema("complaint_discussions")
            .id()
            .field("complaint_id", .uuid, .required, .references("complaints", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("meets_on", .string, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "complaint_id", "meeting_id", name: "uq_complaint_discussions_complaint_meeting")
            .create()
        try await database.createIndex("idx_complaint_discussions_complaint", on: "complaint_discussions", columns: ["complaint_id", "meets_on"])
        try await database.createIndex("idx_complaint_discussions_meeting", on: "complaint_discussions", columns: ["meeting_id"])

        // The minutes rule counts from the first time they went out, not from a corrected copy.
        try await database.schema("meeting_minutes").field("first_circulated_at", .datetime).update()
        try await database.schema("complaints").field("discussed_through", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complaints").deleteField("discussed_through").update()
        try await database.schema("meeting_minutes").deleteField("first_circulated_at").update()
        try await database.schema("complaint_discussions").delete()
        try await database.schema("agenda_partners").delete()
    }
}
