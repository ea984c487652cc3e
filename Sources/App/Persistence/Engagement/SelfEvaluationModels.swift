import Domain
import Fluent
import Foundation

/// An area's copy of a self-evaluation framework, its definition kept whole as JSON.
/// It never changes once made, so each assessment reads against the words it was made with.
final class FrameworkModel: Model, @unchecked Sendable {
    static let schema = "self_evaluation_frameworks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "definition") var definitionJSON: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(areaID: UUID, definition: FrameworkDefinition) throws {
        $area.id = areaID
        key = definition.key
        name = definition.name
        definitionJSON = String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
    }

    /// The framework as data; a stored definition that does not read back is an error naming the table, never a guess.
    var definition: FrameworkDefinition {
        get throws {
            do { return try JSONDecoder().decode(FrameworkDefinition.self, from: Data(definitionJSON.utf8)) }
            catch { throw FluentError.invalidField(name: "definition", valueType: FrameworkDefinition.self, error: error) }
        }
    }
}

/// What an assessment is of: an organisation of the register, or a service or project.
enum AssessmentSubjectKind: String, Codable, Sendable, CaseIterable {
    case organisation, service
}

final class AssessmentModel: Model, @unchecked Sendable {
    static let schema = "self_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "framework_id") var framework: FrameworkModel
    @Field(key: "subject_kind") var subjectKind: AssessmentSubjectKind
    /// The organisation's or service's id; one assessment per framework, subject and year.
    @Field(key: "subject_id") var subjectID: UUID
    /// The subject's name when last saved, so lists need no join to two tables.
    @Field(key: "subject_name") var subjectName: String
    @Field(key: "reporting_year") var reportingYear: Int
    /// Worked out from the answers each time they are saved; nil only if nothing is ticked, which is never saved.
    @OptionalField(key: "rating") var rating: Rating?
    @Field(key: "assessed_on") var assessedOn: CalendarDate
    @Field(key: "recorded_by") var recordedBy: String
    @Children(for: \.$assessment) var answers: [AssessmentAnswerModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, frameworkID: UUID, subjectKind: AssessmentSubjectKind, subjectID: UUID, subjectName: String, year: ReportingYear) {
        $area.id = areaID
        $framework.id = frameworkID
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.subjectName = subjectName
        reportingYear = year.startYear
    }

    var year: ReportingYear { ReportingYear(startYear: reportingYear) }
}

/// One statement of an assessment: ticked as describing them or not, with its evidence.
final class AssessmentAnswerModel: Model, @unchecked Sendable {
    static let schema = "self_assessment_answers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: AssessmentModel
    @Field(key: "statement_key") var statementKey: String
    @Field(key: "ticked") var ticked: Bool
    @OptionalField(key: "evidence") var evidence: String?
    @Children(for: \.$answer) var links: [AssessmentEvidenceModel]

    init() {}

    init(assessmentID: UUID, statementKey: String, answer: StatementAnswer) {
        $assessment.id = assessmentID
        self.statementKey = statementKey
        ticked = answer.ticked
        evidence = answer.evidence
    }
}

/// An activity or a meeting linked as the evidence for a statement.
final class AssessmentEvidenceModel: Model, @unchecked Sendable {
    static let schema = "self_assessment_evidence"

    @ID(key: .id) var id: UUID?
    @Parent(key: "answer_id") var answer: AssessmentAnswerModel
    @OptionalParent(key: "activity_id") var activity: EngagementActivityModel?
    @OptionalParent(key: "meeting_id") var meeting: MeetingModel?

    init() {}

    init(answerID: UUID, activityID: UUID?, meetingID: UUID?) {
        $answer.id = answerID
        $activity.id = activityID
        $meeting.id = meetingID
    }
}

/// An idea gathered for an assessment's action plan.
final class PlanIdeaModel: Model, @unchecked Sendable {
    static let schema = "action_plan_ideas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: AssessmentModel
    @Field(key: "text") var text: String
    @Field(key: "added_by") var addedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(assessmentID: UUID, text: String, addedBy: String) {
        $assessment.id = assessmentID
        self.text = text
        self.addedBy = addedBy
    }
}

