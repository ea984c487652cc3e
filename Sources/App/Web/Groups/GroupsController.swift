import Domain
import Fluent
import Vapor

/// Groups of the partnership, their terms of reference, members and place in the governance tree.
struct GroupsController {
    struct TreeItem {
        let name: String
        let href: String
        let hasChildren: Bool
        /// How many nested lists close after this item.
        var closings: [Int]
    }

    struct IndexPage {
        let layout: PageLayout
        let tree: [TreeItem]
        let canManage: Bool
        let newPath: String
        let downloadPath: String
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        // An area has tens of groups, so the whole tree is drawn at once.
        let groups = try await GroupStore(try req.store).all()
        let tree = GovernanceTree(groups: try groups.map { (id: try $0.recordID, name: $0.name, reportsTo: $0.$reportsTo.id.map(RecordID.init)) })
        return req.page(IndexPage(
            layout: req.layout(title: "Groups"), tree: Self.flatten(tree.roots), canManage: viewer.can(.manageGroups),
            newPath: Paths.newGroup.url(), downloadPath: Paths.groupsCSV.url()))
    }

    struct PromisesPage {
        let layout: PageLayout
        let rows: [(group: String, href: String, clause: String, clauseHref: String, explanation: String)]
        let groupsPath: String
    }

    /// Every group whose record breaks a rule of the agreement, and how, each linking to the group to put it right.
    func promises(req: Request) async throws -> Response {
        let shortfalls = try await GroupPromises(try req.store).shortfalls()
        let rows = try shortfalls.flatMap { shortfall in
            try shortfall.broken.map { broken in
                (group: shortfall.group.name, href: Paths.group(try shortfall.group.recordID),
                 clause: broken.clause.number, clauseHref: Paths.clause(agreement: broken.clause.$agreement.recordID, clause: try broken.clause.recordID),
                 explanation: broken.explanation)
            }
        }
        return req.page(PromisesPage(layout: req.layout(title: "Groups not meeting a promise of the agreement"), rows: rows,
                                     groupsPath: Paths.groups.url()))
    }

    /// Every group as a spreadsheet: its chair, members and terms of reference.
    func csv(req: Request) async throws -> Response {
        let rows = try await GroupStore(try req.store).summaries().map { summary in
            [summary.group.name, summary.group.purpose ?? "", summary.reportsTo ?? "", summary.group.cadence.label,
             summary.chairs.map(\.fullName).joined(separator: "; "),
             summary.chairs.map { $0.organisation?.name ?? "" }.joined(separator: "; "),
             String(summary.members), String(summary.decisionMakers), String(summary.forumMembers),
             summary.currentTerms?.agreedOn.iso8601 ?? "", summary.currentTerms.map { String($0.version) } ?? ""]
        }
        return try CSVDownload.response(fileName: "groups.csv", header: [
            "Group", "Purpose", "Reports to", "How often it meets", "Chair", "Chair's organisation", "Members",
            "Members who can make decisions", "Forum members", "Terms of reference agreed on", "Terms of reference version",
        ], rows: rows)
    }

    /// Turns the tree into a flat list a template can draw as nested lists.
    static func flatten(_ nodes: [GovernanceTree.Node]) -> [TreeItem] {
        var items: [TreeItem] = []
        for node in nodes {
            // The tree names each group by its RecordID<GroupModel>, written out.
            items.append(TreeItem(name: node.name, href: Paths.group.url(node.id), hasChildren: !node.children.isEmpty, closings: []))
            if !node.children.isEmpty {
                items += flatten(node.children)
                items[items.count - 1].closings.append(items[items.count - 1].closings.count)
            }
        }
        return items
    }

    struct MemberRow {
        let name: String
        let href: String
        let organisation: String
        let role: String
        let makesDecisions: String
        let volunteerAgreement: VolunteerAgreementStatus?
        let removePath: String
    }

