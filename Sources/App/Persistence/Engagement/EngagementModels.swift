import Domain
import Fluent
import Foundation

/// An area's copy of a ladder of participation. Once an activity is recorded
/// on it, a ladder and its rungs never change, so old activities keep meaning
/// what they meant when an area moves to another ladder.
final class LadderModel: Model, @unchecked Sendable {
    static let schema = "engagement_ladders"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "source") var source: String
    @Children(for: \.$ladder) var rungs: [RungModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(areaID: UUID, definition: LadderDefinition) {
        $area.id = areaID
        key = definition.key
        name = definition.name
        source = definition.source
    }

    /// The ladder as plain data; needs its rungs loaded.
    var definition: LadderDefinition {
        LadderDefinition(key: key, name: name, source: source,
                         rungs: rungs.sorted { $0.position < $1.position }.map(\.definition))
    }
}

final class RungModel: Model, @unchecked Sendable {
    static let schema = "engagement_rungs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "ladder_id") var ladder: LadderModel
    /// 0 for the lowest rung.
    @Field(key: "position") var position: Int
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "meaning") var meaning: String
    @Field(key: "standard_level") var standardLevel: Int

    init() {}

    init(ladderID: UUID, position: Int, definition: RungDefinition) {
        $ladder.id = ladderID
        self.position = position
        key = definition.key
        name = definition.name
        meaning = definition.meaning
        standardLevel = definition.standardLevel
    }

    var definition: RungDefinition { RungDefinition(key: key, name: name, meaning: meaning, standardLevel: standardLevel) }
}

/// The area's choices for engagement: the ladder new activities are recorded
/// on, and how many days after an activity ends its participants should be told what changed.
final class EngagementSettingsModel: Model, @unchecked Sendable {
    static let schema = "engagement_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "ladder_id") var ladder: LadderModel
    @Field(key: "days_to_tell") var daysToTell: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, ladderID: UUID, daysToTell: Int) {
        $area.id = areaID
        $ladder.id = ladderID
        self.daysToTell = daysToTell
    }
}

/// A service, strategy, commissioning work or project of the area.
final class ServiceModel: Model, @unchecked Sendable {
    static let schema = "services"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "name") var name: String
    @Field(key: "sort_name") var sortName: String
    @Field(key: "kind") var kind: ServiceKind
    @OptionalParent(key: "lead_organisation_id") var leadOrganisation: OrganisationModel?
    @OptionalField(key: "summary") var summary: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, details: ServiceDetails, leadOrganisationID: UUID?) {
        $area.id = areaID
        apply(details, leadOrganisationID: leadOrganisationID)
    }

    func apply(_ details: ServiceDetails, leadOrganisationID: UUID?) {
        name = details.name
        sortName = TextInput.comparisonKey(details.name)
        kind = details.kind
        summary = details.summary
        $leadOrganisation.id = leadOrganisationID
    }
}

final class EngagementActivityModel: Model, @unchecked Sendable {
    static let schema = "engagement_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    /// The ladder it was recorded on; both its rungs are on it.
    @Parent(key: "ladder_id") var ladder: LadderModel
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: CalendarDate
    @OptionalField(key: "ends_on") var endsOn: CalendarDate?
    /// The day it ended, or started when it has no end date, for the "were people told" list's index.
    @Field(key: "finished_on") var finishedOn: CalendarDate
    /// The April-to-March year it started in, kept so profiles group by year with an index.
    @Field(key: "reporting_year") var reportingYear: Int
    @OptionalParent(key: "service_id") var service: ServiceModel?
    @Field(key: "method") var method: EngagementMethod
    @Parent(key: "planned_rung_id") var plannedRung: RungModel
    @OptionalParent(key: "achieved_rung_id") var achievedRung: RungModel?
    @Field(key: "parent_carers") var parentCarers: Int
    @Field(key: "children_and_young_people") var childrenAndYoungPeople: Int
    @Field(key: "professionals") var professionals: Int
    @OptionalField(key: "participants_said") var participantsSaid: String?
    @OptionalField(key: "what_changed") var whatChanged: String?
    @OptionalField(key: "told_on") var toldOn: CalendarDate?
    @OptionalField(key: "how_told") var howTold: String?
    @Children(for: \.$activity) var organisations: [ActivityOrganisationModel]
    @Children(for: \.$activity) var groups: [ActivityGroupModel]
    @Children(for: \.$activity) var meetings: [ActivityMeetingModel]
    @Children(for: \.$activity) var reached: [ActivityReachModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, ladderID: UUID) {
        $area.id = areaID
        $ladder.id = ladderID
    }

    func apply(_ details: EngagementActivityDetails, serviceID: UUID?, plannedRungID: UUID, achievedRungID: UUID?) {
        title = details.title
        startsOn = details.startsOn
        endsOn = details.endsOn
        finishedOn = details.endsOn ?? details.startsOn
        reportingYear = details.reportingYear.startYear
        $service.id = serviceID
        method = details.method
        $plannedRung.id = plannedRungID
        $achievedRung.id = achievedRungID
        parentCarers = details.participants.parentCarers
        childrenAndYoungPeople = details.participants.childrenAndYoungPeople
        professionals = details.participants.professionals
        participantsSaid = details.participantsSaid
        whatChanged = details.whatChanged
        toldOn = details.toldOn
        howTold = details.howTold
    }

    var participants: ParticipantCounts {
        ParticipantCounts(parentCarers: parentCarers, childrenAndYoungPeople: childrenAndYoungPeople, professionals: professionals)
    }

