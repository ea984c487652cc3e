import Domain
import Fluent
import Foundation

/// One meeting of a group, on the UK clock it was arranged in.
final class MeetingModel: Model, @unchecked Sendable {
    static let schema = "meetings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "group_id") var group: GroupModel
    /// Meetings arranged together share a series; each can still be moved or cancelled alone.
    @OptionalField(key: "series_id") var seriesID: UUID?
    @Field(key: "meets_on") var meetsOn: CalendarDate
    @Field(key: "starts_at") var startsAt: TimeOfDay
    @Field(key: "ends_at") var endsAt: TimeOfDay
    @OptionalField(key: "venue") var venue: String?
    @OptionalField(key: "online_link") var onlineLink: String?
    @Field(key: "refreshments") var refreshments: Bool
    @OptionalParent(key: "chair_id") var chair: PersonModel?
    /// Who meets and welcomes forum representatives (seed 000, 4.6 f).
    @OptionalParent(key: "contact_id") var contact: PersonModel?
    /// The council or NHS officer who arranges it (4.6 b).
    @OptionalParent(key: "officer_id") var officer: PersonModel?
    @Field(key: "status") var status: MeetingStatus
    @OptionalField(key: "cancelled_reason") var cancelledReason: String?
    /// Goes up with every change people's calendars should pick up.
    @Field(key: "sequence") var sequence: Int
    @OptionalField(key: "attendance_recorded_at") var attendanceRecordedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, groupID: UUID, seriesID: UUID?, details: MeetingDetails, people: MeetingPeople) {
        self.$area.id = areaID
        self.$group.id = groupID
        self.seriesID = seriesID
        self.status = .scheduled
        self.sequence = 0
        apply(details, people: people)
    }

    func apply(_ details: MeetingDetails, people: MeetingPeople) {
        meetsOn = details.date
        startsAt = details.startsAt
        endsAt = details.endsAt
        venue = details.venue
        onlineLink = details.onlineLink
        refreshments = details.refreshments
        $chair.id = people.chairID
        $contact.id = people.contactID
        $officer.id = people.officerID
    }

    var details: MeetingDetails {
        MeetingDetails(date: meetsOn, startsAt: startsAt, endsAt: endsAt, venue: venue, onlineLink: onlineLink, refreshments: refreshments)
    }

    /// "Tuesday 3 March 2026, 10am to 12pm".
    var when: String { "\(meetsOn.weekdayName) \(meetsOn.longForm), \(startsAt.spoken) to \(endsAt.spoken)" }

    /// "Riverside Hub, or online" for a list.
    var place: String {
        switch (venue, onlineLink) {
        case let (venue?, _?): "\(venue), or online"
        case let (venue?, nil): venue
        default: "Online"
        }
    }
}

/// Who has a part in a meeting: each is a member of the group, or nobody yet.
struct MeetingPeople: Sendable, Equatable {
    var chairID: UUID?
    var contactID: UUID?
    var officerID: UUID?
}

/// Whether one person on the group's list came to a meeting, and for which organisation.
final class AttendanceModel: Model, @unchecked Sendable {
    static let schema = "meeting_attendance"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: MeetingModel
    /// Nil once the person's record is removed; the row still counts for their organisation.
    @OptionalParent(key: "person_id") var person: PersonModel?
    /// The organisation they came for, as it was on the day.
    @OptionalParent(key: "organisation_id") var organisation: OrganisationModel?
    @Field(key: "status") var status: AttendanceStatus
    @Field(key: "makes_decisions") var makesDecisions: Bool

    init() {}

    init(meetingID: UUID, personID: UUID, organisationID: UUID?, status: AttendanceStatus, makesDecisions: Bool) {
        self.$meeting.id = meetingID
        self.$person.id = personID
        self.$organisation.id = organisationID
        self.status = status
        self.makesDecisions = makesDecisions
    }
}

struct CreateMeetings: AsyncMigration {
    var name: String { "CreateMeetings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("meetings")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("group_id", .uuid, .required, .references("groups", "id", onDelete: .cascade))
            .field("series_id", .uuid)
            .field("meets_on", .string, .required)
            .field("starts_at", .string, .required)
            .field("ends_at", .string, .required)
            .field("venue", .string)
            .field("online_link", .string)
            .field("refreshments", .bool, .required)
            .field("chair_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("contact_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("officer_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("cancelled_reason", .string)
            .field("sequence", .int, .required)
            .field("attendance_recorded_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // The area's list and the home page go by date; a group's page lists its own.
        try await database.createIndex("idx_meetings_area_date", on: "meetings", columns: ["area_id", "meets_on", "starts_at"])
        try await database.createIndex("idx_meetings_group_date", on: "meetings", columns: ["group_id", "meets_on", "starts_at"])
        try await database.createIndex("idx_meetings_chair", on: "meetings", columns: ["chair_id"])
        try await database.createIndex("idx_meetings_contact", on: "meetings", columns: ["contact_id"])
        try await database.createIndex("idx_meetings_officer", on: "meetings", columns: ["officer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meetings").delete()
    }
}

struct CreateMeetingAttendance: AsyncMigration {
    var name: String { "CreateMeetingAttendance" }

    func prepare(on database: any Database) async throws {
        try await database.schema("meeting_attendance")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("makes_decisions", .bool, .required)
            .unique(on: "meeting_id", "person_id", name: "uq_meeting_attendance_person")
            .create()
        try await database.createIndex("idx_meeting_attendance_person", on: "meeting_attendance", columns: ["person_id"])
        try await database.createIndex("idx_meeting_attendance_organisation", on: "meeting_attendance", columns: ["organisation_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meeting_attendance").delete()
    }
}

extension MeetingModel {
    /// Refuses a change that only makes sense before the meeting starts, naming the form field and why.
    func ensureNotStarted(now: Date, field: String, message: String) throws {
        guard details.start > UKDateTime(now) else { throw ValidationErrors(field: field, message: message) }
    }
}
