import Domain
import Fluent
import Foundation

/// Someone in the partnership: a parent carer, an officer, a board member.
/// Their contact details and diversity monitoring are personal data.
final class PersonModel: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @OptionalParent(key: "organisation_id") var organisation: OrganisationModel?
    @Field(key: "full_name") var fullName: String
    @Field(key: "sort_name") var sortName: String
    /// The name and job title folded for searching (`SearchText.fold`).
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "job_title") var jobTitle: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "ethnic_group") var ethnicGroup: DiversityMonitoring.EthnicGroup?
    @OptionalField(key: "disabled") var disabled: DiversityMonitoring.Answer?
    @OptionalField(key: "main_language") var mainLanguage: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, areaID: UUID, organisationID: UUID?, details: PersonDetails) {
        self.id = id
        self.$area.id = areaID
        self.$organisation.id = organisationID
        apply(details)
    }

    func apply(_ details: PersonDetails) {
        fullName = details.fullName
        sortName = TextInput.comparisonKey(details.fullName)
        searchText = Self.searchText(fullName: details.fullName, jobTitle: details.jobTitle)
        jobTitle = details.jobTitle
        email = details.email
        phone = details.phone
    }

    /// What a search of the people list looks in: the name, then the job title.
    static func searchText(fullName: String, jobTitle: String?) -> String {
        SearchText.fold([fullName, jobTitle ?? ""].joined(separator: " "))
    }

    var diversity: DiversityMonitoring {
        get {
            DiversityMonitoring(ethnicGroup: ethnicGroup,
                                disabled: disabled,
                                mainLanguage: mainLanguage)
        }
        set {
            ethnicGroup = newValue.ethnicGroup
            disabled = newValue.disabled
            mainLanguage = newValue.mainLanguage
        }
    }
}

extension PersonModel: AuditRecord {
    static let auditType = "person"
    var auditLabel: String { fullName }
    /// Contact details and diversity monitoring (special-category data) are
    /// personal data the log must not keep after the person is removed: it
    /// says they changed, never what to.
    var auditFields: [AuditField] {
        [
            AuditField("Full name", fullName),
            AuditField("Organisation", $organisation.value.flatMap { $0?.name } ?? $organisation.id?.uuidString),
            AuditField("Role or job title", jobTitle),
            AuditField("E-mail address", email, sensitive: true),
            AuditField("Phone", phone, sensitive: true),
            AuditField("Ethnic group", ethnicGroup?.label, sensitive: true),
            AuditField("Disabled", disabled?.label, sensitive: true),
            AuditField("Main language", mainLanguage, sensitive: true),
        ]
    }
}
