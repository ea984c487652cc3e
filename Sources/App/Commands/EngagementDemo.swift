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

    /// Loads the activities and answers the services made, by key, for the self-evaluation demo.
    @discardableResult
    func load() async throws -> [String: UUID] {
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
        return services
    }
}

/// Three years of self-evaluation in Riverside: each partner and two services
/// assessed every April-to-March year, ratings improving as the engagement did,
/// with action plans whose earlier actions are done and one that has slipped.
struct SelfEvaluationDemo {
    let demo: DemoBuilder

    private enum Subject {
        case organisation(String)
        case service(String)
    }

    /// Statements ticked at each stage (or, for the cornerstones, commitments kept), for each of the three years, oldest first.
    private static let plans: [(subject: Subject, framework: String, years: [[Int]], owners: [String])] = [
        (.organisation("council"), "co-production-self-assessment", [[5, 3, 1, 0], [2, 5, 3, 0], [0, 3, 6, 2]], ["helen", "mark"]),
        (.organisation("icb"), "co-production-self-assessment", [[4, 4, 1, 0], [1, 5, 2, 1], [0, 2, 3, 5]], ["fiona", "ben"]),
        (.organisation("health"), "co-production-self-assessment", [[2, 5, 2, 0], [1, 4, 4, 1], [0, 2, 4, 5]], ["neil", "fiona"]),
        (.organisation("forum"), "co-production-self-assessment", [[0, 3, 4, 2], [0, 2, 3, 5], [0, 1, 3, 7]], ["amara", "jo"]),
        (.organisation("breaks"), "co-production-self-assessment", [[5, 2, 0, 0], [3, 4, 1, 0], [1, 5, 3, 1]], ["ian", "olivia"]),
        (.service("breaks"), "four-cornerstones", [[5], [8], [10]], ["ian", "amara"]),
        (.service("therapy"), "four-cornerstones", [[4], [7], [8]], ["neil", "priya"]),
    ]

    private static let evidence = [
        "Seen at the liaison meeting: parents' points were written into the plan before it went to the board.",
        "Staff survey and the forum's feedback both say so; the minutes show the same.",
        "Three parents sat on the interview panel this year.",
        "Families told us at the coffee morning, and we changed the letter the next month.",
        "The forum co-chairs the group, and papers now go out in plain English.",
        "Only written down in our plan so far; families have not seen it in practice yet.",
    ]

    private static let ideas = [
        "Pay parent carers for their time on working groups",
        "Hold some meetings in the evening and online",
        "Ask young people to help interview new managers",
        "Write every letter to families in plain English first",
        "Visit community groups instead of asking them to come to us",
    ]

    func load(services: [String: UUID]) async throws {
        let db = demo.db
        var frameworks: [String: (FrameworkModel, FrameworkDefinition)] = [:]
        for definition in FrameworkDefinition.shipped {
            let model = try FrameworkModel(areaID: demo.areaID, definition: definition)
            try await model.create(on: db)
            frameworks[definition.key] = (model, definition)
        }
        let thisYear = ReportingYear(containing: demo.today)
        for (planIndex, plan) in Self.plans.enumerated() {
            let (framework, definition) = frameworks[plan.framework]!
            let subject: (kind: AssessmentSubjectKind, id: UUID, name: String)
            switch plan.subject {
            case .organisation(let key):
                let id = demo.id(of: OrganisationModel.self, key)
                subject = (.organisation, id, try await OrganisationModel.find(id, on: db)!.name)
            case .service(let key):
                let id = services[key]!
                subject = (.service, id, try await ServiceModel.find(id, on: db)!.name)
            }
            for (age, counts) in plan.years.enumerated() {
                let year = thisYear.adding(years: age - 2)
                let ticked = Self.pick(counts, from: definition)
                let assessment = AssessmentModel(areaID: demo.areaID, frameworkID: try framework.requireID(), subjectKind: subject.kind,
                                                 subjectID: subject.id, subjectName: subject.name, year: year)
                assessment.rating = AssessmentResult(framework: definition, ticked: Set(ticked)).rating
                // Assessed in the first autumn of the year, or this year's, already done by now.
                assessment.assessedOn = min(year.firstDay.adding(days: 200 + planIndex * 3), demo.today)
                assessment.recordedBy = "Amara Okafor"
                try await assessment.create(on: db)
                let assessmentID = try assessment.requireID()
                let activity = try await Self.activity(of: subject, in: year, on: db)
                for (index, key) in ticked.enumerated() {
                    let answer = AssessmentAnswerModel(assessmentID: assessmentID, statementKey: key,
                                                       answer: StatementAnswer(ticked: true, evidence: Self.evidence[(index + planIndex) % Self.evidence.count], links: 0))
                    try await answer.create(on: db)
                    if index == 0, let activity {
                        try await AssessmentEvidenceModel(answerID: try answer.requireID(), activityID: activity, meetingID: nil).create(on: db)
                    }
                }
                try await addPlan(to: assessmentID, age: age, planIndex: planIndex, owners: plan.owners, year: year)
            }
        }
    }

