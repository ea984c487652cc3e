import Domain
import Fluent
import Foundation

/// The promises of the agreements in force that a group's own record can
/// break (terms of reference, a chair from the forum, decision-makers,
/// representatives' volunteer agreements), checked for every group of the
/// area at once: a handful of queries however many groups there are, so
/// the home page can say which groups break one.
struct GroupPromises {
    /// A group and the rules of the agreement its record does not meet.
    struct Shortfall: Sendable {
        let group: GroupModel
        let broken: [(clause: ClauseModel, explanation: String)]
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// Every group breaking at least one rule, by name.
    func shortfalls() async throws -> [Shortfall] {
        let db = context.db
        let agreements = try await AgreementModel.query(on: db).filter(\.$area.$id == context.areaID).all()
            .filter { $0.status(on: context.today).isInForce }
        guard !agreements.isEmpty else { return [] }
        let rules = try await ClauseModel.query(on: db).filter(\.$agreement.$id ~~ agreements.compactMap(\.id))
            .filter(\.$kind == .rule).sort(\.$position).all()
        guard !rules.isEmpty else { return [] }
        let groups = try await GroupStore(context).all()
        let ids = groups.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let memberships = try await MembershipModel.query(on: db).filter(\.$group.$id ~~ ids)
            .with(\.$person) { $0.with(\.$organisation) }.all()
        let byGroup = Dictionary(grouping: memberships, by: { $0.$group.id })
        var attendees: [UUID: (version: Int, names: [String])] = [:]
        for terms in try await TermsOfReferenceModel.query(on: db).filter(\.$group.$id ~~ ids).all()
        where terms.version > (attendees[terms.$group.id]?.version ?? 0) {
            attendees[terms.$group.id] = (terms.version, terms.attendees)
        }
        let forumMembers = Set(memberships.map(\.person).filter(PersonStore.isForumMember).compactMap(\.id))
        let statuses = try await VolunteerAgreementChecks.statuses(personIDs: Array(forumMembers), today: context.today, on: db)

        var shortfalls: [Shortfall] = []
        for group in groups {
            let members = byGroup[group.id!] ?? []
            let facts = GroupRuleCheck.Facts(
                cadence: group.cadence, currentAttendees: attendees[group.id!]?.names,
                members: members.map { membership in
                    GroupRuleCheck.Member(name: membership.person.fullName, organisationName: membership.person.organisation?.name,
                                          organisationKind: membership.person.organisation?.kind, role: membership.role,
                                          makesDecisions: membership.makesDecisions,
                                          volunteerAgreementInForce: membership.person.id.flatMap { statuses[$0] }.map(\.isInForce))
                })
            let hasForumMembers = members.contains { PersonStore.isForumMember($0.person) }
            // The same rules as the group's own page applies: those naming it, and those for every meeting with the forum.
            let applying = rules.filter { clause in clause.$group.id.map { $0 == group.id } ?? hasForumMembers }
            let broken = applying.compactMap { clause -> (clause: ClauseModel, explanation: String)? in
                guard let rule = clause.rule, case .notMet(let explanation) = GroupRuleCheck.check(rule, against: facts) else { return nil }
                return (clause, explanation)
            }
            if !broken.isEmpty { shortfalls.append(Shortfall(group: group, broken: broken)) }
        }
        return shortfalls
    }
}
