import Domain
import Fluent
import Vapor

extension Paths {
    static let groups = PathTemplate("groups")
    static let newGroup = PathTemplate("groups", "new")
    static let group = PathTemplate("groups", ":groupID")
    static let editGroup = PathTemplate("groups", ":groupID", "edit")
    static let groupTermsOfReference = PathTemplate("groups", ":groupID", "terms-of-reference")
    static let groupsCSV = PathTemplate("groups.csv")
    static let groupPromises = PathTemplate("groups", "promises")
    static let deleteGroup = PathTemplate("groups", ":groupID", "delete")
    static let deleteTermsOfReference = PathTemplate("groups", ":groupID", "terms-of-reference", ":termsVersion", "delete")

    static func deleteGroup(_ id: RecordID<GroupModel>) -> String { deleteGroup.url(id) }
    static func deleteTermsOfReference(group: RecordID<GroupModel>, version: Int) -> String {
        deleteTermsOfReference.url(group, version)
    }
    static let groupMembers = PathTemplate("groups", ":groupID", "members")
    static let groupMember = PathTemplate("groups", ":groupID", "members", ":membershipID", "remove")

    static func group(_ id: RecordID<GroupModel>) -> String { group.url(id) }
    static func editGroup(_ id: RecordID<GroupModel>) -> String { editGroup.url(id) }
    static func groupTermsOfReference(_ id: RecordID<GroupModel>) -> String { groupTermsOfReference.url(id) }
    static func groupMembers(_ id: RecordID<GroupModel>) -> String { groupMembers.url(id) }
    static func groupMember(group: RecordID<GroupModel>, membership: RecordID<MembershipModel>) -> String { groupMember.url(group, membership) }
}

extension Paths.API {
    static let groups = PathTemplate("api", "v1", "groups")
    static let groupsCSV = PathTemplate("api", "v1", "groups.csv")
    static let group = PathTemplate("api", "v1", "groups", ":groupID")

    static func group(_ id: RecordID<GroupModel>) -> String { group.url(id) }
}

/// Boards, partnership groups and liaison meetings: who sits on them, their
/// terms of reference, and whom they report to.
struct GroupsPart: ProductPart {
    let name = "Groups"

    func pages(_ web: any RoutesBuilder) {
        let groups = GroupsController()
        web.get(Paths.groups, .requires(.viewPartnership), use: groups.index)
        web.get(Paths.groupsCSV, .requires(.viewPartnership), use: groups.csv)
        web.get(Paths.groupPromises, .requires(.viewPartnership), use: groups.promises)
        web.get(Paths.newGroup, .requires(.manageGroups), use: groups.new)
        web.post(Paths.newGroup, .requires(.manageGroups), use: groups.create)
        web.get(Paths.group, .requires(.viewPartnership), use: groups.show)
        web.get(Paths.editGroup, .requires(.manageGroups), use: groups.edit)
        web.post(Paths.editGroup, .requires(.manageGroups), use: groups.update)
        web.get(Paths.groupTermsOfReference, .requires(.manageGroups), use: groups.newTerms)
        web.post(Paths.groupTermsOfReference, .requires(.manageGroups), use: groups.createTerms)
        web.get(Paths.groupMembers, .requires(.manageGroups), use: groups.newMember)
        web.post(Paths.groupMembers, .requires(.manageGroups), use: groups.addMember)
        web.get(Paths.groupMember, .requires(.manageGroups), use: groups.confirmRemoveMember)
        web.post(Paths.groupMember, .requires(.manageGroups), use: groups.removeMember)
        // A version of the terms before the group: the route walk removes in this order.
        web.get(Paths.deleteTermsOfReference, .requires(.manageGroups), use: groups.confirmDeleteTerms)
        web.post(Paths.deleteTermsOfReference, .requires(.manageGroups), use: groups.deleteTerms)
        web.get(Paths.deleteGroup, .requires(.manageGroups), use: groups.confirmDelete)
        web.post(Paths.deleteGroup, .requires(.manageGroups), use: groups.delete)
    }

    var api: (any APIPart.Type)? { GroupsAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Groups", path: Paths.groups, permission: .viewPartnership)] }

    var auditSubjects: [AuditSubject] { [AuditSubject(type: GroupModel.auditType, link: { Paths.group(RecordID($0)) })] }

    /// Groups whose own record breaks a rule of the agreement: everyone who can see groups is told, board viewers too.
    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        let shortfalls = try await GroupPromises(context).shortfalls()
        guard !shortfalls.isEmpty else { return [] }
        let count = shortfalls.count
        return [AttentionItem(text: "\(count) \(count == 1 ? "group does" : "groups do") not meet a promise of the partnership agreement, such as terms of reference or a chair from the forum",
                              href: Paths.groupPromises.url())]
    }

