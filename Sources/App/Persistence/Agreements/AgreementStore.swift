import Domain
import Fluent
import Foundation
import Vapor

/// The only place partnership agreements, their partners, clauses and hand
/// checks of commitments are read and written, always within the actor's area.
struct AgreementStore {
    /// An agreement as typed into the form or sent to the API.
    struct Input: Sendable {
        var title: String?
        var startsOn = DateInput()
        var endsOn = DateInput()
        var reviewOn = DateInput()
        var partnerIds: [String] = []
        /// Problems the caller found before the input reached the store (a
        /// date the API could not read); reported with the store's own, by field.
        var problemsFound = ValidationErrors()
    }

    /// A clause as typed into the form (and, converted, as sent to the API).
    struct ClauseInput: Content {
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

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    // MARK: Agreements

    /// The agreement, or 404 when the area has none with this id.
    func find(_ id: UUID) async throws -> AgreementModel {
        guard let agreement = try await AgreementModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).first()
        else { throw Abort(.notFound) }
        return agreement
    }

    /// One page of the area's agreements, newest first.
    func page(_ page: ListPage) async throws -> (items: [AgreementModel], total: Int) {
        try await AgreementModel.query(on: context.db).filter(\.$area.$id == context.areaID).sort(\.$startsOn, .descending).page(page)
    }

