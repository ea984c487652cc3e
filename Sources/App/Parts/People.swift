import Domain
import Fluent
import Vapor

extension Paths {
    static let people = PathTemplate("people")
    static let peopleCSV = PathTemplate("people.csv")
    static let newPerson = PathTemplate("people", "new")
    static let person = PathTemplate("people", ":personID")
    static let editPerson = PathTemplate("people", ":personID", "edit")
    static let personDiversity = PathTemplate("people", ":personID", "diversity")
    static let personVolunteerAgreements = PathTemplate("people", ":personID", "volunteer-agreements")
    static let deletePerson = PathTemplate("people", ":personID", "delete")
    static let personGroups = PathTemplate("people", ":personID", "groups")
    static let deleteVolunteerAgreement = PathTemplate("people", ":personID", "volunteer-agreements", ":volunteerAgreementID", "delete")

    static func person(_ id: RecordID<PersonModel>) -> String { person.url(id) }
    static func editPerson(_ id: RecordID<PersonModel>) -> String { editPerson.url(id) }
    static func personDiversity(_ id: RecordID<PersonModel>) -> String { personDiversity.url(id) }
    static func personVolunteerAgreements(_ id: RecordID<PersonModel>) -> String { personVolunteerAgreements.url(id) }
    static func deletePerson(_ id: RecordID<PersonModel>) -> String { deletePerson.url(id) }
    static func personGroups(_ id: RecordID<PersonModel>) -> String { personGroups.url(id) }
    static func deleteVolunteerAgreement(person: RecordID<PersonModel>, agreement: RecordID<VolunteerAgreementModel>) -> String {
        deleteVolunteerAgreement.url(person, agreement)
    }
}

extension Paths.API {
    static let people = PathTemplate("api", "v1", "people")
    static let peopleCSV = PathTemplate("api", "v1", "people.csv")
    static let person = PathTemplate("api", "v1", "people", ":personID")

    static func person(_ id: RecordID<PersonModel>) -> String { person.url(id) }
}

/// Everyone in the partnership, with forum members' volunteer agreements and diversity monitoring.
struct PeoplePart: ProductPart {
    let name = "People"

    var migrations: [any AsyncMigration] { [AddPeopleSearchText()] }

    func pages(_ web: any RoutesBuilder) {
        let people = PeopleController()
        web.get(Paths.people, .requires(.viewPartnership), use: people.index)
        web.get(Paths.peopleCSV, .requires(.viewPartnership), use: people.csv)
        web.get(Paths.newPerson, .requires(.managePeople), use: people.new)
        web.post(Paths.newPerson, .requires(.managePeople), use: people.create)
        web.get(Paths.person, .requires(.viewPartnership), use: people.show)
        web.get(Paths.editPerson, .requires(.managePeople), use: people.edit)
        web.post(Paths.editPerson, .requires(.managePeople), use: people.update)
        web.get(Paths.personDiversity, .requires(.viewPersonalData), use: people.editDiversity)
        web.post(Paths.personDiversity, .requires(.viewPersonalData), use: people.updateDiversity)
        web.get(Paths.personVolunteerAgreements, .requires(.manageVolunteerAgreements), use: people.newVolunteerAgreement)
        web.post(Paths.personVolunteerAgreements, .requires(.manageVolunteerAgreements), use: people.createVolunteerAgreement)
        web.get(Paths.personGroups, .requires(.manageGroups), use: people.newGroupPlace)
        web.post(Paths.personGroups, .requires(.manageGroups), use: people.createGroupPlace)
        // A volunteer agreement before its person: the route walk removes in this order.
        web.get(Paths.deleteVolunteerAgreement, .requires(.manageVolunteerAgreements), use: people.confirmDeleteVolunteerAgreement)
        web.post(Paths.deleteVolunteerAgreement, .requires(.manageVolunteerAgreements), use: people.deleteVolunteerAgreement)
        web.get(Paths.deletePerson, .requires(.managePeople), use: people.confirmDelete)
        web.post(Paths.deletePerson, .requires(.managePeople), use: people.delete)
    }

