import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The only place organisations are read and written, always within the actor's area.
struct OrganisationStore {
    /// An organisation as typed into the form or sent to the API.
    struct Input: Sendable {
        var name: String?
        var kind: String?
        var email: String?
        var phone: String?
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// The organisation, or 404 when the area has none with this id.
    func find(_ id: UUID) async throws -> OrganisationModel {
        guard let organisation = try await OrganisationModel.query(on: context.db).filter(\.$id == id)
            .filter(\.$area.$id == context.areaID).first() else { throw Abort(.notFound) }
        return organisation
    }

    /// One page of the area's organisations by name, of one kind or all,
    /// whose names hold every search term (`SearchText`). An area has tens
    /// of organisations and at most `options()`'s 500, so the search runs
    /// over them in memory, with the same folding as the people list's.
    func page(kind: OrganisationKind? = nil, searchTerms: [String] = [], _ page: ListPage) async throws -> (items: [OrganisationModel], total: Int) {
        var query = OrganisationModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let kind { query = query.filter(\.$kind == kind) }
        guard !searchTerms.isEmpty else { return try await query.sort(\.$sortName).page(page) }
        let matching = try await query.sort(\.$sortName).limit(500).all().filter { SearchText.matches(searchTerms, in: $0.name) }
        return (Array(matching.dropFirst(page.offset).prefix(page.size)), matching.count)
    }

    /// Every organisation the filters pick, by name, for a download: at most 500, as an area's list is.
    func all(kind: OrganisationKind?, searchTerms: [String]) async throws -> [OrganisationModel] {
        var query = OrganisationModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let kind { query = query.filter(\.$kind == kind) }
        return try await query.sort(\.$sortName).limit(500).all().filter { SearchText.matches(searchTerms, in: $0.name) }
    }

    /// How many people of the register belong to each of `organisations`: one grouped query.
    func peopleCounts(_ organisations: [OrganisationModel]) async throws -> [UUID: Int] {
        let ids = organisations.compactMap(\.id)
        guard !ids.isEmpty, let sql = context.db as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let organisation_id: UUID; let people: Int }
        let rows = try await sql.select().column("organisation_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "people")
            .from("people").where("organisation_id", .in, ids).groupBy("organisation_id").all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.organisation_id, $0.people) })
    }

    /// The area's organisations for a drop-down, by name. Areas have tens of
    /// organisations, not thousands, so one list is fine.
    func options() async throws -> [OrganisationModel] {
        try await OrganisationModel.query(on: context.db).filter(\.$area.$id == context.areaID).sort(\.$sortName).limit(500).all()
    }

    /// An organisation id typed or sent, checked to belong to the area.
    func resolve(_ raw: String?) async throws -> UUID? {
        try await lookUp(raw)?.id
    }

    /// The organisation an id typed or sent names, if it is one of the area's.
    func lookUp(_ raw: String?) async throws -> OrganisationModel? {
        guard let raw = TextInput.optional(raw), let id = UUID(uuidString: raw) else { return nil }
        return try await OrganisationModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).first()
    }

    func create(_ input: Input) async throws -> OrganisationModel {
        let organisation = OrganisationModel(areaID: context.areaID, details: try await validate(input, editing: nil))
        try await context.write { context in
            try await OrganisationStore(context).save(organisation)
            try await context.auditCreated(organisation)
        }
        return organisation
    }

    func update(_ organisation: OrganisationModel, with input: Input) async throws {
        let before = organisation.auditFields
        organisation.apply(try await validate(input, editing: organisation.id))
        try await context.write { context in
            try await OrganisationStore(context).save(organisation)
            try await context.auditUpdated(organisation, before: before)
        }
    }

    /// Records that still point at the organisation; it cannot go while they exist.
    func deletionBlockers(_ organisation: OrganisationModel) async throws -> [String] {
        let id = try organisation.requireID()
        let db = context.db
        var blockers: [String] = []
        let people = try await PersonModel.query(on: db).filter(\.$organisation.$id == id).count()
        if people > 0 { blockers.append("\(people) \(people == 1 ? "person belongs" : "people belong") to it") }
        let agreements = try await AgreementPartnerModel.query(on: db).filter(\.$organisation.$id == id).count()
        if agreements > 0 { blockers.append("it is a partner in \(agreements) \(agreements == 1 ? "agreement" : "agreements")") }
        let complaints = try await ComplaintModel.query(on: db).filter(\.$aboutOrganisation.$id == id).count()
        if complaints > 0 { blockers.append("\(complaints) \(complaints == 1 ? "complaint is" : "complaints are") about it") }
        let activities = try await ActivityOrganisationModel.query(on: db).filter(\.$organisation.$id == id).count()
        if activities > 0 { blockers.append("it was involved in \(activities) engagement \(activities == 1 ? "activity" : "activities")") }
        let assessments = try await AssessmentModel.query(on: db).filter(\.$subjectID == id).count()
        if assessments > 0 { blockers.append("it has \(assessments) self-\(assessments == 1 ? "evaluation" : "evaluations")") }
        return blockers
    }

    /// Deletes the organisation if nothing points at it; answers whether it did.
    func delete(_ organisation: OrganisationModel) async throws -> Bool {
        try await context.write { context in
            let store = OrganisationStore(context)
            guard try await store.deletionBlockers(organisation).isEmpty else { return false }
            try await organisation.delete(on: context.db)
            try await context.auditDeleted(organisation)
            return true
        }
    }

    private func validate(_ input: Input, editing: UUID?) async throws -> OrganisationDetails {
        let details = try OrganisationDetails.validate(name: input.name, kind: input.kind, email: input.email, phone: input.phone)
        var query = OrganisationModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$sortName == TextInput.comparisonKey(details.name))
        if let editing { query = query.filter(\.$id != editing) }
        if try await query.count() > 0 { throw Self.duplicateName(details.name) }
        return details
    }

    /// Two people saving the same name at the same moment both pass `validate`; the unique index stops the second.
    private func save(_ organisation: OrganisationModel) async throws {
        try await organisation.save(on: context.db, orIfDuplicate: Self.duplicateName(organisation.name))
    }

    private static func duplicateName(_ name: String) -> ValidationErrors {
        ValidationErrors(field: "name", message: "There is already an organisation called \(name)")
    }
}
