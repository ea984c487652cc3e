import Domain
import Fluent
import OpenAPIKit
import Vapor

// Engagement activities, the area's ladder and its profile, and services in the JSON API.

extension API {
    struct Rung: Content {
        let key: String
        let name: String
        let meaning: String
        let standardLevel: Int

        init(_ rung: RungDefinition) {
            key = rung.key
            name = rung.name
            meaning = rung.meaning
            standardLevel = rung.standardLevel
        }
    }

    struct Ladder: Content {
        let key: String
        let name: String
        let source: String
        let rungs: [Rung]
        let daysToTell: Int

        init(_ settings: EngagementStore.Settings) {
            key = settings.ladder.key
            name = settings.ladder.name
            source = settings.ladder.source
            rungs = settings.ladder.rungs.map(Rung.init)
            daysToTell = settings.daysToTell
        }
    }

    struct Participants: Content {
        let parentCarers: Int
        let childrenAndYoungPeople: Int
        let professionals: Int
    }

    struct EngagementActivity: Content {
        let id: UUID
        let title: String
        let startsOn: String
        let endsOn: String?
        let reportingYear: String
        let serviceId: UUID?
        let method: String
        let ladder: String
        let plannedRung: String
        let achievedRung: String?
        let organisationIds: [UUID]
        let groupIds: [UUID]
        let meetingIds: [UUID]
        let participants: Participants
        let reached: [String]
        let participantsSaid: String?
        let whatChanged: String?
        let toldOn: String?
        let howTold: String?
        let told: String

        /// Needs the activity's ladder, rungs and links loaded (`EngagementStore.find`).
        init(_ model: EngagementActivityModel, daysToTell: Int, today: CalendarDate) throws {
            var links = EngagementStore.Links()
            let id = try model.requireID()
            links.organisations[id] = model.organisations.map(\.$organisation.id)
            links.groups[id] = model.groups.map(\.$group.id)
            links.meetings[id] = model.meetings.map(\.$meeting.id)
            links.reached[id] = model.reached.map(\.reached)
            try self.init(model, links: links, daysToTell: daysToTell, today: today)
        }

        /// Needs the activity's ladder and rungs loaded; its links come from `links`.
        init(_ model: EngagementActivityModel, links: EngagementStore.Links, daysToTell: Int, today: CalendarDate) throws {
            id = try model.requireID()
            title = model.title
            startsOn = model.startsOn.iso8601
            endsOn = model.endsOn?.iso8601
            reportingYear = ReportingYear(startYear: model.reportingYear).shortLabel
            serviceId = model.$service.id
            method = model.method.rawValue
            ladder = model.ladder.key
            plannedRung = model.plannedRung.key
            achievedRung = model.achievedRung?.key
            organisationIds = (links.organisations[id] ?? []).sorted { $0.uuidString < $1.uuidString }
            groupIds = (links.groups[id] ?? []).sorted { $0.uuidString < $1.uuidString }
            meetingIds = (links.meetings[id] ?? []).sorted { $0.uuidString < $1.uuidString }
            participants = Participants(parentCarers: model.parentCarers, childrenAndYoungPeople: model.childrenAndYoungPeople,
                                        professionals: model.professionals)
            reached = (links.reached[id] ?? []).map(\.rawValue).sorted()
            participantsSaid = model.participantsSaid
            whatChanged = model.whatChanged
            toldOn = model.toldOn?.iso8601
            howTold = model.howTold
            told = TellingState(model.loop(daysToTell: daysToTell, today: today)).rawValue
        }
    }

    /// Where telling the participants stands, as one word for programs.
    enum TellingState: String, CaseIterable {
        case told, running, due, overdue

        init(_ loop: EngagementLoop) {
            switch loop {
            case .told: self = .told
            case .running: self = .running
            case .dueBy: self = .due
            case .notTold: self = .overdue
            }
        }
    }

