import Domain
import Fluent
import Foundation
import Vapor

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
