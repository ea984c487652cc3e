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
        let viewer = try req.viewer
        let page = try API.pageRequest(req)
        let (groups, total) = try await GroupModel.query(on: req.db).filter(\.$area.$id == viewer.areaID).sort(\.$sortName).page(page)
        return API.Page(items: try groups.map { try Self.group($0, members: nil, terms: nil) }, page: page.number, perPage: page.size, total: total)
    }

    func getGroup(req: Request) async throws -> API.Group {
        let group = try await group(req)
        return try await detailed(group, on: req.db)
    }

    func createGroup(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let input = try req.content.decode(API.GroupInput.self)
        try API.refuseEmpty([("reportsToId", input.reportsToId, "a group's id")])
        let (details, parentID) = try await GroupStore.validate(name: input.name, purpose: input.purpose, cadence: input.cadence,
                                                                reportsToId: input.reportsToId, editing: nil, areaID: viewer.areaID, on: req.db)
        let group = GroupModel(areaID: viewer.areaID, details: details, reportsToID: parentID)
        try await GroupStore.save(group, on: req.db)
        return try await .created(try await detailed(group, on: req.db), at: Paths.API.group.url(try group.requireID()), for: req)
    }

    func updateGroup(req: Request) async throws -> API.Group {
        let viewer = try req.viewer
        let group = try await group(req)
        let input = try req.content.decode(API.GroupInput.self)
        try API.refuseEmpty([("reportsToId", input.reportsToId, "a group's id")])
        let (details, parentID) = try await GroupStore.validate(name: input.name, purpose: input.purpose, cadence: input.cadence,
                                                                reportsToId: input.reportsToId, editing: group.id, areaID: viewer.areaID, on: req.db)
        group.apply(details)
        group.$reportsTo.id = parentID
        try await GroupStore.save(group, on: req.db)
        return try await detailed(group, on: req.db)
    }

    private func group(_ req: Request) async throws -> GroupModel {
        guard let group = try await GroupStore.find(req.id("groupID"), areaID: req.viewer.areaID, on: req.db) else { throw Abort(.notFound) }
        return group
    }

    private func detailed(_ group: GroupModel, on db: any Database) async throws -> API.Group {
        let id = try group.requireID()
        let memberships = try await MembershipModel.query(on: db).filter(\.$group.$id == id).with(\.$person).all()
        let terms = try await TermsOfReferenceModel.query(on: db).filter(\.$group.$id == id).sort(\.$version, .descending).first()
        return try Self.group(group, members: memberships.map {
            API.Member(personId: $0.$person.id, fullName: $0.person.fullName, role: $0.role.rawValue, makesDecisions: $0.makesDecisions)
        }.sorted { $0.fullName < $1.fullName }, terms: terms)
    }

    private static func group(_ group: GroupModel, members: [API.Member]?, terms: TermsOfReferenceModel?) throws -> API.Group {
        API.Group(id: try group.requireID(), name: group.name, purpose: group.purpose, cadence: group.cadence.rawValue, reportsToId: group.$reportsTo.id,
                  members: members, termsOfReference: terms.map { API.TermsOfReference(version: $0.version, text: $0.text, attendees: $0.attendees, agreedOn: $0.agreedOn.iso8601) })
    }
}
