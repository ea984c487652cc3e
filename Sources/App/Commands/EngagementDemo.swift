import Domain
import Fluent
import Foundation

/// Three years of Riverside's engagement with families, telling the story an
/// inspector would want to see: in the first year most work asked for views
/// and often fell short of its plan, with families rarely told what changed;
/// by this year more of it is co-designed, more fathers and seldom-heard
/// families take part, and nearly everyone hears back.
struct EngagementDemo {
    let demo: DemoBuilder

    private struct Template {
        let title: String
        let service: String?
        let method: EngagementMethod
        let organisations: [String]
        let group: String?
        /// Planned and reached rung for each of the three years, oldest first; "" reached means not known.
        let rungs: [(planned: String, reached: String)]
        let days: Int
        let counts: (parentCarers: Int, children: Int, professionals: Int)
        let reached: [[SeldomHeardGroup]]
        let said: String
        let changed: String
        let howTold: String
    }

    private static let services: [(key: String, name: String, kind: ServiceKind, lead: String, summary: String)] = [
        ("breaks", "Short breaks", .service, "breaks", "Short breaks and holiday activities for disabled children and young people."),
        ("therapy", "Speech and language therapy", .service, "health", "Children's speech and language therapy across Riverside."),
        ("strategy", "SEND strategy 2025 to 2028", .strategy, "council", "The area's plan for children and young people with SEND."),
        ("ewmh", "Emotional wellbeing and mental health support", .commissioning, "icb", "Recommissioning early help for children's mental health."),
        ("adulthood", "Preparing for adulthood pathway", .project, "council", "Planning the move to adult services from age 14."),
        ("offer", "Local offer website", .service, "council", "The website that tells families what support there is."),
    ]

