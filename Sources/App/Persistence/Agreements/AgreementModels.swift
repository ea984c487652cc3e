import Domain
import Fluent
import Foundation

final class AgreementModel: Model, @unchecked Sendable {
    static let schema = "agreements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "review_on") var reviewOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, areaID: UUID, details: AgreementDetails) {
        self.id = id
        self.$area.id = areaID
        apply(details)
    }

    func apply(_ details: AgreementDetails) {
        title = details.title
        startsOn = details.startsOn.iso8601
        endsOn = details.endsOn?.iso8601
        reviewOn = details.reviewOn.iso8601
    }

    func status(on today: CalendarDate) -> AgreementStatus {
        AgreementStatus.on(today, startsOn: CalendarDate(iso8601: startsOn)!,
                           endsOn: endsOn.flatMap(CalendarDate.init(iso8601:)),
                           reviewOn: CalendarDate(iso8601: reviewOn)!)
    }
}

final class AgreementPartnerModel: Model, @unchecked Sendable {
    static let schema = "agreement_partners"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agreement_id") var agreement: AgreementModel
    @Parent(key: "organisation_id") var organisation: OrganisationModel

    init() {}

    init(agreementID: UUID, organisationID: UUID) {
        self.$agreement.id = agreementID
        self.$organisation.id = organisationID
    }
}

final class ClauseModel: Model, @unchecked Sendable {
    static let schema = "clauses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agreement_id") var agreement: AgreementModel
    @Field(key: "position") var position: Int
    @Field(key: "number") var number: String
    @Field(key: "text") var text: String
    @Field(key: "kind") var kindRaw: String
    @OptionalField(key: "rule_kind") var ruleKind: String?
    @OptionalField(key: "window_from") var windowFrom: String?
    @OptionalField(key: "window_to") var windowTo: String?
    @OptionalField(key: "notice_days") var noticeDays: Int?
    @OptionalField(key: "organisation_kind") var organisationKind: String?
    @OptionalField(key: "cadence") var cadence: String?
    /// The group a rule applies to; nil means every meeting with the forum.
    @OptionalParent(key: "group_id") var group: GroupModel?

    init() {}

    init(agreementID: UUID, position: Int, details: ClauseDetails, groupID: UUID?) {
        self.$agreement.id = agreementID
        self.position = position
        apply(details, groupID: groupID)
    }

    func apply(_ details: ClauseDetails, groupID: UUID?) {
        number = details.number
        text = details.text
        kindRaw = details.kind.rawValue
        let settings = details.rule?.settings ?? ClauseRule.Settings()
        ruleKind = details.rule?.kind.rawValue
        windowFrom = settings.windowFrom?.description
        windowTo = settings.windowTo?.description
        noticeDays = settings.noticeDays
        organisationKind = settings.organisationKind?.rawValue
        cadence = settings.cadence?.rawValue
        $group.id = details.rule == nil ? nil : groupID
    }

    var rule: ClauseRule? {
        guard let ruleKind, let kind = ClauseRule.Kind(rawValue: ruleKind) else { return nil }
        return ClauseRule(kind: kind, settings: .init(
            windowFrom: windowFrom.flatMap { TimeOfDay($0) }, windowTo: windowTo.flatMap { TimeOfDay($0) },
            noticeDays: noticeDays, organisationKind: organisationKind.flatMap(OrganisationKind.init(rawValue:)),
            cadence: cadence.flatMap(Cadence.init(rawValue:))))
    }

    var kind: ClauseKind { ClauseKind(rawValue: kindRaw) ?? .commitment }
}

final class CommitmentAssessmentModel: Model, @unchecked Sendable {
    static let schema = "commitment_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "clause_id") var clause: ClauseModel
    @Field(key: "status") var statusRaw: String
    @Field(key: "evidence") var evidence: String
    @Field(key: "assessed_on") var assessedOn: String
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(clauseID: UUID, assessment: CommitmentAssessment, recordedBy: String) {
        self.$clause.id = clauseID
        self.statusRaw = assessment.status.rawValue
        self.evidence = assessment.evidence
        self.assessedOn = assessment.assessedOn.iso8601
        self.recordedBy = recordedBy
    }

    var status: CommitmentStatus { CommitmentStatus(rawValue: statusRaw) ?? .notMet }
}
