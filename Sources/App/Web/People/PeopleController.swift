import Domain
import Fluent
import Vapor

/// People in the partnership. Forum members' contact details and diversity
/// monitoring are shown only as `PersonalDataPolicy` allows, and every view
/// or change of them is written to the audit log.
struct PeopleController {
    struct Form: Content {
        var fullName: String?
        var organisationId: String?
        var jobTitle: String?
        var email: String?
        var phone: String?

        var input: PersonStore.Input { .init(fullName: fullName, organisationId: organisationId, jobTitle: jobTitle, email: email, phone: phone) }
    }

    struct Row {
        let name: String
        let href: String
        let organisation: String
        let jobTitle: String
        let volunteerAgreement: VolunteerAgreementStatus?
    }

    struct IndexPage {
        let layout: PageLayout
        let heading: String
        let rows: [Row]
        let pagination: PaginationLinks
        let canManage: Bool
        let newPath: String
        let filterAction: String
        let search: String
        let organisations: [(value: String, label: String)]
        let groups: [(value: String, label: String)]
        let standings: [(value: String, label: String)]
        let orders: [(value: String, label: String)]
        let selected: PeopleListRequest
        let filterDescription: String?
        let clearFilterPath: String
        let downloadPath: String
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let page = ListPage(req)
        let context = try req.store
        let store = PersonStore(context)
        let request = try await PeopleListRequest(req)
        let (people, total) = try await store.page(request.filter, page)
        let statuses = try await store.volunteerAgreementStatuses(people)
        let rows = try people.map { person in
            Row(name: person.fullName, href: Paths.person(try person.recordID),
                organisation: person.organisation?.name ?? "None", jobTitle: person.jobTitle ?? "",
                volunteerAgreement: person.id.flatMap { statuses[$0] })
        }
        let organisations = try await OrganisationStore(context).options()
        let groups = try await GroupStore(context).all()
        return req.page(IndexPage(
            layout: req.layout(title: "People"), heading: "People", rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.people.url(), extraQuery: request.query.encoded),
            canManage: viewer.can(.managePeople), newPath: Paths.newPerson.url(), filterAction: Paths.people.url(),
            search: request.typed,
            organisations: [("", "Any organisation")] + organisations.map { ($0.id!.uuidString, $0.name) },
            groups: [("", "Any group or none")] + groups.map { ($0.id!.uuidString, $0.name) },
            standings: [("", "Anyone")] + PersonStanding.allCases.map { ($0.rawValue, $0.label) },
            orders: PeopleOrder.allCases.map { ($0.rawValue, $0.label) },
            selected: request, filterDescription: request.description(total: total),
            clearFilterPath: Paths.people.url(), downloadPath: request.query.url(Paths.peopleCSV.url())))
    }

    /// The people the filters pick, every one, as a spreadsheet: read 200 at a time, up to
    /// `PersonStore.maximumExport`. Contact details follow `PersonalDataPolicy`, as on the
    /// pages, and the download is audited.
    func csv(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let store = PersonStore(try req.store)
        let request = try await PeopleListRequest(req)
        var rows: [[String]] = []
        var revealed = 0
        var page = ListPage(number: 1, size: ListPage.maximumSize)
        while rows.count < PersonStore.maximumExport {
            let (people, total) = try await store.page(request.filter, page)
            let statuses = try await store.volunteerAgreementStatuses(people)
            let places = try await store.groupPlaces(of: people)
            let accounts = try await store.accountHolders(of: people)
            for person in people {
                let id = try person.requireID()
                let forumMember = PersonStore.isForumMember(person)
                let showContact = PersonalDataPolicy.canSeeContactDetails(viewer: viewer.role, subjectIsForumMember: forumMember)
                if showContact && forumMember && (person.email != nil || person.phone != nil) { revealed += 1 }
                let agreement = statuses[id]
                rows.append([
                    person.fullName, person.organisation?.name ?? "", person.organisation?.kind.label ?? "", person.jobTitle ?? "",
                    showContact ? person.email ?? "" : "Hidden", showContact ? person.phone ?? "" : "Hidden",
                    (places[id] ?? []).joined(separator: "; "),
                    agreement?.shortLabel ?? (forumMember ? "" : "Not needed"), agreement?.endDate?.iso8601 ?? "",
                    accounts.contains(id) ? "Yes" : "No", person.createdAt.map { CalendarDate($0).iso8601 } ?? "",
                ])
            }
            if people.isEmpty || page.offset + people.count >= total { break }
            page = ListPage(number: page.number + 1, size: ListPage.maximumSize)
        }
        try await store.recordDownload(count: rows.count, forumMembersRevealed: revealed)
        return try CSVDownload.response(fileName: request.isFiltered ? "people-selected.csv" : "people.csv", header: [
            "Name", "Organisation", "Kind of organisation", "Role or job title", "E-mail address", "Phone",
            "Groups", "Volunteer agreement", "Volunteer agreement ends", "Can sign in", "Added on",
        ], rows: rows)
    }

    struct AgreementRow {
        let signedOn: String
        let endsOn: String
        let deletePath: String
    }

    struct MembershipRow {
        let group: String
        let href: String
        let role: String
        let makesDecisions: Bool
    }

    struct ShowPage {
        let layout: PageLayout
        let name: String
        let details: [SummaryRow]
        let contactHidden: Bool
        let isForumMember: Bool
        let diversity: [SummaryRow]?
        let diversityPath: String
        /// The forum member's volunteer agreement: its tag shows how it stands.
        let volunteerStatus: Tag?
        let volunteerStatusInForce: Bool
        let volunteerAgreements: [AgreementRow]
        let volunteerAgreementPath: String
        let canManageVolunteerAgreements: Bool
        let memberships: [MembershipRow]
        let canManage: Bool
        let editPath: String
        let deletePath: String
        let canManageGroups: Bool
        let addToGroupPath: String
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        let id = try person.recordID
        let forumMember = PersonStore.isForumMember(person)
        var details = [SummaryRow(key: "Organisation", value: person.organisation?.name ?? "None",
                                  href: person.organisation?.id.map { Paths.organisation(RecordID($0)) })]
        details.append(SummaryRow(key: "Role or job title", value: person.jobTitle ?? "Not given", href: nil))
        let showContact = PersonalDataPolicy.canSeeContactDetails(viewer: viewer.role, subjectIsForumMember: forumMember)
        if showContact {
            details.append(SummaryRow(key: "E-mail address", value: person.email ?? "Not given", href: person.email.map { "mailto:\($0)" }))
            details.append(SummaryRow(key: "Phone", value: person.phone ?? "Not given", href: nil))
        }
        var diversity: [SummaryRow]?
        if PersonalDataPolicy.canSeeDiversityMonitoring(viewer: viewer.role, subjectIsForumMember: forumMember) {
            let answers = person.diversity
            diversity = [
                SummaryRow(key: "Ethnic group", value: answers.ethnicGroup?.label ?? "Not answered", href: nil),
                SummaryRow(key: "Disabled", value: answers.disabled?.label ?? "Not answered", href: nil),
                SummaryRow(key: "Main language", value: answers.mainLanguage ?? "Not answered", href: nil),
            ]
        }
        try await store.recordViewing(person, detail: "Contact details and diversity monitoring")

        var status: VolunteerAgreementStatus?
        var agreementRows: [AgreementRow] = []
        if forumMember {
            let agreements = try await store.volunteerAgreements(of: person)
            status = VolunteerAgreementStatus.evaluate(agreements.map(\.agreement), on: req.today)
            agreementRows = try agreements.map {
                AgreementRow(signedOn: $0.agreement.signedOn.longForm, endsOn: $0.agreement.expiresOn?.longForm ?? "No end date",
                             deletePath: Paths.deleteVolunteerAgreement(person: id, agreement: try $0.recordID))
            }
        }
        let memberships = try await GroupStore(try req.store).memberships(ofPerson: id.uuid)
        return req.page(ShowPage(
            layout: req.layout(title: person.fullName, record: id.uuid), name: person.fullName, details: details,
            contactHidden: !showContact, isForumMember: forumMember, diversity: diversity,
            diversityPath: Paths.personDiversity(id), volunteerStatus: status.map { Tag(tagLabel: $0.label, tagColour: $0.tagColour) },
            volunteerStatusInForce: status?.isInForce ?? false, volunteerAgreements: agreementRows,
            volunteerAgreementPath: Paths.personVolunteerAgreements(id),
            canManageVolunteerAgreements: viewer.can(.manageVolunteerAgreements),
            memberships: try memberships.map {
                MembershipRow(group: $0.group.name, href: Paths.group(try $0.group.recordID), role: $0.role.label, makesDecisions: $0.makesDecisions)
            },
            canManage: viewer.can(.managePeople), editPath: Paths.editPerson(id), deletePath: Paths.deletePerson(id),
            canManageGroups: viewer.can(.manageGroups), addToGroupPath: Paths.personGroups(id)))
    }

    func new(req: Request) async throws -> Response {
        var form = Form()
        form.organisationId = req.query[String.self, at: "organisation"]
        return try await renderForm(req, form: form, errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let person = try await PersonStore(try req.store).create(form.input)
            return req.redirect(to: Paths.person(try person.recordID), banner: "\(person.fullName) added")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        let form = Form(fullName: person.fullName, organisationId: person.$organisation.id?.uuidString, jobTitle: person.jobTitle,
                        email: person.email, phone: person.phone)
        try await store.recordViewing(person, detail: "Opened to change")
        return try await renderForm(req, form: form, errors: ValidationErrors(), editing: person)
    }

    func update(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        let form = try req.content.decode(Form.self)
        do {
            try await store.update(person, with: form.input)
            return req.redirect(to: Paths.person(try person.recordID), banner: "Changes to \(person.fullName) saved")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: person)
        }
    }

    // MARK: - Diversity monitoring

    struct DiversityForm: Content {
        var ethnicGroup: String?
        var disabled: String?
        var mainLanguage: String?
    }

    func editDiversity(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.findForumMember(req.id("personID"))
        let answers = person.diversity
        try await store.recordViewing(person, detail: "Diversity monitoring")
        return try await renderDiversity(req, person: person, form: DiversityForm(ethnicGroup: answers.ethnicGroup?.rawValue, disabled: answers.disabled?.rawValue,
                                                                                 mainLanguage: answers.mainLanguage), errors: ValidationErrors())
    }

    func updateDiversity(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.findForumMember(req.id("personID"))
        let form = try req.content.decode(DiversityForm.self)
        do {
            try await store.updateDiversity(person, ethnicGroup: form.ethnicGroup, disabled: form.disabled, mainLanguage: form.mainLanguage)
            return req.redirect(to: Paths.person(try person.recordID), banner: "Diversity monitoring for \(person.fullName) saved")
        } catch let errors as ValidationErrors {
            return try await renderDiversity(req, person: person, form: form, errors: errors)
        }
    }

    // MARK: - Volunteer agreements

    struct VolunteerAgreementForm: Content {
        var signedOn: DateInput?
        var expiresOn: DateInput?
    }

    func newVolunteerAgreement(req: Request) async throws -> Response {
        let person = try await PersonStore(try req.store).findForumMember(req.id("personID"))
        return try await renderVolunteerAgreement(req, person: person, form: VolunteerAgreementForm(), errors: ValidationErrors())
    }

    func createVolunteerAgreement(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.findForumMember(req.id("personID"))
        let form = try req.content.decode(VolunteerAgreementForm.self)
        do {
            try await store.addVolunteerAgreement(person, signedOn: form.signedOn ?? DateInput(), expiresOn: form.expiresOn ?? DateInput())
            return req.redirect(to: Paths.person(try person.recordID), banner: "Volunteer agreement for \(person.fullName) recorded")
        } catch let errors as ValidationErrors {
            return try await renderVolunteerAgreement(req, person: person, form: form, errors: errors)
        }
    }

    // MARK: - Adding a person to a group

    struct GroupPlaceForm: Content {
        var groupId: String?
        var role: String?
        var makesDecisions: String?
    }

    func newGroupPlace(req: Request) async throws -> Response {
        let person = try await PersonStore(try req.store).find(req.id("personID"))
        return try await renderGroupPlace(req, person: person, form: GroupPlaceForm(groupId: req.query[String.self, at: "group"]), errors: ValidationErrors())
    }

    func createGroupPlace(req: Request) async throws -> Response {
        let context = try req.store
        let person = try await PersonStore(context).find(req.id("personID"))
        let form = try req.content.decode(GroupPlaceForm.self)
        let groups = GroupStore(context)
        do {
            guard let raw = TextInput.optional(form.groupId), let groupID = UUID(uuidString: raw), let group = try await groups.lookUp(groupID) else {
                // The other answers are checked too, so every mistake is shown at once.
                var errors = ValidationErrors(field: "groupId", message: "Choose the group to add them to")
                if MembershipRole(rawValue: TextInput.clean(form.role)) == nil { errors.add(field: "role", message: "Select chair, member or observer") }
                if !["yes", "no"].contains(TextInput.clean(form.makesDecisions)) {
                    errors.add(field: "makesDecisions", message: "Select yes if they can make decisions for their organisation")
                }
                throw errors
            }
            _ = try await groups.addMember(to: group, personId: person.id?.uuidString, role: form.role, makesDecisions: form.makesDecisions)
            return req.redirect(to: Paths.person(try person.recordID), banner: "\(person.fullName) added to \(group.name)")
        } catch var errors as ValidationErrors {
            // The store names the person's field; on this form the group is the choice at fault.
            errors = errors.renamingField("personId", to: "groupId")
            return try await renderGroupPlace(req, person: person, form: form, errors: errors)
        }
    }

    private func renderGroupPlace(_ req: Request, person: PersonModel, form: GroupPlaceForm, errors: ValidationErrors) async throws -> Response {
        let id = try person.recordID
        let context = try req.store
        let current = Set(try await GroupStore(context).memberships(ofPerson: id.uuid).map { $0.$group.id })
        let groups = try await GroupStore(context).all().filter { !current.contains($0.id!) }
        let fields: [FormField] = [
            .choice("groupId", "Which group?", kind: .select, options: [("", "Choose a group")] + groups.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.groupId ?? ""], errors: errors,
                    hint: current.isEmpty ? nil : "Groups they are already in are not listed."),
            .choice("role", "Their place in the group", options: MembershipRole.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.role ?? ""], errors: errors),
            .choice("makesDecisions", "Can they make decisions for their organisation?", options: [("yes", "Yes"), ("no", "No")],
                    selected: [form.makesDecisions ?? ""], errors: errors,
                    hint: "The partnership agreement asks every partner to send people who can make decisions."),
        ]
        return try await req.renderForm(title: "Add to a group", caption: person.fullName, action: Paths.personGroups(id),
                                        submitLabel: "Add to group", cancelPath: Paths.person(id), fields: fields, errors: errors)
    }

    func confirmDeleteVolunteerAgreement(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.findForumMember(req.id("personID"))
        let agreement = try await store.volunteerAgreement(req.id("volunteerAgreementID"), of: person)
        let id = try person.recordID
        let layout = req.layout(title: "Delete a volunteer agreement")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: person.fullName,
            heading: "Are you sure you want to delete the volunteer agreement signed on \(agreement.signedOn.longForm)?", alsoGoes: [], blockers: [],
            action: Paths.deleteVolunteerAgreement(person: id, agreement: try agreement.recordID), button: "Yes, delete it",
            cancelPath: Paths.person(id), cancelLabel: "Back to \(person.fullName)"))
    }

    func deleteVolunteerAgreement(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.findForumMember(req.id("personID"))
        let agreement = try await store.volunteerAgreement(req.id("volunteerAgreementID"), of: person)
        try await store.deleteVolunteerAgreement(agreement, of: person)
        return req.redirect(to: Paths.person(try person.recordID), banner: "Volunteer agreement signed on \(agreement.signedOn.longForm) deleted")
    }

    // MARK: - Removing a person

    struct DeletePage {
        let layout: PageLayout
        let name: String
        let action: String
        let cancelPath: String
        let consequences: [String]
        let isSelf: Bool
        /// Why they cannot be removed by this person, if they cannot.
        let refusal: String?
    }

    func confirmDelete(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        let id = try person.recordID
        let consequences = try await store.removalConsequences(person)
        return req.page(DeletePage(
            layout: req.layout(title: "Remove \(person.fullName)"), name: person.fullName, action: Paths.deletePerson(id),
            cancelPath: Paths.person(id), consequences: consequences, isSelf: id.uuid == viewer.personID,
            refusal: try await store.removalRefusal(person)))
    }

    func delete(req: Request) async throws -> Response {
        let store = PersonStore(try req.store)
        let person = try await store.find(req.id("personID"))
        guard try await store.remove(person) else { return req.redirect(to: Paths.deletePerson(try person.recordID)) }
        return req.redirect(to: Paths.people.url(), banner: "\(person.fullName) removed")
    }

    // MARK: - Helpers

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: PersonModel?) async throws -> Response {
        let organisations = try await OrganisationStore(try req.store).options()
        let fields: [FormField] = [
            .text("fullName", "Full name", value: form.fullName, errors: errors, autocomplete: "off"),
            .choice("organisationId", "Organisation", kind: .select,
                    options: [("", "None")] + organisations.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.organisationId ?? ""], errors: errors,
                    hint: "Members of the parent carer forum belong to the forum."),
            .text("jobTitle", "Role or job title (optional)", value: form.jobTitle, errors: errors, hint: "For example, Forum representative or Head of SEND"),
            .text("email", "E-mail address (optional)", value: form.email, errors: errors, kind: .email, autocomplete: "off"),
            .text("phone", "Phone number (optional)", value: form.phone, errors: errors, kind: .tel, autocomplete: "off", width: "20"),
        ]
        if let editing, let id = editing.id.map(RecordID<PersonModel>.init) {
            return try await req.renderForm(title: "Change \(editing.fullName)", action: Paths.editPerson(id), submitLabel: "Save changes",
                                            cancelPath: Paths.person(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add a person", intro: "Only the forum's officers and the area admin can see a forum member's contact details.",
                                        action: Paths.newPerson.url(), submitLabel: "Add person", cancelPath: Paths.people.url(), fields: fields, errors: errors)
    }

    private func renderDiversity(_ req: Request, person: PersonModel, form: DiversityForm, errors: ValidationErrors) async throws -> Response {
        let id = try person.recordID
        let fields: [FormField] = [
            .choice("ethnicGroup", "Ethnic group", options: DiversityMonitoring.EthnicGroup.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.ethnicGroup ?? ""], errors: errors),
            .choice("disabled", "Do they consider themselves disabled?", options: DiversityMonitoring.Answer.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.disabled ?? ""], errors: errors),
            .text("mainLanguage", "Main language (optional)", value: form.mainLanguage, errors: errors),
        ]
        return try await req.renderForm(title: "Diversity monitoring", caption: person.fullName,
                                        intro: "Every answer is optional. The forum uses these answers only to check that its members reflect the families in the area. Only forum officers and the area admin can see them.",
                                        action: Paths.personDiversity(id), submitLabel: "Save answers", cancelPath: Paths.person(id),
                                        fields: fields, errors: errors)
    }

    private func renderVolunteerAgreement(_ req: Request, person: PersonModel, form: VolunteerAgreementForm, errors: ValidationErrors) async throws -> Response {
        let id = try person.recordID
        let fields: [FormField] = [
            .date("signedOn", "Date signed", value: form.signedOn, errors: errors),
            .date("expiresOn", "End date (optional)", value: form.expiresOn, errors: errors,
                  hint: "Leave blank if the agreement has no end date. For example, 31 3 2027"),
        ]
        return try await req.renderForm(title: "Record a volunteer agreement", caption: person.fullName,
                                        intro: "Every forum representative signs a volunteer agreement that says how they will behave when they represent the forum.",
                                        action: Paths.personVolunteerAgreements(id), submitLabel: "Record agreement",
                                        cancelPath: Paths.person(id), fields: fields, errors: errors)
    }
}