    private static let templates: [Template] = [
        Template(title: "Short breaks annual survey", service: "breaks", method: .survey, organisations: ["forum", "council", "breaks"], group: "breaks",
                 rungs: [("consultation", "consultation"), ("consultation", "consultation"), ("engagement", "engagement")], days: 28,
                 counts: (140, 35, 0), reached: [[], [.fathers], [.fathers, .rural, .lowIncome]],
                 said: "Families want more weekend and holiday sessions, and clearer information about who can use them.",
                 changed: "Two more Saturday sessions a month and a one-page guide to who can use short breaks.",
                 howTold: "\"You said, we did\" page in the forum newsletter"),
        Template(title: "Short breaks service specification workshop", service: "breaks", method: .coDesignGroup, organisations: ["forum", "council", "breaks"],
                 group: "breaks", rungs: [("co-design", "consultation"), ("co-design", "engagement"), ("co-production", "co-design")], days: 0,
                 counts: (12, 0, 6), reached: [[], [.fathers], [.parentsWithDisabilities, .fathers]],
                 said: "Parents asked that staff training on autism and on moving and handling be written into the contract.",
                 changed: "The new specification requires both trainings and a parent on the interview panel for managers.",
                 howTold: "E-mail to everyone who came, with the final specification"),
        Template(title: "Speech and language therapy waiting times focus group", service: "therapy", method: .focusGroup,
                 organisations: ["forum", "health", "icb"], group: nil,
                 rungs: [("engagement", "consultation"), ("engagement", "engagement"), ("co-design", "co-design")], days: 0,
                 counts: (9, 0, 3), reached: [[], [.englishAsAnAdditionalLanguage], [.englishAsAnAdditionalLanguage, .ethnicMinorities]],
                 said: "Families did not know how long they would wait, or what to do while waiting.",
                 changed: "Letters now give the expected wait, and families on the list are offered a drop-in clinic.",
                 howTold: "Letter to families on the waiting list"),
        Template(title: "Young people's views on therapy sessions", service: "therapy", method: .workshop, organisations: ["youth", "health"], group: nil,
                 rungs: [("informing", "informing"), ("consultation", "consultation"), ("engagement", "co-design")], days: 0,
                 counts: (0, 14, 2), reached: [[], [.nonSpeakingChildren], [.nonSpeakingChildren, .childrenInCare]],
                 said: "Young people want sessions at school, not in clinic, and to choose the activities.",
                 changed: "Sessions moved into three secondary schools, with young people choosing the activities.",
                 howTold: "Riverside Youth Voice meeting"),
        Template(title: "SEND strategy priorities consultation", service: "strategy", method: .survey, organisations: ["forum", "council", "icb"], group: "strategy",
                 rungs: [("consultation", "informing"), ("consultation", "consultation"), ("engagement", "engagement")], days: 42,
                 counts: (210, 40, 55), reached: [[], [.fathers, .lowIncome], [.fathers, .lowIncome, .travellers, .armedForces]],
                 said: "Getting help early and being listened to came first for families, ahead of new buildings.",
                 changed: "Early help and \"tell it once\" became the first two priorities of the strategy.",
                 howTold: "Summary of the results on the local offer website and at forum coffee mornings"),
        Template(title: "SEND strategy writing group", service: "strategy", method: .coDesignGroup, organisations: ["forum", "council", "icb", "health"],
                 group: "strategy", rungs: [("co-design", "engagement"), ("co-production", "co-design"), ("co-production", "co-production")], days: 56,
                 counts: (8, 2, 7), reached: [[], [.parentsWithDisabilities], [.parentsWithDisabilities, .youngCarers]],
                 said: "Parents wanted the strategy written in plain words, with promises that can be checked.",
                 changed: "Each priority now has a measure agreed with the forum and reported to the board every six months.",
                 howTold: "Presented together at the SEND Strategy Group"),
        Template(title: "Mental health support for children: listening events", service: "ewmh", method: .event, organisations: ["forum", "icb", "healthwatch"],
                 group: "ewmh", rungs: [("consultation", "consultation"), ("engagement", "consultation"), ("engagement", "engagement")], days: 14,
                 counts: (45, 20, 10), reached: [[], [.ethnicMinorities], [.ethnicMinorities, .notInTouch, .lowIncome]],
                 said: "Families wait too long and are turned away for not being \"ill enough\".",
                 changed: "The new contract includes a drop-in service with no referral needed.",
                 howTold: "Healthwatch report shared with everyone who came"),
        Template(title: "Mental health recommissioning design group", service: "ewmh", method: .coDesignGroup, organisations: ["forum", "icb", "youth"],
                 group: "ewmh", rungs: [("co-design", "consultation"), ("co-design", "engagement"), ("co-design", "co-design")], days: 70,
                 counts: (6, 5, 5), reached: [[], [.youngCarers], [.youngCarers, .childrenInCare]],
                 said: "Young people asked for help by text and in the evenings.",
                 changed: "Text support until 9pm is part of the new service.",
                 howTold: "Young people's panel and a letter to parents in the group"),
        Template(title: "Preparing for adulthood: parents' conversations", service: "adulthood", method: .oneToOne, organisations: ["forum", "council"],
                 group: "adulthood", rungs: [("consultation", "consultation"), ("engagement", "engagement"), ("engagement", "co-design")], days: 35,
                 counts: (24, 0, 0), reached: [[], [.rural], [.rural, .fathers]],
                 said: "Parents learn about adult services too late, often after their child turns 17.",
                 changed: "Every young person now has a transition conversation at 14, and parents get a timeline.",
                 howTold: "Forum newsletter and the timeline sent to every family of a 14-year-old"),
        Template(title: "Transition timeline co-production group", service: "adulthood", method: .coDesignGroup, organisations: ["forum", "council", "health"],
                 group: "adulthood", rungs: [("engagement", "informing"), ("co-design", "co-design"), ("co-production", "co-production")], days: 49,
                 counts: (7, 4, 4), reached: [[], [.parentsWithDisabilities], [.parentsWithDisabilities, .nonSpeakingChildren]],
                 said: "The timeline should show what families can do, not only what services do.",
                 changed: "The timeline was written by the group and is now the council's published guide.",
                 howTold: "Launch event run by the group"),
        Template(title: "Local offer website testing", service: "offer", method: .workshop, organisations: ["forum", "council"], group: nil,
                 rungs: [("informing", "informing"), ("engagement", "consultation"), ("engagement", "engagement")], days: 0,
                 counts: (15, 3, 2), reached: [[], [.englishAsAnAdditionalLanguage], [.englishAsAnAdditionalLanguage, .parentsWithDisabilities]],
                 said: "Parents could not find short breaks or the complaints page, and the search did not understand everyday words.",
                 changed: "New menu, a search that knows everyday words, and pages in five community languages.",
                 howTold: "Before-and-after note on the local offer website"),
        Template(title: "Forum coffee morning: what matters to you", service: nil, method: .event, organisations: ["forum"], group: nil,
                 rungs: [("consultation", "consultation"), ("consultation", "consultation"), ("engagement", "engagement")], days: 0,
                 counts: (30, 0, 1), reached: [[], [.fathers], [.fathers, .notInTouch]],
                 said: "Families raised school transport, waiting times and the cost of holiday clubs.",
                 changed: "The forum took school transport to the liaison meeting, and the council reviewed the pick-up windows.",
                 howTold: "Forum newsletter"),
        Template(title: "Liaison meeting: parents' experience of EHC plan reviews", service: "strategy", method: .meeting,
                 organisations: ["forum", "council", "icb"], group: "liaison",
                 rungs: [("engagement", "consultation"), ("engagement", "engagement"), ("co-design", "co-design")], days: 0,
                 counts: (6, 0, 5), reached: [[], [], [.fathers]],
                 said: "Reviews happen without the family's views; reports arrive the day before.",
                 changed: "Reports now go to families two weeks before a review, and the forum helped write the new invitation letter.",
                 howTold: "Minutes of the next liaison meeting and the forum newsletter"),
        Template(title: "Healthwatch school-age health survey", service: nil, method: .survey, organisations: ["healthwatch", "icb"], group: nil,
                 rungs: [("informing", "informing"), ("consultation", "informing"), ("consultation", "consultation")], days: 60,
                 counts: (80, 60, 0), reached: [[], [.lowIncome], [.lowIncome, .travellers]],
                 said: "Families want school nurses to know more about their children's conditions.",
                 changed: "School nurses had training on the ten most common conditions.",
                 howTold: "Healthwatch newsletter"),
        Template(title: "Holiday activities co-design day", service: "breaks", method: .coDesignGroup, organisations: ["forum", "breaks", "youth"], group: "breaks",
                 rungs: [("engagement", "engagement"), ("co-design", "co-design"), ("co-production", "co-design")], days: 0,
                 counts: (10, 12, 4), reached: [[], [.nonSpeakingChildren], [.nonSpeakingChildren, .armedForces]],
                 said: "Young people wanted quieter sessions and a chance to bring a friend.",
                 changed: "Quiet sessions every week and a \"bring a friend\" day each holiday.",
                 howTold: "Leaflet sent home and a video made by the young people"),
    ]

