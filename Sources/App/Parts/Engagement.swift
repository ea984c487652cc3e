import Domain
import Fluent
import Vapor

extension Paths {
    static let engagement = PathTemplate("engagement")
    static let newActivity = PathTemplate("engagement", "new")
    static let activity = PathTemplate("engagement", ":activityID")
    static let editActivity = PathTemplate("engagement", ":activityID", "edit")
    /// How far families shaped the work: activities on the ladder, planned against achieved.
    static let ladderProfile = PathTemplate("engagement", "ladder")
    static let ladderProfileCSV = PathTemplate("engagement", "ladder.csv")
    /// The activities the list's filters pick, as a spreadsheet.
    static let activitiesCSV = PathTemplate("engagement.csv")
    static let engagementSettings = PathTemplate("engagement", "settings")
    static let services = PathTemplate("services")
    static let newService = PathTemplate("services", "new")
    static let service = PathTemplate("services", ":serviceID")
    static let editService = PathTemplate("services", ":serviceID", "edit")

    static let selfEvaluation = PathTemplate("self-evaluation")
    static let selfEvaluationFrameworks = PathTemplate("self-evaluation", "frameworks")
    static let newAssessment = PathTemplate("self-evaluation", "new")
    static let assessment = PathTemplate("self-evaluation", ":assessmentID")
    static let editAssessment = PathTemplate("self-evaluation", ":assessmentID", "edit")
    static let assessmentIdeas = PathTemplate("self-evaluation", ":assessmentID", "ideas")
    static let newPlanAction = PathTemplate("self-evaluation", ":assessmentID", "actions", "new")
    static let editPlanAction = PathTemplate("self-evaluation", ":assessmentID", "actions", ":planActionID", "edit")
    /// Every open action of the area's action plans, the most overdue first.
    static let selfEvaluationActions = PathTemplate("self-evaluation", "actions")
    /// The annual co-production report: every latest rating, its movement and open actions.
    static let coProductionReport = PathTemplate("self-evaluation", "report")
    static let coProductionReportCSV = PathTemplate("self-evaluation", "report.csv")

    static func assessment(_ id: RecordID<AssessmentModel>) -> String { assessment.url(id) }
    static func editAssessment(_ id: RecordID<AssessmentModel>) -> String { editAssessment.url(id) }
    static func assessmentIdeas(_ id: RecordID<AssessmentModel>) -> String { assessmentIdeas.url(id) }
    static func newPlanAction(_ id: RecordID<AssessmentModel>) -> String { newPlanAction.url(id) }
    static func editPlanAction(assessment: RecordID<AssessmentModel>, action: RecordID<PlanActionModel>) -> String { editPlanAction.url(assessment, action) }
    static func activity(_ id: RecordID<EngagementActivityModel>) -> String { activity.url(id) }
    static func editActivity(_ id: RecordID<EngagementActivityModel>) -> String { editActivity.url(id) }
    static func service(_ id: RecordID<ServiceModel>) -> String { service.url(id) }
    static func editService(_ id: RecordID<ServiceModel>) -> String { editService.url(id) }
    /// The form for a new activity, already linked to a meeting.
    static func newActivity(from meeting: RecordID<MeetingModel>) -> String { newActivity.url() + "?meeting=\(meeting.uuid.uuidString)" }
}

extension Paths.API {
    static let activities = PathTemplate("api", "v1", "engagement", "activities")
    static let activity = PathTemplate("api", "v1", "engagement", "activities", ":activityID")
    static let ladder = PathTemplate("api", "v1", "engagement", "ladder")
    static let ladderProfile = PathTemplate("api", "v1", "engagement", "ladder", "profile")
    static let services = PathTemplate("api", "v1", "services")
    static let service = PathTemplate("api", "v1", "services", ":serviceID")

    static let frameworks = PathTemplate("api", "v1", "self-evaluation", "frameworks")
    static let assessments = PathTemplate("api", "v1", "self-evaluation", "assessments")
    static let assessment = PathTemplate("api", "v1", "self-evaluation", "assessments", ":assessmentID")
    static let assessmentIdeas = PathTemplate("api", "v1", "self-evaluation", "assessments", ":assessmentID", "ideas")
    static let planActions = PathTemplate("api", "v1", "self-evaluation", "assessments", ":assessmentID", "actions")
    static let planAction = PathTemplate("api", "v1", "self-evaluation", "assessments", ":assessmentID", "actions", ":planActionID")
    static let coProductionReport = PathTemplate("api", "v1", "self-evaluation", "report")

    static func activity(_ id: RecordID<EngagementActivityModel>) -> String { activity.url(id) }
    static func service(_ id: RecordID<ServiceModel>) -> String { service.url(id) }
    static func assessment(_ id: RecordID<AssessmentModel>) -> String { assessment.url(id) }
}

/// Engagement with families placed on the ladder of participation: what was
/// planned and achieved, who took part, what changed, and whether they were
/// told (seed 001's co-production strategy, seed 002's four steps).
struct EngagementPart: ProductPart {
    let name = "Engagement"

    var migrations: [any AsyncMigration] { [CreateEngagement(), CreateSelfEvaluation()] }

