import Domain
import Fluent
import OpenAPIKit
import Vapor

// The groups of the JSON API, with their members and terms of reference.

extension API {
    struct Member: Content {
        let personId: UUID
        let fullName: String
        let role: String
        let makesDecisions: Bool
    }

    struct TermsOfReference: Content {
        let version: Int
        let text: String
        let attendees: [String]
        let agreedOn: String
    }

    struct Group: Content {
        let id: UUID
        let name: String
        let purpose: String?
        let cadence: String
        let reportsToId: UUID?
        /// Only when one group is asked for.
        let members: [Member]?
        let termsOfReference: TermsOfReference?
    }

    struct GroupInput: Content {
        var name: String?
        var purpose: String?
        var cadence: String?
        var reportsToId: String?

        var storeInput: GroupStore.Input { .init(name: name, purpose: purpose, cadence: cadence, reportsToId: reportsToId) }
    }
}

struct GroupsAPI: APIPart {
    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Member": .object(properties: [
            "personId": .string(format: .uuid),
            "fullName": .string,
            "role": oneOf(MembershipRole.self),
            "makesDecisions": .boolean(description: "Whether they can make decisions for their organisation"),
        ]),
        "TermsOfReference": .object(properties: [
            "version": .integer,
            "text": .string,
            "attendees": .array(items: .string),
            "agreedOn": date,
        ]),
        "Group": .object(properties: [
            "id": .string(format: .uuid),
            "name": .string,
            "purpose": optionalString(),
            "cadence": oneOf(Cadence.self),
            "reportsToId": optionalString(format: .uuid),
            "members": .array(required: false, nullable: true, description: "Only when one group is asked for", items: .reference(.component(named: "Member"))),
            "termsOfReference": .one(of: [.reference(.component(named: "TermsOfReference")), .null()], core: .init(required: false)),
        ]),
        "GroupInput": .object(properties: [
            "name": .string(maxLength: 200),
            "purpose": optionalString(),
            "cadence": oneOf(Cadence.self),
            "reportsToId": optionalString(format: .uuid),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = GroupsAPI()
        let view = RouteAccess.requires(.viewPartnership)
        return [
            APIOperation("listGroups", .GET, Paths.API.groups, view, tag: "Groups",
                         summary: "List the area's groups, by name", reply: .page("Group"), handler: api.listGroups),
            APIOperation("downloadGroups", .GET, Paths.API.groupsCSV, view, tag: "Groups",
                         summary: "Every group as a spreadsheet (CSV), with its chair, members, decision-makers and terms of reference",
                         reply: .csv("The groups, one a row"), handler: GroupsController().csv),
            APIOperation("createGroup", .POST, Paths.API.groups, .requires(.manageGroups), tag: "Groups",
                         summary: "Add a group", body: "GroupInput", reply: .created("Group"), handler: api.createGroup),
            APIOperation("getGroup", .GET, Paths.API.group, view, tag: "Groups",
                         summary: "One group, with its members and current terms of reference", reply: .one("Group"), handler: api.getGroup),
            APIOperation("updateGroup", .PUT, Paths.API.group, .requires(.manageGroups), tag: "Groups",
                         summary: "Replace a group's details", body: "GroupInput", reply: .one("Group"), handler: api.updateGroup),
        ]
    }

    // MARK: Groups

    func listGroups(req: Request) async throws -> API.Page<API.Group> {
        let page = try API.pageRequest(req)
        let (groups, total) = try await GroupStore(try req.store).page(page)
        return API.Page(items: try groups.map { try Self.group($0, members: nil, terms: nil) }, page: page.number, perPage: page.size, total: total)
    }

    func getGroup(req: Request) async throws -> API.Group {
        let group = try await group(req)
        return try await detailed(group, req: req)
    }

    func createGroup(req: Request) async throws -> Response {
        let input = try req.content.decode(API.GroupInput.self)
        try API.refuseEmpty([("reportsToId", input.reportsToId, "a group's id")])
        let group = try await GroupStore(try req.store).create(input.storeInput)
        return try await .created(try await detailed(group, req: req), at: Paths.API.group(try group.recordID), for: req)
    }

    func updateGroup(req: Request) async throws -> API.Group {
        let group = try await group(req)
        let input = try req.content.decode(API.GroupInput.self)
        try API.refuseEmpty([("reportsToId", input.reportsToId, "a group's id")])
        try await GroupStore(try req.store).update(group, with: input.storeInput)
        return try await detailed(group, req: req)
    }

    private func group(_ req: Request) async throws -> GroupModel {
        try await GroupStore(try req.store).find(req.id("groupID"))
    }

    private func detailed(_ group: GroupModel, req: Request) async throws -> API.Group {
        let store = GroupStore(try req.store)
        let memberships = try await store.memberships(of: group)
        let terms = try await store.currentTermsOfReference(of: group)
        return try Self.group(group, members: memberships.map {
            API.Member(personId: $0.$person.id, fullName: $0.person.fullName, role: $0.role.rawValue, makesDecisions: $0.makesDecisions)
        }.sorted { $0.fullName < $1.fullName }, terms: terms)
    }

    private static func group(_ group: GroupModel, members: [API.Member]?, terms: TermsOfReferenceModel?) throws -> API.Group {
        API.Group(id: try group.requireID(), name: group.name, purpose: group.purpose, cadence: group.cadence.rawValue, reportsToId: group.$reportsTo.id,
                  members: members, termsOfReference: terms.map { API.TermsOfReference(version: $0.version, text: $0.text, attendees: $0.attendees, agreedOn: $0.agreedOn.iso8601) })
    }
}
