import Domain
import Vapor

/// Each clause's latest result, read for many clauses at once: a rule's kept
/// rate at meetings over twelve months, or, for a rule a group's own record
/// shows (terms of reference, a chair), how many groups do not meet it
/// today; a commitment's latest check by hand.
struct ClauseResults {
    let keptAtMeetings: [String: AgreementHealth.Tally]
    let groupsBreaking: [UUID: Int]
    let checks: [UUID: CommitmentAssessmentModel]

    static func load(for clauses: [ClauseModel], _ req: Request) async throws -> ClauseResults {
        let context = try req.store
        let checks = try await AgreementStore(context).latestAssessments(clauseIDs: clauses.filter { $0.kind == .commitment }.compactMap(\.id))
        var kept: [String: AgreementHealth.Tally] = [:]
        var breaking: [UUID: Int] = [:]
        if clauses.contains(where: { $0.rule != nil }) {
            let health = try await RuleResultStore(context).health(group: nil, lastMonth: context.today).health
            kept = Dictionary(health.clauses.map { ($0.clause, $0.total) }, uniquingKeysWith: { first, _ in first })
        }
        if clauses.contains(where: { $0.rule.map(isGroupRecordRule) ?? false }) {
            for shortfall in try await GroupPromises(context).shortfalls() {
                for broken in shortfall.broken { breaking[broken.clause.id!, default: 0] += 1 }
            }
        }
        return ClauseResults(keptAtMeetings: kept, groupsBreaking: breaking, checks: checks)
    }

    /// Whether a rule is judged from a group's own record rather than at each meeting.
    static func isGroupRecordRule(_ rule: ClauseRule) -> Bool {
        if case .checkedElsewhere = GroupRuleCheck.check(rule, against: .init(cadence: .monthly, currentAttendees: nil, members: [])) { return false }
        return true
    }

    /// A commitment's latest check by hand, if it has one.
    func latestCheck(_ clause: ClauseModel) -> CommitmentAssessmentModel? {
        clause.id.flatMap { checks[$0] }
    }

    /// The clause's latest result in a few words, coloured as a tag. Rules
    /// are checked only while their agreement is in force.
    func latest(_ clause: ClauseModel, agreementInForce: Bool = true) -> Tag {
        guard let rule = clause.rule else {
            guard let check = latestCheck(clause) else { return Tag(tagLabel: "Not checked yet", tagColour: .grey) }
            return Tag(tagLabel: check.status.tagLabel, tagColour: check.status.tagColour)
        }
        guard agreementInForce else { return Tag(tagLabel: "Not checked: the agreement is not in force", tagColour: .grey) }
        if case .personalDataForDesignatedForumRoles = rule {
            // Coproduce itself keeps this one: only the roles the rule names can open the forum's personal data.
            return Tag(tagLabel: "Kept by who can see what", tagColour: .green)
        }
        if Self.isGroupRecordRule(rule) {
            let count = clause.id.flatMap { groupsBreaking[$0] } ?? 0
            return count == 0
                ? Tag(tagLabel: "Met by every group", tagColour: .green)
                : Tag(tagLabel: "Not met by \(count) \(count == 1 ? "group" : "groups")", tagColour: .red)
        }
        guard let tally = clause.id.flatMap({ keptAtMeetings[$0.uuidString] }), let percent = tally.percentKept else {
            return Tag(tagLabel: "No meeting judged yet", tagColour: .grey)
        }
        let colour: TagColour = percent >= 90 ? .green : percent >= 70 ? .yellow : .red
        return Tag(tagLabel: "Kept at \(tally.kept) of \(tally.judged) \(tally.judged == 1 ? "meeting" : "meetings")", tagColour: colour)
    }
}