    func pages(_ web: any RoutesBuilder) {
        let activities = EngagementController()
        web.get(Paths.engagement, .requires(.viewPartnership), use: activities.index)
        web.get(Paths.newActivity, .requires(.recordEngagement), use: activities.new)
        web.post(Paths.newActivity, .requires(.recordEngagement), use: activities.create)
        web.get(Paths.activity, .requires(.viewPartnership), use: activities.show)
        web.get(Paths.editActivity, .requires(.recordEngagement), use: activities.edit)
        web.post(Paths.editActivity, .requires(.recordEngagement), use: activities.update)

        let ladder = LadderController()
        web.get(Paths.ladderProfile, .requires(.viewPartnership), use: ladder.profile)
        web.get(Paths.ladderProfileCSV, .requires(.viewPartnership), use: ladder.csv)
        web.get(Paths.activitiesCSV, .requires(.viewPartnership), use: activities.csv)
        web.get(Paths.engagementSettings, .requires(.manageEngagementSettings), use: ladder.settings)
        web.post(Paths.engagementSettings, .requires(.manageEngagementSettings), use: ladder.saveSettings)

        let evaluation = SelfEvaluationController()
        web.get(Paths.selfEvaluation, .requires(.viewPartnership), use: evaluation.index)
        web.get(Paths.selfEvaluationFrameworks, .requires(.viewPartnership), use: evaluation.frameworks)
        web.get(Paths.selfEvaluationActions, .requires(.viewPartnership), use: evaluation.openActions)
        web.get(Paths.coProductionReport, .requires(.viewPartnership), use: evaluation.report)
        web.get(Paths.coProductionReportCSV, .requires(.viewPartnership), use: evaluation.reportCSV)
        web.get(Paths.newAssessment, .requires(.selfEvaluate), use: evaluation.new)
        web.post(Paths.newAssessment, .requires(.selfEvaluate), use: evaluation.create)
        web.get(Paths.assessment, .requires(.viewPartnership), use: evaluation.show)
        web.get(Paths.editAssessment, .requires(.selfEvaluate), use: evaluation.edit)
        web.post(Paths.editAssessment, .requires(.selfEvaluate), use: evaluation.update)
        web.post(Paths.assessmentIdeas, .requires(.selfEvaluate), use: evaluation.addIdea)
        web.get(Paths.newPlanAction, .requires(.selfEvaluate), use: evaluation.newAction)
        web.post(Paths.newPlanAction, .requires(.selfEvaluate), use: evaluation.createAction)
        web.get(Paths.editPlanAction, .requires(.selfEvaluate), use: evaluation.editAction)
        web.post(Paths.editPlanAction, .requires(.selfEvaluate), use: evaluation.updateAction)

        let services = ServicesController()
        web.get(Paths.services, .requires(.viewPartnership), use: services.index)
        web.get(Paths.newService, .requires(.manageServices), use: services.new)
        web.post(Paths.newService, .requires(.manageServices), use: services.create)
        web.get(Paths.service, .requires(.viewPartnership), use: services.show)
        web.get(Paths.editService, .requires(.manageServices), use: services.edit)
        web.post(Paths.editService, .requires(.manageServices), use: services.update)
    }

    var apis: [any APIPart.Type] { [EngagementAPI.self, SelfEvaluationAPI.self] }

    var navigation: [NavigationEntry] {
        [NavigationEntry(label: "Engagement", path: Paths.engagement, permission: .viewPartnership),
         NavigationEntry(label: "Self-evaluation", path: Paths.selfEvaluation, permission: .viewPartnership)]
    }

    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        var items: [AttentionItem] = []
        if context.actor.can(.recordEngagement) {
            let notTold = try await EngagementStore(context).notToldCount()
            if notTold > 0 {
                items.append(AttentionItem(text: "\(notTold) engagement \(notTold == 1 ? "activity has" : "activities have") ended without the participants being told what changed",
                                           href: Paths.engagement.url() + "?told=no"))
            }
        }
        if context.actor.can(.selfEvaluate) {
            let overdue = try await SelfEvaluationStore(context).overdueCount()
            if overdue > 0 {
                items.append(AttentionItem(text: "\(overdue) self-evaluation \(overdue == 1 ? "action is" : "actions are") overdue",
                                           href: Paths.selfEvaluationActions.url()))
            }
        }
        return items
    }

    var auditSubjects: [AuditSubject] {
        [AuditSubject(type: "engagement-settings") { _ in Paths.engagementSettings.url() },
         AuditSubject(type: EngagementActivityModel.auditType) { Paths.activity(RecordID($0)) },
         AuditSubject(type: ServiceModel.auditType) { Paths.service(RecordID($0)) },
         AuditSubject(type: AssessmentModel.auditType) { Paths.assessment(RecordID($0)) }]
    }

    /// After meetings, so activities can point at them.
    var demoStage: Int { 2 }

    func addDemoData(_ demo: DemoBuilder) async throws {
        let services = try await EngagementDemo(demo: demo).load()
        try await SelfEvaluationDemo(demo: demo).load(services: services)
    }

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        if let activity = try await EngagementActivityModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$startsOn, .descending).first() {
            parameters["activityID"] = try activity.requireID().uuidString
        }
        if let service = try await ServiceModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$sortName).first() {
            parameters["serviceID"] = try service.requireID().uuidString
        }
        if let action = try await PlanActionModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$dueOn).first() {
            parameters["assessmentID"] = action.$assessment.id.uuidString
            parameters["planActionID"] = try action.requireID().uuidString
        }
        return parameters
    }
}
