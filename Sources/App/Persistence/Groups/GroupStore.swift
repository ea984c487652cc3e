import Domain
import Fluent
import Foundation
import Vapor

/// The only place groups, their terms of reference and their members are
/// read and written, always within the actor's area.
struct GroupStore {
    /// A group as typed into the form or sent to the API.
    struct Input: Sendable {
        var name: String?
        var purpose: String?
        var cadence: String?
        var reportsToId: String?
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// The group, or 404 when the area has none with this id.
    func find(_ id: UUID) async throws -> GroupModel {
        guard let group = try await lookUp(id) else { throw Abort(.notFound) }
        return group
    }

    func lookUp(_ id: UUID) async throws -> GroupModel? {
        try await GroupModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).first()
    }

    /// Every group of the area by name. An area has tens of groups, so the
    /// whole governance tree is drawn at once; the limit guards the page.
    func all() async throws -> [GroupModel] {
        try await GroupModel.query(on: context.db).filter(\.$area.$id == context.areaID).sort(\.$sortName).limit(2000).all()
    }

    /// A group with what a list of groups shows about it.
    struct Summary: Sendable {
        let group: GroupModel
        let reportsTo: String?
        let chairs: [PersonModel]
        let members: Int
        let decisionMakers: Int
        let forumMembers: Int
        let currentTerms: (version: Int, agreedOn: CalendarDate)?
    }