    struct TermsVersion {
        let version: Int
        let agreedOn: String
        let text: String
        let attendees: [String]
        let deletePath: String
    }

    struct RuleRow {
        let clause: String
        let rule: String
        let outcome: String
        let result: Tag
        let href: String
    }

    struct ShowPage {
        let layout: PageLayout
        let name: String
        let details: [SummaryRow]
        let reportingGroups: [SummaryRow]
        let currentTerms: TermsVersion?
        let earlierTerms: [TermsVersion]
        let members: [MemberRow]
        let rules: [RuleRow]
        /// The next few meetings, each as its date and place.
        let nextMeetings: [SummaryRow]
        let meetingsPath: String
        let pastMeetingsPath: String
        /// Open actions past their due date: what, and who and when.
        let overdueActions: [SummaryRow]
        let newMeetingPath: String?
        let canManage: Bool
        let editPath: String
        let termsPath: String
        let membersPath: String
        let deletePath: String
        let csrfToken: String?
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let store = GroupStore(try req.store)
        let group = try await find(req)
        let id = try group.recordID
        var details = [SummaryRow(key: "How often it meets", value: group.cadence.label, href: nil)]
        if let purpose = group.purpose { details.insert(SummaryRow(key: "Purpose", value: purpose, href: nil), at: 0) }
        if let parent = try await store.parent(of: group) {
            details.append(SummaryRow(key: "Reports to", value: parent.name, href: Paths.group(try parent.recordID)))
        } else {
            details.append(SummaryRow(key: "Reports to", value: "Nobody: it is at the top", href: nil))
        }
        let children = try await store.children(of: group)
        let terms = try await store.termsOfReference(of: group)
        let versions = terms.map {
            TermsVersion(version: $0.version, agreedOn: $0.agreedOn.longForm, text: $0.text, attendees: $0.attendees,
                         deletePath: Paths.deleteTermsOfReference(group: id, version: $0.version))
        }

        let memberships = try await store.memberships(of: group)
        let statuses = try await PersonStore(try req.store).volunteerAgreementStatuses(memberships.map(\.person))
        let hasForumMembers = memberships.contains { PersonStore.isForumMember($0.person) }
        let members = try memberships.map { membership in
            let person = membership.person
            return MemberRow(name: person.fullName, href: Paths.person(try person.recordID),
                             organisation: person.organisation?.name ?? "None", role: membership.role.label,
                             makesDecisions: membership.makesDecisions ? "Yes" : "No",
                             volunteerAgreement: person.id.flatMap { statuses[$0] },
                             removePath: Paths.groupMember(group: id, membership: try membership.recordID))
        }

        let facts = GroupRuleCheck.Facts(
            cadence: group.cadence, currentAttendees: terms.first?.attendees,
            members: memberships.map { membership in
                GroupRuleCheck.Member(name: membership.person.fullName, organisationName: membership.person.organisation?.name,
                                      organisationKind: membership.person.organisation?.kind, role: membership.role,
                                      makesDecisions: membership.makesDecisions,
                                      volunteerAgreementInForce: membership.person.id.flatMap { statuses[$0] }.map(\.isInForce))
            })
        let rules = try await AgreementStore(try req.store).rulesApplying(to: group, hasForumMembers: hasForumMembers)
            .compactMap { clause -> RuleRow? in
                guard let rule = clause.rule else { return nil }
                let outcome = GroupRuleCheck.check(rule, against: facts)
                if case .checkedElsewhere = outcome { return nil }
                return RuleRow(clause: clause.number, rule: rule.summary, outcome: outcome.explanation,
                               result: outcome.isMet == true ? Tag(tagLabel: "Met", tagColour: .green) : Tag(tagLabel: "Not met", tagColour: .red),
                               href: Paths.clause(agreement: clause.$agreement.recordID, clause: try clause.recordID))
            }

