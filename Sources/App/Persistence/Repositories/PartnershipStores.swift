import Domain
import Fluent
import Foundation
import Vapor

// Checks and writes shared by the web pages and the JSON API, so both
// accept exactly the same input. Every look-up is confined to one area.

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

enum PersonStore {
    static func validate(fullName: String?, organisationId: String?, jobTitle: String?, email: String?, phone: String?,
                         areaID: UUID, on db: any Database) async throws -> (PersonDetails, UUID?) {
        var errors = ValidationErrors()
        var details: PersonDetails?
        do { details = try PersonDetails.validate(fullName: fullName, jobTitle: jobTitle, email: email, phone: phone) }
        catch let error as ValidationErrors { errors = error }
        let organisationID = try await OrganisationStore.resolve(organisationId, areaID: areaID, on: db)
        if TextInput.optional(organisationId) != nil && organisationID == nil {
            errors.add(field: "organisationId", message: "Select an organisation from the list")
        }
        try errors.ordered(["fullName", "organisationId", "jobTitle", "email", "phone"]).throwIfAny()
        return (details!, organisationID)
    }
}

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

enum AgreementStore {
    static func find(_ id: UUID, areaID: UUID, on db: any Database) async throws -> AgreementModel? {
        try await AgreementModel.query(on: db).filter(\.$id == id).filter(\.$area.$id == areaID).first()
    }

    static func validate(title: String?, startsOn: DateInput, endsOn: DateInput, reviewOn: DateInput, partnerIds: [String],
                         areaID: UUID, on db: any Database) async throws -> (AgreementDetails, [UUID]) {
        let requested = Array(Set(partnerIds.compactMap { UUID(uuidString: $0) }))
        let organisations = requested.isEmpty ? [] : try await OrganisationModel.query(on: db)
            .filter(\.$area.$id == areaID).filter(\.$id ~~ requested).all()
        var errors = ValidationErrors()
        var details: AgreementDetails?
        do {
            details = try AgreementDetails.validate(title: title, startsOn: startsOn, endsOn: endsOn, reviewOn: reviewOn,
                                                    partnerKinds: organisations.map(\.kind))
        } catch let error as ValidationErrors { errors = error }
        if organisations.count < partnerIds.count {
            errors.add(field: "partners", message: "Select partners from the list")
        }
        try errors.throwIfAny()
        return (details!, organisations.compactMap(\.id))
    }

    /// Saves the agreement and replaces its partners, all or nothing.
    static func save(_ agreement: AgreementModel, details: AgreementDetails, partnerIDs: [UUID], on db: any Database) async throws {
        agreement.apply(details)
        try await db.writeTransaction { db in
            try await agreement.save(on: db)
            let id = try agreement.requireID()
            try await AgreementPartnerModel.query(on: db).filter(\.$agreement.$id == id).delete()
            for partnerID in partnerIDs {
                try await AgreementPartnerModel(agreementID: id, organisationID: partnerID).create(on: db)
            }
        }
    }
}

enum ClauseStore {
    /// A clause as typed into the form (and, converted, as sent to the API).
    struct Input: Content {
        var number: String?
        var text: String?
        var kind: String?
        var ruleKind: String?
        var windowFrom: String?
        var windowTo: String?
        var noticeDays: String?
        var organisationKind: String?
        var cadence: String?
        var groupId: String?
    }

    static func validate(_ input: Input, areaID: UUID, on db: any Database) async throws -> (ClauseDetails, UUID?) {
        var errors = ValidationErrors()
        var details: ClauseDetails?
        do {
            details = try ClauseDetails.validate(number: input.number, text: input.text, kind: input.kind, ruleKind: input.ruleKind,
                                                 windowFrom: input.windowFrom, windowTo: input.windowTo, noticeDays: input.noticeDays,
                                                 organisationKind: input.organisationKind, cadence: input.cadence)
        } catch let error as ValidationErrors { errors = error }
        var groupID: UUID?
        if let raw = TextInput.optional(input.groupId) {
            if let id = UUID(uuidString: raw), try await GroupStore.find(id, areaID: areaID, on: db) != nil { groupID = id }
            else { errors.add(field: "groupId", message: "Select a group from the list") }
        }
        try errors.throwIfAny()
        return (details!, groupID)
    }

    /// Adds a clause at the end of the agreement.
    static func append(_ details: ClauseDetails, groupID: UUID?, agreementID: UUID, on db: any Database) async throws -> ClauseModel {
        try await db.writeTransaction { db in
            let last = try await ClauseModel.query(on: db).filter(\.$agreement.$id == agreementID).max(\.$position) ?? 0
            let clause = ClauseModel(agreementID: agreementID, position: last + 1, details: details, groupID: groupID)
            try await clause.create(on: db)
            return clause
        }
    }

    static func latestAssessments(clauseIDs: [UUID], on db: any Database) async throws -> [UUID: CommitmentAssessmentModel] {
        guard !clauseIDs.isEmpty else { return [:] }
        let all = try await CommitmentAssessmentModel.query(on: db).filter(\.$clause.$id ~~ clauseIDs)
            .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).all()
        var latest: [UUID: CommitmentAssessmentModel] = [:]
        for assessment in all where latest[assessment.$clause.id] == nil { latest[assessment.$clause.id] = assessment }
        return latest
    }
}

enum ComplaintStore {
    static func validate(receivedOn: DateInput, aboutOrganisationId: String?, summary: String?, status: String?,
                         today: CalendarDate, areaID: UUID, on db: any Database) async throws -> (ComplaintDetails, UUID) {
        let organisationID = try await OrganisationStore.resolve(aboutOrganisationId, areaID: areaID, on: db)
        let details = try ComplaintDetails.validate(receivedOn: receivedOn, summary: summary, status: status,
                                                    hasPartner: organisationID != nil, today: today)
        return (details, organisationID!)
    }
}

extension Model {
    /// Saves the record; when a unique index refuses it, throws `problem`,
    /// which names the field, instead of a server error.
    func save(on db: any Database, orIfDuplicate problem: @autoclosure () -> ValidationErrors) async throws {
        do {
            try await save(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw problem()
        }
    }
}

extension ValidationErrors {
    /// The same problems, in the order the fields appear on the form.
    func ordered(_ fields: [String]) -> ValidationErrors {
        var result = ValidationErrors()
        for field in fields { if let message = message(for: field) { result.add(field: field, message: message) } }
        for error in errors where !fields.contains(error.field) { result.add(field: error.field, message: error.message) }
        return result
    }
}
