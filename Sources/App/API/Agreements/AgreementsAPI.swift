import Domain
import Fluent
import OpenAPIKit
import Vapor

// Partnership agreements and their clauses in the JSON API.

extension API {
    struct Agreement: Content {
        let id: UUID
        let title: String
        let startsOn: String
        let endsOn: String?
        let reviewOn: String
        let status: String
        let partnerIds: [UUID]
    }

    struct AgreementInput: Content {
        var title: String?
        var startsOn: String?
        var endsOn: String?
        var reviewOn: String?
        var partnerIds: [String]?

        /// Dates the API cannot read are named as the API's fields, with the store's other problems.
        var storeInput: AgreementStore.Input {
            var input = AgreementStore.Input(title: title, partnerIds: partnerIds ?? [])
            for (field, value, date) in [("startsOn", startsOn, \AgreementStore.Input.startsOn), ("endsOn", endsOn, \.endsOn), ("reviewOn", reviewOn, \.reviewOn)] {
                do { input[keyPath: date] = try API.dateInput(value, field: field) }
                catch { input.problemsFound.add(field: field, message: error.errors[0].message) }
            }
            return input
        }
    }

    struct Rule: Content {
        let kind: String
        let summary: String
        let windowFrom: String?
        let windowTo: String?
        let noticeDays: Int?
        let organisationKind: String?
        let cadence: String?
        let groupId: UUID?
    }

    struct Check: Content {
        let status: String
        let evidence: String
        let assessedOn: String
        let recordedBy: String
    }

    struct Clause: Content {
        let id: UUID
        let agreementId: UUID
        let position: Int
        let number: String
        let text: String
        let kind: String
        let rule: Rule?
        let latestCheck: Check?

        init(_ model: ClauseModel, latest: CommitmentAssessmentModel?) throws {
            id = try model.requireID()
            agreementId = model.$agreement.id
            position = model.position
            number = model.number
            text = model.text
            kind = model.kind.rawValue
            rule = model.rule.map { rule in
                let settings = rule.settings
                return Rule(kind: rule.kind.rawValue, summary: rule.summary, windowFrom: settings.windowFrom?.description,
                            windowTo: settings.windowTo?.description, noticeDays: settings.noticeDays,
                            organisationKind: settings.organisationKind?.rawValue, cadence: settings.cadence?.rawValue, groupId: model.$group.id)
            }
            latestCheck = latest.map { Check(status: $0.status.rawValue, evidence: $0.evidence, assessedOn: $0.assessedOn.iso8601, recordedBy: $0.recordedBy) }
        }
    }

    struct ClauseInput: Content {
        var number: String?
        var text: String?
        var kind: String?
        var ruleKind: String?
        var windowFrom: String?
        var windowTo: String?
        var noticeDays: Int?
        var organisationKind: String?
        var cadence: String?
        var groupId: String?

        var storeInput: AgreementStore.ClauseInput {
            .init(number: number, text: text, kind: kind, ruleKind: ruleKind, windowFrom: windowFrom, windowTo: windowTo,
                  noticeDays: noticeDays.map(String.init), organisationKind: organisationKind, cadence: cadence, groupId: groupId)
        }
    }
}