    func addDemoData(_ demo: DemoBuilder) async throws {
        let seeds: [(key: String, name: String, purpose: String, cadence: Cadence, reportsTo: String?, members: [(String, MembershipRole, Bool)])] = [
            ("board", "Riverside Children's Trust Board", "Leads the partnership for children and young people in Riverside and holds its groups to account.", .quarterly, nil,
             [("margaret", .chair, true), ("mark", .member, true), ("martin", .member, true), ("amara", .member, true)]),
            ("strategy", "SEND Strategy Group", "Oversees the SEND action plan for Riverside across education, health and care.", .everyTwoMonths, "board",
             [("mark", .chair, true), ("amara", .member, true), ("neil", .member, true), ("helen", .member, true), ("ruth", .member, false), ("lee", .member, false), ("gemma", .observer, false)]),
            ("liaison", "Forum Liaison Meeting", "The monthly meeting of the forum, the council and the NHS under the partnership agreement.", .monthly, "strategy",
             [("amara", .chair, true), ("jo", .member, true), ("sam", .member, false), ("helen", .member, true), ("fiona", .member, true), ("owen", .member, false), ("kate", .member, false)]),
            ("breaks", "Short Breaks Partnership Group", "Reviews and improves short breaks for disabled children and their families.", .everySixWeeks, "strategy",
             [("ian", .chair, true), ("dani", .member, false), ("priya", .member, false), ("olivia", .member, true), ("callum", .member, false)]),
            ("adulthood", "Preparing for Adulthood Partnership Group", "Plans the move from children's to adult services, from age 14.", .everyTwoMonths, "strategy",
             [("ruth", .chair, true), ("grace", .member, false), ("mia", .member, false), ("louise", .member, true)]),
            ("ewmh", "Emotional Wellbeing and Mental Health Partnership Group", "Improves how quickly children and young people get help with their mental health.", .quarterly, "board",
             [("ben", .chair, true), ("fiona", .member, true), ("hannah", .member, false), ("mia", .member, false)]),
        ]
        for seed in seeds {
            let group = GroupModel(areaID: demo.areaID, details: GroupDetails(name: seed.name, purpose: seed.purpose, cadence: seed.cadence),
                                   reportsToID: seed.reportsTo.map { demo.id(of: GroupModel.self, $0) })
            try await group.create(on: demo.db)
            try demo.remember(group, as: seed.key)
            for (personKey, role, decides) in seed.members {
                try await MembershipModel(groupID: try group.requireID(), personID: demo.id(of: PersonModel.self, personKey),
                                          role: role, makesDecisions: decides).create(on: demo.db)
            }
        }
        let today = demo.today
        let liaisonTerms = [
            (today.adding(days: -430), "To share information and plan together as equal partners. The forum brings the views of parent carers; the council and the NHS bring plans that affect children with SEND.",
             ["Forum chair (chairs the meeting)", "Forum parent participation officer", "A forum representative", "Head of SEND, Riverside Council", "Children's commissioning lead, NHS Riverside and Vale ICB"]),
            (today.adding(days: -60), "To share information and plan together as equal partners. The forum brings the views of parent carers; the council and the NHS bring plans that affect children with SEND. Complaints about any partner are discussed at every meeting.",
             ["Forum chair (chairs the meeting)", "Forum parent participation officer", "A forum representative", "Head of SEND, Riverside Council", "Engagement and quality team lead, Riverside Council", "Children's commissioning lead, NHS Riverside and Vale ICB", "Communications and engagement manager, NHS Riverside and Vale ICB"]),
        ]
        for (index, terms) in liaisonTerms.enumerated() {
            try await TermsOfReferenceModel(groupID: demo.id(of: GroupModel.self, "liaison"), version: index + 1,
                                            details: .init(text: terms.1, attendees: terms.2, agreedOn: terms.0)).create(on: demo.db)
        }
        try await TermsOfReferenceModel(groupID: demo.id(of: GroupModel.self, "strategy"), version: 1, details: .init(
            text: "To oversee the SEND action plan, to make sure children, young people and parent carers shape it, and to report to the Children's Trust Board.",
            attendees: ["Director of Children's Services (chair)", "Forum chair", "Designated clinical officer for SEND", "Head of SEND", "SEND commissioning manager", "Healthwatch Riverside (observer)"],
            agreedOn: today.adding(days: -200))).create(on: demo.db)
    }

    /// A group with members and terms of reference (and, in the demonstration area, meetings, so the walk cannot delete it).
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        let withTerms = try await TermsOfReferenceModel.query(on: db).join(GroupModel.self, on: \TermsOfReferenceModel.$group.$id == \GroupModel.$id)
            .filter(GroupModel.self, \.$area.$id == areaID).all()
        guard let membership = try await MembershipModel.query(on: db).filter(\.$group.$id ~~ Array(Set(withTerms.map(\.$group.id))))
            .join(GroupModel.self, on: \MembershipModel.$group.$id == \GroupModel.$id)
            .sort(GroupModel.self, \.$sortName).first() else { return [:] }
        let version = withTerms.filter { $0.$group.id == membership.$group.id }.map(\.version).max() ?? 1
        return ["groupID": membership.$group.id.uuidString, "membershipID": try membership.requireID().uuidString, "termsVersion": String(version)]
    }

}
