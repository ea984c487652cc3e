import Domain
import Fluent
import Foundation
import Vapor

/// The only place the area's services, strategies and projects are read and written.
struct ServiceStore {
    struct Input: Sendable {
        var name: String?
        var kind: String?
        var leadOrganisationId: String?
        var summary: String?
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    func find(_ id: UUID) async throws -> ServiceModel {
        guard let service = try await ServiceModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$leadOrganisation).first() else { throw Abort(.notFound) }
        return service
    }

    /// The service an id names, if it is one of the area's.
    func lookUp(_ id: UUID) async throws -> ServiceModel? {
        try await ServiceModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).first()
    }

    /// One page of services by name.
    func page(_ page: ListPage) async throws -> (items: [ServiceModel], total: Int) {
        try await ServiceModel.query(on: context.db).filter(\.$area.$id == context.areaID).with(\.$leadOrganisation).sort(\.$sortName).page(page)
    }

    /// The services for a drop-down, by name. An area has tens of them; the limit keeps a form's size bounded.
    func options() async throws -> [ServiceModel] {
        try await ServiceModel.query(on: context.db).filter(\.$area.$id == context.areaID).sort(\.$sortName).limit(500).all()
    }

    func create(_ input: Input) async throws -> ServiceModel {
        let (details, lead) = try await validate(input, editing: nil)
        let service = ServiceModel(areaID: context.areaID, details: details, leadOrganisationID: lead)
        try await context.write { context in
            try await service.save(on: context.db, orIfDuplicate: Self.duplicateName(details.name))
            try await context.auditCreated(service)
        }
        return service
    }

    func update(_ service: ServiceModel, with input: Input) async throws {
        let (details, lead) = try await validate(input, editing: service.id)
        let before = service.auditFields
        service.apply(details, leadOrganisationID: lead)
        try await context.write { context in
            try await service.save(on: context.db, orIfDuplicate: Self.duplicateName(details.name))
            try await context.auditUpdated(service, before: before)
        }
    }

    private func validate(_ input: Input, editing: UUID?) async throws -> (ServiceDetails, UUID?) {
        var errors = ValidationErrors()
        var details: ServiceDetails?
        do { details = try ServiceDetails.validate(name: input.name, kind: input.kind, summary: input.summary) }
        catch let problems as ValidationErrors { errors = problems }
        var lead: UUID?
        if TextInput.optional(input.leadOrganisationId) != nil {
            lead = try await OrganisationStore(context).resolve(input.leadOrganisationId)
            if lead == nil { errors.add(field: "leadOrganisationId", message: "Select the lead organisation from the list") }
        }
        if let details {
            var query = ServiceModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$sortName == TextInput.comparisonKey(details.name))
            if let editing { query = query.filter(\.$id != editing) }
            if try await query.count() > 0 { errors.add(field: "name", message: Self.duplicateName(details.name).errors[0].message) }
        }
        try errors.ordered(["name", "kind", "leadOrganisationId", "summary"]).throwIfAny()
        return (details!, lead)
    }

    private static func duplicateName(_ name: String) -> ValidationErrors {
        ValidationErrors(field: "name", message: "There is already a service or project called \(name)")
    }
}
