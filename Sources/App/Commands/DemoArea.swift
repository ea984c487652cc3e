import Domain
import Fluent
import Foundation
import Vapor

/// A fictional local area, Riverside, for trying Coproduce out. Its
/// partnership agreement follows the Medway agreement of 2017 (seed 000).
/// Dates are set relative to the day it is loaded, so it always looks current.
enum DemoArea {
    static let slug = "riverside"
    static let name = "Riverside"
    static let password = "coproduce-demo"

    struct Login: Sendable {
        let role: Role
        let name: String
        let email: String
    }

    static let logins: [Login] = [
        Login(role: .areaAdmin, name: "Pat Reid", email: "pat.reid@riverside-council.example.org"),
        Login(role: .forumOfficer, name: "Amara Okafor", email: "amara.okafor@example.com"),
        Login(role: .forumRepresentative, name: "Sam Hughes", email: "sam.hughes@example.com"),
        Login(role: .partnerOfficer, name: "Helen Carter", email: "helen.carter@riverside-council.example.org"),
        Login(role: .boardViewer, name: "Margaret Hale", email: "margaret.hale@riverside-council.example.org"),
    ]

    enum Outcome: Equatable {
        case loaded
        case alreadyThere
    }

    private struct PersonSeed {
        let key: String
        let name: String
        let job: String
        let organisation: String
        let email: String?
        let phone: String?
    }

    /// Loads the area in one transaction; does nothing if it is already there.
    static func load(on database: any Database, hash: @Sendable (String) throws -> String, today: CalendarDate) async throws -> Outcome {
        if try await AreaModel.query(on: database).filter(\.$slug == slug).first() != nil { return .alreadyThere }
        let passwordHash = try hash(password)
        try await database.writeTransaction { db in
            try await populate(db, passwordHash: passwordHash, today: today)
        }
        return .loaded
    }

