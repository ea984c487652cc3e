import Domain
import Fluent
import Vapor

extension Paths {
    static let complaints = PathTemplate("complaints")
    static let newComplaint = PathTemplate("complaints", "new")
    static let complaint = PathTemplate("complaints", ":complaintID")
    static let editComplaint = PathTemplate("complaints", ":complaintID", "edit")
    static let deleteComplaint = PathTemplate("complaints", ":complaintID", "delete")
    static let complaintsCSV = PathTemplate("complaints.csv")
    static let complaintSettings = PathTemplate("complaints", "settings")

    static func complaint(_ id: RecordID<ComplaintModel>) -> String { complaint.url(id) }
    static func editComplaint(_ id: RecordID<ComplaintModel>) -> String { editComplaint.url(id) }
    static func deleteComplaint(_ id: RecordID<ComplaintModel>) -> String { deleteComplaint.url(id) }
}

extension Paths.API {
    static let complaints = PathTemplate("api", "v1", "complaints")
    static let complaintsCSV = PathTemplate("api", "v1", "complaints.csv")
    static let complaint = PathTemplate("api", "v1", "complaints", ":complaintID")

    static func complaint(_ id: RecordID<ComplaintModel>) -> String { complaint.url(id) }
}

/// Complaints about any partner, kept so they are discussed at partnership meetings (clause 6.3).
struct ComplaintsPart: ProductPart {
    let name = "Complaints"

    var migrations: [any AsyncMigration] { [ExtendComplaints()] }

    func pages(_ web: any RoutesBuilder) {
        let complaints = ComplaintsController()
        web.get(Paths.complaints, .requires(.viewComplaints), use: complaints.index)
        web.get(Paths.complaintsCSV, .requires(.viewComplaints), use: complaints.csv)
        web.get(Paths.complaintSettings, .requires(.manageComplaints), use: complaints.settings)
        web.post(Paths.complaintSettings, .requires(.manageComplaints), use: complaints.saveSettings)
        web.get(Paths.newComplaint, .requires(.manageComplaints), use: complaints.new)
        web.post(Paths.newComplaint, .requires(.manageComplaints), use: complaints.create)
        web.get(Paths.complaint, .requires(.viewComplaints), use: complaints.show)
        web.get(Paths.editComplaint, .requires(.manageComplaints), use: complaints.edit)
        web.post(Paths.editComplaint, .requires(.manageComplaints), use: complaints.update)
        web.get(Paths.deleteComplaint, .requires(.manageComplaints), use: complaints.confirmDelete)
        web.post(Paths.deleteComplaint, .requires(.manageComplaints), use: complaints.delete)
    }

    var api: (any APIPart.Type)? { ComplaintsAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Complaints", path: Paths.complaints, permission: .viewComplaints)] }

    var auditSubjects: [AuditSubject] {
        [AuditSubject(type: ComplaintModel.auditType, link: { Paths.complaint(RecordID($0)) }),
         AuditSubject(type: "complaint-settings", link: { _ in Paths.complaintSettings.url() })]
    }

    /// Everyone is told how many complaints are open and how many responses are late; only those who may read complaints get the links.
    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        let store = ComplaintStore(context)
        let canRead = context.actor.can(.viewComplaints)
        var items: [AttentionItem] = []
        let overdue = try await store.overdueCount()
        if overdue > 0 {
            items.append(AttentionItem(text: "\(overdue) \(overdue == 1 ? "complaint's response is" : "complaints' responses are") overdue",
                                       href: canRead ? Paths.complaints.url() + "?show=overdue" : nil))
        }
        let open = try await store.openCount()
        if open > 0 {
            items.append(AttentionItem(text: "\(open) open \(open == 1 ? "complaint" : "complaints") to discuss at partnership meetings",
                                       href: canRead ? Paths.complaints.url() : nil))
        }
        return items
    }

    /// Four complaints of the last three months, handled as councils and the NHS do: one response late, one closed with what was learned.
    func addDemoData(_ demo: DemoBuilder) async throws {
        let seeds: [(organisation: String, daysAgo: Int, dueIn: Int, summary: String, status: ComplaintStatus, owner: String,
                     themes: [ComplaintTheme], outcome: String?, learned: String?)] = [
            ("breaks", -90, 20, "Short break sessions were cancelled at short notice twice in one month.", .closed, "olivia",
             [.socialCareAndShortBreaks, .communication], "Apology sent; families are now phoned the day a session is cancelled, and offered another date.",
             "Keep a list of stand-in staff so sessions are not cancelled when one worker is ill."),
            ("health", -45, 20, "A family waited eight months for a speech and language therapy assessment and was not told how long the wait would be.", .responded, "sarah",
             [.waitingTimes, .healthServices, .communication], "Assessment booked; waiting times for therapy assessments now go on the Local Offer each month.", nil),
            ("council", -20, 18, "A parent says their child's education, health and care plan review went ahead without the family's views being asked for.", .beingInvestigated, "ruth",
             [.assessmentsAndPlans], nil, nil),
            ("council", -6, 20, "Papers for the SEND strategy group reached the forum two days before the meeting.", .received, "helen",
             [.communication], nil, nil),
        ]
        for (number, seed) in seeds.enumerated() {
            let received = demo.today.adding(days: seed.daysAgo)
            let complaint = ComplaintModel(areaID: demo.areaID, aboutOrganisationID: demo.id(of: OrganisationModel.self, seed.organisation),
                                           details: .init(receivedOn: received, summary: seed.summary, status: seed.status,
                                                          responseDueOn: received.adding(days: seed.dueIn), outcome: seed.outcome,
                                                          lessonsLearned: seed.learned, themes: seed.themes))
            complaint.reference = ComplaintHandling.reference(year: received.year, number: number + 1)
            complaint.$owner.id = demo.id(of: PersonModel.self, seed.owner)
            try await complaint.create(on: demo.db)
            // Its way from received to where it is now, a step every ten days.
            let steps = ComplaintStatus.allCases.prefix { $0 != seed.status } + [seed.status]
            for (step, status) in steps.enumerated() {
                try await ComplaintStatusChangeModel(complaintID: try complaint.requireID(), status: status,
                                                     changedOn: received.adding(days: step * 10), changedBy: "Pat Reid").create(on: demo.db)
            }
        }
    }

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let complaint = try await ComplaintModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$receivedOn, .descending).first() else { return [:] }
        return ["complaintID": try complaint.requireID().uuidString]
    }
}
