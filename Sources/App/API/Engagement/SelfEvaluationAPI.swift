import Domain
import Fluent
import OpenAPIKit
import Vapor

// Self-evaluation in the JSON API: frameworks, assessments, action plans and the annual report.

extension API {
    struct FrameworkStatement: Content {
        let key: String
        let text: String
        let stage: Int?
    }

    struct FrameworkKeyIdea: Content {
        let key: String
        let name: String
        let about: String
        let statements: [FrameworkStatement]
    }

    struct Framework: Content {
        let key: String
        let name: String
        let source: String
        let summary: String
        let stages: [String]
        let keyIdeas: [FrameworkKeyIdea]
        let rule: [String]

        init(_ framework: FrameworkDefinition) {
            key = framework.key
            name = framework.name
            source = framework.source
            summary = framework.summary
            stages = framework.stages.map(\.name)
            keyIdeas = framework.keyIdeas.map { idea in
                FrameworkKeyIdea(key: idea.key, name: idea.name, about: idea.about,
                                 statements: idea.statements.map { FrameworkStatement(key: $0.key, text: $0.text, stage: $0.stage) })
            }
            rule = framework.rule.explanation(stages: framework.stages)
        }
    }

    struct AssessmentAnswer: Content {
        let statement: String
        let ticked: Bool
        let evidence: String?
        let activityIds: [UUID]
        let meetingIds: [UUID]
    }

    struct Assessment: Content {
        let id: UUID
        let framework: String
        let subjectKind: String
        let subjectId: UUID
        let subjectName: String
        let year: String
        let rating: String?
        let reason: String
        let byStage: [Int]
        let assessedOn: String
        let recordedBy: String
        let answers: [AssessmentAnswer]

        /// Needs the framework, answers and links loaded (`SelfEvaluationStore.find`).
        init(_ model: AssessmentModel) throws {
            let definition = try model.framework.definition
            let result = AssessmentResult(framework: definition, ticked: Set(model.answers.filter(\.ticked).map(\.statementKey)))
            id = try model.requireID()
            framework = definition.key
            subjectKind = model.subjectKind.rawValue
            subjectId = model.subjectID
            subjectName = model.subjectName
            year = model.year.shortLabel
            rating = result.rating?.rawValue
            reason = result.reason
            byStage = result.byStage
            assessedOn = model.assessedOn.iso8601
            recordedBy = model.recordedBy
            let order = Dictionary(uniqueKeysWithValues: definition.statements.enumerated().map { ($1.key, $0) })
            answers = model.answers.sorted { order[$0.statementKey, default: .max] < order[$1.statementKey, default: .max] }.map { answer in
                AssessmentAnswer(statement: answer.statementKey, ticked: answer.ticked, evidence: answer.evidence,
                                 activityIds: answer.links.compactMap(\.$activity.id), meetingIds: answer.links.compactMap(\.$meeting.id))
            }
        }
    }

    struct AssessmentSummary: Content {
        let id: UUID
        let framework: String
        let subjectKind: String
        let subjectId: UUID
        let subjectName: String
        let year: String
        let rating: String?
    }

    struct AssessmentAnswerInput: Content {
        var statement: String?
        var ticked: Bool?
        var evidence: String?
        var activityIds: [String]?
        var meetingIds: [String]?
    }

    struct AssessmentInput: Content {
        var framework: String?
        var subjectKind: String?
        var subjectId: String?
        var year: String?
        var answers: [AssessmentAnswerInput]?

        func storeInput() throws -> SelfEvaluationStore.Input {
            var input = SelfEvaluationStore.Input(framework: framework, subject: nil, year: year)
            if let subjectKind, let subjectId { input.subject = "\(subjectKind):\(subjectId)" }
            var errors = ValidationErrors()
            for answer in answers ?? [] {
                guard let key = TextInput.optional(answer.statement) else {
                    errors.add(field: "answers", message: "Each answer names its statement")
                    continue
                }
                if input.answers[key] != nil { errors.add(field: "answers", message: "\(key) is answered twice") }
                input.answers[key] = .init(ticked: answer.ticked ?? false, evidence: answer.evidence,
                                           activityIds: answer.activityIds ?? [], meetingIds: answer.meetingIds ?? [])
            }
            if (answers ?? []).count > 500 { errors.add(field: "answers", message: "Send 500 answers or fewer") }
            try errors.throwIfAny()
            return input
        }
    }

    struct IdeaInput: Content {
        var idea: String?
    }