/// One of the two or three actions chosen: what, who, when and how.
final class PlanActionModel: Model, @unchecked Sendable {
    static let schema = "action_plan_actions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "assessment_id") var assessment: AssessmentModel
    @Field(key: "what") var what: String
    /// Always chosen; nil only after the person was removed from the register, until someone else is chosen.
    @OptionalParent(key: "owner_id") var owner: PersonModel?
    @Field(key: "due_on") var dueOn: CalendarDate
    @Field(key: "how") var how: String
    @Field(key: "status") var status: PlanActionStatus
    @OptionalField(key: "progress") var progress: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, assessmentID: UUID) {
        $area.id = areaID
        $assessment.id = assessmentID
    }

    func apply(_ details: PlanActionDetails, ownerID: UUID) {
        what = details.what
        $owner.id = ownerID
        dueOn = details.dueOn
        how = details.how
        status = details.status
        progress = details.progress
    }

    func isOverdue(today: CalendarDate) -> Bool { PlanActionDetails.isOverdue(dueOn: dueOn, status: status, today: today) }
}

struct CreateSelfEvaluation: AsyncMigration {
    var name: String { "CreateSelfEvaluation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("self_evaluation_frameworks")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "area_id", "key", name: "uq_self_evaluation_frameworks_area_key")
            .create()
        try await database.schema("self_assessments")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("framework_id", .uuid, .required, .references("self_evaluation_frameworks", "id", onDelete: .cascade))
            .field("subject_kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("subject_name", .string, .required)
            .field("reporting_year", .int, .required)
            .field("rating", .string)
            .field("assessed_on", .string, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "framework_id", "subject_id", "reporting_year", name: "uq_self_assessments_framework_subject_year")
            .create()
        try await database.createIndex("idx_self_assessments_area_year", on: "self_assessments", columns: ["area_id", "reporting_year"])
        try await database.createIndex("idx_self_assessments_subject", on: "self_assessments", columns: ["subject_id", "reporting_year"])
        try await database.schema("self_assessment_answers")
            .id()
            .field("assessment_id", .uuid, .required, .references("self_assessments", "id", onDelete: .cascade))
            .field("statement_key", .string, .required)
            .field("ticked", .bool, .required)
            .field("evidence", .string)
            .unique(on: "assessment_id", "statement_key", name: "uq_self_assessment_answers_statement")
            .create()
        try await database.schema("self_assessment_evidence")
            .id()
            .field("answer_id", .uuid, .required, .references("self_assessment_answers", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("engagement_activities", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .references("meetings", "id", onDelete: .cascade))
            .create()
        try await database.createIndex("idx_self_assessment_evidence_answer", on: "self_assessment_evidence", columns: ["answer_id"])
        try await database.schema("action_plan_ideas")
            .id()
            .field("assessment_id", .uuid, .required, .references("self_assessments", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("added_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_action_plan_ideas_assessment", on: "action_plan_ideas", columns: ["assessment_id"])
        try await database.schema("action_plan_actions")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("assessment_id", .uuid, .required, .references("self_assessments", "id", onDelete: .cascade))
            .field("what", .string, .required)
            .field("owner_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("due_on", .string, .required)
            .field("how", .string, .required)
            .field("status", .string, .required)
            .field("progress", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_action_plan_actions_assessment", on: "action_plan_actions", columns: ["assessment_id"])
        // Overdue actions of an area: open ones by date.
        try await database.createIndex("idx_action_plan_actions_area_due", on: "action_plan_actions", columns: ["area_id", "status", "due_on"])
        try await database.createIndex("idx_action_plan_actions_owner", on: "action_plan_actions", columns: ["owner_id"])
    }

    func revert(on database: any Database) async throws {
        for table in ["action_plan_actions", "action_plan_ideas", "self_assessment_evidence", "self_assessment_answers", "self_assessments",
                      "self_evaluation_frameworks"] {
            try await database.schema(table).delete()
        }
    }
}
