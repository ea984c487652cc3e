import Domain
import Fluent
import Vapor

extension Paths {
    static let agreements = PathTemplate("agreements")
    static let agreementsCSV = PathTemplate("agreements.csv")
    static let newAgreement = PathTemplate("agreements", "new")
    static let agreement = PathTemplate("agreements", ":agreementID")
    static let editAgreement = PathTemplate("agreements", ":agreementID", "edit")
    static let newClause = PathTemplate("agreements", ":agreementID", "clauses", "new")
    static let clause = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID")
    static let editClause = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID", "edit")
    static let clauseAssessments = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID", "assessments")
    static let deleteAgreement = PathTemplate("agreements", ":agreementID", "delete")
    static let copyClauses = PathTemplate("agreements", ":agreementID", "copy-clauses")
    static let deleteClause = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID", "delete")

    static func deleteAgreement(_ id: RecordID<AgreementModel>) -> String { deleteAgreement.url(id) }
    static func deleteClause(agreement: RecordID<AgreementModel>, clause: RecordID<ClauseModel>) -> String { deleteClause.url(agreement, clause) }

    static func agreement(_ id: RecordID<AgreementModel>) -> String { agreement.url(id) }
    static func editAgreement(_ id: RecordID<AgreementModel>) -> String { editAgreement.url(id) }
    static func newClause(_ id: RecordID<AgreementModel>) -> String { newClause.url(id) }
    static func copyClauses(_ id: RecordID<AgreementModel>) -> String { copyClauses.url(id) }
    static func clause(agreement: RecordID<AgreementModel>, clause: RecordID<ClauseModel>) -> String { Self.clause.url(agreement, clause) }
    static func editClause(agreement: RecordID<AgreementModel>, clause: RecordID<ClauseModel>) -> String { editClause.url(agreement, clause) }
    static func clauseAssessments(agreement: RecordID<AgreementModel>, clause: RecordID<ClauseModel>) -> String { clauseAssessments.url(agreement, clause) }
}

extension Paths.API {
    static let agreements = PathTemplate("api", "v1", "agreements")
    static let agreementsCSV = PathTemplate("api", "v1", "agreements.csv")
    static let agreement = PathTemplate("api", "v1", "agreements", ":agreementID")
    static let clauses = PathTemplate("api", "v1", "agreements", ":agreementID", "clauses")
    static let clause = PathTemplate("api", "v1", "agreements", ":agreementID", "clauses", ":clauseID")

    static func agreement(_ id: RecordID<AgreementModel>) -> String { agreement.url(id) }
    static func clause(agreement: RecordID<AgreementModel>, clause: RecordID<ClauseModel>) -> String { Self.clause.url(agreement, clause) }
}

/// Partnership agreements, their clauses, the rules Coproduce checks, and hand checks of commitments.
struct AgreementsPart: ProductPart {
    let name = "Agreements"

    func pages(_ web: any RoutesBuilder) {
        let agreements = AgreementsController()
        web.get(Paths.agreements, .requires(.viewPartnership), use: agreements.index)
        web.get(Paths.agreementsCSV, .requires(.viewPartnership), use: agreements.csv)
        web.get(Paths.newAgreement, .requires(.manageAgreements), use: agreements.new)
        web.post(Paths.newAgreement, .requires(.manageAgreements), use: agreements.create)
        web.get(Paths.agreement, .requires(.viewPartnership), use: agreements.show)
        web.get(Paths.editAgreement, .requires(.manageAgreements), use: agreements.edit)
        web.post(Paths.editAgreement, .requires(.manageAgreements), use: agreements.update)
        web.get(Paths.newClause, .requires(.manageAgreements), use: agreements.newClause)
        web.post(Paths.newClause, .requires(.manageAgreements), use: agreements.createClause)
        web.get(Paths.copyClauses, .requires(.manageAgreements), use: agreements.chooseCopySource)
        web.post(Paths.copyClauses, .requires(.manageAgreements), use: agreements.copyClauses)
        web.get(Paths.clause, .requires(.viewPartnership), use: agreements.showClause)
        web.get(Paths.editClause, .requires(.manageAgreements), use: agreements.editClause)
        web.post(Paths.editClause, .requires(.manageAgreements), use: agreements.updateClause)
        web.get(Paths.clauseAssessments, .requires(.assessCommitments), use: agreements.newAssessment)
        web.post(Paths.clauseAssessments, .requires(.assessCommitments), use: agreements.createAssessment)
        // A clause before its agreement: the route walk removes in this order.
        web.get(Paths.deleteClause, .requires(.manageAgreements), use: agreements.confirmDeleteClause)
        web.post(Paths.deleteClause, .requires(.manageAgreements), use: agreements.deleteClause)
        web.get(Paths.deleteAgreement, .requires(.manageAgreements), use: agreements.confirmDelete)
        web.post(Paths.deleteAgreement, .requires(.manageAgreements), use: agreements.delete)
    }

    var api: (any APIPart.Type)? { AgreementsAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Agreements", path: Paths.agreements, permission: .viewPartnership)] }

    var auditSubjects: [AuditSubject] { [AuditSubject(type: "agreement", link: { Paths.agreement(RecordID($0)) })] }

    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        let store = AgreementStore(context)
        var items: [AttentionItem] = []
        let due = try await store.dueForReviewCount()
        if due > 0 {
            items.append(AttentionItem(text: "\(due) partnership \(due == 1 ? "agreement is" : "agreements are") due for review", href: Paths.agreements.url()))
        }
        let coming = try await store.comingDueCount(within: Self.warningDays)
        if coming > 0 {
            items.append(AttentionItem(text: "\(coming) partnership \(coming == 1 ? "agreement ends or falls" : "agreements end or fall") due for review in the next \(Self.warningDays) days",
                                       href: Paths.agreements.url()))
        }
        return items
    }

