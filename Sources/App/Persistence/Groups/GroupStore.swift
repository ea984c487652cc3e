import Domain
import Fluent
import Foundation
import Vapor

enum GroupStore {
    static func find(_ id: UUID, areaID: UUID, on db: any Database) async throws -> GroupModel? {
        try await GroupModel.query(on: db).filter(\.$id == id).filter(\.$area.$id == areaID).first()
    }

    static func validate(name: String?, purpose: String?, cadence: String?, reportsToId: String?, editing: UUID?,
                         areaID: UUID, on db: any Database) async throws -> (GroupDetails, UUID?) {
        var errors = ValidationErrors()
        var details: GroupDetails?
        do { details = try GroupDetails.validate(name: name, purpose: purpose, cadence: cadence) } catch let error as ValidationErrors { errors = error }
        if let details {
            var query = GroupModel.query(on: db).filter(\.$area.$id == areaID).filter(\.$sortName == TextInput.comparisonKey(details.name))
            if let editing { query = query.filter(\.$id != editing) }
            if try await query.count() > 0 { errors.add(field: "name", message: duplicateName(details.name)) }
        }
        var parentID: UUID?
        if let raw = TextInput.optional(reportsToId) {
            if let id = UUID(uuidString: raw), try await find(id, areaID: areaID, on: db) != nil {
                // Walk up from the new parent; an area has tens of groups.
                let parents = try await GroupModel.query(on: db).filter(\.$area.$id == areaID).filter(\.$reportsTo.$id != nil).all()
                let map = Dictionary(uniqueKeysWithValues: parents.compactMap { group in group.$reportsTo.id.map { (group.id!, $0) } })
                if let editing, GovernanceTree.wouldCreateLoop(group: editing, newParent: id, currentParents: map) {
                    errors.add(field: "reportsToId", message: "A group cannot report to itself or to a group that reports to it")
                } else {
                    parentID = id
                }
            } else {
                errors.add(field: "reportsToId", message: "Select a group from the list")
            }
        }
        try errors.throwIfAny()
        return (details!, parentID)
    }

    /// Saves a new or changed group; see `OrganisationStore.save`.
    static func save(_ group: GroupModel, on db: any Database) async throws {
        try await group.save(on: db, orIfDuplicate: ValidationErrors(field: "name", message: duplicateName(group.name)))
    }

    private static func duplicateName(_ name: String) -> String { "There is already a group called \(name)" }
}