    struct PlanIdea: Content {
        let id: UUID
        let idea: String
        let addedBy: String
    }

    struct PlanAction: Content {
        let id: UUID
        let assessmentId: UUID
        let what: String
        let ownerId: UUID?
        let dueOn: String
        let how: String
        let status: String
        let progress: String?
        let overdue: Bool

        init(_ model: PlanActionModel, today: CalendarDate) throws {
            id = try model.requireID()
            assessmentId = model.$assessment.id
            what = model.what
            ownerId = model.$owner.id
            dueOn = model.dueOn.iso8601
            how = model.how
            status = model.status.rawValue
            progress = model.progress
            overdue = model.isOverdue(today: today)
        }
    }

    struct PlanActionInput: Content {
        var what: String?
        var ownerId: String?
        var dueOn: String?
        var how: String?
        var status: String?
        var progress: String?

        func storeInput() throws -> SelfEvaluationStore.ActionInput {
            .init(what: what, ownerId: ownerId, dueOn: try API.dateInput(dueOn, field: "dueOn"), how: how, status: status, progress: progress)
        }
    }

    struct ReportLine: Content {
        let assessmentId: UUID
        let subjectKind: String
        let subjectId: UUID
        let subjectName: String
        let framework: String
        let year: String
        let rating: String?
        let previousYear: String?
        let previousRating: String?
        let movement: String
        let openActions: Int
        let overdueActions: Int
    }

    struct CoProductionReport: Content {
        let year: String
        let lines: [ReportLine]
    }
}