    /// How far ahead the home page warns of an agreement ending or falling due for review.
    static let warningDays = 60

    /// The agreement follows the Medway agreement of 2017 (seed 000).
    func addDemoData(_ demo: DemoBuilder) async throws {
        let today = demo.today
        let start = CalendarDate(year: today.adding(months: -14).year, month: today.adding(months: -14).month, day: 1)!
        let agreement = AgreementModel(areaID: demo.areaID, details: AgreementDetails(
            title: "Partnership Agreement: Parent Carer Participation", startsOn: start, endsOn: nil, reviewOn: start.adding(months: 24)))
        try await agreement.create(on: demo.db)
        let agreementID = try agreement.requireID()
        for key in ["forum", "council", "icb"] {
            try await AgreementPartnerModel(agreementID: agreementID, organisationID: demo.id(of: OrganisationModel.self, key)).create(on: demo.db)
        }
        let clauses: [(String, String, ClauseRule?, Bool)] = [
            ("4.3", "The council and the NHS give support in kind so the forum can take part, such as rooms and help to run meetings.", nil, false),
            ("4.6 a", "Meetings with the forum happen at times that suit parent carers, between 10am and 2pm.", .meetingTimeWindow(from: TimeOfDay("10:00")!, to: TimeOfDay("14:00")!), false),
            ("4.6 b", "Meetings are arranged by a nominated officer in the council or the NHS, using the forum's e-mail address.", nil, false),
            ("4.6 c", "Meetings have clear terms of reference that say who attends.", .termsOfReferenceWithAttendees, false),
            ("4.6 d", "The agenda gives the date, time, place and what the meeting will cover, and what the forum is asked to bring. It goes out at least 7 days before, with the papers to read.", .papersNoticeDays(7), false),
            ("4.6 e", "Papers are written in plain English, without jargon.", .plainEnglishPapers, false),
            ("4.6 f", "A named contact meets and welcomes the forum representative.", .namedContact, false),
            ("4.6 g", "The forum representative is offered refreshments for the length of the meeting.", .refreshmentsOffered, false),
            ("5.2", "The forum makes sure every representative signs a volunteer agreement that says how they will behave when they represent the forum.", .volunteerAgreementsForRepresentatives, false),
            ("5.3", "The forum recruits members who reflect the diversity of Riverside's children, young people and parent carers.", nil, false),
            ("5.4", "Partners contact the forum through the forum's e-mail address or its stated phone number.", .communicationThroughForumAddress, false),
            ("5.6", "Only people with a designated role in the forum, such as the chair, the participation officer or a committee member, can see the information the forum holds.", .personalDataForDesignatedForumRoles, false),
            ("6.1", "Liaison meetings between the forum, the council and the NHS happen every month.", .meetingCadence(.monthly), true),
            ("6.1", "Every partner is asked for agenda items at least two weeks before the meeting.", .partnersAskedForItems(daysBefore: 14), false),
            ("6.1", "The final agenda is agreed jointly between the partners and the forum.", .agendaAgreedJointly, false),
            ("6.2", "Liaison meetings are normally chaired by a forum representative.", .chairFrom(.parentCarerForum), true),
            ("6.2", "The council sends out the minutes within 10 days of each meeting.", .minutesCirculatedWithin(days: 10), false),
            ("6.2", "Every partner sends people who can make decisions.", .decisionMakersAttend, false),
            ("6.3", "Each partner shares its complaints procedure, and complaints are discussed at partnership meetings.", .complaintsDiscussed, false),
        ]
        var clauseIDs: [String: UUID] = [:]
        for (position, clause) in clauses.enumerated() {
            let model = ClauseModel(agreementID: agreementID, position: position + 1, details: ClauseDetails(number: clause.0, text: clause.1, rule: clause.2),
                                    groupID: clause.3 ? demo.id(of: GroupModel.self, "liaison") : nil)
            try await model.create(on: demo.db)
            clauseIDs[clause.0] = try model.requireID()
        }
        let assessments: [(String, CommitmentStatus, String, Int)] = [
            ("4.3", .met, "The council books the Riverside Hub meeting room for every liaison meeting and pays for it.", -25),
            ("5.3", .partlyMet, "The forum's diversity monitoring shows fewer members from Asian and Black families than live in Riverside. A recruitment plan was agreed in the spring.", -40),
        ]
        for (number, status, evidence, daysAgo) in assessments {
            try await CommitmentAssessmentModel(clauseID: clauseIDs[number]!, assessment: .init(status: status, evidence: evidence, assessedOn: today.adding(days: daysAgo)),
                                                recordedBy: "Jo Whitfield").create(on: demo.db)
        }
    }

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let clause = try await ClauseModel.query(on: db)
            .join(AgreementModel.self, on: \ClauseModel.$agreement.$id == \AgreementModel.$id)
            .filter(AgreementModel.self, \.$area.$id == areaID).sort(\.$position).first() else { return [:] }
        return ["agreementID": clause.$agreement.id.uuidString, "clauseID": try clause.requireID().uuidString]
    }
}
