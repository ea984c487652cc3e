import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The only place people, their diversity monitoring and their volunteer
/// agreements are read and written, always within the actor's area. Every
/// change, and every read of a forum member's personal data, is audited here.
struct PersonStore {
    /// A person as typed into the form or sent to the API.
    struct Input: Sendable {
        var fullName: String?
        var organisationId: String?
        var jobTitle: String?
        var email: String?
        var phone: String?
    }

    /// Which people a list shows, and in what order.
    struct Filter: Sendable {
        /// Folded words (`SearchText.terms`) the name or job title must all hold.
        var searchTerms: [String] = []
        var organisationID: UUID?
        var groupID: UUID?
        var standing: PersonStanding?
        var order: PeopleOrder = .name
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// Whether the person belongs to a parent carer forum, which makes their
    /// contact details forum-held personal data. Needs `organisation` loaded.
    static func isForumMember(_ person: PersonModel) -> Bool {
        person.organisation?.kind == .parentCarerForum
    }

    /// The person with their organisation, or 404 when the area has none with this id.
    func find(_ id: UUID) async throws -> PersonModel {
        guard let person = try await lookUp(id) else { throw Abort(.notFound) }
        return person
    }

    func lookUp(_ id: UUID) async throws -> PersonModel? {
        try await PersonModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).with(\.$organisation).first()
    }

    /// A forum member: diversity monitoring and volunteer agreements exist only for them.
    func findForumMember(_ id: UUID) async throws -> PersonModel {
        let person = try await find(id)
        guard Self.isForumMember(person) else { throw Abort(.notFound) }
        return person
    }

    /// One page of people, with their organisations. Every condition is on
    /// the area's own rows (found through the area's index), so a search
    /// reads one area's people, never the nation's.
    func page(_ filter: Filter, _ page: ListPage) async throws -> (items: [PersonModel], total: Int) {
        try await query(filter).with(\.$organisation).page(page)
    }

    /// The people a filter finds, in its order, ready to page or to read in batches.
    func query(_ filter: Filter) async throws -> QueryBuilder<PersonModel> {
        var query = PersonModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        for term in filter.searchTerms { query = query.filter(\.$searchText ~~ term) }
        if let organisationID = filter.organisationID { query = query.filter(\.$organisation.$id == organisationID) }
        if let groupID = filter.groupID {
            query = query.filter(.sql(embed: "EXISTS (SELECT 1 FROM group_memberships m WHERE m.person_id = people.id AND m.group_id = \(bind: groupID))"))
        }
        switch filter.standing {
        case nil: break
        case .forumMembers: query = query.filter(.sql(embed: Self.isForumMemberSQL))
        case .forumRepresentatives:
            query = query.filter(.sql(embed: Self.isForumMemberSQL)).filter(.sql(embed: Self.inAGroupSQL))
        case .noVolunteerAgreement: query = query.filter(\.$id ~~ (try await representativesWithoutAgreement()))
        case .volunteerAgreementEndsSoon:
            query = query.filter(\.$id ~~ (try await representativesWithAgreementEndingSoon()))
        case .chairs:
            query = query.filter(.sql(embed: "EXISTS (SELECT 1 FROM group_memberships m WHERE m.person_id = people.id AND m.role = \(bind: MembershipRole.chair.rawValue))"))
        case .inNoGroup: query = query.filter(.sql(embed: "NOT \(Self.inAGroupSQL)"))
        case .withAccount:
            query = query.filter(.sql(embed: "EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = people.id AND a.disabled_at IS NULL)"))
        }
        switch filter.order {
        case .name: query = query.sort(\.$sortName).sort(\.$id)
        case .organisation:
            // People with no organisation come last on both databases (SQLite would put them first).
            query = query.join(OrganisationModel.self, on: \PersonModel.$organisation.$id == \OrganisationModel.$id, method: .left)
                .sort(.sql(unsafeRaw: "CASE WHEN organisations.sort_name IS NULL THEN 1 ELSE 0 END"))
                .sort(OrganisationModel.self, \.$sortName).sort(\.$sortName).sort(\.$id)
        case .newest: query = query.sort(\.$createdAt, .descending).sort(\.$sortName).sort(\.$id)
        }
        return query
    }