    private static func populate(_ db: any Database, passwordHash: String, today: CalendarDate) async throws {
        let area = AreaModel(slug: slug, name: name)
        try await area.create(on: db)
        let areaID = try area.requireID()

        let organisationSeeds: [(String, OrganisationDetails)] = [
            ("forum", .init(name: "Riverside Parent Carer Forum", kind: .parentCarerForum, email: "forum@riversidepcf.example.org", phone: "01632 960 100")),
            ("council", .init(name: "Riverside Council", kind: .localAuthority, email: "send@riverside-council.example.org", phone: "01632 960 200")),
            ("icb", .init(name: "NHS Riverside and Vale Integrated Care Board", kind: .nhsCommissioner, email: "engagement@riverside-vale-icb.example.org")),
            ("health", .init(name: "Riverside Community Health Services", kind: .provider, email: "childrens.therapies@riverside-health.example.org")),
            ("breaks", .init(name: "Brightpath Short Breaks", kind: .provider, email: "hello@brightpath.example.org", phone: "01632 960 300")),
            ("youth", .init(name: "Riverside Youth Voice", kind: .childrenAndYoungPeoplesGroup, email: "youthvoice@riverside-council.example.org")),
            ("healthwatch", .init(name: "Healthwatch Riverside", kind: .voluntaryGroup, email: "info@healthwatch-riverside.example.org")),
        ]
        var organisations: [String: UUID] = [:]
        for (key, details) in organisationSeeds {
            let organisation = OrganisationModel(areaID: areaID, details: details)
            try await organisation.create(on: db)
            organisations[key] = try organisation.requireID()
        }

        let peopleSeeds: [PersonSeed] = [
            .init(key: "amara", name: "Amara Okafor", job: "Forum chair", organisation: "forum", email: "amara.okafor@example.com", phone: "07700 900 101"),
            .init(key: "jo", name: "Jo Whitfield", job: "Parent participation officer", organisation: "forum", email: "jo.whitfield@example.com", phone: "07700 900 102"),
            .init(key: "priya", name: "Priya Raman", job: "Committee member", organisation: "forum", email: "priya.raman@example.com", phone: nil),
            .init(key: "hannah", name: "Hannah Price", job: "Committee member", organisation: "forum", email: "hannah.price@example.com", phone: nil),
            .init(key: "sam", name: "Sam Hughes", job: "Forum representative", organisation: "forum", email: "sam.hughes@example.com", phone: "07700 900 105"),
            .init(key: "dani", name: "Dani Kowalski", job: "Forum representative", organisation: "forum", email: "dani.kowalski@example.com", phone: nil),
            .init(key: "lee", name: "Lee Morgan", job: "Forum representative", organisation: "forum", email: "lee.morgan@example.com", phone: nil),
            .init(key: "grace", name: "Grace Adeyemi", job: "Forum representative", organisation: "forum", email: "grace.adeyemi@example.com", phone: nil),
            .init(key: "tom", name: "Tom Baxter", job: "Forum member", organisation: "forum", email: "tom.baxter@example.com", phone: nil),
            .init(key: "nadia", name: "Nadia Hussain", job: "Forum member", organisation: "forum", email: "nadia.hussain@example.com", phone: nil),
            .init(key: "chris", name: "Chris Palmer", job: "Forum member", organisation: "forum", email: nil, phone: "07700 900 111"),
            .init(key: "pat", name: "Pat Reid", job: "Partnership systems officer", organisation: "council", email: "pat.reid@riverside-council.example.org", phone: "01632 960 201"),
            .init(key: "helen", name: "Helen Carter", job: "Head of SEND", organisation: "council", email: "helen.carter@riverside-council.example.org", phone: "01632 960 202"),
            .init(key: "mark", name: "Mark Ellis", job: "Director of Children's Services", organisation: "council", email: "mark.ellis@riverside-council.example.org", phone: nil),
            .init(key: "ruth", name: "Ruth Singh", job: "SEND commissioning manager", organisation: "council", email: "ruth.singh@riverside-council.example.org", phone: nil),
            .init(key: "owen", name: "Owen Davies", job: "Engagement and quality team lead", organisation: "council", email: "owen.davies@riverside-council.example.org", phone: nil),
            .init(key: "ian", name: "Ian Fletcher", job: "Project manager, short breaks", organisation: "council", email: "ian.fletcher@riverside-council.example.org", phone: nil),
            .init(key: "louise", name: "Louise Grant", job: "SEND casework team manager", organisation: "council", email: "louise.grant@riverside-council.example.org", phone: nil),
            .init(key: "margaret", name: "Margaret Hale", job: "Lead member for children's services (councillor)", organisation: "council", email: "margaret.hale@riverside-council.example.org", phone: nil),
            .init(key: "neil", name: "Neil Shah", job: "Designated clinical officer for SEND", organisation: "icb", email: "neil.shah@riverside-vale-icb.example.org", phone: nil),
            .init(key: "fiona", name: "Fiona Grant", job: "Children's commissioning lead", organisation: "icb", email: "fiona.grant@riverside-vale-icb.example.org", phone: nil),
            .init(key: "kate", name: "Kate Osei", job: "Communications and engagement manager", organisation: "icb", email: "kate.osei@riverside-vale-icb.example.org", phone: nil),
            .init(key: "martin", name: "Martin Lowe", job: "Director of nursing", organisation: "icb", email: "martin.lowe@riverside-vale-icb.example.org", phone: nil),
            .init(key: "sarah", name: "Sarah Jenkins", job: "Children's therapies manager", organisation: "health", email: "sarah.jenkins@riverside-health.example.org", phone: nil),
            .init(key: "ben", name: "Ben Ahmed", job: "Service manager, children's mental health", organisation: "health", email: "ben.ahmed@riverside-health.example.org", phone: nil),
            .init(key: "olivia", name: "Olivia Reed", job: "Operations manager", organisation: "breaks", email: "olivia.reed@brightpath.example.org", phone: nil),
            .init(key: "callum", name: "Callum Fraser", job: "Family liaison officer", organisation: "breaks", email: "callum.fraser@brightpath.example.org", phone: nil),
            .init(key: "mia", name: "Mia Chen", job: "Youth participation worker", organisation: "youth", email: "mia.chen@riverside-council.example.org", phone: nil),
            .init(key: "gemma", name: "Gemma Watts", job: "Engagement officer", organisation: "healthwatch", email: "gemma.watts@healthwatch-riverside.example.org", phone: nil),
            .init(key: "rachel", name: "Rachel Moore", job: "Volunteer coordinator", organisation: "healthwatch", email: "rachel.moore@healthwatch-riverside.example.org", phone: nil),
        ]
        var people: [String: PersonModel] = [:]
        for seed in peopleSeeds {
            let person = PersonModel(areaID: areaID, organisationID: organisations[seed.organisation],
                                     details: .init(fullName: seed.name, jobTitle: seed.job, email: seed.email, phone: seed.phone))
            try await person.create(on: db)
            people[seed.key] = person
        }
        people["amara"]!.diversity = DiversityMonitoring(ethnicGroup: .black, disabled: .no, mainLanguage: "English")
        people["priya"]!.diversity = DiversityMonitoring(ethnicGroup: .asian, disabled: .preferNotToSay, mainLanguage: "English")
        people["dani"]!.diversity = DiversityMonitoring(ethnicGroup: .white, disabled: .yes, mainLanguage: "Polish")
        for key in ["amara", "priya", "dani"] { try await people[key]!.save(on: db) }

        for login in logins {
            let person = people.values.first { $0.fullName == login.name }!
            try await AccountModel(areaID: areaID, personID: try person.requireID(), email: login.email,
                                   passwordHash: passwordHash, role: login.role).create(on: db)
        }

        // Volunteer agreements: most representatives are covered; two are
        // not, so the flags show.
        let agreements: [(String, Int, Int?)] = [
            ("amara", -310, 55), ("jo", -500, nil), ("priya", -345, 17), ("hannah", -120, 245),
            ("sam", -200, 165), ("dani", -400, -35),
        ]
        for (key, signedDaysAgo, endsInDays) in agreements {
            try await VolunteerAgreementModel(areaID: areaID, personID: try people[key]!.requireID(),
                                              agreement: .init(signedOn: today.adding(days: signedDaysAgo),
                                                               expiresOn: endsInDays.map { today.adding(days: $0) })).create(on: db)
        }

        let groupIDs = try await createGroups(db, areaID: areaID, people: people, today: today)
        try await createAgreement(db, areaID: areaID, organisations: organisations, liaisonGroupID: groupIDs["liaison"]!, today: today)

        let complaints: [(String, Int, String, ComplaintStatus)] = [
            ("council", -20, "A parent says their child's education, health and care plan review went ahead without the family's views being asked for.", .beingInvestigated),
            ("health", -45, "A family waited eight months for a speech and language therapy assessment and was not told how long the wait would be.", .responded),
            ("breaks", -90, "Short break sessions were cancelled at short notice twice in one month.", .closed),
            ("council", -6, "Papers for the SEND strategy group reached the forum two days before the meeting.", .received),
        ]
        for (organisation, daysAgo, summary, status) in complaints {
            try await ComplaintModel(areaID: areaID, aboutOrganisationID: organisations[organisation]!,
                                     details: .init(receivedOn: today.adding(days: daysAgo), summary: summary, status: status)).create(on: db)
        }
    }