        return req.page(ShowPage(
            layout: req.layout(title: group.name, record: id.uuid), name: group.name, details: details,
            reportingGroups: try children.map { SummaryRow(key: $0.name, value: $0.cadence.label.lowercased(), href: Paths.group(try $0.recordID)) },
            currentTerms: versions.first, earlierTerms: Array(versions.dropFirst()), members: members, rules: rules,
            nextMeetings: try await MeetingStore(try req.store).next(of: group, limit: 3).map {
                SummaryRow(key: $0.when, value: $0.status == .cancelled ? "Cancelled" : $0.place, href: Paths.meeting(try $0.recordID))
            },
            meetingsPath: Paths.meetings(of: id), pastMeetingsPath: Paths.meetings(of: id, .past),
            overdueActions: try await MinutesStore(try req.store).overdue(in: group).map { action in
                SummaryRow(key: action.text, value: "\(action.owner?.fullName ?? "Nobody named"), due \(action.dueOn?.longForm ?? "")",
                           href: Paths.meeting(action.$meeting.recordID) + "#actions")
            },
            newMeetingPath: viewer.can(.manageMeetings) ? Paths.newMeeting(id) : nil,
            canManage: viewer.can(.manageGroups), editPath: Paths.editGroup(id), termsPath: Paths.groupTermsOfReference(id),
            membersPath: Paths.groupMembers(id), deletePath: Paths.deleteGroup(id), csrfToken: req.csrfToken()))
    }

    // MARK: - Add and change

    struct Form: Content {
        var name: String?
        var purpose: String?
        var cadence: String?
        var reportsToId: String?

        var input: GroupStore.Input { .init(name: name, purpose: purpose, cadence: cadence, reportsToId: reportsToId) }
    }

    func new(req: Request) async throws -> Response {
        try await renderForm(req, form: Form(), errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let group = try await GroupStore(try req.store).create(form.input)
            return req.redirect(to: Paths.group(try group.recordID), banner: "\(group.name) added")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let group = try await find(req)
        return try await renderForm(req, form: Form(name: group.name, purpose: group.purpose, cadence: group.cadence.rawValue,
                                                    reportsToId: group.$reportsTo.id?.uuidString), errors: ValidationErrors(), editing: group)
    }

    func update(req: Request) async throws -> Response {
        let group = try await find(req)
        let form = try req.content.decode(Form.self)
        do {
            try await GroupStore(try req.store).update(group, with: form.input)
            return req.redirect(to: Paths.group(try group.recordID), banner: "Changes to \(group.name) saved")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: group)
        }
    }

    // MARK: - Terms of reference

    struct TermsForm: Content {
        var text: String?
        var attendees: String?
        var agreedOn: DateInput?
    }

    func newTerms(req: Request) async throws -> Response {
        let group = try await find(req)
        let current = try await GroupStore(try req.store).currentTermsOfReference(of: group)
        let form = TermsForm(text: current?.text, attendees: current?.attendees.joined(separator: "\n"), agreedOn: nil)
        return try await renderTerms(req, group: group, form: form, errors: ValidationErrors())
    }

    func createTerms(req: Request) async throws -> Response {
        let group = try await find(req)
        let form = try req.content.decode(TermsForm.self)
        do {
            let version = try await GroupStore(try req.store).addTermsOfReference(to: group, text: form.text, attendees: form.attendees,
                                                                              agreedOn: form.agreedOn ?? DateInput())
            return req.redirect(to: Paths.group(try group.recordID), banner: "Version \(version) of the terms of reference saved")
        } catch let errors as ValidationErrors {
            return try await renderTerms(req, group: group, form: form, errors: errors)
        }
    }

    // MARK: - Members

    struct MemberForm: Content {
        var personId: String?
        var role: String?
        var makesDecisions: String?
        /// The search that offered the people to choose from.
        var find: String?
    }