    private static let inAGroupSQL: SQLQueryString = "EXISTS (SELECT 1 FROM group_memberships m WHERE m.person_id = people.id)"
    private static var isForumMemberSQL: SQLQueryString {
        "EXISTS (SELECT 1 FROM organisations o WHERE o.id = people.organisation_id AND o.kind = \(bind: OrganisationKind.parentCarerForum.rawValue))"
    }

    /// The most people one download holds: far more than any area has.
    static let maximumExport = 50_000

    /// The groups each of `people` has a place in, as "Group (Chair)", by group name: one query for them all.
    func groupPlaces(of people: [PersonModel]) async throws -> [UUID: [String]] {
        let ids = people.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let memberships = try await MembershipModel.query(on: context.db).filter(\.$person.$id ~~ ids)
            .join(GroupModel.self, on: \MembershipModel.$group.$id == \GroupModel.$id)
            .filter(GroupModel.self, \.$area.$id == context.areaID).sort(GroupModel.self, \.$sortName).all()
        var places: [UUID: [String]] = [:]
        for membership in memberships {
            let group = try membership.joined(GroupModel.self)
            places[membership.$person.id, default: []].append("\(group.name) (\(membership.role.label))")
        }
        return places
    }

    /// Which of `people` can sign in: those with an account that is not switched off.
    func accountHolders(of people: [PersonModel]) async throws -> Set<UUID> {
        let ids = people.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        return Set(try await AccountModel.query(on: context.db).filter(\.$person.$id ~~ ids).filter(\.$disabledAt == nil).all(\.$person.$id))
    }

    /// Audits a download of the people list, saying whose forum-held details it held.
    func recordDownload(count: Int, forumMembersRevealed: Int) async throws {
        try await context.audit(.export, subjectType: "people", subjectID: nil, subjectLabel: "People list",
                                detail: "Downloaded \(count) \(count == 1 ? "person" : "people")"
                                    + (forumMembersRevealed > 0 ? ", with the contact details of \(forumMembersRevealed) forum \(forumMembersRevealed == 1 ? "member" : "members")" : ""))
    }