struct SelfEvaluationAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "FrameworkStatement": .object(properties: [
            "key": .string,
            "text": .string,
            "stage": .integer(required: false, nullable: true, description: "Index into the framework's stages; null for a commitment"),
        ]),
        "FrameworkKeyIdea": .object(properties: [
            "key": .string,
            "name": .string,
            "about": .string,
            "statements": .array(items: .reference(.component(named: "FrameworkStatement"))),
        ]),
        "Framework": .object(properties: [
            "key": .string,
            "name": .string,
            "source": .string,
            "summary": .string,
            "stages": .array(description: "Lowest first; empty for commitments", items: .string),
            "keyIdeas": .array(items: .reference(.component(named: "FrameworkKeyIdea"))),
            "rule": .array(description: "How the rating is given, in plain words", items: .string),
        ]),
        "AssessmentAnswer": .object(properties: [
            "statement": .string,
            "ticked": .boolean,
            "evidence": optionalString(),
            "activityIds": .array(items: .string(format: .uuid)),
            "meetingIds": .array(items: .string(format: .uuid)),
        ]),
        "Assessment": .object(properties: [
            "id": .string(format: .uuid),
            "framework": .string,
            "subjectKind": .string(allowedValues: allowed(AssessmentSubjectKind.allCases.map(\.rawValue), nullable: false)),
            "subjectId": .string(format: .uuid),
            "subjectName": .string,
            "year": .string(description: "April to March, like 2025-26"),
            "rating": .string(required: false, nullable: true, allowedValues: allowed(Rating.allCases.map(\.rawValue), nullable: true)),
            "reason": .string(description: "Why the rating is what it is"),
            "byStage": .array(description: "Statements ticked at each stage", items: .integer),
            "assessedOn": date,
            "recordedBy": .string,
            "answers": .array(items: .reference(.component(named: "AssessmentAnswer"))),
        ]),
        "AssessmentSummary": .object(properties: [
            "id": .string(format: .uuid),
            "framework": .string,
            "subjectKind": .string(allowedValues: allowed(AssessmentSubjectKind.allCases.map(\.rawValue), nullable: false)),
            "subjectId": .string(format: .uuid),
            "subjectName": .string,
            "year": .string,
            "rating": .string(required: false, nullable: true, allowedValues: allowed(Rating.allCases.map(\.rawValue), nullable: true)),
        ]),
        "AssessmentAnswerInput": .object(properties: [
            "statement": .string(description: "A statement key of the framework"),
            "ticked": .boolean(required: false, nullable: true, description: "Whether it describes the way you work"),
            "evidence": .string(required: false, nullable: true, description: "Needed when ticked, unless an activity or meeting is linked", maxLength: 2000),
            "activityIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
            "meetingIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
        ]),
        "AssessmentInput": .object(properties: [
            "framework": .string(required: false, nullable: true, description: "A framework key; needed to create, not used to update"),
            "subjectKind": .string(required: false, nullable: true, description: "Needed to create, not used to update",
                                   allowedValues: allowed(AssessmentSubjectKind.allCases.map(\.rawValue), nullable: true)),
            "subjectId": .string(format: .uuid, required: false, nullable: true, description: "An organisation's or a service's id; needed to create"),
            "year": .string(required: false, nullable: true, description: "Like 2025-26: this year or up to five before; needed to create"),
            "answers": .array(description: "At least one statement ticked, with its evidence; statements left out are not ticked",
                              items: .reference(.component(named: "AssessmentAnswerInput"))),
        ]),
        "IdeaInput": .object(properties: ["idea": .string(maxLength: 300)]),
        "PlanIdea": .object(properties: ["id": .string(format: .uuid), "idea": .string, "addedBy": .string]),
        "PlanAction": .object(properties: [
            "id": .string(format: .uuid),
            "assessmentId": .string(format: .uuid),
            "what": .string,
            "ownerId": optionalString("Null only when the person was removed from the register", format: .uuid),
            "dueOn": date,
            "how": .string,
            "status": oneOf(PlanActionStatus.self),
            "progress": optionalString(),
            "overdue": .boolean,
        ]),
        "PlanActionInput": .object(properties: [
            "what": .string(maxLength: 300),
            "ownerId": .string(format: .uuid, description: "A person of the register"),
            "dueOn": date,
            "how": .string(maxLength: 2000),
            "status": oneOf(PlanActionStatus.self),
            "progress": .string(required: false, nullable: true, maxLength: 2000),
        ]),
        "ReportLine": .object(properties: [
            "assessmentId": .string(format: .uuid),
            "subjectKind": .string(allowedValues: allowed(AssessmentSubjectKind.allCases.map(\.rawValue), nullable: false)),
            "subjectId": .string(format: .uuid),
            "subjectName": .string,
            "framework": .string,
            "year": .string,
            "rating": .string(required: false, nullable: true),
            "previousYear": optionalString(),
            "previousRating": optionalString(),
            "movement": .string(allowedValues: allowed(["better", "worse", "same", "firstAssessment"], nullable: false)),
            "openActions": .integer,
            "overdueActions": .integer,
        ]),
        "CoProductionReport": .object(properties: [
            "year": .string,
            "lines": .array(items: .reference(.component(named: "ReportLine"))),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = SelfEvaluationAPI()
        let assess = RouteAccess.requires(.selfEvaluate)
        return [
            APIOperation("listFrameworks", .GET, Paths.API.frameworks, .requires(.viewPartnership), tag: "Self-evaluation",
                         summary: "The self-evaluation frameworks, with their statements and rating rule", reply: .list("Framework"), handler: api.frameworks),
            APIOperation("listAssessments", .GET, Paths.API.assessments, .requires(.viewPartnership), tag: "Self-evaluation",
                         summary: "Assessments, the latest year first; ?year=2025-26 and ?subjectId= narrow it", reply: .page("AssessmentSummary"), handler: api.list),
            APIOperation("createAssessment", .POST, Paths.API.assessments, assess, tag: "Self-evaluation",
                         summary: "Assess an organisation, service or project against a framework for a year", body: "AssessmentInput",
                         reply: .created("Assessment"), handler: api.create),
            APIOperation("getAssessment", .GET, Paths.API.assessment, .requires(.viewPartnership), tag: "Self-evaluation",
                         summary: "One assessment, its rating and why", reply: .one("Assessment"), handler: api.get),
            APIOperation("updateAssessment", .PUT, Paths.API.assessment, assess, tag: "Self-evaluation",
                         summary: "Replace an assessment's answers", body: "AssessmentInput", reply: .one("Assessment"), handler: api.update),
            APIOperation("addPlanIdea", .POST, Paths.API.assessmentIdeas, assess, tag: "Self-evaluation",
                         summary: "Write down an idea for the action plan", body: "IdeaInput", reply: .created("PlanIdea"), handler: api.addIdea),
            APIOperation("listPlanActions", .GET, Paths.API.planActions, .requires(.viewPartnership), tag: "Self-evaluation",
                         summary: "The assessment's action plan", reply: .list("PlanAction"), handler: api.listActions),
            APIOperation("addPlanAction", .POST, Paths.API.planActions, assess, tag: "Self-evaluation",
                         summary: "Add an action: what, who, when and how; at most three open at once", body: "PlanActionInput",
                         reply: .created("PlanAction"), handler: api.addAction),
            APIOperation("updatePlanAction", .PUT, Paths.API.planAction, assess, tag: "Self-evaluation",
                         summary: "Replace an action, its status and progress", body: "PlanActionInput", reply: .one("PlanAction"), handler: api.updateAction),
            APIOperation("getCoProductionReport", .GET, Paths.API.coProductionReport, .requires(.viewPartnership), tag: "Self-evaluation",
                         summary: "The annual co-production report: each latest rating up to the year, its movement and open actions; ?year=2025-26",
                         reply: .one("CoProductionReport"), handler: api.report),
        ]
    }

    func frameworks(req: Request) async throws -> [API.Framework] {
        try await SelfEvaluationStore(try req.store).frameworks().map(API.Framework.init)
    }

    private func year(_ req: Request) throws -> ReportingYear? {
        guard let raw = try API.queryParameter(req, "year") else { return nil }
        guard let year = ReportingYear(text: raw) else { throw ValidationErrors(field: "year", message: "year must be written like 2025-26") }
        return year
    }

    func list(req: Request) async throws -> API.Page<API.AssessmentSummary> {
        let page = try API.pageRequest(req)
        var subject: UUID?
        if let raw = try API.queryParameter(req, "subjectId") {
            guard let id = UUID(uuidString: raw) else { throw ValidationErrors(field: "subjectId", message: "subjectId must be an id") }
            subject = id
        }
        let (items, total) = try await SelfEvaluationStore(try req.store).page(year: try year(req), subjectID: subject, page)
        return API.Page(items: try items.map { model in
            API.AssessmentSummary(id: try model.requireID(), framework: model.framework.key, subjectKind: model.subjectKind.rawValue,
                                  subjectId: model.subjectID, subjectName: model.subjectName, year: model.year.shortLabel, rating: model.rating?.rawValue)
        }, page: page.number, perPage: page.size, total: total)
    }

    func get(req: Request) async throws -> API.Assessment {
        try API.Assessment(try await SelfEvaluationStore(try req.store).find(req.id("assessmentID")))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(API.AssessmentInput.self)
        let store = SelfEvaluationStore(try req.store)
        let created = try await store.create(try input.storeInput())
        let model = try await store.find(try created.requireID())
        return try await .created(try API.Assessment(model), at: Paths.API.assessment(try model.recordID), for: req)
    }

    func update(req: Request) async throws -> API.Assessment {
        let store = SelfEvaluationStore(try req.store)
        let model = try await store.find(req.id("assessmentID"))
        let input = try req.content.decode(API.AssessmentInput.self)
        try await store.update(model, with: try input.storeInput())
        return try API.Assessment(try await store.find(try model.requireID()))
    }

    func addIdea(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let input = try req.content.decode(API.IdeaInput.self)
        let idea = try await store.addIdea(to: assessment, text: input.idea)
        return try await .created(API.PlanIdea(id: try idea.requireID(), idea: idea.text, addedBy: idea.addedBy),
                                  at: Paths.API.assessment(try assessment.recordID), for: req)
    }

    func listActions(req: Request) async throws -> [API.PlanAction] {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        return try await store.actions(of: assessment).map { try API.PlanAction($0, today: req.today) }
    }

    func addAction(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let input = try req.content.decode(API.PlanActionInput.self)
        let action = try await store.addAction(to: assessment, try input.storeInput())
        return try await .created(try API.PlanAction(action, today: req.today),
                                  at: Paths.API.planAction.url(try assessment.requireID(), try action.requireID()), for: req)
    }

    func updateAction(req: Request) async throws -> API.PlanAction {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let action = try await store.findAction(req.id("planActionID"), of: assessment)
        let input = try req.content.decode(API.PlanActionInput.self)
        try await store.updateAction(action, with: try input.storeInput())
        return try API.PlanAction(action, today: req.today)
    }

    func report(req: Request) async throws -> API.CoProductionReport {
        let year = try year(req) ?? ReportingYear(containing: req.today)
        let lines = try await SelfEvaluationStore(try req.store).report(year: year)
        return API.CoProductionReport(year: year.shortLabel, lines: try lines.map { line in
            API.ReportLine(assessmentId: try line.assessment.requireID(), subjectKind: line.assessment.subjectKind.rawValue,
                           subjectId: line.assessment.subjectID, subjectName: line.assessment.subjectName, framework: line.assessment.framework.key,
                           year: line.assessment.year.shortLabel, rating: line.assessment.rating?.rawValue, previousYear: line.previous?.year.shortLabel,
                           previousRating: line.previous?.rating?.rawValue, movement: line.movement.rawValue, openActions: line.openActions,
                           overdueActions: line.overdueActions)
        })
    }
}
