import Domain
import Fluent
import Foundation

/// A meeting group: the liaison meeting, the SEND strategy group, a board.
final class GroupModel: Model, @unchecked Sendable {
    static let schema = "groups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "name") var name: String
    @Field(key: "sort_name") var sortName: String
    @OptionalField(key: "purpose") var purpose: String?
    @Field(key: "cadence") var cadence: Cadence
    @OptionalParent(key: "reports_to_id") var reportsTo: GroupModel?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, areaID: UUID, details: GroupDetails, reportsToID: UUID?) {
        self.id = id
        self.$area.id = areaID
        self.$reportsTo.id = reportsToID
        apply(details)
    }

    func apply(_ details: GroupDetails) {
        name = details.name
        sortName = TextInput.comparisonKey(details.name)
        purpose = details.purpose
        cadence = details.cadence
    }

}

extension GroupModel: AuditRecord {
    static let auditType = "group"
    var auditLabel: String { name }
    var auditFields: [AuditField] {
        [AuditField("Name", name), AuditField("Purpose", purpose), AuditField("How often it meets", cadence.label),
         AuditField("Reports to", $reportsTo.value.flatMap { $0?.name } ?? $reportsTo.id?.uuidString)]
    }
}

final class TermsOfReferenceModel: Model, @unchecked Sendable {
    static let schema = "terms_of_reference"

    @ID(key: .id) var id: UUID?
    @Parent(key: "group_id") var group: GroupModel
    @Field(key: "version") var version: Int
    @Field(key: "text") var text: String
    @Field(key: "attendees") var attendees: [String]
    @Field(key: "agreed_on") var agreedOn: CalendarDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(groupID: UUID, version: Int, details: TermsOfReferenceDetails) {
        self.$group.id = groupID
        self.version = version
        self.text = details.text
        self.attendees = details.attendees
        self.agreedOn = details.agreedOn
    }
}

final class MembershipModel: Model, @unchecked Sendable {
    static let schema = "group_memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "group_id") var group: GroupModel
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "role") var role: MembershipRole
    /// Whether the person can make decisions for their organisation (seed 000, clause 6.2).
    @Field(key: "makes_decisions") var makesDecisions: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(groupID: UUID, personID: UUID, role: MembershipRole, makesDecisions: Bool) {
        self.$group.id = groupID
        self.$person.id = personID
        self.role = role
        self.makesDecisions = makesDecisions
    }

}
