import Domain
import Fluent
import Foundation

final class AgreementModel: Model, @unchecked Sendable {
    static let schema = "agreements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: CalendarDate
    @OptionalField(key: "ends_on") var endsOn: CalendarDate?
    @Field(key: "review_on") var reviewOn: CalendarDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, areaID: UUID, details: AgreementDetails) {
        self.id = id
        self.$area.id = areaID
        apply(details)
    }

    func apply(_ details: AgreementDetails) {
        title = details.title
        startsOn = details.startsOn
        endsOn = details.endsOn
        reviewOn = details.reviewOn
    }

    func status(on today: CalendarDate) -> AgreementStatus {
        AgreementStatus.on(today, startsOn: startsOn, endsOn: endsOn, reviewOn: reviewOn)
    }

    /// The agreement's own fields for the audit log; its partners are added by the store, which knows their names.
    func auditFields(partners: [String]) -> [AuditField] {
        [AuditField("Title", title), AuditField("Starts", startsOn.longForm), AuditField("Ends", endsOn?.longForm),
         AuditField("Review by", reviewOn.longForm), AuditField("Partners", partners.sorted().joined(separator: "; "))]
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
    @Field(key: "kind") var kind: ClauseKind
    @OptionalField(key: "rule_kind") var ruleKind: ClauseRule.Kind?
    @OptionalField(key: "window_from") var windowFrom: TimeOfDay?
    @OptionalField(key: "window_to") var windowTo: TimeOfDay?
    @OptionalField(key: "notice_days") var noticeDays: Int?
    @OptionalField(key: "organisation_kind") var organisationKind: OrganisationKind?
    @OptionalField(key: "cadence") var cadence: Cadence?
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
        kind = details.kind
        let settings = details.rule?.settings ?? ClauseRule.Settings()
        ruleKind = details.rule?.kind
        windowFrom = settings.windowFrom
        windowTo = settings.windowTo
        noticeDays = settings.noticeDays
        organisationKind = settings.organisationKind
        cadence = settings.cadence
        $group.id = details.rule == nil ? nil : groupID
    }

    /// The clause's fields for the audit log, which keeps clause changes under their agreement.
    var auditFields: [AuditField] {
        [AuditField("Clause", number), AuditField("Wording", text), AuditField("Checked by", rule == nil ? "People" : "Coproduce"),
         AuditField("Rule", rule?.summary)]
    }

    var rule: ClauseRule? {
        guard let kind = ruleKind else { return nil }
        return ClauseRule(kind: kind, settings: .init(
            windowFrom: windowFrom, windowTo: windowTo,
            noticeDays: noticeDays, organisationKind: organisationKind,
            cadence: cadence))
    }

}

final class CommitmentAssessmentModel: Model, @unchecked Sendable {
    static let schema = "commitment_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "clause_id") var clause: ClauseModel
    @Field(key: "status") var status: CommitmentStatus
    @Field(key: "evidence") var evidence: String
    @Field(key: "assessed_on") var assessedOn: CalendarDate
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(clauseID: UUID, assessment: CommitmentAssessment, recordedBy: String) {
        self.$clause.id = clauseID
        self.status = assessment.status
        self.evidence = assessment.evidence
        self.assessedOn = assessment.assessedOn
        self.recordedBy = recordedBy
    }

}
