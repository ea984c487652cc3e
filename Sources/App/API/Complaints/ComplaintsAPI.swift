import Domain
import Fluent
import OpenAPIKit
import Vapor

// Complaints in the JSON API.

extension API {
    struct Complaint: Content {
        let id: UUID
        let reference: String?
        let receivedOn: String
        let aboutOrganisationId: UUID
        let summary: String
        let status: String
        let ownerId: UUID?
        let responseDueOn: String
        let responseOverdue: Bool
        let outcome: String?
        let lessonsLearned: String?
        let themes: [String]

        init(_ model: ComplaintModel, today: CalendarDate) throws {
            id = try model.requireID()
            reference = model.reference
            receivedOn = model.receivedOn.iso8601
            aboutOrganisationId = model.$aboutOrganisation.id
            summary = model.summary
            status = model.status.rawValue
            ownerId = model.$owner.id
            responseDueOn = model.dueOn.iso8601
            responseOverdue = model.isOverdue(today: today)
            outcome = model.outcome
            lessonsLearned = model.lessonsLearned
            themes = model.themes.map(\.rawValue)
        }
    }

    struct ComplaintInput: Content {
        var receivedOn: String?
        var aboutOrganisationId: String?
        var summary: String?
        var status: String?
        var ownerId: String?
        var responseDueOn: String?
        var outcome: String?
        var lessonsLearned: String?
        var themes: [String]?

        /// The input for the store. When `existing` is given (an update), the handling
        /// fields left out (or null) keep their values, so a client written before they
        /// existed does not wipe them; an empty outcome or lessons clears it.
        func storeInput(keeping existing: ComplaintModel? = nil) throws -> ComplaintStore.Input {
            try API.refuseEmpty([("ownerId", ownerId, "a person's id")])
            var due = DateInput()
            if let responseDueOn { due = try API.dateInput(responseDueOn, field: "responseDueOn") }
            else if let existing { due = DateInput(existing.dueOn) }
            return .init(receivedOn: try API.dateInput(receivedOn, field: "receivedOn"), aboutOrganisationId: aboutOrganisationId, summary: summary,
                         status: status, ownerId: ownerId ?? existing?.$owner.id?.uuidString,
                         responseDueOn: due,
                         outcome: outcome ?? existing?.outcome, lessonsLearned: lessonsLearned ?? existing?.lessonsLearned,
                         themes: themes ?? existing?.themes.map(\.rawValue) ?? [])
        }
    }
}

struct ComplaintsAPI: APIPart {
    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Complaint": .object(properties: [
            "id": .string(format: .uuid),
            "reference": optionalString("C-2026-0012: the year received and its number in the area that year"),
            "receivedOn": date,
            "aboutOrganisationId": .string(format: .uuid),
            "summary": .string,
            "status": oneOf(ComplaintStatus.self),
            "ownerId": optionalString("The person handling it", format: .uuid),
            "responseDueOn": date,
            "responseOverdue": .boolean(description: "Still received or being looked into after the response was due"),
            "outcome": optionalString(),
            "lessonsLearned": optionalString(),
            "themes": .array(items: oneOf(ComplaintTheme.self)),
        ]),
        "ComplaintInput": .object(properties: [
            "receivedOn": date,
            "aboutOrganisationId": .string(format: .uuid),
            "summary": .string(description: "Leave out names and anything else that could identify a family", maxLength: 5000),
            "status": oneOf(ComplaintStatus.self),
            "ownerId": optionalString("The person handling it", format: .uuid),
            "responseDueOn": .string(format: .date, required: false, nullable: true,
                                     description: "Left out or null: the area's standard number of days after it was received"),
            "outcome": .string(required: false, nullable: true, description: "Needed to close the complaint", maxLength: 5000),
            "lessonsLearned": .string(required: false, nullable: true, maxLength: 5000),
            "themes": .array(required: false, nullable: true, items: oneOf(ComplaintTheme.self)),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = ComplaintsAPI()
        return [
            APIOperation("listComplaints", .GET, Paths.API.complaints, .requires(.viewComplaints), tag: "Complaints",
                         summary: "List complaints, newest first; ?status= and ?overdue=true filter", reply: .page("Complaint"),
                         queries: [APIQuery("status", .string(required: false, allowedValues: allowed(ComplaintStatus.allCases.map(\.rawValue), nullable: false)), "Only complaints with this status"),
                                   APIQuery("overdue", .boolean(required: false), "true: only complaints whose response is overdue")],
                         handler: api.listComplaints),
            APIOperation("downloadComplaints", .GET, Paths.API.complaintsCSV, .requires(.viewComplaints), tag: "Complaints",
                         summary: "The open complaints (?show=all for every one) as a spreadsheet (CSV); the download is audited",
                         reply: .csv("The complaints, one a row"), handler: ComplaintsController().csv),
            APIOperation("createComplaint", .POST, Paths.API.complaints, .requires(.manageComplaints), tag: "Complaints",
                         summary: "Record a complaint", body: "ComplaintInput", reply: .created("Complaint"), handler: api.createComplaint),
            APIOperation("getComplaint", .GET, Paths.API.complaint, .requires(.viewComplaints), tag: "Complaints",
                         summary: "One complaint", reply: .one("Complaint"), handler: api.getComplaint),
            APIOperation("updateComplaint", .PUT, Paths.API.complaint, .requires(.manageComplaints), tag: "Complaints",
                         summary: "Change a complaint: the handling fields left out (owner, due date, outcome, lessons, themes) keep their values", body: "ComplaintInput", reply: .one("Complaint"), handler: api.updateComplaint),
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
        var overdueOnly = false
        if let raw = try API.queryParameter(req, "overdue") {
            guard raw == "true" || raw == "false" else { throw ValidationErrors(field: "overdue", message: "overdue must be true or false") }
            overdueOnly = raw == "true"
        }
        let (items, total) = try await ComplaintStore(try req.store).page(status: status, overdueOnly: overdueOnly, page)
        return API.Page(items: try items.map { try API.Complaint($0, today: req.today) }, page: page.number, perPage: page.size, total: total)
    }

    func getComplaint(req: Request) async throws -> API.Complaint {
        try API.Complaint(try await complaint(req), today: req.today)
    }

    func createComplaint(req: Request) async throws -> Response {
        let input = try req.content.decode(API.ComplaintInput.self)
        let model = try await ComplaintStore(try req.store).create(try input.storeInput())
        return try await .created(try API.Complaint(model, today: req.today), at: Paths.API.complaint(try model.recordID), for: req)
    }

    func updateComplaint(req: Request) async throws -> API.Complaint {
        let model = try await complaint(req)
        let input = try req.content.decode(API.ComplaintInput.self)
        try await ComplaintStore(try req.store).update(model, with: try input.storeInput(keeping: model))
        return try API.Complaint(model, today: req.today)
    }

    private func complaint(_ req: Request) async throws -> ComplaintModel {
        try await ComplaintStore(try req.store).find(req.id("complaintID"))
    }
}
