import Domain
import Fluent
import Foundation
import Vapor

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
