import Domain
import Fluent
import Vapor

/// JSON endpoints for the partnership register. The same stores and domain
/// checks as the web pages; personal data follows `PersonalDataPolicy` and
/// is audited the same way.
struct PartnershipAPIController {
    // MARK: Organisations

    func listOrganisations(req: Request) async throws -> API.Page<API.Organisation> {
        let viewer = try req.viewer
        let page = try API.pageRequest(req)
        let (items, total) = try await OrganisationModel.query(on: req.db).filter(\.$area.$id == viewer.areaID).sort(\.$sortName).page(page)
        return API.Page(items: try items.map(API.Organisation.init), page: page.number, perPage: page.size, total: total)
    }

    func getOrganisation(req: Request) async throws -> API.Organisation {
        try API.Organisation(try await organisation(req))
    }

    func createOrganisation(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let input = try req.content.decode(API.OrganisationInput.self)
        try API.refuseEmpty([("email", input.email, "an e-mail address")])
        let details = try await OrganisationStore.validate(name: input.name, kind: input.kind, email: input.email, phone: input.phone,
                                                           areaID: viewer.areaID, editing: nil, on: req.db)
        let model = OrganisationModel(areaID: viewer.areaID, details: details)
        try await OrganisationStore.save(model, on: req.db)
        return try await .created(try API.Organisation(model), at: Paths.API.organisation.url(try model.requireID()), for: req)
    }

    func updateOrganisation(req: Request) async throws -> API.Organisation {
        let viewer = try req.viewer
        let model = try await organisation(req)
        let input = try req.content.decode(API.OrganisationInput.self)
        try API.refuseEmpty([("email", input.email, "an e-mail address")])
        model.apply(try await OrganisationStore.validate(name: input.name, kind: input.kind, email: input.email, phone: input.phone,
                                                         areaID: viewer.areaID, editing: model.id, on: req.db))
        try await OrganisationStore.save(model, on: req.db)
        return try API.Organisation(model)
    }