    private static func createGroups(_ db: any Database, areaID: UUID, people: [String: PersonModel], today: CalendarDate) async throws -> [String: UUID] {
        struct GroupSeed {
            let key: String
            let name: String
            let purpose: String
            let cadence: Cadence
            let reportsTo: String?
            let members: [(String, MembershipRole, Bool)]
        }
        let seeds: [GroupSeed] = [
            GroupSeed(key: "board", name: "Riverside Children's Trust Board", purpose: "Leads the partnership for children and young people in Riverside and holds its groups to account.", cadence: .quarterly, reportsTo: nil,
                      members: [("margaret", .chair, true), ("mark", .member, true), ("martin", .member, true), ("amara", .member, true)]),
            GroupSeed(key: "strategy", name: "SEND Strategy Group", purpose: "Oversees the SEND action plan for Riverside across education, health and care.", cadence: .everyTwoMonths, reportsTo: "board",
                      members: [("mark", .chair, true), ("amara", .member, true), ("neil", .member, true), ("helen", .member, true), ("ruth", .member, false), ("lee", .member, false), ("gemma", .observer, false)]),
            GroupSeed(key: "liaison", name: "Forum Liaison Meeting", purpose: "The monthly meeting of the forum, the council and the NHS under the partnership agreement.", cadence: .monthly, reportsTo: "strategy",
                      members: [("amara", .chair, true), ("jo", .member, true), ("sam", .member, false), ("helen", .member, true), ("fiona", .member, true), ("owen", .member, false), ("kate", .member, false)]),
            GroupSeed(key: "breaks", name: "Short Breaks Partnership Group", purpose: "Reviews and improves short breaks for disabled children and their families.", cadence: .everySixWeeks, reportsTo: "strategy",
                      members: [("ian", .chair, true), ("dani", .member, false), ("priya", .member, false), ("olivia", .member, true), ("callum", .member, false)]),
            GroupSeed(key: "adulthood", name: "Preparing for Adulthood Partnership Group", purpose: "Plans the move from children's to adult services, from age 14.", cadence: .everyTwoMonths, reportsTo: "strategy",
                      members: [("ruth", .chair, true), ("grace", .member, false), ("mia", .member, false), ("louise", .member, true)]),
            GroupSeed(key: "ewmh", name: "Emotional Wellbeing and Mental Health Partnership Group", purpose: "Improves how quickly children and young people get help with their mental health.", cadence: .quarterly, reportsTo: "board",
                      members: [("ben", .chair, true), ("fiona", .member, true), ("hannah", .member, false), ("mia", .member, false)]),
        ]
        var ids: [String: UUID] = [:]
        for seed in seeds {
            let group = GroupModel(areaID: areaID, details: GroupDetails(name: seed.name, purpose: seed.purpose, cadence: seed.cadence),
                                   reportsToID: seed.reportsTo.flatMap { ids[$0] })
            try await group.create(on: db)
            let groupID = try group.requireID()
            ids[seed.key] = groupID
            for (personKey, role, decides) in seed.members {
                try await MembershipModel(groupID: groupID, personID: try people[personKey]!.requireID(), role: role, makesDecisions: decides).create(on: db)
            }
        }
        let liaisonTerms = [
            (today.adding(days: -430), "To share information and plan together as equal partners. The forum brings the views of parent carers; the council and the NHS bring plans that affect children with SEND.",
             ["Forum chair (chairs the meeting)", "Forum parent participation officer", "A forum representative", "Head of SEND, Riverside Council", "Children's commissioning lead, NHS Riverside and Vale ICB"]),
            (today.adding(days: -60), "To share information and plan together as equal partners. The forum brings the views of parent carers; the council and the NHS bring plans that affect children with SEND. Complaints about any partner are discussed at every meeting.",
             ["Forum chair (chairs the meeting)", "Forum parent participation officer", "A forum representative", "Head of SEND, Riverside Council", "Engagement and quality team lead, Riverside Council", "Children's commissioning lead, NHS Riverside and Vale ICB", "Communications and engagement manager, NHS Riverside and Vale ICB"]),
        ]
        for (index, terms) in liaisonTerms.enumerated() {
            try await TermsOfReferenceModel(groupID: ids["liaison"]!, version: index + 1,
                                            details: .init(text: terms.1, attendees: terms.2, agreedOn: terms.0)).create(on: db)
        }
        try await TermsOfReferenceModel(groupID: ids["strategy"]!, version: 1, details: .init(
            text: "To oversee the SEND action plan, to make sure children, young people and parent carers shape it, and to report to the Children's Trust Board.",
            attendees: ["Director of Children's Services (chair)", "Forum chair", "Designated clinical officer for SEND", "Head of SEND", "SEND commissioning manager", "Healthwatch Riverside (observer)"],
            agreedOn: today.adding(days: -200))).create(on: db)
        return ids
    }