    /// The first people of an organisation by name.
    func first(_ count: Int, inOrganisation organisationID: UUID) async throws -> [PersonModel] {
        try await PersonModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$organisation.$id == organisationID)
            .sort(\.$sortName).limit(count).all()
    }

    /// The volunteer agreement status of each forum member among `people`.
    func volunteerAgreementStatuses(_ people: [PersonModel]) async throws -> [UUID: VolunteerAgreementStatus] {
        try await VolunteerAgreementChecks.statuses(personIDs: people.filter(Self.isForumMember).compactMap(\.id), today: context.today, on: context.db)
    }

    /// Forum representatives (forum members who sit on a group) with no volunteer agreement in force.
    func representativesWithoutAgreement() async throws -> [UUID] {
        try await VolunteerAgreementChecks.representativesWithoutAgreement(areaID: context.areaID, today: context.today, on: context.db)
    }

    /// Forum representatives whose volunteer agreement ends soon.
    func representativesWithAgreementEndingSoon() async throws -> [UUID] {
        try await VolunteerAgreementChecks.representativesWithAgreementEndingSoon(areaID: context.areaID, today: context.today, on: context.db)
    }

    /// A forum member's volunteer agreements, newest first.
    func volunteerAgreements(of person: PersonModel) async throws -> [VolunteerAgreementModel] {
        try await VolunteerAgreementModel.query(on: context.db).filter(\.$person.$id == person.requireID()).sort(\.$signedOn, .descending).all()
    }

    /// Audits that the actor was shown a forum member's personal data, when the policy says they were.
    func recordViewing(_ person: PersonModel, detail: String? = nil) async throws {
        guard PersonalDataPolicy.revealsForumHeldData(viewer: context.actor.role, subjectIsForumMember: Self.isForumMember(person)) else { return }
        try await context.audit(.read, subjectType: "person", subjectID: person.id, subjectLabel: person.fullName, detail: detail)
    }

    /// Audits that a list showed forum members' contact details, when the policy says it did.
    func recordListing(_ people: [PersonModel], page: Int) async throws {
        let revealed = people.filter { PersonalDataPolicy.revealsForumHeldData(viewer: context.actor.role, subjectIsForumMember: Self.isForumMember($0)) }
        guard !revealed.isEmpty else { return }
        try await context.audit(.export, subjectType: "people", subjectID: nil, subjectLabel: "People list",
                                detail: "Contact details of \(revealed.count) forum \(revealed.count == 1 ? "member" : "members") (page \(page))")
    }

    func create(_ input: Input) async throws -> PersonModel {
        let (details, organisation) = try await validate(input)
        let person = PersonModel(areaID: context.areaID, organisationID: organisation?.id, details: details)
        person.$organisation.value = organisation
        try await context.write { context in
            try await person.create(on: context.db)
            try await context.auditCreated(person)
        }
        return person
    }

    /// Changes a person's details. Someone who leaves the forum takes their
    /// diversity monitoring with them: it is kept only for forum members.
    func update(_ person: PersonModel, with input: Input) async throws {
        let (details, joining) = try await validate(input)
        let leavesForum = Self.isForumMember(person) && joining?.kind != .parentCarerForum
        let before = person.auditFields
        person.apply(details)
        person.$organisation.id = joining?.id
        person.$organisation.value = joining
        if leavesForum { person.diversity = DiversityMonitoring() }
        try await context.write { context in
            try await person.save(on: context.db)
            try await context.auditUpdated(person, before: before,
                                           detail: leavesForum ? "Left the forum, so their diversity monitoring was removed" : nil)
        }
    }

    func updateDiversity(_ person: PersonModel, ethnicGroup: String?, disabled: String?, mainLanguage: String?) async throws {
        let before = person.auditFields
        person.diversity = try DiversityMonitoring.validate(ethnicGroup: ethnicGroup, disabled: disabled, mainLanguage: mainLanguage)
        try await context.write { context in
            try await person.save(on: context.db)
            try await context.auditUpdated(person, before: before, detail: "Diversity monitoring")
        }
    }

    func addVolunteerAgreement(_ person: PersonModel, signedOn: DateInput, expiresOn: DateInput) async throws {
        let agreement = try VolunteerAgreementStatus.validate(signedOn: signedOn, expiresOn: expiresOn, today: context.today)
        let id = try person.requireID()
        try await context.write { context in
            try await VolunteerAgreementModel(areaID: context.areaID, personID: id, agreement: agreement).create(on: context.db)
            try await context.audit(.update, subjectType: "person", subjectID: id, subjectLabel: person.fullName, detail: "Volunteer agreement recorded",
                                    changes: AuditChanges.created([AuditField("Volunteer agreement signed", agreement.signedOn.longForm),
                                                                   AuditField("Volunteer agreement ends", agreement.expiresOn?.longForm ?? "No end date")]))
        }
    }

    /// One of a forum member's volunteer agreements, or 404.
    func volunteerAgreement(_ id: UUID, of person: PersonModel) async throws -> VolunteerAgreementModel {
        guard let agreement = try await VolunteerAgreementModel.query(on: context.db).filter(\.$id == id)
            .filter(\.$person.$id == person.requireID()).first() else { throw Abort(.notFound) }
        return agreement
    }

    /// Deletes a volunteer agreement recorded in error; the audit log keeps its dates.
    func deleteVolunteerAgreement(_ agreement: VolunteerAgreementModel, of person: PersonModel) async throws {
        try await context.write { context in
            try await agreement.delete(on: context.db)
            try await context.audit(.update, subjectType: "person", subjectID: person.id, subjectLabel: person.fullName, detail: "Volunteer agreement deleted",
                                    changes: AuditChanges.deleted([AuditField("Volunteer agreement signed", agreement.signedOn.longForm),
                                                                   AuditField("Volunteer agreement ends", agreement.expiresOn?.longForm ?? "No end date")]))
        }
    }

    /// What removing the person removes with them, in plain words.
    func removalConsequences(_ person: PersonModel) async throws -> [String] {
        let id = try person.requireID()
        let db = context.db
        var consequences: [String] = []
        if try await AccountModel.query(on: db).filter(\.$person.$id == id).count() > 0 {
            consequences.append("their account, so they can no longer sign in")
        }
        let memberships = try await MembershipModel.query(on: db).filter(\.$person.$id == id).count()
        if memberships > 0 { consequences.append("their place in \(memberships) \(memberships == 1 ? "group" : "groups")") }
        let agreements = try await VolunteerAgreementModel.query(on: db).filter(\.$person.$id == id).count()
        if agreements > 0 { consequences.append("\(agreements) volunteer \(agreements == 1 ? "agreement" : "agreements")") }
        let planActions = try await PlanActionModel.query(on: db).filter(\.$owner.$id == id).filter(\.$status != .done).count()
        if planActions > 0 {
            consequences.append("their name on \(planActions) open action-plan \(planActions == 1 ? "action, which will need" : "actions, which will need") someone else")
        }
        return consequences
    }

    /// Why the actor may not remove this person, if they may not. Removing a
    /// person removes their account, so someone who may not manage accounts
    /// cannot remove a person who has one; and nobody removes the area's only
    /// area admin, which would leave nobody to run the area.
    func removalRefusal(_ person: PersonModel) async throws -> String? {
        let id = try person.requireID()
        guard let account = try await AccountModel.query(on: context.db).filter(\.$person.$id == id).first() else { return nil }
        guard context.actor.can(.manageAccounts) else {
            return "\(person.fullName) has an account to sign in to Coproduce, and only an area admin can remove accounts. Ask your area admin to remove them."
        }
        if account.role == .areaAdmin, account.disabledAt == nil {
            let admins = try await AccountModel.query(on: context.db).filter(\.$area.$id == context.areaID)
                .filter(\.$role == .areaAdmin).filter(\.$disabledAt == nil).count()
            if admins <= 1 { return "\(person.fullName) is the only area admin of \(context.actor.areaName). Make someone else an area admin first." }
        }
        return nil
    }

    /// Removes a person and everything that is theirs, all or nothing: their
    /// account (signing them out everywhere), group places and volunteer
    /// agreements. The audit log keeps a record that it was done, and by whom.
    /// Nobody removes themselves, or anyone `removalRefusal` names a reason
    /// for; answers whether it was done.
    func remove(_ person: PersonModel) async throws -> Bool {
        let id = try person.requireID()
        guard id != context.actor.personID else { return false }
        return try await context.write { context in
            // Checked inside the write, so two admins cannot remove each other at the same moment.
            guard try await PersonStore(context).removalRefusal(person) == nil else { return false }
            let db = context.db
            let accounts = try await AccountModel.query(on: db).filter(\.$person.$id == id).all(\.$id)
            if !accounts.isEmpty {
                try await SessionRecordModel.query(on: db).filter(\.$accountID ~~ accounts).delete()
                try await APITokenModel.query(on: db).filter(\.$account.$id ~~ accounts).delete()
                try await AccountModel.query(on: db).filter(\.$id ~~ accounts).delete()
            }
            try await MembershipModel.query(on: db).filter(\.$person.$id == id).delete()
            try await VolunteerAgreementModel.query(on: db).filter(\.$person.$id == id).delete()
            try await person.delete(on: db)
            try await context.auditDeleted(person, detail: "Removed with their account, group places and volunteer agreements")
            return true
        }
    }

    /// The checked details, and the organisation chosen (one of the area's), if any.
    private func validate(_ input: Input) async throws -> (PersonDetails, OrganisationModel?) {
        var errors = ValidationErrors()
        var details: PersonDetails?
        do { details = try PersonDetails.validate(fullName: input.fullName, jobTitle: input.jobTitle, email: input.email, phone: input.phone) }
        catch let error as ValidationErrors { errors = error }
        let organisation = try await OrganisationStore(context).lookUp(input.organisationId)
        if TextInput.optional(input.organisationId) != nil && organisation == nil {
            errors.add(field: "organisationId", message: "Select an organisation from the list")
        }
        try errors.ordered(["fullName", "organisationId", "jobTitle", "email", "phone"]).throwIfAny()
        return (details!, organisation)
    }
}
