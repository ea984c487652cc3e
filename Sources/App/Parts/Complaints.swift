import Domain
import Fluent
import Vapor

extension Paths {
    static let complaints = PathTemplate("complaints")
    static let newComplaint = PathTemplate("complaints", "new")
    static let complaint = PathTemplate("complaints", ":complaintID")
    static let editComplaint = PathTemplate("complaints", ":complaintID", "edit")
    static let deleteComplaint = PathTemplate("complaints", ":complaintID", "delete")

    static func complaint(_ id: RecordID<ComplaintModel>) -> String { complaint.url(id) }
    static func editComplaint(_ id: RecordID<ComplaintModel>) -> String { editComplaint.url(id) }
    static func deleteComplaint(_ id: RecordID<ComplaintModel>) -> String { deleteComplaint.url(id) }
}

extension Paths.API {
    static let complaints = PathTemplate("api", "v1", "complaints")
    static let complaint = PathTemplate("api", "v1", "complaints", ":complaintID")

    static func complaint(_ id: RecordID<ComplaintModel>) -> String { complaint.url(id) }
}

/// Complaints about any partner, kept so they are discussed at partnership meetings (clause 6.3).
struct ComplaintsPart: ProductPart {
    let name = "Complaints"

    func pages(_ web: any RoutesBuilder) {
        let complaints = ComplaintsController()
        web.get(Paths.complaints, .requires(.viewComplaints), use: complaints.index)
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

    var auditSubjects: [AuditSubject] { [AuditSubject(type: ComplaintModel.auditType, link: { Paths.complaint(RecordID($0)) })] }

    /// Everyone is told how many complaints are open; only those who may read complaints get the link to them.
    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        let open = try await ComplaintStore(context).openCount()
        guard open > 0 else { return [] }
        return [AttentionItem(text: "\(open) open \(open == 1 ? "complaint" : "complaints") to discuss at partnership meetings",
                              href: context.actor.can(.viewComplaints) ? Paths.complaints.url() : nil)]
    }

    func addDemoData(_ demo: DemoBuilder) async throws {
        let seeds: [(String, Int, String, ComplaintStatus)] = [
            ("council", -20, "A parent says their child's education, health and care plan review went ahead without the family's views being asked for.", .beingInvestigated),
            ("health", -45, "A family waited eight months for a speech and language therapy assessment and was not told how long the wait would be.", .responded),
            ("breaks", -90, "Short break sessions were cancelled at short notice twice in one month.", .closed),
            ("council", -6, "Papers for the SEND strategy group reached the forum two days before the meeting.", .received),
        ]
        for (organisation, daysAgo, summary, status) in seeds {
            try await ComplaintModel(areaID: demo.areaID, aboutOrganisationID: demo.id(of: OrganisationModel.self, organisation),
                                     details: .init(receivedOn: demo.today.adding(days: daysAgo), summary: summary, status: status)).create(on: demo.db)
        }
    }

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let complaint = try await ComplaintModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$receivedOn, .descending).first() else { return [:] }
        return ["complaintID": try complaint.requireID().uuidString]
    }
}
