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

        var storeInput: PersonStore.Input { .init(fullName: fullName, organisationId: organisationId, jobTitle: jobTitle, email: email, phone: phone) }
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
                         summary: "List the area's people, by name unless sort says otherwise; the filters narrow it and combine",
                         reply: .page("Person"), queries: listQueries, handler: api.listPeople),
            APIOperation("downloadPeople", .GET, Paths.API.peopleCSV, view, tag: "People",
                         summary: "Everyone in the area as a spreadsheet (CSV); contact details as the role may see them, and the download audited",
                         reply: .csv("The people, one a row"), handler: PeopleController().csv),
            APIOperation("createPerson", .POST, Paths.API.people, .requires(.managePeople), tag: "People",
                         summary: "Add a person", body: "PersonInput", reply: .created("Person"), handler: api.createPerson),
            APIOperation("getPerson", .GET, Paths.API.person, view, tag: "People",
                         summary: "One person", reply: .one("Person"), handler: api.getPerson),
            APIOperation("updatePerson", .PUT, Paths.API.person, .requires(.managePeople), tag: "People",
                         summary: "Replace a person's details", body: "PersonInput", reply: .one("Person"), handler: api.updatePerson),
        ]
    }

    static let listQueries: [APIQuery] = [
        APIQuery("q", .string(required: false, maxLength: SearchText.maximumLength),
                 "Words that must all appear somewhere in the name or job title, in any order; case and accents are ignored"),
        APIQuery("organisationId", .string(format: .uuid, required: false), "Only people of this organisation"),
        APIQuery("groupId", .string(format: .uuid, required: false), "Only people with a place in this group"),
        APIQuery("who", .string(required: false, allowedValues: allowed(PersonStanding.allCases.map(\.rawValue), nullable: false)),
                 PersonStanding.allCases.map { "\($0.rawValue): \($0.label.lowercased())" }.joined(separator: "; ")),
        APIQuery("sort", .string(required: false, allowedValues: allowed(PeopleOrder.allCases.map(\.rawValue), nullable: false)),
                 "name (the default), organisation (then name), or newest (most recently added first)"),
    ]

    // MARK: People

    /// The list's filters, read strictly: a value that is not one of the
    /// area's organisations or groups, or not a known choice, is refused, naming it.
    private func filter(_ req: Request) async throws -> PersonStore.Filter {
        let context = try req.store
        var filter = PersonStore.Filter()
        var errors = ValidationErrors()
        if let q = try API.queryParameter(req, "q") {
            if q.count > SearchText.maximumLength || TextInput.problem(in: q) != nil {
                errors.add(field: "q", message: "q must be at most \(SearchText.maximumLength) characters, with no control characters")
            } else { filter.searchTerms = SearchText.terms(q) }
        }
        if let raw = try API.queryParameter(req, "organisationId") {
            if let id = try await OrganisationStore(context).resolve(raw) { filter.organisationID = id }
            else { errors.add(field: "organisationId", message: "organisationId must be one of the area's organisations") }
        }
        if let raw = try API.queryParameter(req, "groupId") {
            if let id = UUID(uuidString: raw), try await GroupStore(context).lookUp(id) != nil { filter.groupID = id }
            else { errors.add(field: "groupId", message: "groupId must be one of the area's groups") }
        }
        if let raw = try API.queryParameter(req, "who") {
            if let standing = PersonStanding(rawValue: raw) { filter.standing = standing }
            else { errors.add(field: "who", message: "who must be one of " + PersonStanding.allCases.map(\.rawValue).joined(separator: ", ")) }
        }
        if let raw = try API.queryParameter(req, "sort") {
            if let order = PeopleOrder(rawValue: raw) { filter.order = order }
            else { errors.add(field: "sort", message: "sort must be one of " + PeopleOrder.allCases.map(\.rawValue).joined(separator: ", ")) }
        }
        try errors.throwIfAny()
        return filter
    }

    func listPeople(req: Request) async throws -> API.Page<API.Person> {
        let page = try API.pageRequest(req)
        let store = PersonStore(try req.store)
        let (people, total) = try await store.page(try await filter(req), page)
        let items = try await represent(people, req: req)
        try await store.recordListing(people, page: page.number)
        return API.Page(items: items, page: page.number, perPage: page.size, total: total)
    }

    func getPerson(req: Request) async throws -> API.Person {
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        try await store.recordViewing(person)
        return try await represent([person], req: req)[0]
    }

    func createPerson(req: Request) async throws -> Response {
        let input = try req.content.decode(API.PersonInput.self)
        try API.refuseEmpty([("organisationId", input.organisationId, "an organisation's id"), ("email", input.email, "an e-mail address")])
        let person = try await PersonStore(try req.store).create(input.storeInput)
        return try await .created(try await represent([person], req: req)[0], at: Paths.API.person(try person.recordID), for: req)
    }

    func updatePerson(req: Request) async throws -> API.Person {
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        let input = try req.content.decode(API.PersonInput.self)
        try API.refuseEmpty([("organisationId", input.organisationId, "an organisation's id"), ("email", input.email, "an e-mail address")])
        try await store.update(person, with: input.storeInput)
        return try await represent([person], req: req)[0]
    }

    private func represent(_ people: [PersonModel], req: Request) async throws -> [API.Person] {
        let viewer = try req.viewer
        let statuses = try await PersonStore(try req.store).volunteerAgreementStatuses(people)
        return try people.map { person in
            let visible = PersonalDataPolicy.canSeeContactDetails(viewer: viewer.role, subjectIsForumMember: PersonStore.isForumMember(person))
            let status = person.id.flatMap { statuses[$0] }
            return API.Person(id: try person.requireID(), fullName: person.fullName, organisationId: person.$organisation.id,
                              jobTitle: person.jobTitle, email: visible ? person.email : nil, phone: visible ? person.phone : nil,
                              contactDetailsHidden: !visible,
                              volunteerAgreement: status.map { $0.shortLabel.lowercased().replacingOccurrences(of: " ", with: "-") })
        }
    }
}