    func loop(daysToTell: Int, today: CalendarDate) -> EngagementLoop {
        EngagementLoop.status(startsOn: startsOn, endsOn: endsOn, toldOn: toldOn, daysToTell: daysToTell, today: today)
    }
}

/// An organisation involved in an activity.
final class ActivityOrganisationModel: Model, @unchecked Sendable {
    static let schema = "engagement_activity_organisations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: EngagementActivityModel
    @Parent(key: "organisation_id") var organisation: OrganisationModel

    init() {}

    init(activityID: UUID, organisationID: UUID) {
        $activity.id = activityID
        $organisation.id = organisationID
    }
}

/// A group of the register an activity belongs to.
final class ActivityGroupModel: Model, @unchecked Sendable {
    static let schema = "engagement_activity_groups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: EngagementActivityModel
    @Parent(key: "group_id") var group: GroupModel

    init() {}

    init(activityID: UUID, groupID: UUID) {
        $activity.id = activityID
        $group.id = groupID
    }
}

/// A meeting an activity was part of; the meeting's page lists it.
final class ActivityMeetingModel: Model, @unchecked Sendable {
    static let schema = "engagement_activity_meetings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: EngagementActivityModel
    @Parent(key: "meeting_id") var meeting: MeetingModel

    init() {}

    init(activityID: UUID, meetingID: UUID) {
        $activity.id = activityID
        $meeting.id = meetingID
    }
}

/// A seldom-heard group an activity reached.
final class ActivityReachModel: Model, @unchecked Sendable {
    static let schema = "engagement_activity_reach"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: EngagementActivityModel
    @Field(key: "reached") var reached: SeldomHeardGroup

    init() {}

    init(activityID: UUID, reached: SeldomHeardGroup) {
        $activity.id = activityID
        self.reached = reached
    }
}

struct CreateEngagement: AsyncMigration {
    var name: String { "CreateEngagement" }

    func prepare(on database: any Database) async throws {
        try await database.schema("engagement_ladders")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("source", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "area_id", "key", name: "uq_engagement_ladders_area_key")
            .create()
        try await database.schema("engagement_rungs")
            .id()
            .field("ladder_id", .uuid, .required, .references("engagement_ladders", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("meaning", .string, .required)
            .field("standard_level", .int, .required)
            .unique(on: "ladder_id", "key", name: "uq_engagement_rungs_ladder_key")
            .create()
        try await database.schema("engagement_settings")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("ladder_id", .uuid, .required, .references("engagement_ladders", "id"))
            .field("days_to_tell", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "area_id", name: "uq_engagement_settings_area")
            .create()
        try await database.schema("services")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("sort_name", .string, .required)
            .field("kind", .string, .required)
            .field("lead_organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("summary", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "area_id", "sort_name", name: "uq_services_area_sort_name")
            .create()
        try await database.schema("engagement_activities")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("ladder_id", .uuid, .required, .references("engagement_ladders", "id"))
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("finished_on", .string, .required)
            .field("reporting_year", .int, .required)
            .field("service_id", .uuid, .references("services", "id", onDelete: .setNull))
            .field("method", .string, .required)
            .field("planned_rung_id", .uuid, .required, .references("engagement_rungs", "id"))
            .field("achieved_rung_id", .uuid, .references("engagement_rungs", "id"))
            .field("parent_carers", .int, .required)
            .field("children_and_young_people", .int, .required)
            .field("professionals", .int, .required)
            .field("participants_said", .string)
            .field("what_changed", .string)
            .field("told_on", .string)
            .field("how_told", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // The activity list, newest first; the profile by year; a service's activities; the "not told" list.
        try await database.createIndex("idx_engagement_activities_area_start", on: "engagement_activities", columns: ["area_id", "starts_on"])
        try await database.createIndex("idx_engagement_activities_area_year", on: "engagement_activities", columns: ["area_id", "reporting_year"])
        try await database.createIndex("idx_engagement_activities_service", on: "engagement_activities", columns: ["service_id", "starts_on"])
        try await database.createIndex("idx_engagement_activities_told", on: "engagement_activities", columns: ["area_id", "told_on", "finished_on"])

        for (table, column, references) in [("engagement_activity_organisations", "organisation_id", "organisations"),
                                            ("engagement_activity_groups", "group_id", "groups"),
                                            ("engagement_activity_meetings", "meeting_id", "meetings")] {
            try await database.schema(table)
                .id()
                .field("activity_id", .uuid, .required, .references("engagement_activities", "id", onDelete: .cascade))
                .field(FieldKey(stringLiteral: column), .uuid, .required, .references(references, "id", onDelete: .cascade))
                .unique(on: "activity_id", FieldKey(stringLiteral: column), name: "uq_\(table)_pair")
                .create()
            try await database.createIndex("idx_\(table)_\(column)", on: table, columns: [column, "activity_id"])
        }
        try await database.schema("engagement_activity_reach")
            .id()
            .field("activity_id", .uuid, .required, .references("engagement_activities", "id", onDelete: .cascade))
            .field("reached", .string, .required)
            .unique(on: "activity_id", "reached", name: "uq_engagement_activity_reach_pair")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["engagement_activity_reach", "engagement_activity_meetings", "engagement_activity_groups",
                      "engagement_activity_organisations", "engagement_activities", "services", "engagement_settings",
                      "engagement_rungs", "engagement_ladders"] {
            try await database.schema(table).delete()
        }
    }
}