    func newMember(req: Request) async throws -> Response {
        let group = try await find(req)
        let form = MemberForm(find: req.query[String.self, at: "find"])
        return try await renderMember(req, group: group, form: form, errors: ValidationErrors())
    }

    func addMember(req: Request) async throws -> Response {
        let group = try await find(req)
        let form = try req.content.decode(MemberForm.self)
        if PersonFinder.isFinding(req) { return try await renderMember(req, group: group, form: form, errors: ValidationErrors()) }
        do {
            let person = try await GroupStore(try req.store).addMember(to: group, personId: form.personId, role: form.role, makesDecisions: form.makesDecisions)
            return req.redirect(to: Paths.group(try group.recordID), banner: "\(person.fullName) added to \(group.name)")
        } catch let errors as ValidationErrors {
            return try await renderMember(req, group: group, form: form, errors: errors)
        }
    }

    func confirmDelete(req: Request) async throws -> Response {
        let group = try await find(req)
        let id = try group.recordID
        let store = GroupStore(try req.store)
        let layout = req.layout(title: "Delete \(group.name)")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: group.name, heading: "Are you sure you want to delete \(group.name)?",
            alsoGoes: try await store.deletionConsequences(group), blockers: try await store.deletionBlockers(group),
            action: Paths.deleteGroup(id), button: "Yes, delete \(group.name)", cancelPath: Paths.group(id), cancelLabel: "Back to \(group.name)",
            whenBlocked: "Meetings are kept as the record of what the partnership did, so a group that has met stays. You can change its name, purpose or members instead, and an agreement's rule for it can be changed to apply to another group."))
    }

    func delete(req: Request) async throws -> Response {
        let group = try await find(req)
        guard try await GroupStore(try req.store).delete(group) else { return req.redirect(to: Paths.deleteGroup(try group.recordID)) }
        return req.redirect(to: Paths.groups.url(), banner: "\(group.name) deleted")
    }

    func confirmDeleteTerms(req: Request) async throws -> Response {
        let group = try await find(req)
        let id = try group.recordID
        let version = try termsVersion(req)
        let versions = try await GroupStore(try req.store).termsOfReference(of: group)
        guard versions.contains(where: { $0.version == version }) else { throw Abort(.notFound) }
        let earlier = versions.filter { $0.version < version }.first
        var alsoGoes: [String] = []
        if versions.first?.version == version {
            alsoGoes.append(earlier.map { "its place as the current version: version \($0.version), agreed on \($0.agreedOn.longForm), becomes current again" }
                            ?? "the group's only terms of reference: it will have none")
        }
        let layout = req.layout(title: "Delete version \(version) of the terms of reference")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: group.name, heading: "Are you sure you want to delete version \(version) of the terms of reference?",
            alsoGoes: alsoGoes, blockers: [], action: Paths.deleteTermsOfReference(group: id, version: version),
            button: "Yes, delete version \(version)", cancelPath: Paths.group(id), cancelLabel: "Back to \(group.name)"))
    }

    func deleteTerms(req: Request) async throws -> Response {
        let group = try await find(req)
        let version = try termsVersion(req)
        try await GroupStore(try req.store).deleteTermsOfReference(version: version, of: group)
        return req.redirect(to: Paths.group(try group.recordID), banner: "Version \(version) of the terms of reference deleted")
    }

    /// The version number in the address: a plain whole number, or not found.
    private func termsVersion(_ req: Request) throws -> Int {
        guard let raw = req.parameters.get("termsVersion"), raw.count <= 6, raw.allSatisfy(\.isASCII), let version = Int(raw), version > 0 else {
            throw Abort(.notFound)
        }
        return version
    }

    func confirmRemoveMember(req: Request) async throws -> Response {
        let group = try await find(req)
        let id = try group.recordID
        let membership = try await GroupStore(try req.store).membership(req.id("membershipID"), of: group)
        let name = membership.person.fullName
        var alsoGoes: [String] = []
        if membership.role == .chair { alsoGoes.append("the group's chair: \(group.name) will have no chair until you add one") }
        let layout = req.layout(title: "Remove \(name) from \(group.name)")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: group.name,
            heading: "Are you sure you want to remove \(name) from \(group.name)?", alsoGoes: alsoGoes, blockers: [],
            action: Paths.groupMember(group: id, membership: try membership.recordID), button: "Yes, remove \(name)",
            cancelPath: Paths.group(id), cancelLabel: "Back to \(group.name)"))
    }

    func removeMember(req: Request) async throws -> Response {
        let group = try await find(req)
        let person = try await GroupStore(try req.store).removeMember(req.id("membershipID"), from: group)
        return req.redirect(to: Paths.group(try group.recordID), banner: "\(person.fullName) removed from \(group.name)")
    }

    // MARK: - Helpers

    private func find(_ req: Request) async throws -> GroupModel {
        try await GroupStore(try req.store).find(req.id("groupID"))
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: GroupModel?) async throws -> Response {
        let groups = try await GroupStore(try req.store).all().filter { $0.id != editing?.id }
        let fields: [FormField] = [
            .text("name", "Name", value: form.name, errors: errors),
            .text("purpose", "Purpose (optional)", value: form.purpose, errors: errors, kind: .textarea),
            .choice("cadence", "How often does it meet?", options: Cadence.allCases.map { ($0.rawValue, $0.label) }, selected: [form.cadence ?? ""], errors: errors),
            .choice("reportsToId", "Who does it report to?", kind: .select, options: [("", "Nobody: it is at the top")] + groups.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.reportsToId ?? ""], errors: errors),
        ]
        if let editing, let id = editing.id.map(RecordID<GroupModel>.init) {
            return try await req.renderForm(title: "Change \(editing.name)", action: Paths.editGroup(id), submitLabel: "Save changes",
                                            cancelPath: Paths.group(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add a group", action: Paths.newGroup.url(), submitLabel: "Add group",
                                        cancelPath: Paths.groups.url(), fields: fields, errors: errors)
    }

    private func renderTerms(_ req: Request, group: GroupModel, form: TermsForm, errors: ValidationErrors) async throws -> Response {
        let id = try group.recordID
        let fields: [FormField] = [
            .text("text", "Terms of reference", value: form.text, errors: errors, hint: "What the group is for and how it works.", kind: .textarea),
            .text("attendees", "Who attends", value: form.attendees, errors: errors,
                  hint: "One on each line, such as: Head of SEND, Riverside Council", kind: .textarea),
            .date("agreedOn", "Date agreed", value: form.agreedOn, errors: errors),
        ]
        return try await req.renderForm(title: "New version of the terms of reference", caption: group.name,
                                        intro: "Earlier versions are kept, so you can always see what was agreed and when.",
                                        action: Paths.groupTermsOfReference(id), submitLabel: "Save new version",
                                        cancelPath: Paths.group(id), fields: fields, errors: errors)
    }

    private func renderMember(_ req: Request, group: GroupModel, form: MemberForm, errors: ValidationErrors) async throws -> Response {
        let id = try group.recordID
        let finder = try await PersonFinder(req, typed: form.find, chosenID: form.personId, label: "Who is joining?")
        let fields: [FormField] = finder.fields(errors: errors) + [
            .choice("role", "Their place in the group", options: MembershipRole.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.role ?? ""], errors: errors),
            .choice("makesDecisions", "Can they make decisions for their organisation?", options: [("yes", "Yes"), ("no", "No")],
                    selected: [form.makesDecisions ?? ""], errors: errors,
                    hint: "The partnership agreement asks every partner to send people who can make decisions."),
        ]
        return try await req.renderForm(title: "Add a member", caption: group.name, action: Paths.groupMembers(id),
                                        submitLabel: "Add member", cancelPath: Paths.group(id), fields: fields, errors: errors)
    }
}
