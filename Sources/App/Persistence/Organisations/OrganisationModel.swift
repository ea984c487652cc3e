import Domain
import Fluent
import Foundation

final class OrganisationModel: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "name") var name: String
    /// Lower-cased name: sorting and uniqueness ignore case.
    @Field(key: "sort_name") var sortName: String
    @Field(key: "kind") var kind: OrganisationKind
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, areaID: UUID, details: OrganisationDetails) {
        self.id = id
        self.$area.id = areaID
        apply(details)
    }

    func apply(_ details: OrganisationDetails) {
        name = details.name
        sortName = TextInput.comparisonKey(details.name)
        kind = details.kind
        email = details.email
        phone = details.phone
    }

}

extension OrganisationModel: AuditRecord {
    static let auditType = "organisation"
    var auditLabel: String { name }
    var auditFields: [AuditField] {
        [AuditField("Name", name), AuditField("Kind", kind.label), AuditField("E-mail address", email), AuditField("Phone", phone)]
    }
}
