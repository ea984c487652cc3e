import Domain
import Fluent
import OpenAPIKit
import Vapor

// Complaints in the JSON API.

extension API {
    struct Complaint: Content {
        let id: UUID
        let receivedOn: String
        let aboutOrganisationId: UUID
        let summary: String
        let status: String

        init(_ model: ComplaintModel) throws {
            id = try model.requireID()
            receivedOn = model.receivedOn.iso8601
            aboutOrganisationId = model.$aboutOrganisation.id
            summary = model.summary
            status = model.status.rawValue
        }
    }

    struct ComplaintInput: Content {
        var receivedOn: String?
        var aboutOrganisationId: String?
        var summary: String?
        var status: String?

        func storeInput() throws -> ComplaintStore.Input {
            .init(receivedOn: try API.dateInput(receivedOn, field: "receivedOn"), aboutOrganisationId: aboutOrganisationId, summary: summary, status: status)
        }
    }
}

struct ComplaintsAPI: APIPart {
    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Complaint": .object(properties: [
            "id": .string(format: .uuid),
            "receivedOn": date,
            "aboutOrganisationId": .string(format: .uuid),
            "summary": .string,
            "status": oneOf(ComplaintStatus.self),
        ]),
        "ComplaintInput": .object(properties: [
            "receivedOn": date,
            "aboutOrganisationId": .string(format: .uuid),
            "summary": .string(description: "Leave out names and anything else that could identify a family", maxLength: 5000),
            "status": oneOf(ComplaintStatus.self),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = ComplaintsAPI()
        return [
            APIOperation("listComplaints", .GET, Paths.API.complaints, .requires(.viewComplaints), tag: "Complaints",
                         summary: "List complaints, newest first; ?status= filters", reply: .page("Complaint"), handler: api.listComplaints),
            APIOperation("createComplaint", .POST, Paths.API.complaints, .requires(.manageComplaints), tag: "Complaints",
                         summary: "Record a complaint", body: "ComplaintInput", reply: .created("Complaint"), handler: api.createComplaint),
            APIOperation("getComplaint", .GET, Paths.API.complaint, .requires(.viewComplaints), tag: "Complaints",
                         summary: "One complaint", reply: .one("Complaint"), handler: api.getComplaint),
            APIOperation("updateComplaint", .PUT, Paths.API.complaint, .requires(.manageComplaints), tag: "Complaints",
                         summary: "Replace a complaint's details", body: "ComplaintInput", reply: .one("Complaint"), handler: api.updateComplaint),
        ]
    }

    // MARK: Complaints

    func listComplaints(req: Request) async throws -> API.Page<API.Complaint> {
        let page = try API.pageRequest(req)
        var status: ComplaintStatus?
        if let raw = try API.queryParameter(req, "status") {
            guard let known = ComplaintStatus(rawValue: raw) else {
                throw ValidationErrors(field: "status", message: "status must be one of: \(ComplaintStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = known
        }
        let (items, total) = try await ComplaintStore(try req.store).page(status: status, page)
        return API.Page(items: try items.map(API.Complaint.init), page: page.number, perPage: page.size, total: total)
    }

    func getComplaint(req: Request) async throws -> API.Complaint {
        try API.Complaint(try await complaint(req))
    }

    func createComplaint(req: Request) async throws -> Response {
        let input = try req.content.decode(API.ComplaintInput.self)
        let model = try await ComplaintStore(try req.store).create(try input.storeInput())
        return try await .created(try API.Complaint(model), at: Paths.API.complaint(try model.recordID), for: req)
    }

    func updateComplaint(req: Request) async throws -> API.Complaint {
        let model = try await complaint(req)
        let input = try req.content.decode(API.ComplaintInput.self)
        try await ComplaintStore(try req.store).update(model, with: try input.storeInput())
        return try API.Complaint(model)
    }

    private func complaint(_ req: Request) async throws -> ComplaintModel {
        try await ComplaintStore(try req.store).find(req.id("complaintID"))
    }
}
