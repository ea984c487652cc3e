import Domain
import Fluent
import Foundation
import Vapor

enum ComplaintStore {
    static func validate(receivedOn: DateInput, aboutOrganisationId: String?, summary: String?, status: String?,
                         today: CalendarDate, areaID: UUID, on db: any Database) async throws -> (ComplaintDetails, UUID) {
        let organisationID = try await OrganisationStore.resolve(aboutOrganisationId, areaID: areaID, on: db)
        let details = try ComplaintDetails.validate(receivedOn: receivedOn, summary: summary, status: status,
                                                    hasPartner: organisationID != nil, today: today)
        return (details, organisationID!)
    }
}
