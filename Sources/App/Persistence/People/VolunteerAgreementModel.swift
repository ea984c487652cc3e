import Domain
import Fluent
import Foundation

final class VolunteerAgreementModel: Model, @unchecked Sendable {
    static let schema = "volunteer_agreements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "signed_on") var signedOn: CalendarDate
    @OptionalField(key: "expires_on") var expiresOn: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(areaID: UUID, personID: UUID, agreement: VolunteerAgreementStatus.Agreement) {
        self.$area.id = areaID
        self.$person.id = personID
        self.signedOn = agreement.signedOn
        self.expiresOn = agreement.expiresOn
    }

    var agreement: VolunteerAgreementStatus.Agreement {
        .init(signedOn: signedOn, expiresOn: expiresOn)
    }
}
