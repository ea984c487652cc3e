import Domain
import Fluent
import Foundation

/// Shared look-ups for people, always within one area.
enum PeopleQueries {
    static func find(_ id: UUID, areaID: UUID, on db: any Database) async throws -> PersonModel? {
        try await PersonModel.query(on: db)
            .filter(\.$id == id).filter(\.$area.$id == areaID)
            .with(\.$organisation)
            .first()
    }

    /// Whether the person belongs to a parent carer forum, which makes their
    /// contact details forum-held personal data.
    static func isForumMember(_ person: PersonModel) -> Bool {
        person.organisation?.kind == .parentCarerForum
    }

    /// Organisations of an area for a drop-down, by name. Areas have tens of
    /// organisations, not thousands, so one list is fine.
    static func organisationOptions(areaID: UUID, on db: any Database) async throws -> [OrganisationModel] {
        try await OrganisationModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$sortName).limit(500).all()
    }
}
