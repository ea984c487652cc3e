import Domain
import Fluent
import OpenAPIKit
import Vapor

// The organisations of the JSON API: what it sends and takes, their schemas, and its operations.

extension API {
    struct Organisation: Content {
        let id: UUID
        let name: String
        let kind: String
        let email: String?
        let phone: String?

        init(_ model: OrganisationModel) throws {
            id = try model.requireID()
            name = model.name
            kind = model.kind.rawValue
            email = model.email
            phone = model.phone
        }
    }

    struct OrganisationInput: Content {
        var name: String?
        var kind: String?
        var email: String?
        var phone: String?

        var storeInput: OrganisationStore.Input { .init(name: name, kind: kind, email: email, phone: phone) }
    }
}

struct OrganisationsAPI: APIPart {
    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Organisation": .object(properties: [
            "id": .string(format: .uuid),
            "name": .string,
            "kind": oneOf(OrganisationKind.self),
            "email": optionalString(format: .email),
            "phone": optionalString(),
        ]),
        "OrganisationInput": .object(properties: [
            "name": .string(maxLength: OrganisationDetails.maximumNameLength),
            "kind": oneOf(OrganisationKind.self),
            "email": optionalString("For a parent carer forum, its own address: partners contact the forum only through it", format: .email),
            "phone": optionalString(),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = OrganisationsAPI()
        let view = RouteAccess.requires(.viewPartnership)
        return [
            APIOperation("listOrganisations", .GET, Paths.API.organisations, view, tag: "Organisations",
                         summary: "List the area's organisations, by name", reply: .page("Organisation"), handler: api.listOrganisations),
            APIOperation("downloadOrganisations", .GET, Paths.API.organisationsCSV, view, tag: "Organisations",
                         summary: "Every organisation in the area as a spreadsheet (CSV), with how many of its people are in the register",
                         reply: .csv("The organisations, one a row"), handler: OrganisationsController().csv),
            APIOperation("createOrganisation", .POST, Paths.API.organisations, .requires(.manageOrganisations), tag: "Organisations",
                         summary: "Add an organisation", body: "OrganisationInput", reply: .created("Organisation"), handler: api.createOrganisation),
            APIOperation("getOrganisation", .GET, Paths.API.organisation, view, tag: "Organisations",
                         summary: "One organisation", reply: .one("Organisation"), handler: api.getOrganisation),
            APIOperation("updateOrganisation", .PUT, Paths.API.organisation, .requires(.manageOrganisations), tag: "Organisations",
                         summary: "Replace an organisation's details", body: "OrganisationInput", reply: .one("Organisation"), handler: api.updateOrganisation),
        ]
    }

    // MARK: Organisations

    func listOrganisations(req: Request) async throws -> API.Page<API.Organisation> {
        let page = try API.pageRequest(req)
        let (items, total) = try await OrganisationStore(try req.store).page(page)
        return API.Page(items: try items.map(API.Organisation.init), page: page.number, perPage: page.size, total: total)
    }

    func getOrganisation(req: Request) async throws -> API.Organisation {
        try API.Organisation(try await organisation(req))
    }

    func createOrganisation(req: Request) async throws -> Response {
        let input = try req.content.decode(API.OrganisationInput.self)
        try API.refuseEmpty([("email", input.email, "an e-mail address")])
        let model = try await OrganisationStore(try req.store).create(input.storeInput)
        return try await .created(try API.Organisation(model), at: Paths.API.organisation(try model.recordID), for: req)
    }

    func updateOrganisation(req: Request) async throws -> API.Organisation {
        let model = try await organisation(req)
        let input = try req.content.decode(API.OrganisationInput.self)
        try API.refuseEmpty([("email", input.email, "an e-mail address")])
        try await OrganisationStore(try req.store).update(model, with: input.storeInput)
        return try API.Organisation(model)
    }

    private func organisation(_ req: Request) async throws -> OrganisationModel {
        try await OrganisationStore(try req.store).find(req.id("organisationID"))
    }
}