    /// How many agreements still running have reached their review date.
    func dueForReviewCount() async throws -> Int {
        let today = context.today
        return try await AgreementModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$reviewOn <= today)
            .group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= today) }.count()
    }

    /// How many agreements not yet ended end, or fall due for review, after
    /// today and within `days`: the home page warns before the day comes.
    func comingDueCount(within days: Int) async throws -> Int {
        let today = context.today
        let horizon = today.adding(days: days)
        return try await AgreementModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= today) }
            .group(.or) { either in
                either.group(.and) { $0.filter(\.$reviewOn > today).filter(\.$reviewOn <= horizon) }
                    .group(.and) { $0.filter(\.$endsOn >= today).filter(\.$endsOn <= horizon) }
            }
            .filter(\.$reviewOn > today).count()
    }

    /// The agreements an organisation is a partner in, newest first.
    func withPartner(_ organisationID: UUID) async throws -> [AgreementModel] {
        try await AgreementModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .join(AgreementPartnerModel.self, on: \AgreementPartnerModel.$agreement.$id == \AgreementModel.$id)
            .filter(AgreementPartnerModel.self, \.$organisation.$id == organisationID)
            .sort(\.$startsOn, .descending).all()
    }

    /// Each agreement's partners, with their organisations.
    func partners(of agreementIDs: [UUID]) async throws -> [UUID: [AgreementPartnerModel]] {
        guard !agreementIDs.isEmpty else { return [:] }
        let rows = try await AgreementPartnerModel.query(on: context.db).filter(\.$agreement.$id ~~ agreementIDs).with(\.$organisation).all()
        return Dictionary(grouping: rows, by: { $0.$agreement.id })
    }

    func partners(of agreement: AgreementModel) async throws -> [AgreementPartnerModel] {
        try await partners(of: [agreement.requireID()])[agreement.requireID()] ?? []
    }

    func create(_ input: Input) async throws -> AgreementModel {
        let (details, partnerIDs) = try await validate(input)
        let agreement = AgreementModel(areaID: context.areaID, details: details)
        try await save(agreement, details: details, partnerIDs: partnerIDs)
        return agreement
    }

    func update(_ agreement: AgreementModel, with input: Input) async throws {
        let (details, partnerIDs) = try await validate(input)
        try await save(agreement, details: details, partnerIDs: partnerIDs)
    }

    // MARK: Clauses

    /// Every clause of an agreement, in the order of their numbers (4.3 before
    /// 4.6 a), clauses of the same number in the order they were added. An
    /// agreement has tens of clauses; the limit guards the page.
    func clauses(of agreement: AgreementModel) async throws -> [ClauseModel] {
        try await ClauseModel.query(on: context.db).filter(\.$agreement.$id == agreement.requireID()).sort(\.$position).limit(1000).all()
            .enumerated().sorted { first, second in
                if ClauseNumber.precedes(first.element.number, second.element.number) { return true }
                if ClauseNumber.precedes(second.element.number, first.element.number) { return false }
                return first.offset < second.offset
            }.map(\.element)
    }

    /// A clause of the agreement, or 404.
    func clause(_ id: UUID, of agreement: AgreementModel) async throws -> ClauseModel {
        guard let clause = try await ClauseModel.query(on: context.db).filter(\.$id == id)
            .filter(\.$agreement.$id == agreement.requireID()).first() else { throw Abort(.notFound) }
        return clause
    }

    /// Adds a clause at the end of the agreement.
    func appendClause(to agreement: AgreementModel, _ input: ClauseInput) async throws -> ClauseModel {
        let (details, groupID) = try await validate(input)
        let agreementID = try agreement.requireID()
        return try await context.write { context in
            let last = try await ClauseModel.query(on: context.db).filter(\.$agreement.$id == agreementID).max(\.$position) ?? 0
            let clause = ClauseModel(agreementID: agreementID, position: last + 1, details: details, groupID: groupID)
            try await clause.create(on: context.db)
            try await Self.auditAgreement(agreement, context, "Clause \(clause.number) added", AuditChanges.created(clause.auditFields))
            return clause
        }
    }

    /// The area's other agreements to copy clauses from, newest first, with how many clauses each has.
    func copySources(for agreement: AgreementModel, limit: Int = 50) async throws -> [(agreement: AgreementModel, clauses: Int)] {
        let others = try await AgreementModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id != agreement.requireID())
            .sort(\.$startsOn, .descending).limit(limit).all()
        var result: [(agreement: AgreementModel, clauses: Int)] = []
        for other in others {
            result.append((other, try await ClauseModel.query(on: context.db).filter(\.$agreement.$id == other.requireID()).count()))
        }
        return result
    }

    /// Copies every clause of an earlier agreement (wording, rule and the
    /// group it names, not its checks) to the end of this one, in their
    /// order, leaving out numbers this one already has. Answers what was
    /// copied and the numbers left out.
    func copyClauses(from sourceID: String?, to agreement: AgreementModel) async throws -> (copied: Int, skipped: [String], source: AgreementModel) {
        guard let raw = TextInput.optional(sourceID), let id = UUID(uuidString: raw), id != agreement.id,
              let source = try await AgreementModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).first()
        else { throw ValidationErrors(field: "sourceId", message: "Select the agreement to copy the clauses from") }
        let agreementID = try agreement.requireID()
        let title = source.title
        // Read inside the write, so two copies at once (a double click) cannot both add the clauses.
        let (copied, skipped) = try await context.write { context in
            try await context.db.takeTurn("agreement-clauses:\(agreementID)")
            let store = AgreementStore(context)
            let existing = Set(try await store.clauses(of: agreement).map { ClauseNumber.comparisonKey($0.number) })
            let toCopy = try await store.clauses(of: source)
            guard !toCopy.isEmpty else { throw ValidationErrors(field: "sourceId", message: "\(title) has no clauses to copy. Choose another agreement") }
            let skipped = toCopy.filter { existing.contains(ClauseNumber.comparisonKey($0.number)) }.map(\.number)
            let copies = toCopy.filter { !existing.contains(ClauseNumber.comparisonKey($0.number)) }
            guard !copies.isEmpty else {
                throw ValidationErrors(field: "sourceId", message: "This agreement already has every clause number \(title) has, so nothing was copied")
            }
            var position = try await ClauseModel.query(on: context.db).filter(\.$agreement.$id == agreementID).max(\.$position) ?? 0
            for original in copies {
                position += 1
                let clause = ClauseModel(agreementID: agreementID, position: position,
                                         details: ClauseDetails(number: original.number, text: original.text, rule: original.rule), groupID: original.$group.id)
                try await clause.create(on: context.db)
                try await Self.auditAgreement(agreement, context, "Clause \(clause.number) copied from \(title)", AuditChanges.created(clause.auditFields))
            }
            return (copies.count, skipped)
        }
        return (copied, skipped, source)
    }

    /// Changes a clause. A commitment that people have checked stays a
    /// commitment: making it a rule would hide the record of those checks.
    func updateClause(_ clause: ClauseModel, with input: ClauseInput) async throws {
        let (details, groupID) = try await validate(input)
        if clause.kind == .commitment, details.kind != .commitment {
            let checks = try await CommitmentAssessmentModel.query(on: context.db).filter(\.$clause.$id == clause.requireID()).count()
            if checks > 0 {
                throw ValidationErrors(field: "kind", message: "Clause \(clause.number) has been checked \(checks == 1 ? "once" : "\(checks) times"), so it stays a commitment checked by people. Add the rule as a new clause.")
            }
        }
        let before = clause.auditFields
        clause.apply(details, groupID: groupID)
        let agreement = try await AgreementModel.query(on: context.db).filter(\.$id == clause.$agreement.id).first()
        try await context.write { context in
            try await clause.save(on: context.db)
            if let agreement {
                let changes = AuditChanges.between(before: before, after: clause.auditFields)
                if !changes.isEmpty { try await Self.auditAgreement(agreement, context, "Clause \(clause.number) changed", changes) }
            }
        }
    }

    // MARK: Deleting

    /// What deleting a clause takes with it.
    func clauseDeletionConsequences(_ clause: ClauseModel) async throws -> [String] {
        let id = try clause.requireID()
        var consequences: [String] = []
        let checks = try await CommitmentAssessmentModel.query(on: context.db).filter(\.$clause.$id == id).count()
        if checks > 0 { consequences.append("\(checks) \(checks == 1 ? "check" : "checks") of it by hand") }
        let results = try await MeetingRuleResultModel.query(on: context.db).filter(\.$clause.$id == id).count()
        if results > 0 { consequences.append("its results at \(results) \(results == 1 ? "meeting" : "meetings"), from the agreement's health") }
        return consequences
    }

    /// Deletes a clause added in error, with its checks and meeting results.
    func deleteClause(_ clause: ClauseModel, of agreement: AgreementModel) async throws {
        try await context.write { context in
            try await clause.delete(on: context.db)
            try await Self.auditAgreement(agreement, context, "Clause \(clause.number) deleted", AuditChanges.deleted(clause.auditFields))
        }
    }

    /// What deleting an agreement takes with it.
    func deletionConsequences(_ agreement: AgreementModel) async throws -> [String] {
        let clauses = try await ClauseModel.query(on: context.db).filter(\.$agreement.$id == agreement.requireID()).all(\.$id)
        guard !clauses.isEmpty else { return [] }
        var consequences = ["its \(clauses.count) \(clauses.count == 1 ? "clause" : "clauses")"]
        let checks = try await CommitmentAssessmentModel.query(on: context.db).filter(\.$clause.$id ~~ clauses).count()
        if checks > 0 { consequences.append("\(checks) \(checks == 1 ? "check" : "checks") of its commitments by hand") }
        let results = try await MeetingRuleResultModel.query(on: context.db).filter(\.$clause.$id ~~ clauses).count()
        if results > 0 { consequences.append("the results of its rules at meetings (\(results)), from the agreement's health") }
        return consequences
    }

    /// Deletes an agreement with its partners, clauses and checks. The audit log keeps its details.
    func delete(_ agreement: AgreementModel) async throws {
        let partners = try await partners(of: agreement).map(\.organisation.name)
        try await context.write { context in
            try await agreement.delete(on: context.db)
            try await context.audit(.delete, subjectType: "agreement", subjectID: agreement.id, subjectLabel: agreement.title,
                                    changes: AuditChanges.deleted(agreement.auditFields(partners: partners)))
        }
    }

    /// Notes a change to an agreement's clauses or checks under the agreement, with what changed.
    private static func auditAgreement(_ agreement: AgreementModel, _ context: StoreContext, _ detail: String, _ changes: [AuditChange]) async throws {
        try await context.audit(.update, subjectType: "agreement", subjectID: agreement.id, subjectLabel: agreement.title, detail: detail, changes: changes)
    }

    /// Rules in the area's agreements in force on a day (today unless said)
    /// that apply to a group: those naming it, and those for every meeting
    /// with the forum when the forum sits on it.
    func rulesApplying(to group: GroupModel, hasForumMembers: Bool, on day: CalendarDate? = nil) async throws -> [ClauseModel] {
        let groupID = try group.requireID()
        let day = day ?? context.today
        let agreements = try await AgreementModel.query(on: context.db).filter(\.$area.$id == context.areaID).all()
            .filter { $0.status(on: day).isInForce }
        guard !agreements.isEmpty else { return [] }
        let clauses = try await ClauseModel.query(on: context.db).filter(\.$agreement.$id ~~ agreements.compactMap(\.id))
            .filter(\.$kind == .rule).sort(\.$position).all()
        return clauses.filter { clause in
            if let target = clause.$group.id { return target == groupID }
            return hasForumMembers
        }
    }

    // MARK: Hand checks of commitments

    /// The latest hand check of each commitment asked about. The ids are of
    /// clauses already found through an agreement of the area.
    func latestAssessments(clauseIDs: [UUID]) async throws -> [UUID: CommitmentAssessmentModel] {
        guard !clauseIDs.isEmpty else { return [:] }
        let all = try await CommitmentAssessmentModel.query(on: context.db).filter(\.$clause.$id ~~ clauseIDs)
            .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).all()
        var latest: [UUID: CommitmentAssessmentModel] = [:]
        for assessment in all where latest[assessment.$clause.id] == nil { latest[assessment.$clause.id] = assessment }
        return latest
    }

    /// A commitment's hand checks, newest first (the latest hundred).
    func assessments(of clause: ClauseModel) async throws -> [CommitmentAssessmentModel] {
        try await CommitmentAssessmentModel.query(on: context.db).filter(\.$clause.$id == clause.requireID())
            .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).limit(100).all()
    }

    /// Records whether a commitment was met, under the actor's name.
    func recordAssessment(of clause: ClauseModel, status: String?, evidence: String?, assessedOn: DateInput) async throws -> CommitmentAssessment {
        guard clause.kind == .commitment else { throw Abort(.notFound) }
        let assessment = try CommitmentAssessment.validate(status: status, evidence: evidence, assessedOn: assessedOn, today: context.today)
        let agreement = try await AgreementModel.query(on: context.db).filter(\.$id == clause.$agreement.id).first()
        try await context.write { context in
            try await CommitmentAssessmentModel(clauseID: try clause.requireID(), assessment: assessment, recordedBy: context.actor.name).create(on: context.db)
            if let agreement {
                try await Self.auditAgreement(agreement, context, "Clause \(clause.number) checked by hand", AuditChanges.created([
                    AuditField("Result", assessment.status.label), AuditField("Evidence", assessment.evidence), AuditField("Checked on", assessment.assessedOn.longForm),
                ]))
            }
        }
        return assessment
    }

    // MARK: Checks and saving

    private func validate(_ input: Input) async throws -> (AgreementDetails, [UUID]) {
        let requested = Array(Set(input.partnerIds.compactMap { UUID(uuidString: $0) }))
        let organisations = requested.isEmpty ? [] : try await OrganisationModel.query(on: context.db)
            .filter(\.$area.$id == context.areaID).filter(\.$id ~~ requested).all()
        var errors = input.problemsFound
        var details: AgreementDetails?
        do {
            details = try AgreementDetails.validate(title: input.title, startsOn: input.startsOn, endsOn: input.endsOn, reviewOn: input.reviewOn,
                                                    partnerKinds: organisations.map(\.kind))
        } catch let found as ValidationErrors {
            for error in found.errors where errors.message(for: error.field) == nil { errors.add(field: error.field, message: error.message) }
        }
        if organisations.count < Set(input.partnerIds).count && errors.message(for: "partners") == nil {
            errors.add(field: "partners", message: "Select partners from the list")
        }
        try errors.ordered(["title", "startsOn", "endsOn", "reviewOn", "partners"]).throwIfAny()
        return (details!, organisations.compactMap(\.id))
    }

    /// Saves the agreement and replaces its partners, all or nothing.
    private func save(_ agreement: AgreementModel, details: AgreementDetails, partnerIDs: [UUID]) async throws {
        let isNew = agreement.id == nil
        let before = isNew ? [] : agreement.auditFields(partners: try await partners(of: agreement).map(\.organisation.name))
        let partnerNames = partnerIDs.isEmpty ? [] : try await OrganisationModel.query(on: context.db).filter(\.$id ~~ partnerIDs).all(\.$name)
        agreement.apply(details)
        try await context.write { context in
            try await agreement.save(on: context.db)
            let id = try agreement.requireID()
            try await AgreementPartnerModel.query(on: context.db).filter(\.$agreement.$id == id).delete()
            for partnerID in partnerIDs {
                try await AgreementPartnerModel(agreementID: id, organisationID: partnerID).create(on: context.db)
            }
            let after = agreement.auditFields(partners: partnerNames)
            let changes = isNew ? AuditChanges.created(after) : AuditChanges.between(before: before, after: after)
            if isNew || !changes.isEmpty {
                try await context.audit(isNew ? .create : .update, subjectType: "agreement", subjectID: id, subjectLabel: agreement.title, changes: changes)
            }
        }
    }

    private func validate(_ input: ClauseInput) async throws -> (ClauseDetails, UUID?) {
        var errors = ValidationErrors()
        var details: ClauseDetails?
        do {
            details = try ClauseDetails.validate(number: input.number, text: input.text, kind: input.kind, ruleKind: input.ruleKind,
                                                 windowFrom: input.windowFrom, windowTo: input.windowTo, noticeDays: input.noticeDays,
                                                 organisationKind: input.organisationKind, cadence: input.cadence)
        } catch let error as ValidationErrors { errors = error }
        var groupID: UUID?
        if let raw = TextInput.optional(input.groupId) {
            if let id = UUID(uuidString: raw), try await GroupStore(context).lookUp(id) != nil { groupID = id }
            else { errors.add(field: "groupId", message: "Select a group from the list") }
        }
        try errors.throwIfAny()
        return (details!, groupID)
    }
}