    func load() async throws {
        let db = demo.db
        let ladder = LadderModel(areaID: demo.areaID, definition: .sevenRungs)
        try await ladder.create(on: db)
        var rungs: [String: UUID] = [:]
        for (position, rung) in LadderDefinition.sevenRungs.rungs.enumerated() {
            let model = RungModel(ladderID: try ladder.requireID(), position: position, definition: rung)
            try await model.create(on: db)
            rungs[rung.key] = try model.requireID()
        }
        try await EngagementSettingsModel(areaID: demo.areaID, ladderID: try ladder.requireID(), daysToTell: EngagementLoop.defaultDaysToTell).create(on: db)

        var services: [String: UUID] = [:]
        for seed in Self.services {
            let service = ServiceModel(areaID: demo.areaID, details: ServiceDetails(name: seed.name, kind: seed.kind, summary: seed.summary),
                                       leadOrganisationID: demo.id(of: OrganisationModel.self, seed.lead))
            try await service.create(on: db)
            services[seed.key] = try service.requireID()
        }

        let today = demo.today
        for year in 0..<3 {
            for (index, template) in Self.templates.enumerated() {
                // Spread over April to November of each year, this year's last one still to come.
                let startsOn = today.adding(days: -(2 - year) * 365 - 240 + index * 16 + (year == 2 && index == Self.templates.count - 1 ? 60 : 0))
                let endsOn = template.days > 0 ? startsOn.adding(days: template.days) : nil
                let finished = endsOn ?? startsOn
                let hasHappened = finished < today
                let (plannedKey, reachedKey) = template.rungs[year]
                let grow = 1.0 + 0.3 * Double(year)
                // Fewer families heard back in the early years; now all but the most recent.
                let told: Bool = switch year {
                case 0: index % 2 == 0
                case 1: index % 4 != 1
                default: hasHappened && index != 9 && finished < today.adding(days: -20)
                }
                let activity = EngagementActivityModel(areaID: demo.areaID, ladderID: try ladder.requireID())
                let details = EngagementActivityDetails(
                    title: template.title, startsOn: startsOn, endsOn: endsOn, method: template.method, plannedRung: plannedKey,
                    achievedRung: hasHappened && startsOn <= today ? reachedKey : nil,
                    participants: ParticipantCounts(parentCarers: Int(Double(template.counts.parentCarers) * grow),
                                                    childrenAndYoungPeople: Int(Double(template.counts.children) * grow),
                                                    professionals: template.counts.professionals),
                    reached: template.reached[year], participantsSaid: hasHappened ? template.said : nil,
                    whatChanged: hasHappened && (told || year == 2) ? template.changed : nil,
                    toldOn: told ? finished.adding(days: year == 0 ? 45 : 14) : nil, howTold: told ? template.howTold : nil)
                activity.apply(details, serviceID: template.service.flatMap { services[$0] }, plannedRungID: rungs[plannedKey]!,
                               achievedRungID: details.achievedRung.flatMap { rungs[$0] })
                // A telling date can't be in the future: the oldest answer waits until today at the latest.
                if let toldOn = activity.toldOn, toldOn > today { activity.toldOn = today }
                try await activity.create(on: db)
                let activityID = try activity.requireID()
                for organisation in template.organisations {
                    try await ActivityOrganisationModel(activityID: activityID, organisationID: demo.id(of: OrganisationModel.self, organisation)).create(on: db)
                }
                for group in details.reached { try await ActivityReachModel(activityID: activityID, reached: group).create(on: db) }
                if let groupKey = template.group {
                    let groupID = demo.id(of: GroupModel.self, groupKey)
                    try await ActivityGroupModel(activityID: activityID, groupID: groupID).create(on: db)
                    // The group's meeting nearest the start, if the demo has one within a fortnight.
                    if let meeting = try await MeetingModel.query(on: db).filter(\.$group.$id == groupID)
                        .filter(\.$meetsOn >= startsOn.adding(days: -14)).filter(\.$meetsOn <= finished.adding(days: 14))
                        .filter(\.$status == .scheduled).sort(\.$meetsOn).first() {
                        try await ActivityMeetingModel(activityID: activityID, meetingID: try meeting.requireID()).create(on: db)
                    }
                }
            }
        }
    }
}
