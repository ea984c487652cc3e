import Domain
import Fluent
import Foundation
import Vapor

enum OrganisationStore {
    static func find(_ id: UUID, areaID: UUID, on db: any Database) async throws -> OrganisationModel? {
        try await OrganisationModel.query(on: db).filter(\.$id == id).filter(\.$area.$id == areaID).first()
    }

    static func validate(name: String?, kind: String?, email: String?, phone: String?, areaID: UUID,
                         editing: UUID?, on db: any Database) async throws -> OrganisationDetails {
        let details = try OrganisationDetails.validate(name: name, kind: kind, email: email, phone: phone)
        var query = OrganisationModel.query(on: db).filter(\.$area.$id == areaID).filter(\.$sortName == TextInput.comparisonKey(details.name))
        if let editing { query = query.filter(\.$id != editing) }
        if try await query.count() > 0 { throw duplicateName(details.name) }
        return details
    }

    /// Saves a new or changed organisation. Two people saving the same name at
    /// the same moment both pass `validate`; the unique index stops the second.
    static func save(_ organisation: OrganisationModel, on db: any Database) async throws {
        try await organisation.save(on: db, orIfDuplicate: duplicateName(organisation.name))
    }

    private static func duplicateName(_ name: String) -> ValidationErrors {
        ValidationErrors(field: "name", message: "There is already an organisation called \(name)")
    }

    /// An organisation id typed or sent, checked to belong to the area.
    static func resolve(_ raw: String?, areaID: UUID, on db: any Database) async throws -> UUID? {
        guard let raw = TextInput.optional(raw), let id = UUID(uuidString: raw) else { return nil }
        return try await find(id, areaID: areaID, on: db)?.id
    }
}