    struct EngagementActivityInput: Content {
        var title: String?
        var startsOn: String?
        var endsOn: String?
        var serviceId: String?
        var method: String?
        var organisationIds: [String]?
        var groupIds: [String]?
        var meetingIds: [String]?
        var plannedRung: String?
        var achievedRung: String?
        var parentCarers: Int?
        var childrenAndYoungPeople: Int?
        var professionals: Int?
        var reached: [String]?
        var participantsSaid: String?
        var whatChanged: String?
        var toldOn: String?
        var howTold: String?

        func storeInput() throws -> EngagementStore.Input {
            try API.refuseEmpty([("serviceId", serviceId, "a service's id"), ("achievedRung", achievedRung, "a rung's key")])
            var errors = ValidationErrors()
            for (field, value) in [("parentCarers", parentCarers), ("childrenAndYoungPeople", childrenAndYoungPeople), ("professionals", professionals)] {
                if let value, !(0...ParticipantCounts.maximum).contains(value) {
                    errors.add(field: field, message: "\(field) must be a whole number from 0 to 1000000")
                }
            }
            try errors.throwIfAny()
            var details = EngagementActivityDetails.Input()
            details.title = title
            details.startsOn = try API.dateInput(startsOn, field: "startsOn")
            details.endsOn = try API.dateInput(endsOn, field: "endsOn")
            details.toldOn = try API.dateInput(toldOn, field: "toldOn")
            details.method = method
            details.plannedRung = plannedRung
            details.achievedRung = achievedRung
            details.parentCarers = parentCarers.map(String.init)
            details.childrenAndYoungPeople = childrenAndYoungPeople.map(String.init)
            details.professionals = professionals.map(String.init)
            details.reached = reached ?? []
            details.participantsSaid = participantsSaid
            details.whatChanged = whatChanged
            details.howTold = howTold
            return EngagementStore.Input(details: details, serviceId: serviceId, organisationIds: organisationIds ?? [],
                                         groupIds: groupIds ?? [], meetingIds: meetingIds ?? [])
        }
    }

    struct LadderProfileRow: Content {
        let rung: String
        let name: String
        let planned: Int
        let reached: Int
    }

    struct LadderProfile: Content {
        let ladder: String
        let activities: Int
        let rungs: [LadderProfileRow]
        let belowLadderPlanned: Int
        let belowLadderReached: Int
        let notYetKnown: Int
        let reachedPlan: Int
        let fellShort: Int
        let sharedDecisions: Int
        let someInfluence: Int
        let sharedDecisionsPercent: Int?

        init(_ profile: Domain.LadderProfile) {
            ladder = profile.ladder.key
            activities = profile.total
            rungs = profile.rows.map { LadderProfileRow(rung: $0.key, name: $0.name, planned: $0.planned, reached: $0.achieved) }
            belowLadderPlanned = profile.belowLadderPlanned
            belowLadderReached = profile.belowLadderAchieved
            notYetKnown = profile.notYetKnown
            reachedPlan = profile.reachedPlan
            fellShort = profile.fellShort
            sharedDecisions = profile.sharedDecisions
            someInfluence = profile.someInfluence
            sharedDecisionsPercent = profile.sharedDecisionsPercent
        }
    }

    struct Service: Content {
        let id: UUID
        let name: String
        let kind: String
        let leadOrganisationId: UUID?
        let summary: String?

        init(_ model: ServiceModel) throws {
            id = try model.requireID()
            name = model.name
            kind = model.kind.rawValue
            leadOrganisationId = model.$leadOrganisation.id
            summary = model.summary
        }
    }

    struct ServiceInput: Content {
        var name: String?
        var kind: String?
        var leadOrganisationId: String?
        var summary: String?

        func storeInput() throws -> ServiceStore.Input {
            try API.refuseEmpty([("leadOrganisationId", leadOrganisationId, "an organisation's id")])
            return .init(name: name, kind: kind, leadOrganisationId: leadOrganisationId, summary: summary)
        }
    }
}

