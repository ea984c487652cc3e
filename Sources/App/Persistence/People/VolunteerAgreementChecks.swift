import Domain
import Fluent
import Foundation

/// Finds forum representatives and whether each has a volunteer agreement in force.
/// A representative is a member of a parent carer forum who sits on a group.
enum VolunteerAgreementChecks {
    /// The forum organisations of an area (usually one).
    static func forumOrganisationIDs(areaID: UUID, on db: any Database) async throws -> [UUID] {
        try await OrganisationModel.query(on: db)
            .filter(\.$area.$id == areaID)
            .filter(\.$kind == .parentCarerForum)
            .all(\.$id)
    }

    /// The volunteer agreement status of each person asked about.
    static func statuses(personIDs: [UUID], today: CalendarDate, on db: any Database) async throws -> [UUID: VolunteerAgreementStatus] {
        guard !personIDs.isEmpty else { return [:] }
        let agreements = try await VolunteerAgreementModel.query(on: db)
            .filter(\.$person.$id ~~ personIDs).all()
        let byPerson = Dictionary(grouping: agreements, by: { $0.$person.id })
        return Dictionary(uniqueKeysWithValues: personIDs.map { id in
            (id, VolunteerAgreementStatus.evaluate(byPerson[id]?.map(\.agreement) ?? [], on: today))
        })
    }

    /// Forum members who sit on at least one group.
    static func representativeIDs(areaID: UUID, on db: any Database) async throws -> [UUID] {
        let forums = try await forumOrganisationIDs(areaID: areaID, on: db)
        guard !forums.isEmpty else { return [] }
        let ids = try await MembershipModel.query(on: db)
            .join(PersonModel.self, on: \MembershipModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == areaID)
            .filter(PersonModel.self, \.$organisation.$id ~~ forums)
            .all(\.$person.$id)
        return Array(Set(ids))
    }

    static func representativesWithoutAgreement(areaID: UUID, today: CalendarDate, on db: any Database) async throws -> [UUID] {
        let representatives = try await representativeIDs(areaID: areaID, on: db)
        let statuses = try await statuses(personIDs: representatives, today: today, on: db)
        return representatives.filter { !(statuses[$0]?.isInForce ?? false) }
    }

    /// Forum representatives whose agreement in force ends within `VolunteerAgreementStatus.warningDays`.
    static func representativesWithAgreementEndingSoon(areaID: UUID, today: CalendarDate, on db: any Database) async throws -> [UUID] {
        let representatives = try await representativeIDs(areaID: areaID, on: db)
        let statuses = try await statuses(personIDs: representatives, today: today, on: db)
        return representatives.filter { if case .expiringSoon = statuses[$0] { true } else { false } }
    }
}