struct AgreementsAPI: APIPart {
    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Agreement": .object(properties: [
            "id": .string(format: .uuid),
            "title": .string,
            "startsOn": date,
            "endsOn": optionalDate,
            "reviewOn": date,
            "status": .string(allowedValues: ["not-started", "in-force", "review-due", "ended"].map { AnyCodable($0) }),
            "partnerIds": .array(items: .string(format: .uuid)),
        ]),
        "AgreementInput": .object(properties: [
            "title": .string(maxLength: 300),
            "startsOn": date,
            "endsOn": optionalDate,
            "reviewOn": date,
            "partnerIds": .array(description: "At least 2 organisations, one of them the parent carer forum", items: .string(format: .uuid)),
        ]),
        "Rule": .object(properties: [
            "kind": oneOf(ClauseRule.Kind.self),
            "summary": .string,
            "windowFrom": optionalString("HH:MM"),
            "windowTo": optionalString("HH:MM"),
            "noticeDays": .integer(required: false, nullable: true),
            "organisationKind": oneOf(OrganisationKind.self, required: false),
            "cadence": oneOf(Cadence.self, required: false),
            "groupId": optionalString("The group it applies to; null for every group the forum sits on", format: .uuid),
        ]),
        "Check": .object(properties: [
            "status": oneOf(CommitmentStatus.self),
            "evidence": .string,
            "assessedOn": date,
            "recordedBy": .string,
        ]),
        "Clause": .object(properties: [
            "id": .string(format: .uuid),
            "agreementId": .string(format: .uuid),
            "position": .integer,
            "number": .string,
            "text": .string,
            "kind": oneOf(ClauseKind.self),
            "rule": .one(of: [.reference(.component(named: "Rule")), .null()], core: .init(required: false)),
            "latestCheck": .one(of: [.reference(.component(named: "Check")), .null()], core: .init(required: false)),
        ]),
        "ClauseInput": .object(properties: [
            "number": .string(maxLength: 20),
            "text": .string(maxLength: 5000),
            "kind": oneOf(ClauseKind.self),
            "ruleKind": oneOf(ClauseRule.Kind.self, required: false, description: "Needed when kind is rule"),
            "windowFrom": optionalString("HH:MM, for meeting-time-window"),
            "windowTo": optionalString("HH:MM, for meeting-time-window"),
            "noticeDays": .integer(required: false, nullable: true, description: "1 to 60, for papers-notice-days, partners-asked-for-items and minutes-circulated-within"),
            "organisationKind": oneOf(OrganisationKind.self, required: false, description: "For chair-from"),
            "cadence": oneOf(Cadence.self, required: false, description: "For meeting-cadence"),
            "groupId": optionalString("The group a rule applies to; leave out for every group the forum sits on", format: .uuid),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = AgreementsAPI()
        let view = RouteAccess.requires(.viewPartnership)
        return [
            APIOperation("listAgreements", .GET, Paths.API.agreements, view, tag: "Agreements",
                         summary: "List the area's partnership agreements, newest first", reply: .page("Agreement"), handler: api.listAgreements),
            APIOperation("downloadAgreements", .GET, Paths.API.agreementsCSV, view, tag: "Agreements",
                         summary: "Every agreement with its clauses as a spreadsheet (CSV), a clause a row, with each clause's latest result",
                         reply: .csv("The clauses, one a row"), handler: AgreementsController().csv),
            APIOperation("createAgreement", .POST, Paths.API.agreements, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Add a partnership agreement", body: "AgreementInput", reply: .created("Agreement"), handler: api.createAgreement),
            APIOperation("getAgreement", .GET, Paths.API.agreement, view, tag: "Agreements",
                         summary: "One partnership agreement", reply: .one("Agreement"), handler: api.getAgreement),
            APIOperation("updateAgreement", .PUT, Paths.API.agreement, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Replace an agreement's details and partners", body: "AgreementInput", reply: .one("Agreement"), handler: api.updateAgreement),
            APIOperation("listClauses", .GET, Paths.API.clauses, view, tag: "Agreements",
                         summary: "Every clause of an agreement, in order", reply: .list("Clause"), handler: api.listClauses),
            APIOperation("createClause", .POST, Paths.API.clauses, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Add a clause at the end of an agreement", body: "ClauseInput", reply: .created("Clause"), handler: api.createClause),
            APIOperation("getClause", .GET, Paths.API.clause, view, tag: "Agreements",
                         summary: "One clause, with the latest hand check of a commitment", reply: .one("Clause"), handler: api.getClause),
            APIOperation("updateClause", .PUT, Paths.API.clause, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Replace a clause", body: "ClauseInput", reply: .one("Clause"), handler: api.updateClause),
        ]
    }

    // MARK: Agreements

    func listAgreements(req: Request) async throws -> API.Page<API.Agreement> {
        let page = try API.pageRequest(req)
        let store = AgreementStore(try req.store)
        let (agreements, total) = try await store.page(page)
        let partners = try await store.partners(of: agreements.compactMap(\.id))
        return API.Page(items: try agreements.map { try agreement($0, partnerIDs: partners[$0.id!]?.map(\.$organisation.id) ?? [], today: req.today) },
                        page: page.number, perPage: page.size, total: total)
    }

    func getAgreement(req: Request) async throws -> API.Agreement {
        let model = try await agreement(req)
        return try await represent(model, req: req)
    }

    func createAgreement(req: Request) async throws -> Response {
        let input = try req.content.decode(API.AgreementInput.self)
        let model = try await named { try await AgreementStore(try req.store).create(input.storeInput) }
        return try await .created(try await represent(model, req: req), at: Paths.API.agreement(try model.recordID), for: req)
    }

    func updateAgreement(req: Request) async throws -> API.Agreement {
        let model = try await agreement(req)
        let input = try req.content.decode(API.AgreementInput.self)
        try await named { try await AgreementStore(try req.store).update(model, with: input.storeInput) }
        return try await represent(model, req: req)
    }

    /// The API calls the form's partners field partnerIds.
    private func named<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let errors as ValidationErrors {
            var renamed = ValidationErrors()
            for error in errors.errors { renamed.add(field: error.field == "partners" ? "partnerIds" : error.field, message: error.message) }
            throw renamed
        }
    }

    private func agreement(_ req: Request) async throws -> AgreementModel {
        try await AgreementStore(try req.store).find(req.id("agreementID"))
    }

    private func represent(_ model: AgreementModel, req: Request) async throws -> API.Agreement {
        let partners = try await AgreementStore(try req.store).partners(of: model)
        return try agreement(model, partnerIDs: partners.map(\.$organisation.id), today: req.today)
    }

    private func agreement(_ model: AgreementModel, partnerIDs: [UUID], today: CalendarDate) throws -> API.Agreement {
        API.Agreement(id: try model.requireID(), title: model.title, startsOn: model.startsOn.iso8601, endsOn: model.endsOn?.iso8601, reviewOn: model.reviewOn.iso8601,
                      status: model.status(on: today).rawValue, partnerIds: partnerIDs.sorted { $0.uuidString < $1.uuidString })
    }

    // MARK: Clauses

    func listClauses(req: Request) async throws -> [API.Clause] {
        let store = AgreementStore(try req.store)
        let clauses = try await store.clauses(of: try await agreement(req))
        let latest = try await store.latestAssessments(clauseIDs: clauses.compactMap(\.id))
        return try clauses.map { try API.Clause($0, latest: latest[$0.id!]) }
    }

    func getClause(req: Request) async throws -> API.Clause {
        try await represent(try await clause(req), req: req)
    }

    func createClause(req: Request) async throws -> Response {
        let agreement = try await agreement(req)
        let input = try req.content.decode(API.ClauseInput.self)
        try API.refuseEmpty([("groupId", input.groupId, "a group's id")])
        let clause = try await AgreementStore(try req.store).appendClause(to: agreement, input.storeInput)
        return try await .created(try API.Clause(clause, latest: nil), at: Paths.API.clause(agreement: try agreement.recordID, clause: try clause.recordID), for: req)
    }

    func updateClause(req: Request) async throws -> API.Clause {
        let clause = try await clause(req)
        let input = try req.content.decode(API.ClauseInput.self)
        try API.refuseEmpty([("groupId", input.groupId, "a group's id")])
        try await AgreementStore(try req.store).updateClause(clause, with: input.storeInput)
        return try await represent(clause, req: req)
    }

    private func clause(_ req: Request) async throws -> ClauseModel {
        try await AgreementStore(try req.store).clause(req.id("clauseID"), of: try await agreement(req))
    }

    private func represent(_ clause: ClauseModel, req: Request) async throws -> API.Clause {
        let latest = try await AgreementStore(try req.store).latestAssessments(clauseIDs: [clause.requireID()])
        return try API.Clause(clause, latest: latest[clause.id!])
    }
}
