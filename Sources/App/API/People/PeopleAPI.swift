import Domain
import Fluent
import OpenAPIKit
import Vapor

// The people of the JSON API. Forum members' contact details follow `PersonalDataPolicy` and every such read is audited, as on the web pages.

extension API {
    struct Person: Content {
        let id: UUID
        let fullName: String
        let organisationId: UUID?
        let jobTitle: String?
        /// Nil when the caller may not see this person's contact details.
        let email: String?
        let phone: String?
        let contactDetailsHidden: Bool
        /// For forum members only: in-force, ends-soon, ended or not-signed.
        let volunteerAgreement: String?
    }

    struct PersonInput: Content {
        var fullName: String?
        var organisationId: String?
        var jobTitle: String?
        var email: String?
        var phone: String?
    }
}

struct PeopleAPI: APIPart {
    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Person": .object(properties: [
            "id": .string(format: .uuid),
            "fullName": .string,
            "organisationId": optionalString(format: .uuid),
            "jobTitle": optionalString(),
            "email": optionalString("Null when the caller may not see this person's contact details", format: .email),
            "phone": optionalString("Null when the caller may not see this person's contact details"),
            "contactDetailsHidden": .boolean(description: "True when the caller may not see this person's contact details"),
            "volunteerAgreement": .string(required: false, nullable: true, description: "Forum members only",
                                          allowedValues: allowed(["in-force", "ends-soon", "ended", "not-signed"], nullable: true)),
        ]),
        "PersonInput": .object(properties: [
            "fullName": .string(maxLength: PersonDetails.maximumNameLength),
            "organisationId": optionalString(format: .uuid),
            "jobTitle": optionalString(),
            "email": optionalString(format: .email),
            "phone": optionalString(),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = PeopleAPI()
        let view = RouteAccess.requires(.viewPartnership)
        return [
            APIOperation("listPeople", .GET, Paths.API.people, view, tag: "People",
                         summary: "List the area's people, by name", reply: .page("Person"), handler: api.listPeople),
            APIOperation("createPerson", .POST, Paths.API.people, .requires(.managePeople), tag: "People",
                         summary: "Add a person", body: "PersonInput", reply: .created("Person"), handler: api.createPerson),
            APIOperation("getPerson", .GET, Paths.API.person, view, tag: "People",
                         summary: "One person", reply: .one("Person"), handler: api.getPerson),
            APIOperation("updatePerson", .PUT, Paths.API.person, .requires(.managePeople), tag: "People",
                         summary: "Replace a person's details", body: "PersonInput", reply: .one("Person"), handler: api.updatePerson),
        ]
    }

    // MARK: People

    func listPeople(req: Request) async throws -> API.Page<API.Person> {
        let viewer = try req.viewer
        let page = try API.pageRequest(req)
        let (people, total) = try await PersonModel.query(on: req.db).filter(\.$area.$id == viewer.areaID)
            .with(\.$organisation).sort(\.$sortName).page(page)
        let items = try await represent(people, req: req)
        let revealed = people.filter { PersonalDataPolicy.revealsForumHeldData(viewer: viewer.role, subjectIsForumMember: PeopleQueries.isForumMember($0)) }
        if !revealed.isEmpty {
            try await req.audit(.export, subjectType: "people", subjectID: nil, subjectLabel: "People list through the API",
                                detail: "Contact details of \(revealed.count) forum \(revealed.count == 1 ? "member" : "members") (page \(page.number))")
        }
        return API.Page(items: items, page: page.number, perPage: page.size, total: total)
    }

    func getPerson(req: Request) async throws -> API.Person {
        let viewer = try req.viewer
        let person = try await person(req)
        if PersonalDataPolicy.revealsForumHeldData(viewer: viewer.role, subjectIsForumMember: PeopleQueries.isForumMember(person)) {
            try await req.audit(.read, subjectType: "person", subjectID: person.id, subjectLabel: person.fullName, detail: "Through the API")
        }
        return try await represent([person], req: req)[0]
    }

    func createPerson(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let input = try req.content.decode(API.PersonInput.self)
        try API.refuseEmpty([("organisationId", input.organisationId, "an organisation's id"), ("email", input.email, "an e-mail address")])
        let (details, organisationID) = try await PersonStore.validate(fullName: input.fullName, organisationId: input.organisationId, jobTitle: input.jobTitle,
                                                                       email: input.email, phone: input.phone, areaID: viewer.areaID, on: req.db)
        let person = PersonModel(areaID: viewer.areaID, organisationID: organisationID, details: details)
        try await req.db.writeTransaction { db in
            try await person.create(on: db)
            try await req.audit(.create, subjectType: "person", subjectID: person.id, subjectLabel: details.fullName, detail: "Through the API", on: db)
        }
        try await person.$organisation.load(on: req.db)
        return try await .created(try await represent([person], req: req)[0], at: Paths.API.person.url(try person.requireID()), for: req)
    }

    func updatePerson(req: Request) async throws -> API.Person {
        let viewer = try req.viewer
        let person = try await person(req)
        let input = try req.content.decode(API.PersonInput.self)
        try API.refuseEmpty([("organisationId", input.organisationId, "an organisation's id"), ("email", input.email, "an e-mail address")])
        let (details, organisationID) = try await PersonStore.validate(fullName: input.fullName, organisationId: input.organisationId, jobTitle: input.jobTitle,
                                                                       email: input.email, phone: input.phone, areaID: viewer.areaID, on: req.db)
        person.apply(details)
        person.$organisation.id = organisationID
        try await req.db.writeTransaction { db in
            try await person.save(on: db)
            try await req.audit(.update, subjectType: "person", subjectID: person.id, subjectLabel: details.fullName, detail: "Through the API", on: db)
        }
        try await person.$organisation.load(on: req.db)
        return try await represent([person], req: req)[0]
    }

    private func person(_ req: Request) async throws -> PersonModel {
        guard let person = try await PeopleQueries.find(req.id("personID"), areaID: req.viewer.areaID, on: req.db) else { throw Abort(.notFound) }
        return person
    }

    private func represent(_ people: [PersonModel], req: Request) async throws -> [API.Person] {
        let viewer = try req.viewer
        let forumMembers = people.filter(PeopleQueries.isForumMember).compactMap(\.id)
        let statuses = try await VolunteerAgreementChecks.statuses(personIDs: forumMembers, today: req.today, on: req.db)
        return try people.map { person in
            let visible = PersonalDataPolicy.canSeeContactDetails(viewer: viewer.role, subjectIsForumMember: PeopleQueries.isForumMember(person))
            let status = person.id.flatMap { statuses[$0] }
            return API.Person(id: try person.requireID(), fullName: person.fullName, organisationId: person.$organisation.id,
                              jobTitle: person.jobTitle, email: visible ? person.email : nil, phone: visible ? person.phone : nil,
                              contactDetailsHidden: !visible,
                              volunteerAgreement: status.map { $0.shortLabel.lowercased().replacingOccurrences(of: " ", with: "-") })
        }
    }
}