    /// Every group of the area with its chairs, member counts and current
    /// terms of reference: three queries, whatever the number of groups.
    func summaries() async throws -> [Summary] {
        let groups = try await all()
        let ids = groups.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.id!, $0.name) })
        let memberships = try await MembershipModel.query(on: context.db).filter(\.$group.$id ~~ ids)
            .with(\.$person) { $0.with(\.$organisation) }.all()
        let byGroup = Dictionary(grouping: memberships, by: { $0.$group.id })
        var terms: [UUID: (version: Int, agreedOn: CalendarDate)] = [:]
        for version in try await TermsOfReferenceModel.query(on: context.db).filter(\.$group.$id ~~ ids).all()
        where version.version > (terms[version.$group.id]?.version ?? 0) {
            terms[version.$group.id] = (version.version, version.agreedOn)
        }
        return groups.map { group in
            let members = byGroup[group.id!] ?? []
            return Summary(group: group, reportsTo: group.$reportsTo.id.flatMap { names[$0] },
                           chairs: members.filter { $0.role == .chair }.map(\.person).sorted { $0.sortName < $1.sortName },
                           members: members.count, decisionMakers: members.filter(\.makesDecisions).count,
                           forumMembers: members.filter { PersonStore.isForumMember($0.person) }.count,
                           currentTerms: terms[group.id!])
        }
    }

    func page(_ page: ListPage) async throws -> (items: [GroupModel], total: Int) {
        try await GroupModel.query(on: context.db).filter(\.$area.$id == context.areaID).sort(\.$sortName).page(page)
    }

    func parent(of group: GroupModel) async throws -> GroupModel? {
        guard let parentID = group.$reportsTo.id else { return nil }
        return try await GroupModel.query(on: context.db).filter(\.$id == parentID).filter(\.$area.$id == context.areaID).first()
    }

    /// The groups that report to this one, by name.
    func children(of group: GroupModel) async throws -> [GroupModel] {
        try await GroupModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$reportsTo.$id == group.requireID())
            .sort(\.$sortName).all()
    }

    /// Every version of the terms of reference, newest first.
    func termsOfReference(of group: GroupModel) async throws -> [TermsOfReferenceModel] {
        try await TermsOfReferenceModel.query(on: context.db).filter(\.$group.$id == group.requireID()).sort(\.$version, .descending).all()
    }

    func currentTermsOfReference(of group: GroupModel) async throws -> TermsOfReferenceModel? {
        try await TermsOfReferenceModel.query(on: context.db).filter(\.$group.$id == group.requireID()).sort(\.$version, .descending).first()
    }

    /// The group's members with their organisations: the chair first, then by name.
    func memberships(of group: GroupModel) async throws -> [MembershipModel] {
        try await MembershipModel.query(on: context.db).filter(\.$group.$id == group.requireID())
            .with(\.$person) { $0.with(\.$organisation) }.all()
            .sorted { ($0.role == .chair ? 0 : 1, $0.person.sortName) < ($1.role == .chair ? 0 : 1, $1.person.sortName) }
    }

    /// The groups a person sits on, by the group's name.
    func memberships(ofPerson personID: UUID) async throws -> [MembershipModel] {
        try await MembershipModel.query(on: context.db).filter(\.$person.$id == personID).with(\.$group).all()
            .filter { $0.group.$area.id == context.areaID }
            .sorted { $0.group.sortName < $1.group.sortName }
    }

    func create(_ input: Input) async throws -> GroupModel {
        let (details, parent) = try await validate(input, editing: nil)
        let group = GroupModel(areaID: context.areaID, details: details, reportsToID: parent?.id)
        group.$reportsTo.value = parent
        try await context.write { context in
            try await GroupStore(context).save(group)
            try await context.auditCreated(group)
        }
        return group
    }

    func update(_ group: GroupModel, with input: Input) async throws {
        let (details, parent) = try await validate(input, editing: group.id)
        group.$reportsTo.value = try await self.parent(of: group)
        let before = group.auditFields
        group.apply(details)
        group.$reportsTo.id = parent?.id
        group.$reportsTo.value = parent
        try await context.write { context in
            try await GroupStore(context).save(group)
            try await context.auditUpdated(group, before: before)
        }
    }

    /// Notes a change to the group's members or terms of reference under the group, with what changed.
    private static func auditGroup(_ group: GroupModel, _ context: StoreContext, _ detail: String, _ changes: [AuditChange]) async throws {
        try await context.audit(.update, subjectType: GroupModel.auditType, subjectID: group.id, subjectLabel: group.name, detail: detail, changes: changes)
    }

    /// Saves a new version of the terms of reference; earlier versions are kept. Answers the new version's number.
    func addTermsOfReference(to group: GroupModel, text: String?, attendees: String?, agreedOn: DateInput) async throws -> Int {
        let details = try TermsOfReferenceDetails.validate(text: text, attendees: attendees, agreedOn: agreedOn, today: context.today)
        let id = try group.requireID()
        return try await context.write { context in
            let latest = try await TermsOfReferenceModel.query(on: context.db).filter(\.$group.$id == id).max(\.$version) ?? 0
            try await TermsOfReferenceModel(groupID: id, version: latest + 1, details: details).create(on: context.db)
            try await Self.auditGroup(group, context, "Terms of reference, version \(latest + 1)", AuditChanges.created([
                AuditField("Terms of reference", details.text), AuditField("Who attends", details.attendees.joined(separator: "; ")),
                AuditField("Agreed on", details.agreedOn.longForm),
            ]))
            return latest + 1
        }
    }

    /// Adds a person of the area to the group, once. Answers the person added.
    func addMember(to group: GroupModel, personId: String?, role: String?, makesDecisions: String?) async throws -> PersonModel {
        let groupID = try group.requireID()
        var errors = ValidationErrors()
        var person: PersonModel?
        if let raw = TextInput.optional(personId), let personID = UUID(uuidString: raw) {
            person = try await PersonStore(context).lookUp(personID)
        }
        if person == nil { errors.add(field: "personId", message: "Find the person by name, then choose them from the list") }
        else if try await MembershipModel.query(on: context.db).filter(\.$group.$id == groupID).filter(\.$person.$id == person!.requireID()).count() > 0 {
            errors.add(field: "personId", message: "\(person!.fullName) is already a member of this group")
        }
        let role = MembershipRole(rawValue: TextInput.clean(role))
        if role == nil { errors.add(field: "role", message: "Select chair, member or observer") }
        let decides: Bool? = switch TextInput.clean(makesDecisions) { case "yes": true; case "no": false; default: nil }
        if decides == nil { errors.add(field: "makesDecisions", message: "Select yes if they can make decisions for their organisation") }
        try errors.throwIfAny()
        let member = person!
        try await context.write { context in
            try await MembershipModel(groupID: groupID, personID: try member.requireID(), role: role!, makesDecisions: decides!)
                .save(on: context.db, orIfDuplicate: ValidationErrors(field: "personId", message: "\(member.fullName) is already a member of this group"))
            try await Self.auditGroup(group, context, "\(member.fullName) added", AuditChanges.created([
                AuditField("Member", member.fullName), AuditField("Place in the group", role!.label), AuditField("Makes decisions", decides! ? "Yes" : "No"),
            ]))
        }
        return member
    }

    // MARK: Deleting

    /// Records that keep the group: its meetings (with their agendas, papers
    /// and minutes) and clauses of an agreement written for it alone.
    func deletionBlockers(_ group: GroupModel) async throws -> [String] {
        let id = try group.requireID()
        var blockers: [String] = []
        let meetings = try await MeetingModel.query(on: context.db).filter(\.$group.$id == id).count()
        if meetings > 0 {
            blockers.append("it has \(meetings) \(meetings == 1 ? "meeting" : "meetings") on record, with their agendas, papers and minutes")
        }
        let clauses = try await ClauseModel.query(on: context.db).filter(\.$group.$id == id).with(\.$agreement).all()
        for clause in clauses { blockers.append("clause \(clause.number) of \(clause.agreement.title) is a rule for this group") }
        return blockers
    }

    /// What deleting the group takes with it, in plain words.
    func deletionConsequences(_ group: GroupModel) async throws -> [String] {
        let id = try group.requireID()
        var consequences: [String] = []
        let members = try await MembershipModel.query(on: context.db).filter(\.$group.$id == id).count()
        if members > 0 { consequences.append("its list of \(members) \(members == 1 ? "member" : "members") (the people stay in the register)") }
        let versions = try await TermsOfReferenceModel.query(on: context.db).filter(\.$group.$id == id).count()
        if versions > 0 { consequences.append("\(versions) \(versions == 1 ? "version" : "versions") of its terms of reference") }
        let reporting = try await GroupModel.query(on: context.db).filter(\.$reportsTo.$id == id).count()
        if reporting > 0 { consequences.append("its place above \(reporting) \(reporting == 1 ? "group that reports to it, which will then report" : "groups that report to it, which will then report") to no group") }
        let activities = try await ActivityGroupModel.query(on: context.db).filter(\.$group.$id == id).count()
        if activities > 0 { consequences.append("its name on \(activities) engagement \(activities == 1 ? "activity" : "activities")") }
        return consequences
    }

    /// Deletes the group, its members' places and its terms of reference, if
    /// nothing keeps it; answers whether it did. The audit log keeps what went.
    func delete(_ group: GroupModel) async throws -> Bool {
        try await context.write { context in
            guard try await GroupStore(context).deletionBlockers(group).isEmpty else { return false }
            group.$reportsTo.value = try await GroupStore(context).parent(of: group)
            try await group.delete(on: context.db)
            try await context.auditDeleted(group)
            return true
        }
    }

    /// Deletes one version of the terms of reference, made in error; an earlier one becomes current again.
    func deleteTermsOfReference(version: Int, of group: GroupModel) async throws {
        guard let terms = try await TermsOfReferenceModel.query(on: context.db).filter(\.$group.$id == group.requireID())
            .filter(\.$version == version).first() else { throw Abort(.notFound) }
        try await context.write { context in
            try await terms.delete(on: context.db)
            try await Self.auditGroup(group, context, "Terms of reference, version \(version), deleted", AuditChanges.deleted([
                AuditField("Terms of reference", terms.text), AuditField("Who attends", terms.attendees.joined(separator: "; ")),
                AuditField("Agreed on", terms.agreedOn.longForm),
            ]))
        }
    }

    /// One of the group's memberships, with the person, or 404.
    func membership(_ membershipID: UUID, of group: GroupModel) async throws -> MembershipModel {
        guard let membership = try await MembershipModel.query(on: context.db)
            .filter(\.$id == membershipID).filter(\.$group.$id == group.requireID()).with(\.$person).first() else { throw Abort(.notFound) }
        return membership
    }

    /// Takes a member out of the group. Answers who it was.
    func removeMember(_ membershipID: UUID, from group: GroupModel) async throws -> PersonModel {
        let membership = try await membership(membershipID, of: group)
        try await context.write { context in
            try await membership.delete(on: context.db)
            try await Self.auditGroup(group, context, "\(membership.person.fullName) removed", AuditChanges.deleted([
                AuditField("Member", membership.person.fullName), AuditField("Place in the group", membership.role.label),
                AuditField("Makes decisions", membership.makesDecisions ? "Yes" : "No"),
            ]))
        }
        return membership.person
    }

    private func validate(_ input: Input, editing: UUID?) async throws -> (GroupDetails, GroupModel?) {
        var errors = ValidationErrors()
        var details: GroupDetails?
        do { details = try GroupDetails.validate(name: input.name, purpose: input.purpose, cadence: input.cadence) } catch let error as ValidationErrors { errors = error }
        if let details {
            var query = GroupModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$sortName == TextInput.comparisonKey(details.name))
            if let editing { query = query.filter(\.$id != editing) }
            if try await query.count() > 0 { errors.add(field: "name", message: Self.duplicateName(details.name)) }
        }
        var parent: GroupModel?
        if let raw = TextInput.optional(input.reportsToId) {
            if let id = UUID(uuidString: raw), let found = try await lookUp(id) {
                // Walk up from the new parent; an area has tens of groups.
                let parents = try await GroupModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$reportsTo.$id != nil).all()
                let map = Dictionary(uniqueKeysWithValues: parents.compactMap { group in group.$reportsTo.id.map { (group.id!, $0) } })
                if let editing, GovernanceTree.wouldCreateLoop(group: editing, newParent: id, currentParents: map) {
                    errors.add(field: "reportsToId", message: "A group cannot report to itself or to a group that reports to it")
                } else {
                    parent = found
                }
            } else {
                errors.add(field: "reportsToId", message: "Select a group from the list")
            }
        }
        try errors.throwIfAny()
        return (details!, parent)
    }

    /// Two people saving the same name at the same moment both pass `validate`; the unique index stops the second.
    private func save(_ group: GroupModel) async throws {
        try await group.save(on: context.db, orIfDuplicate: ValidationErrors(field: "name", message: Self.duplicateName(group.name)))
    }

    private static func duplicateName(_ name: String) -> String { "There is already a group called \(name)" }
}