    private func organisation(_ req: Request) async throws -> OrganisationModel {
        guard let model = try await OrganisationStore.find(req.id("organisationID"), areaID: req.viewer.areaID, on: req.db) else { throw Abort(.notFound) }
        return model
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
            API.Member(personId: $0.$person.id, fullName: $0.person.fullName, role: $0.roleRaw, makesDecisions: $0.makesDecisions)
        }.sorted { $0.fullName < $1.fullName }, terms: terms)
    }

    private static func group(_ group: GroupModel, members: [API.Member]?, terms: TermsOfReferenceModel?) throws -> API.Group {
        API.Group(id: try group.requireID(), name: group.name, purpose: group.purpose, cadence: group.cadenceRaw, reportsToId: group.$reportsTo.id,
                  members: members, termsOfReference: terms.map { API.TermsOfReference(version: $0.version, text: $0.text, attendees: $0.attendees, agreedOn: $0.agreedOn) })
    }

    // MARK: Agreements

    func listAgreements(req: Request) async throws -> API.Page<API.Agreement> {
        let viewer = try req.viewer
        let page = try API.pageRequest(req)
        let (agreements, total) = try await AgreementModel.query(on: req.db).filter(\.$area.$id == viewer.areaID).sort(\.$startsOn, .descending).page(page)
        let partners = try await AgreementPartnerModel.query(on: req.db).filter(\.$agreement.$id ~~ agreements.compactMap(\.id)).all()
        let byAgreement = Dictionary(grouping: partners, by: { $0.$agreement.id })
        return API.Page(items: try agreements.map { try agreement($0, partnerIDs: byAgreement[$0.id!]?.map(\.$organisation.id) ?? [], today: req.today) },
                        page: page.number, perPage: page.size, total: total)
    }

    func getAgreement(req: Request) async throws -> API.Agreement {
        let model = try await agreement(req)
        return try await represent(model, req: req)
    }

    func createAgreement(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let input = try req.content.decode(API.AgreementInput.self)
        let (details, partnerIDs) = try await validate(input, req: req)
        let model = AgreementModel(areaID: viewer.areaID, details: details)
        try await AgreementStore.save(model, details: details, partnerIDs: partnerIDs, on: req.db)
        return try await .created(try await represent(model, req: req), at: Paths.API.agreement.url(try model.requireID()), for: req)
    }

    func updateAgreement(req: Request) async throws -> API.Agreement {
        let model = try await agreement(req)
        let input = try req.content.decode(API.AgreementInput.self)
        let (details, partnerIDs) = try await validate(input, req: req)
        try await AgreementStore.save(model, details: details, partnerIDs: partnerIDs, on: req.db)
        return try await represent(model, req: req)
    }

    private func validate(_ input: API.AgreementInput, req: Request) async throws -> (AgreementDetails, [UUID]) {
        var errors = ValidationErrors()
        var dates: [String: DateInput] = [:]
        for (field, value) in [("startsOn", input.startsOn), ("endsOn", input.endsOn), ("reviewOn", input.reviewOn)] {
            do { dates[field] = try API.dateInput(value, field: field) } catch let error as ValidationErrors { errors.add(field: field, message: error.errors[0].message) }
        }
        do {
            let result = try await AgreementStore.validate(title: input.title, startsOn: dates["startsOn"] ?? DateInput(), endsOn: dates["endsOn"] ?? DateInput(),
                                                           reviewOn: dates["reviewOn"] ?? DateInput(), partnerIds: input.partnerIds ?? [],
                                                           areaID: try req.viewer.areaID, on: req.db)
            try errors.throwIfAny()
            return result
        } catch let more as ValidationErrors {
            // The API calls the partners field partnerIds.
            for error in more.errors { errors.add(field: error.field == "partners" ? "partnerIds" : error.field, message: error.message) }
            throw errors.ordered(["title", "startsOn", "endsOn", "reviewOn", "partnerIds"])
        }
    }

    private func agreement(_ req: Request) async throws -> AgreementModel {
        guard let model = try await AgreementStore.find(req.id("agreementID"), areaID: req.viewer.areaID, on: req.db) else { throw Abort(.notFound) }
        return model
    }

    private func represent(_ model: AgreementModel, req: Request) async throws -> API.Agreement {
        let partners = try await AgreementPartnerModel.query(on: req.db).filter(\.$agreement.$id == model.requireID()).all()
        return try agreement(model, partnerIDs: partners.map(\.$organisation.id), today: req.today)
    }

    private func agreement(_ model: AgreementModel, partnerIDs: [UUID], today: CalendarDate) throws -> API.Agreement {
        API.Agreement(id: try model.requireID(), title: model.title, startsOn: model.startsOn, endsOn: model.endsOn, reviewOn: model.reviewOn,
                      status: model.status(on: today).rawValue, partnerIds: partnerIDs.sorted { $0.uuidString < $1.uuidString })
    }

    // MARK: Clauses

    func listClauses(req: Request) async throws -> [API.Clause] {
        let agreement = try await agreement(req)
        // An agreement has tens of clauses: all of them come back at once, in order.
        let clauses = try await ClauseModel.query(on: req.db).filter(\.$agreement.$id == agreement.requireID()).sort(\.$position).limit(1000).all()
        let latest = try await ClauseStore.latestAssessments(clauseIDs: clauses.compactMap(\.id), on: req.db)
        return try clauses.map { try API.Clause($0, latest: latest[$0.id!]) }
    }

    func getClause(req: Request) async throws -> API.Clause {
        let clause = try await clause(req)
        let latest = try await ClauseStore.latestAssessments(clauseIDs: [clause.requireID()], on: req.db)
        return try API.Clause(clause, latest: latest[clause.id!])
    }

    func createClause(req: Request) async throws -> Response {
        let agreement = try await agreement(req)
        let input = try req.content.decode(API.ClauseInput.self)
        try API.refuseEmpty([("groupId", input.groupId, "a group's id")])
        let (details, groupID) = try await ClauseStore.validate(input.storeInput, areaID: try req.viewer.areaID, on: req.db)
        let clause = try await ClauseStore.append(details, groupID: groupID, agreementID: try agreement.requireID(), on: req.db)
        return try await .created(try API.Clause(clause, latest: nil), at: Paths.API.clause.url(try agreement.requireID(), try clause.requireID()), for: req)
    }

    func updateClause(req: Request) async throws -> API.Clause {
        let clause = try await clause(req)
        let input = try req.content.decode(API.ClauseInput.self)
        try API.refuseEmpty([("groupId", input.groupId, "a group's id")])
        let (details, groupID) = try await ClauseStore.validate(input.storeInput, areaID: try req.viewer.areaID, on: req.db)
        clause.apply(details, groupID: groupID)
        try await clause.save(on: req.db)
        let latest = try await ClauseStore.latestAssessments(clauseIDs: [clause.requireID()], on: req.db)
        return try API.Clause(clause, latest: latest[clause.id!])
    }

    private func clause(_ req: Request) async throws -> ClauseModel {
        let agreement = try await agreement(req)
        guard let clause = try await ClauseModel.query(on: req.db).filter(\.$id == req.id("clauseID"))
            .filter(\.$agreement.$id == agreement.requireID()).first() else { throw Abort(.notFound) }
        return clause
    }

    // MARK: Complaints

    func listComplaints(req: Request) async throws -> API.Page<API.Complaint> {
        let viewer = try req.viewer
        let page = try API.pageRequest(req)
        var query = ComplaintModel.query(on: req.db).filter(\.$area.$id == viewer.areaID)
        if let status = try API.queryParameter(req, "status") {
            guard ComplaintStatus(rawValue: status) != nil else {
                throw ValidationErrors(field: "status", message: "status must be one of: \(ComplaintStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query = query.filter(\.$statusRaw == status)
        }
        let (items, total) = try await query.sort(\.$receivedOn, .descending).page(page)
        return API.Page(items: try items.map(API.Complaint.init), page: page.number, perPage: page.size, total: total)
    }

    func getComplaint(req: Request) async throws -> API.Complaint {
        try API.Complaint(try await complaint(req))
    }

    func createComplaint(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let input = try req.content.decode(API.ComplaintInput.self)
        let (details, organisationID) = try await validate(input, req: req)
        let model = ComplaintModel(areaID: viewer.areaID, aboutOrganisationID: organisationID, details: details)
        try await model.create(on: req.db)
        return try await .created(try API.Complaint(model), at: Paths.API.complaint.url(try model.requireID()), for: req)
    }

    func updateComplaint(req: Request) async throws -> API.Complaint {
        let model = try await complaint(req)
        let input = try req.content.decode(API.ComplaintInput.self)
        let (details, organisationID) = try await validate(input, req: req)
        model.apply(details, aboutOrganisationID: organisationID)
        try await model.save(on: req.db)
        return try API.Complaint(model)
    }

    private func validate(_ input: API.ComplaintInput, req: Request) async throws -> (ComplaintDetails, UUID) {
        let received = try API.dateInput(input.receivedOn, field: "receivedOn")
        return try await ComplaintStore.validate(receivedOn: received, aboutOrganisationId: input.aboutOrganisationId, summary: input.summary,
                                                 status: input.status, today: req.today, areaID: try req.viewer.areaID, on: req.db)
    }

    private func complaint(_ req: Request) async throws -> ComplaintModel {
        let viewer = try req.viewer
        guard let model = try await ComplaintModel.query(on: req.db).filter(\.$id == req.id("complaintID"))
            .filter(\.$area.$id == viewer.areaID).first() else { throw Abort(.notFound) }
        return model
    }
}