    private static func createAgreement(_ db: any Database, areaID: UUID, organisations: [String: UUID], liaisonGroupID: UUID, today: CalendarDate) async throws {
        let start = CalendarDate(year: today.adding(months: -14).year, month: today.adding(months: -14).month, day: 1)!
        let agreement = AgreementModel(areaID: areaID, details: AgreementDetails(
            title: "Partnership Agreement: Parent Carer Participation", startsOn: start, endsOn: nil, reviewOn: start.adding(months: 24)))
        try await agreement.create(on: db)
        let agreementID = try agreement.requireID()
        for key in ["forum", "council", "icb"] {
            try await AgreementPartnerModel(agreementID: agreementID, organisationID: organisations[key]!).create(on: db)
        }
        let clauses: [(String, String, ClauseRule?, Bool)] = [
            ("4.3", "The council and the NHS give support in kind so the forum can take part, such as rooms and help to run meetings.", nil, false),
            ("4.6 a", "Meetings with the forum happen at times that suit parent carers, between 10am and 2pm.", .meetingTimeWindow(from: TimeOfDay("10:00")!, to: TimeOfDay("14:00")!), false),
            ("4.6 b", "Meetings are arranged by a nominated officer in the council or the NHS, using the forum's e-mail address.", nil, false),
            ("4.6 c", "Meetings have clear terms of reference that say who attends.", .termsOfReferenceWithAttendees, false),
            ("4.6 d", "The agenda gives the date, time, place and what the meeting will cover, and what the forum is asked to bring. It goes out at least 7 days before, with the papers to read.", .papersNoticeDays(7), false),
            ("4.6 e", "Papers are written in plain English, without jargon.", .plainEnglishPapers, false),
            ("4.6 f", "A named contact meets and welcomes the forum representative.", .namedContact, false),
            ("4.6 g", "The forum representative is offered refreshments for the length of the meeting.", nil, false),
            ("5.2", "The forum makes sure every representative signs a volunteer agreement that says how they will behave when they represent the forum.", .volunteerAgreementsForRepresentatives, false),
            ("5.3", "The forum recruits members who reflect the diversity of Riverside's children, young people and parent carers.", nil, false),
            ("5.4", "Partners contact the forum through the forum's e-mail address or its stated phone number.", .communicationThroughForumAddress, false),
            ("5.6", "Only people with a designated role in the forum, such as the chair, the participation officer or a committee member, can see the information the forum holds.", .personalDataForDesignatedForumRoles, false),
            ("6.1", "Liaison meetings between the forum, the council and the NHS happen every month.", .meetingCadence(.monthly), true),
            ("6.1", "Every partner is asked for agenda items, and the final agenda is agreed jointly.", .agendaAgreedJointly, false),
            ("6.2", "Liaison meetings are normally chaired by a forum representative.", .chairFrom(.parentCarerForum), true),
            ("6.2", "Every partner sends people who can make decisions.", .decisionMakersAttend, false),
            ("6.3", "Each partner shares its complaints procedure, and complaints are discussed at partnership meetings.", .complaintsDiscussed, false),
        ]
        var clauseIDs: [String: UUID] = [:]
        for (position, clause) in clauses.enumerated() {
            let model = ClauseModel(agreementID: agreementID, position: position + 1,
                                    details: ClauseDetails(number: clause.0, text: clause.1, rule: clause.2),
                                    groupID: clause.3 ? liaisonGroupID : nil)
            try await model.create(on: db)
            clauseIDs[clause.0] = try model.requireID()
        }
        let assessments: [(String, CommitmentStatus, String, Int)] = [
            ("4.3", .met, "The council books the Riverside Hub meeting room for every liaison meeting and pays for it.", -25),
            ("5.3", .partlyMet, "The forum's diversity monitoring shows fewer members from Asian and Black families than live in Riverside. A recruitment plan was agreed in the spring.", -40),
            ("4.6 g", .met, "Refreshments were offered at the last three liaison meetings.", -10),
        ]
        for (number, status, evidence, daysAgo) in assessments {
            try await CommitmentAssessmentModel(clauseID: clauseIDs[number]!, assessment: .init(status: status, evidence: evidence, assessedOn: today.adding(days: daysAgo)),
                                                recordedBy: "Jo Whitfield").create(on: db)
        }
    }
}
