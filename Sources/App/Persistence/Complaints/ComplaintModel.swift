import Domain
import Fluent
import Foundation

final class ComplaintModel: Model, @unchecked Sendable {
    static let schema = "complaints"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "about_organisation_id") var aboutOrganisation: OrganisationModel
    @Field(key: "received_on") var receivedOn: CalendarDate
    @Field(key: "summary") var summary: String
    @Field(key: "status") var status: ComplaintStatus
    /// The date of the latest meeting whose minutes record it as discussed;
    /// kept by the meetings part (`PartnerStore`), so a partnership meeting
    /// finds the complaints due at it with one indexed query.
    @OptionalField(key: "discussed_through") var discussedThrough: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, aboutOrganisationID: UUID, details: ComplaintDetails) {
        self.$area.id = areaID
        apply(details, aboutOrganisationID: aboutOrganisationID)
    }

    func apply(_ details: ComplaintDetails, aboutOrganisationID: UUID) {
        $aboutOrganisation.id = aboutOrganisationID
        receivedOn = details.receivedOn
        summary = details.summary
        status = details.status
    }

}

extension ComplaintModel: AuditRecord {
    static let auditType = "complaint"
    var auditLabel: String { "Complaint received \(receivedOn.longForm)" }
    var auditFields: [AuditField] {
        [AuditField("Received on", receivedOn.longForm),
         AuditField("About", $aboutOrganisation.value?.name ?? $aboutOrganisation.id.uuidString),
         AuditField("Summary", summary), AuditField("Status", status.label)]
    }
}