struct EngagementAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Rung": .object(properties: [
            "key": .string,
            "name": .string,
            "meaning": .string,
            "standardLevel": .integer(description: "The rung of the 7-rung ladder it stands level with: 1 coercion to 7 co-production",
                                      maximum: (7, exclusive: false), minimum: (1, exclusive: false)),
        ]),
        "Ladder": .object(description: "The ladder of participation the area records new activities on", properties: [
            "key": .string,
            "name": .string,
            "source": .string,
            "rungs": .array(description: "Lowest first", items: .reference(.component(named: "Rung"))),
            "daysToTell": .integer(description: "Days after an activity ends by which participants should be told what changed"),
        ]),
        "Participants": .object(properties: [
            "parentCarers": .integer(minimum: (0, exclusive: false)),
            "childrenAndYoungPeople": .integer(minimum: (0, exclusive: false)),
            "professionals": .integer(minimum: (0, exclusive: false)),
        ]),
        "EngagementActivity": .object(properties: [
            "id": .string(format: .uuid),
            "title": .string,
            "startsOn": date,
            "endsOn": optionalDate,
            "reportingYear": .string(description: "The April-to-March year it started in, like 2025-26"),
            "serviceId": optionalString(format: .uuid),
            "method": oneOf(EngagementMethod.self),
            "ladder": .string(description: "The key of the ladder it was recorded on"),
            "plannedRung": .string(description: "A rung key of its ladder"),
            "achievedRung": optionalString("A rung key of its ladder; null while not known"),
            "organisationIds": .array(items: .string(format: .uuid)),
            "groupIds": .array(items: .string(format: .uuid)),
            "meetingIds": .array(items: .string(format: .uuid)),
            "participants": .reference(.component(named: "Participants")),
            "reached": .array(description: "Seldom-heard groups it reached", items: oneOf(SeldomHeardGroup.self)),
            "participantsSaid": optionalString(),
            "whatChanged": optionalString(),
            "toldOn": optionalDate,
            "howTold": optionalString(),
            "told": .string(description: "told; running (not finished); due (finished, still within the area's days to tell); overdue",
                            allowedValues: allowed(API.TellingState.allCases.map(\.rawValue), nullable: false)),
        ]),
        "EngagementActivityInput": .object(properties: [
            "title": .string(maxLength: 200),
            "startsOn": date,
            "endsOn": optionalDate,
            "serviceId": optionalString("One of the area's services, strategies or projects", format: .uuid),
            "method": oneOf(EngagementMethod.self),
            "organisationIds": .array(description: "At least one of the area's organisations", items: .string(format: .uuid)),
            "groupIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
            "meetingIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
            "plannedRung": .string(description: "A rung key of the area's ladder (GET /api/v1/engagement/ladder); on update, of the activity's own ladder"),
            "achievedRung": optionalString("A rung key of the same ladder; null while not known"),
            "parentCarers": .integer(required: false, nullable: true, maximum: (1_000_000, exclusive: false), minimum: (0, exclusive: false)),
            "childrenAndYoungPeople": .integer(required: false, nullable: true, maximum: (1_000_000, exclusive: false), minimum: (0, exclusive: false)),
            "professionals": .integer(required: false, nullable: true, maximum: (1_000_000, exclusive: false), minimum: (0, exclusive: false)),
            "reached": .array(required: false, nullable: true, items: oneOf(SeldomHeardGroup.self)),
            "participantsSaid": .string(required: false, nullable: true, description: "Leave out names and anything else that could identify a family",
                                        maxLength: 10000),
            "whatChanged": .string(required: false, nullable: true, maxLength: 10000),
            "toldOn": optionalDate,
            "howTold": .string(required: false, nullable: true, description: "Needed with toldOn", maxLength: 500),
        ]),
        "LadderProfileRow": .object(properties: [
            "rung": .string,
            "name": .string,
            "planned": .integer,
            "reached": .integer,
        ]),
        "LadderProfile": .object(description: "Activities on the area's ladder, planned against reached; activities on another ladder are moved onto it", properties: [
            "ladder": .string,
            "activities": .integer,
            "rungs": .array(description: "Lowest first", items: .reference(.component(named: "LadderProfileRow"))),
            "belowLadderPlanned": .integer,
            "belowLadderReached": .integer,
            "notYetKnown": .integer,
            "reachedPlan": .integer,
            "fellShort": .integer,
            "sharedDecisions": .integer(description: "Reached co-design or co-production, where families share the decisions"),
            "someInfluence": .integer(description: "Reached engagement, where families influence some decisions"),
            "sharedDecisionsPercent": .integer(required: false, nullable: true, description: "Of those whose rung reached is known"),
        ]),
        "Service": .object(properties: [
            "id": .string(format: .uuid),
            "name": .string,
            "kind": oneOf(ServiceKind.self),
            "leadOrganisationId": optionalString(format: .uuid),
            "summary": optionalString(),
        ]),
        "ServiceInput": .object(properties: [
            "name": .string(maxLength: 200),
            "kind": oneOf(ServiceKind.self),
            "leadOrganisationId": optionalString(format: .uuid),
            "summary": .string(required: false, nullable: true, maxLength: 2000),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = EngagementAPI()
        return [
            APIOperation("getLadder", .GET, Paths.API.ladder, .requires(.viewPartnership), tag: "Engagement",
                         summary: "The ladder of participation the area records new activities on", reply: .one("Ladder"), handler: api.getLadder),
            APIOperation("getLadderProfile", .GET, Paths.API.ladderProfile, .requires(.viewPartnership), tag: "Engagement",
                         summary: "How many activities were planned at and reached each rung; ?year=2025-26, ?serviceId=, ?organisationId= narrow it",
                         reply: .one("LadderProfile"), handler: api.getProfile),
            APIOperation("listEngagementActivities", .GET, Paths.API.activities, .requires(.viewPartnership), tag: "Engagement",
                         summary: "List activities, latest first; ?year=2025-26, ?serviceId=, ?organisationId= and ?told=overdue narrow it",
                         reply: .page("EngagementActivity"), handler: api.list),
            APIOperation("createEngagementActivity", .POST, Paths.API.activities, .requires(.recordEngagement), tag: "Engagement",
                         summary: "Record an activity on the area's ladder", body: "EngagementActivityInput",
                         reply: .created("EngagementActivity"), handler: api.create),
            APIOperation("getEngagementActivity", .GET, Paths.API.activity, .requires(.viewPartnership), tag: "Engagement",
                         summary: "One activity", reply: .one("EngagementActivity"), handler: api.get),
            APIOperation("updateEngagementActivity", .PUT, Paths.API.activity, .requires(.recordEngagement), tag: "Engagement",
                         summary: "Replace an activity's details", body: "EngagementActivityInput", reply: .one("EngagementActivity"), handler: api.update),
            APIOperation("listServices", .GET, Paths.API.services, .requires(.viewPartnership), tag: "Engagement",
                         summary: "The area's services, strategies and projects, by name", reply: .page("Service"), handler: api.listServices),
            APIOperation("createService", .POST, Paths.API.services, .requires(.manageServices), tag: "Engagement",
                         summary: "Add a service, strategy or project", body: "ServiceInput", reply: .created("Service"), handler: api.createService),
            APIOperation("getService", .GET, Paths.API.service, .requires(.viewPartnership), tag: "Engagement",
                         summary: "One service, strategy or project", reply: .one("Service"), handler: api.getService),
            APIOperation("updateService", .PUT, Paths.API.service, .requires(.manageServices), tag: "Engagement",
                         summary: "Replace a service's details", body: "ServiceInput", reply: .one("Service"), handler: api.updateService),
        ]
    }

    func getLadder(req: Request) async throws -> API.Ladder {
        API.Ladder(try await EngagementStore(try req.store).settings())
    }

    /// The filters of the list and the profile, read strictly: an unknown value is refused, naming it.
    private func filter(_ req: Request) async throws -> EngagementFilter {
        var filter = EngagementFilter()
        var errors = ValidationErrors()
        if let raw = try API.queryParameter(req, "year") {
            if let year = ReportingYear(text: raw) { filter.year = year } else { errors.add(field: "year", message: "year must be written like 2025-26") }
        }
        let context = try req.store
        if let raw = try API.queryParameter(req, "serviceId") {
            if let id = UUID(uuidString: raw), try await ServiceModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).count() == 1 {
                filter.serviceID = id
            } else { errors.add(field: "serviceId", message: "serviceId must be one of the area's services") }
        }
        if let raw = try API.queryParameter(req, "organisationId") {
            if let id = try await OrganisationStore(context).resolve(raw) { filter.organisationID = id }
            else { errors.add(field: "organisationId", message: "organisationId must be one of the area's organisations") }
        }
        if let raw = try API.queryParameter(req, "told") {
            if raw == "overdue" { filter.notToldOnly = true } else { errors.add(field: "told", message: "told can only be overdue") }
        }
        try errors.throwIfAny()
        return filter
    }

    func getProfile(req: Request) async throws -> API.LadderProfile {
        API.LadderProfile(try await EngagementStore(try req.store).profile(try await filter(req)))
    }

    func list(req: Request) async throws -> API.Page<API.EngagementActivity> {
        let page = try API.pageRequest(req)
        let store = EngagementStore(try req.store)
        let (items, total) = try await store.page(try await filter(req), page, loading: .ladder)
        let settings = try await store.settings()
        let links = try await store.links(of: items)
        return API.Page(items: try items.map { try API.EngagementActivity($0, links: links, daysToTell: settings.daysToTell, today: req.today) },
                        page: page.number, perPage: page.size, total: total)
    }

    func get(req: Request) async throws -> API.EngagementActivity {
        let store = EngagementStore(try req.store)
        let settings = try await store.settings()
        return try API.EngagementActivity(try await store.find(req.id("activityID")), daysToTell: settings.daysToTell, today: req.today)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(API.EngagementActivityInput.self)
        let store = EngagementStore(try req.store)
        let created = try await store.create(try input.storeInput())
        let settings = try await store.settings()
        let model = try await store.find(try created.requireID())
        return try await .created(try API.EngagementActivity(model, daysToTell: settings.daysToTell, today: req.today),
                                  at: Paths.API.activity(try model.recordID), for: req)
    }

    func update(req: Request) async throws -> API.EngagementActivity {
        let store = EngagementStore(try req.store)
        let model = try await store.find(req.id("activityID"))
        let input = try req.content.decode(API.EngagementActivityInput.self)
        try await store.update(model, with: try input.storeInput())
        let settings = try await store.settings()
        return try API.EngagementActivity(try await store.find(try model.requireID()), daysToTell: settings.daysToTell, today: req.today)
    }

    func listServices(req: Request) async throws -> API.Page<API.Service> {
        let page = try API.pageRequest(req)
        let (items, total) = try await ServiceStore(try req.store).page(page)
        return API.Page(items: try items.map(API.Service.init), page: page.number, perPage: page.size, total: total)
    }

    func getService(req: Request) async throws -> API.Service {
        try API.Service(try await ServiceStore(try req.store).find(req.id("serviceID")))
    }

    func createService(req: Request) async throws -> Response {
        let input = try req.content.decode(API.ServiceInput.self)
        let model = try await ServiceStore(try req.store).create(try input.storeInput())
        return try await .created(try API.Service(model), at: Paths.API.service(try model.recordID), for: req)
    }

    func updateService(req: Request) async throws -> API.Service {
        let store = ServiceStore(try req.store)
        let model = try await store.find(req.id("serviceID"))
        let input = try req.content.decode(API.ServiceInput.self)
        try await store.update(model, with: try input.storeInput())
        return try API.Service(model)
    }
}
