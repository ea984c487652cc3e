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
    static let engagementSettings = PathTemplate("engagement", "settings")
    static let services = PathTemplate("services")
    static let newService = PathTemplate("services", "new")
    static let service = PathTemplate("services", ":serviceID")
    static let editService = PathTemplate("services", ":serviceID", "edit")

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

    static func activity(_ id: RecordID<EngagementActivityModel>) -> String { activity.url(id) }
    static func service(_ id: RecordID<ServiceModel>) -> String { service.url(id) }
}

/// Engagement with families placed on the ladder of participation: what was
/// planned and achieved, who took part, what changed, and whether they were
/// told (seed 001's co-production strategy, seed 002's four steps).
struct EngagementPart: ProductPart {
    let name = "Engagement"

    var migrations: [any AsyncMigration] { [CreateEngagement()] }

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
        web.get(Paths.engagementSettings, .requires(.manageEngagementSettings), use: ladder.settings)
        web.post(Paths.engagementSettings, .requires(.manageEngagementSettings), use: ladder.saveSettings)

        let services = ServicesController()
        web.get(Paths.services, .requires(.viewPartnership), use: services.index)
        web.get(Paths.newService, .requires(.manageServices), use: services.new)
        web.post(Paths.newService, .requires(.manageServices), use: services.create)
        web.get(Paths.service, .requires(.viewPartnership), use: services.show)
        web.get(Paths.editService, .requires(.manageServices), use: services.edit)
        web.post(Paths.editService, .requires(.manageServices), use: services.update)
    }

    var api: (any APIPart.Type)? { EngagementAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Engagement", path: Paths.engagement, permission: .viewPartnership)] }

    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        guard context.actor.can(.recordEngagement) else { return [] }
        let notTold = try await EngagementStore(context).notToldCount()
        guard notTold > 0 else { return [] }
        return [AttentionItem(text: "\(notTold) engagement \(notTold == 1 ? "activity has" : "activities have") ended without the participants being told what changed",
                              href: Paths.engagement.url() + "?told=no")]
    }

    var auditSubjects: [AuditSubject] {
        [AuditSubject(type: "engagement-settings") { _ in Paths.engagementSettings.url() }]
    }

    /// After meetings, so activities can point at them.
    var demoStage: Int { 2 }

    func addDemoData(_ demo: DemoBuilder) async throws {
        try await EngagementDemo(demo: demo).load()
    }

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        if let activity = try await EngagementActivityModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$startsOn, .descending).first() {
            parameters["activityID"] = try activity.requireID().uuidString
        }
        if let service = try await ServiceModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$sortName).first() {
            parameters["serviceID"] = try service.requireID().uuidString
        }
        return parameters
    }
}