    /// The statements ticked: the first `counts[stage]` of each stage, taking each key idea in turn.
    private static func pick(_ counts: [Int], from framework: FrameworkDefinition) -> [String] {
        if framework.stages.isEmpty { return Array(framework.statements.prefix(counts[0]).map(\.key)) }
        var keys: [String] = []
        for (stage, count) in counts.enumerated() {
            let inStage = framework.stages.indices.contains(stage) ? framework.statements.filter { $0.stage == stage } : []
            // Round the key ideas: the first statement of each, then the second of each...
            let ordered = (0..<3).flatMap { position in framework.keyIdeas.compactMap { idea in
                idea.statements.filter { $0.stage == stage }.dropFirst(position).first
            } }.filter { statement in inStage.contains(statement) }
            keys += ordered.prefix(count).map(\.key)
        }
        return keys
    }

    private static func activity(of subject: (kind: AssessmentSubjectKind, id: UUID, name: String), in year: ReportingYear,
                                 on db: any Database) async throws -> UUID? {
        var query = EngagementActivityModel.query(on: db).filter(\.$reportingYear == year.startYear)
        switch subject.kind {
        case .service: query = query.filter(\.$service.$id == subject.id)
        case .organisation:
            query = query.join(ActivityOrganisationModel.self, on: \EngagementActivityModel.$id == \ActivityOrganisationModel.$activity.$id)
                .filter(ActivityOrganisationModel.self, \.$organisation.$id == subject.id)
        }
        return try await query.sort(\.$startsOn).first()?.id
    }

    /// Ideas and two actions each year: earlier years' are done; this year's one is under way and, for some, overdue.
    private func addPlan(to assessmentID: UUID, age: Int, planIndex: Int, owners: [String], year: ReportingYear) async throws {
        let db = demo.db
        for offset in 0..<3 {
            try await PlanIdeaModel(assessmentID: assessmentID, text: Self.ideas[(planIndex + age + offset) % Self.ideas.count],
                                    addedBy: offset == 0 ? "Amara Okafor" : "Helen Carter").create(on: db)
        }
        for index in 0..<2 {
            let action = PlanActionModel(areaID: demo.areaID, assessmentID: assessmentID)
            let isCurrent = age == 2
            let due = isCurrent ? demo.today.adding(days: index == 0 && planIndex % 3 == 0 ? -21 : 30 + planIndex * 7) : year.firstDay.adding(days: 300)
            let status: PlanActionStatus = !isCurrent ? .done : index == 0 ? .underWay : .notStarted
            action.apply(PlanActionDetails(what: Self.ideas[(planIndex + age + index) % Self.ideas.count],
                                           dueOn: due, how: "Agree it at the next partnership meeting, then try it for three months and ask families how it went.",
                                           status: status, progress: status == .done ? "Done and kept going: families say it helped." : nil),
                         ownerID: demo.id(of: PersonModel.self, owners[index]))
            try await action.create(on: db)
        }
    }
}