    var api: (any APIPart.Type)? { PeopleAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "People", path: Paths.people, permission: .viewPartnership)] }

    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        let store = PersonStore(context)
        var items: [AttentionItem] = []
        let without = try await store.representativesWithoutAgreement().count
        if without > 0 {
            items.append(AttentionItem(text: "\(without) forum \(without == 1 ? "representative has" : "representatives have") no volunteer agreement in force",
                                       href: Paths.people.url() + "?who=" + PersonStanding.noVolunteerAgreement.rawValue))
        }
        let ending = try await store.representativesWithAgreementEndingSoon().count
        if ending > 0 {
            items.append(AttentionItem(text: "\(ending) forum \(ending == 1 ? "representative's volunteer agreement ends" : "representatives' volunteer agreements end") in the next \(VolunteerAgreementStatus.warningDays) days",
                                       href: Paths.people.url() + "?who=" + PersonStanding.volunteerAgreementEndsSoon.rawValue))
        }
        return items
    }

    var auditSubjects: [AuditSubject] {
        [AuditSubject(type: "person", link: { Paths.person(RecordID($0)) }),
         // Downloads and pages of the people list, which have no record of their own.
         AuditSubject(type: "people", link: { _ in Paths.people.url() })]
    }

    func addDemoData(_ demo: DemoBuilder) async throws {
        let seeds: [(key: String, name: String, job: String, organisation: String, email: String?, phone: String?)] = [
            ("amara", "Amara Okafor", "Forum chair", "forum", "amara.okafor@example.com", "07700 900 101"),
            ("jo", "Jo Whitfield", "Parent participation officer", "forum", "jo.whitfield@example.com", "07700 900 102"),
            ("priya", "Priya Raman", "Committee member", "forum", "priya.raman@example.com", nil),
            ("hannah", "Hannah Price", "Committee member", "forum", "hannah.price@example.com", nil),
            ("sam", "Sam Hughes", "Forum representative", "forum", "sam.hughes@example.com", "07700 900 105"),
            ("dani", "Dani Kowalski", "Forum representative", "forum", "dani.kowalski@example.com", nil),
            ("lee", "Lee Morgan", "Forum representative", "forum", "lee.morgan@example.com", nil),
            ("grace", "Grace Adeyemi", "Forum representative", "forum", "grace.adeyemi@example.com", nil),
            ("tom", "Tom Baxter", "Forum member", "forum", "tom.baxter@example.com", nil),
            ("nadia", "Nadia Hussain", "Forum member", "forum", "nadia.hussain@example.com", nil),
            ("chris", "Chris Palmer", "Forum member", "forum", nil, "07700 900 111"),
            ("pat", "Pat Reid", "Partnership systems officer", "council", "pat.reid@riverside-council.example.org", "01632 960 201"),
            ("helen", "Helen Carter", "Head of SEND", "council", "helen.carter@riverside-council.example.org", "01632 960 202"),
            ("mark", "Mark Ellis", "Director of Children's Services", "council", "mark.ellis@riverside-council.example.org", nil),
            ("ruth", "Ruth Singh", "SEND commissioning manager", "council", "ruth.singh@riverside-council.example.org", nil),
            ("owen", "Owen Davies", "Engagement and quality team lead", "council", "owen.davies@riverside-council.example.org", nil),
            ("ian", "Ian Fletcher", "Project manager, short breaks", "council", "ian.fletcher@riverside-council.example.org", nil),
            ("louise", "Louise Grant", "SEND casework team manager", "council", "louise.grant@riverside-council.example.org", nil),
            ("margaret", "Margaret Hale", "Lead member for children's services (councillor)", "council", "margaret.hale@riverside-council.example.org", nil),
            ("neil", "Neil Shah", "Designated clinical officer for SEND", "icb", "neil.shah@riverside-vale-icb.example.org", nil),
            ("fiona", "Fiona Grant", "Children's commissioning lead", "icb", "fiona.grant@riverside-vale-icb.example.org", nil),
            ("kate", "Kate Osei", "Communications and engagement manager", "icb", "kate.osei@riverside-vale-icb.example.org", nil),
            ("martin", "Martin Lowe", "Director of nursing", "icb", "martin.lowe@riverside-vale-icb.example.org", nil),
            ("sarah", "Sarah Jenkins", "Children's therapies manager", "health", "sarah.jenkins@riverside-health.example.org", nil),
            ("ben", "Ben Ahmed", "Service manager, children's mental health", "health", "ben.ahmed@riverside-health.example.org", nil),
            ("olivia", "Olivia Reed", "Operations manager", "breaks", "olivia.reed@brightpath.example.org", nil),
            ("callum", "Callum Fraser", "Family liaison officer", "breaks", "callum.fraser@brightpath.example.org", nil),
            ("mia", "Mia Chen", "Youth participation worker", "youth", "mia.chen@riverside-council.example.org", nil),
            ("gemma", "Gemma Watts", "Engagement officer", "healthwatch", "gemma.watts@healthwatch-riverside.example.org", nil),
            ("rachel", "Rachel Moore", "Volunteer coordinator", "healthwatch", "rachel.moore@healthwatch-riverside.example.org", nil),
        ]
        let diversity: [String: DiversityMonitoring] = [
            "amara": DiversityMonitoring(ethnicGroup: .black, disabled: .no, mainLanguage: "English"),
            "priya": DiversityMonitoring(ethnicGroup: .asian, disabled: .preferNotToSay, mainLanguage: "English"),
            "dani": DiversityMonitoring(ethnicGroup: .white, disabled: .yes, mainLanguage: "Polish"),
        ]
        for seed in seeds {
            let person = PersonModel(areaID: demo.areaID, organisationID: demo.id(of: OrganisationModel.self, seed.organisation),
                                     details: .init(fullName: seed.name, jobTitle: seed.job, email: seed.email, phone: seed.phone))
            if let monitoring = diversity[seed.key] { person.diversity = monitoring }
            try await person.create(on: demo.db)
            try demo.remember(person, as: seed.key)
        }
        // Most representatives are covered; three are not (one has run out), so the flags show.
        let agreements: [(String, Int, Int?)] = [
            ("amara", -310, 55), ("jo", -500, nil), ("priya", -345, 17), ("hannah", -120, 245), ("sam", -200, 165), ("dani", -400, -35),
        ]
        for (key, signedDaysAgo, endsInDays) in agreements {
            try await VolunteerAgreementModel(areaID: demo.areaID, personID: demo.id(of: PersonModel.self, key),
                                              agreement: .init(signedOn: demo.today.adding(days: signedDaysAgo),
                                                               expiresOn: endsInDays.map { demo.today.adding(days: $0) })).create(on: demo.db)
        }
    }

    /// A forum member without an account, so removing them in the walk signs nobody out.
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        let withAccounts = try await AccountModel.query(on: db).filter(\.$area.$id == areaID).all(\.$person.$id)
        let agreements = try await VolunteerAgreementModel.query(on: db).filter(\.$area.$id == areaID).all()
        guard let person = try await PersonModel.query(on: db).filter(\.$area.$id == areaID).filter(\.$id !~ withAccounts)
            .filter(\.$id ~~ agreements.map(\.$person.id))
            .join(OrganisationModel.self, on: \PersonModel.$organisation.$id == \OrganisationModel.$id)
            .filter(OrganisationModel.self, \.$kind == .parentCarerForum)
            .sort(\.$sortName).first() else { return [:] }
        let id = try person.requireID()
        guard let agreement = agreements.first(where: { $0.$person.id == id }) else { return [:] }
        return ["personID": id.uuidString, "volunteerAgreementID": try agreement.requireID().uuidString]
    }
}
