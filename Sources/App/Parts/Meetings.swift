import Domain
import Fluent
import PlainEnglish
import Vapor

extension Paths {
    static let meetings = PathTemplate("meetings")
    static let newMeeting = PathTemplate("groups", ":groupID", "meetings", "new")
    static let meeting = PathTemplate("meetings", ":meetingID")
    static let editMeeting = PathTemplate("meetings", ":meetingID", "edit")
    static let cancelMeeting = PathTemplate("meetings", ":meetingID", "cancel")
    static let meetingAttendance = PathTemplate("meetings", ":meetingID", "attendance")
    static let newAgendaItem = PathTemplate("meetings", ":meetingID", "items", "new")
    static let editAgendaItem = PathTemplate("meetings", ":meetingID", "items", ":itemID", "edit")
    static let agendaItemDecision = PathTemplate("meetings", ":meetingID", "items", ":itemID", "decision")
    static let moveAgendaItem = PathTemplate("meetings", ":meetingID", "items", ":itemID", "move")
    static let mergeAgendaItem = PathTemplate("meetings", ":meetingID", "items", ":itemID", "merge")
    static let newPaper = PathTemplate("meetings", ":meetingID", "items", ":itemID", "papers", "new")
    static let paper = PathTemplate("meetings", ":meetingID", "papers", ":paperID")
    static let replacePaper = PathTemplate("meetings", ":meetingID", "papers", ":paperID", "replace")
    static let paperCheck = PathTemplate("meetings", ":meetingID", "papers", ":paperID", "check")
    static let paperFile = PathTemplate("meetings", ":meetingID", "papers", ":paperID", "versions", ":version")
    static let agendaPack = PathTemplate("meetings", ":meetingID", "pack")
    static let meetingCalendar = PathTemplate("meetings", ":meetingID", "calendar")
    static let meetingMinutes = PathTemplate("meetings", ":meetingID", "minutes")
    static let circulateMinutes = PathTemplate("meetings", ":meetingID", "minutes", "circulate")
    static let approveMinutes = PathTemplate("meetings", ":meetingID", "minutes", "approve")
    static let newAction = PathTemplate("meetings", ":meetingID", "actions", "new")
    static let editAction = PathTemplate("meetings", ":meetingID", "actions", ":actionID", "edit")
    /// The signed-in person's own open actions.
    static let myActions = PathTemplate("actions")
    static let calendarSettings = PathTemplate("account", "calendar")
    static let stopCalendarFeed = PathTemplate("account", "calendar", "stop")
    /// A person's calendar address: the secret in it is the key, so it needs no sign-in.
    static let calendarFeed = PathTemplate("calendar", ":token")
    static let sendAgendaPack = PathTemplate("meetings", ":meetingID", "pack", "send")
    static let askPartners = PathTemplate("meetings", ":meetingID", "partners", "ask")
    /// How often each rule was kept over the last twelve months.
    static let agreementHealth = PathTemplate("agreement-health")
    static let agreementHealthCSV = PathTemplate("agreement-health.csv")
    static let agreeAgenda = PathTemplate("meetings", ":meetingID", "partners", "agree")

    static func newMeeting(_ group: RecordID<GroupModel>) -> String { newMeeting.url(group) }
    static func meeting(_ id: RecordID<MeetingModel>) -> String { meeting.url(id) }
    static func editMeeting(_ id: RecordID<MeetingModel>) -> String { editMeeting.url(id) }
    static func cancelMeeting(_ id: RecordID<MeetingModel>) -> String { cancelMeeting.url(id) }
    static func meetingAttendance(_ id: RecordID<MeetingModel>) -> String { meetingAttendance.url(id) }
    static func newAgendaItem(_ meeting: RecordID<MeetingModel>) -> String { newAgendaItem.url(meeting) }
    static func editAgendaItem(meeting: RecordID<MeetingModel>, item: RecordID<AgendaItemModel>) -> String { editAgendaItem.url(meeting, item) }
    static func agendaItemDecision(meeting: RecordID<MeetingModel>, item: RecordID<AgendaItemModel>) -> String { agendaItemDecision.url(meeting, item) }
    static func moveAgendaItem(meeting: RecordID<MeetingModel>, item: RecordID<AgendaItemModel>) -> String { moveAgendaItem.url(meeting, item) }
    static func mergeAgendaItem(meeting: RecordID<MeetingModel>, item: RecordID<AgendaItemModel>) -> String { mergeAgendaItem.url(meeting, item) }
    static func newPaper(meeting: RecordID<MeetingModel>, item: RecordID<AgendaItemModel>) -> String { newPaper.url(meeting, item) }
    static func paper(meeting: RecordID<MeetingModel>, paper: RecordID<PaperModel>) -> String { self.paper.url(meeting, paper) }
    static func replacePaper(meeting: RecordID<MeetingModel>, paper: RecordID<PaperModel>) -> String { replacePaper.url(meeting, paper) }
    static func paperCheck(meeting: RecordID<MeetingModel>, paper: RecordID<PaperModel>) -> String { paperCheck.url(meeting, paper) }
    static func paperFile(meeting: RecordID<MeetingModel>, paper: RecordID<PaperModel>, version: Int) -> String {
        paperFile.url(meeting, paper, version)
    }
    static func agendaPack(_ meeting: RecordID<MeetingModel>) -> String { agendaPack.url(meeting) }
    static func sendAgendaPack(_ meeting: RecordID<MeetingModel>) -> String { sendAgendaPack.url(meeting) }
    static func meetingCalendar(_ meeting: RecordID<MeetingModel>) -> String { meetingCalendar.url(meeting) }
    static func askPartners(_ meeting: RecordID<MeetingModel>) -> String { askPartners.url(meeting) }
    static func agreeAgenda(_ meeting: RecordID<MeetingModel>) -> String { agreeAgenda.url(meeting) }
    static func meetingMinutes(_ meeting: RecordID<MeetingModel>) -> String { meetingMinutes.url(meeting) }
    static func circulateMinutes(_ meeting: RecordID<MeetingModel>) -> String { circulateMinutes.url(meeting) }
    static func approveMinutes(_ meeting: RecordID<MeetingModel>) -> String { approveMinutes.url(meeting) }
    static func newAction(_ meeting: RecordID<MeetingModel>) -> String { newAction.url(meeting) }
    static func editAction(meeting: RecordID<MeetingModel>, action: RecordID<ActionModel>) -> String { editAction.url(meeting, action) }
    /// The meetings of one group, upcoming or past.
    static func meetings(of group: RecordID<GroupModel>, _ when: MeetingStore.When = .upcoming) -> String {
        meetings.url() + "?group=\(group.uuid.uuidString)" + (when == .past ? "&when=past" : "")
    }
    /// The meetings with a gap the home page points at.
    static func meetings(needing gap: MeetingStore.Gap) -> String {
        meetings.url() + "?needs=\(gap.rawValue)" + (gap.when == .past ? "&when=past" : "")
    }
}

extension Paths.API {
    static let groupMeetings = PathTemplate("api", "v1", "groups", ":groupID", "meetings")
    static let meetings = PathTemplate("api", "v1", "meetings")
    static let meeting = PathTemplate("api", "v1", "meetings", ":meetingID")
    static let cancelMeeting = PathTemplate("api", "v1", "meetings", ":meetingID", "cancel")
    static let meetingAttendance = PathTemplate("api", "v1", "meetings", ":meetingID", "attendance")
    static let agendaItems = PathTemplate("api", "v1", "meetings", ":meetingID", "items")
    static let agendaItem = PathTemplate("api", "v1", "meetings", ":meetingID", "items", ":itemID")
    static let agendaItemDecision = PathTemplate("api", "v1", "meetings", ":meetingID", "items", ":itemID", "decision")
    static let mergeAgendaItem = PathTemplate("api", "v1", "meetings", ":meetingID", "items", ":itemID", "merge")
    static let itemPapers = PathTemplate("api", "v1", "meetings", ":meetingID", "items", ":itemID", "papers")
    static let paperVersions = PathTemplate("api", "v1", "meetings", ":meetingID", "papers", ":paperID", "versions")
    static let agendaPack = PathTemplate("api", "v1", "meetings", ":meetingID", "pack")
    static let meetingMinutes = PathTemplate("api", "v1", "meetings", ":meetingID", "minutes")
    static let circulateMinutes = PathTemplate("api", "v1", "meetings", ":meetingID", "minutes", "circulate")
    static let approveMinutes = PathTemplate("api", "v1", "meetings", ":meetingID", "minutes", "approve")
    static let meetingActions = PathTemplate("api", "v1", "meetings", ":meetingID", "actions")
    static let meetingAction = PathTemplate("api", "v1", "meetings", ":meetingID", "actions", ":actionID")
    static let askPartners = PathTemplate("api", "v1", "meetings", ":meetingID", "partners", "ask")
    static let partnerAgreement = PathTemplate("api", "v1", "meetings", ":meetingID", "partners", ":organisationID", "agreement")

    static func meeting(_ id: RecordID<MeetingModel>) -> String { meeting.url(id) }
}

/// Meetings of the partnership's groups: arranging them one at a time or as a
/// series, who came, and the agreement's rules checked for each one (seed 000,
/// sections 4.6 and 6).
struct MeetingsPart: ProductPart {
    let name = "Meetings"

    var migrations: [any AsyncMigration] {
        [CreateMeetings(), CreateMeetingAttendance(), CreateAgendaAndPapers(), CreateCalendarFeeds(), CreateMinutesAndActions(),
         CreateAgendaPartnersAndComplaintDiscussions(), CreateMeetingRuleResults(), AddAgendaItemMerging(),
         AddPackSendingForumAddress()]
    }

    func pages(_ web: any RoutesBuilder) {
        let meetings = MeetingsController()
        web.get(Paths.meetings, .requires(.viewPartnership), use: meetings.index)
        web.get(Paths.newMeeting, .requires(.manageMeetings), use: meetings.new)
        web.post(Paths.newMeeting, .requires(.manageMeetings), use: meetings.create)
        web.get(Paths.meeting, .requires(.viewPartnership), use: meetings.show)
        web.get(Paths.editMeeting, .requires(.manageMeetings), use: meetings.edit)
        web.post(Paths.editMeeting, .requires(.manageMeetings), use: meetings.update)
        web.get(Paths.cancelMeeting, .requires(.manageMeetings), use: meetings.confirmCancel)
        web.post(Paths.cancelMeeting, .requires(.manageMeetings), use: meetings.cancel)
        web.get(Paths.meetingAttendance, .requires(.manageMeetings), use: meetings.editAttendance)
        web.post(Paths.meetingAttendance, .requires(.manageMeetings), use: meetings.recordAttendance)

        let agenda = AgendaController()
        web.get(Paths.newAgendaItem, .requires(.proposeAgendaItems), use: agenda.newItem)
        web.post(Paths.newAgendaItem, .requires(.proposeAgendaItems), use: agenda.createItem)
        web.get(Paths.editAgendaItem, .requires(.manageMeetings), use: agenda.editItem)
        web.post(Paths.editAgendaItem, .requires(.manageMeetings), use: agenda.updateItem)
        web.post(Paths.agendaItemDecision, .requires(.manageMeetings), use: agenda.decide)
        web.post(Paths.moveAgendaItem, .requires(.manageMeetings), use: agenda.move)
        web.get(Paths.mergeAgendaItem, .requires(.manageMeetings), use: agenda.confirmMerge)
        web.post(Paths.mergeAgendaItem, .requires(.manageMeetings), use: agenda.merge)
        web.get(Paths.newPaper, .requires(.manageMeetings), use: agenda.newPaper)
        web.post(Paths.newPaper, .requires(.manageMeetings), body: AgendaController.maximumUpload, use: agenda.createPaper)
        web.get(Paths.paper, .requires(.viewPartnership), use: agenda.showPaper)
        web.get(Paths.replacePaper, .requires(.manageMeetings), use: agenda.newVersion)
        web.post(Paths.replacePaper, .requires(.manageMeetings), body: AgendaController.maximumUpload, use: agenda.createVersion)
        web.get(Paths.paperCheck, .requires(.viewPartnership), use: agenda.checkPaper)
        web.get(Paths.paperFile, .requires(.viewPartnership), use: agenda.download)
        web.get(Paths.agendaPack, .requires(.viewPartnership), use: agenda.pack)
        web.get(Paths.sendAgendaPack, .requires(.manageMeetings), use: agenda.confirmSend)
        web.post(Paths.sendAgendaPack, .requires(.manageMeetings), use: agenda.send)

        let health = HealthController()
        web.get(Paths.agreementHealth, .requires(.viewPartnership), use: health.show)
        web.get(Paths.agreementHealthCSV, .requires(.viewPartnership), use: health.download)

        let partners = PartnersController()
        web.get(Paths.askPartners, .requires(.manageMeetings), use: partners.askForm)
        web.post(Paths.askPartners, .requires(.manageMeetings), use: partners.ask)
        // Members agree for their own organisation, organisers for any partner: the store checks which.
        web.post(Paths.agreeAgenda, .requires(.proposeAgendaItems), use: partners.agree)

        let minutes = MinutesController()
        web.get(Paths.meetingMinutes, .requires(.manageMeetings), use: minutes.editMinutes)
        web.post(Paths.meetingMinutes, .requires(.manageMeetings), use: minutes.saveMinutes)
        web.post(Paths.circulateMinutes, .requires(.manageMeetings), use: minutes.circulate)
        web.post(Paths.approveMinutes, .requires(.manageMeetings), use: minutes.approve)
        web.get(Paths.newAction, .requires(.manageMeetings), use: minutes.newAction)
        web.post(Paths.newAction, .requires(.manageMeetings), use: minutes.createAction)
        web.get(Paths.editAction, .requires(.manageMeetings), use: minutes.editAction)
        web.post(Paths.editAction, .requires(.manageMeetings), use: minutes.updateAction)
        web.get(Paths.myActions, .requires(.viewPartnership), use: minutes.mine)

        let calendar = CalendarController()
        web.get(Paths.meetingCalendar, .requires(.viewPartnership), use: calendar.meetingFile)
        web.get(Paths.calendarSettings, .requires(.viewPartnership), use: calendar.settings)
        web.post(Paths.calendarSettings, .requires(.viewPartnership), use: calendar.renew)
        web.post(Paths.stopCalendarFeed, .requires(.viewPartnership), use: calendar.stop)
        web.get(Paths.calendarFeed, .anyone, use: calendar.feed)
    }

    var api: (any APIPart.Type)? { MeetingsAPI.self }

    /// The demo meetings point at the agreement's partners and the complaints register.
    var demoStage: Int { 1 }

    func jobs(_ runner: JobRunner) { MeetingChecks.register(with: runner) }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Meetings", path: Paths.meetings, permission: .viewPartnership)] }

    var auditSubjects: [AuditSubject] {
        [AuditSubject(type: "meeting", link: { Paths.meeting(RecordID($0)) })]
    }

    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        var items: [AttentionItem] = []
        let overdue = try await MinutesStore(context).overdueCountForActor()
        if overdue > 0 {
            items.append(AttentionItem(text: "You have \(overdue) overdue \(overdue == 1 ? "action" : "actions") from meetings", href: Paths.myActions.url()))
        }
        let store = MeetingStore(context)
        // A promise at risk is for everyone to see, board viewers too; the rest are organisers' jobs.
        let atRisk = try await store.count(.promisesAtRisk)
        if atRisk > 0 {
            items.append(AttentionItem(text: "\(atRisk) \(atRisk == 1 ? "meeting has" : "meetings have") a promise of the partnership agreement at risk",
                                       href: Paths.meetings(needing: .promisesAtRisk)))
        }
        guard context.actor.can(.manageMeetings) else { return items }
        let unnamed = try await store.count(.people)
        if unnamed > 0 {
            items.append(AttentionItem(text: "\(unnamed) \(unnamed == 1 ? "meeting" : "meetings") in the next 2 weeks \(unnamed == 1 ? "has" : "have") no chair or no named contact",
                                       href: Paths.meetings(needing: .people)))
        }
        let unsent = try await store.count(.pack)
        if unsent > 0 {
            items.append(AttentionItem(text: "\(unsent) \(unsent == 1 ? "meeting" : "meetings") in the next 2 weeks \(unsent == 1 ? "has" : "have") not had the agenda and papers sent",
                                       href: Paths.meetings(needing: .pack)))
        }
        let unrecorded = try await store.count(.attendance)
        if unrecorded > 0 {
            items.append(AttentionItem(text: "\(unrecorded) \(unrecorded == 1 ? "meeting" : "meetings") in the last 60 days \(unrecorded == 1 ? "needs" : "need") a record of who came",
                                       href: Paths.meetings(needing: .attendance)))
        }
        return items
    }

    /// A year of meetings of the demonstration area's groups, with a believable
    /// mix of kept and broken promises: most liaison meetings are arranged as
    /// the agreement asks, some start too early, lack a named contact or
    /// refreshments, or were chaired by the council, and one was cancelled. The
    /// strategy group meets in the afternoon, outside the agreement's hours.
    func addDemoData(_ demo: DemoBuilder) async throws {
        let today = demo.today
        let ten = TimeOfDay(hour: 10, minute: 0)!, noon = TimeOfDay(hour: 12, minute: 0)!
        func person(_ key: String) -> UUID { demo.id(of: PersonModel.self, key) }
        func members(of groupKey: String) async throws -> [(id: UUID, organisation: UUID?, decides: Bool)] {
            try await MembershipModel.query(on: demo.db).filter(\.$group.$id == demo.id(of: GroupModel.self, groupKey))
                .with(\.$person).all().map { ($0.$person.id, $0.person.$organisation.id, $0.makesDecisions) }
        }

        // The liaison meeting: monthly, on the second Tuesday, from a year ago to three months ahead.
        let liaisonID = demo.id(of: GroupModel.self, "liaison")
        let liaisonMembers = try await members(of: "liaison")
        let firstMonth = today.adding(months: -12)
        let dates = MeetingSeries.dates(from: MeetingSeries.sameWeekday(as: CalendarDate(year: 2026, month: 1, day: 13)!, occurrence: 2,
                                                                          inMonthOf: firstMonth),
                                        cadence: .monthly, count: 16)!
        let seriesID = UUID()
        for (index, date) in dates.enumerated() {
            // Every fourth month something slips, each time in a different way.
            let slip = index % 4 == 3 ? (index / 4) % 4 : -1
            let starts = slip == 0 ? TimeOfDay(hour: 9, minute: 30)! : ten
            let details = MeetingDetails(date: date, startsAt: starts, endsAt: noon, venue: "Riverside Hub, Meeting Room 2, 14 Market Street",
                                         onlineLink: index % 2 == 0 ? "https://meet.example.org/riverside-liaison" : nil, refreshments: slip != 1)
            let meeting = MeetingModel(areaID: demo.areaID, groupID: liaisonID, seriesID: seriesID, details: details,
                                       people: MeetingPeople(chairID: person(slip == 2 ? "helen" : "amara"), contactID: slip == 3 ? nil : person("owen"),
                                                             officerID: person("owen")))
            if index == 10 {
                meeting.status = .cancelled
                meeting.cancelledReason = "The venue flooded; items moved to the next meeting."
                meeting.sequence = 1
            }
            try await meeting.create(on: demo.db)
            if index == 0 { try demo.remember(meeting, as: "first-liaison") }
            try await recordDemoAttendance(meeting, members: liaisonMembers, index: index, demo: demo)
            try await addDemoAgenda(meeting, index: index, slip: slip, demo: demo)
            try await addDemoPartners(meeting, index: index, demo: demo)
            try await addDemoMinutes(meeting, index: index, of: dates.count, demo: demo)
        }

        // The short breaks group every six weeks, and the strategy group every two months.
        for (groupKey, cadence, chair, contact, count) in [("breaks", Cadence.everySixWeeks, "ian", "olivia", 10), ("strategy", .everyTwoMonths, "mark", "ruth", 7)] {
            let groupMembers = try await members(of: groupKey)
            let first = today.adding(days: -300)
            let series = MeetingSeries.dates(from: first.adding(days: (2 - first.weekday + 7) % 7), cadence: cadence, count: count)!
            let seriesID = UUID()
            for (index, date) in series.enumerated() {
                let meeting = MeetingModel(areaID: demo.areaID, groupID: demo.id(of: GroupModel.self, groupKey), seriesID: seriesID,
                                           details: MeetingDetails(date: date, startsAt: groupKey == "breaks" ? TimeOfDay(hour: 10, minute: 30)! : TimeOfDay(hour: 13, minute: 30)!,
                                                                   endsAt: groupKey == "breaks" ? TimeOfDay(hour: 12, minute: 30)! : TimeOfDay(hour: 15, minute: 30)!,
                                                                   venue: "Civic Centre, Committee Room 1", onlineLink: nil, refreshments: true),
                                           people: MeetingPeople(chairID: person(chair), contactID: index == 1 ? nil : person(contact), officerID: person(contact)))
                try await meeting.create(on: demo.db)
                try await recordDemoAttendance(meeting, members: groupMembers, index: index, demo: demo)
            }
        }

        // Every demo meeting's rules checked and kept, as the morning round does, so the health page tells the year's
        // story; the organisers of meetings with a promise at risk get this morning's reminders (kept in the outbox).
        guard let area = try await AreaModel.find(demo.areaID, on: demo.db) else { return }
        let sixInTheMorning = (try? UKDateTime(date: today, time: TimeOfDay(hour: 6, minute: 0)!).instant().get()) ?? Date()
        try await MeetingChecks.check(area, db: demo.db, now: sixInTheMorning, logger: Logger(label: "coproduce.demo"), mailFrom: AppConfig.defaultMailFrom,
                                      siteAddress: AppConfig.defaultSiteAddress, from: today.adding(days: -400), sendReminders: true)
    }

    /// The liaison meeting's agenda: complaints, a paper families can read and
    /// one full of jargon. Packs usually go out 9 days ahead; when a month
    /// slips they go out late, and the next meeting's pack has not gone yet.
    private func addDemoAgenda(_ meeting: MeetingModel, index: Int, slip: Int, demo: DemoBuilder) async throws {
        guard meeting.status == .scheduled else { return }
        let meetingID = try meeting.requireID()
        // Meetings up to ten weeks ahead have their agendas started.
        guard meeting.meetsOn < demo.today.adding(days: 70) else { return }
        let items: [(String, AgendaItemPurpose, String?, String?, Int, String?)] = [
            ("Complaints about any partner", .discussion, "Tell us about complaints families have raised with the forum since the last meeting.", "amara", 20, nil),
            ("Short breaks: what families told us", .decision, "Agree which changes to short breaks the forum wants first.", "jo", 30, "short-breaks"),
            ("Written statement of action: progress report", .information, index % 3 == 0 ? nil : "Say whether families have seen the changes described.", "helen", 20, "progress"),
        ]
        let checker = PlainEnglishChecker(settings: CheckerSettings())
        let uploadedAt = (try? UKDateTime(date: meeting.meetsOn.adding(days: -12), time: TimeOfDay(hour: 11, minute: 0)!).instant().get()) ?? Date()
        for (position, seed) in items.enumerated() {
            let item = AgendaItemModel(meetingID: meetingID, position: position + 1,
                                       details: AgendaItemDetails(title: seed.0, purpose: seed.1, forumAsk: seed.2, minutes: seed.4),
                                       leadID: seed.3.map { demo.id(of: PersonModel.self, $0) }, status: .accepted, proposedBy: "Jo Whitfield")
            try await item.create(on: demo.db)
            guard let paperKey = seed.5 else { continue }
            let text = paperKey == "short-breaks" ? Self.plainPaper : Self.jargonPaper
            let paper = PaperModel(meetingID: meetingID, itemID: try item.requireID(), title: paperKey == "short-breaks" ? "What families told us about short breaks" : "SEND improvement programme: highlight report")
            try await paper.create(on: demo.db)
            if index == 0 && paperKey == "short-breaks" { try demo.remember(paper, as: "first-paper") }
            let version = PaperVersionModel(paperID: try paper.requireID(), version: 1, fileName: paperKey + ".txt", byteCount: text.utf8.count, text: text,
                                            check: PaperCheck(checker.check(Document(plainText: text), profile: .standard)), uploadedBy: "Jo Whitfield",
                                            uploadedAt: uploadedAt)
            try await version.create(on: demo.db)
            try await PaperFileModel(versionID: try version.requireID(), data: Data(text.utf8)).create(on: demo.db)
        }
        // Nine days ahead as a rule; four days ahead in a month that slipped on papers.
        let daysAhead = slip == 1 || slip == 3 ? 4 : 9
        guard meeting.meetsOn.adding(days: -daysAhead) < demo.today else { return }
        let sentAt = (try? UKDateTime(date: meeting.meetsOn.adding(days: -daysAhead), time: TimeOfDay(hour: 9, minute: 15)!).instant().get()) ?? Date()
        try await PackSendingModel(meetingID: meetingID, sentAt: sentAt, sentBy: "Owen Davies", recipients: 7, withoutAddress: []).create(on: demo.db)
        let versions = try await PaperVersionModel.query(on: demo.db).join(PaperModel.self, on: \PaperVersionModel.$paper.$id == \PaperModel.$id)
            .filter(PaperModel.self, \.$meeting.$id == meetingID).all()
        for version in versions {
            version.firstSentAt = sentAt
            try await version.save(on: demo.db)
        }
    }

    /// Minutes and actions of past liaison meetings: older minutes approved at the next meeting, the
    /// last ones sent or still a draft; older actions done, recent ones open, a few overdue.
    private func addDemoMinutes(_ meeting: MeetingModel, index: Int, of count: Int, demo: DemoBuilder) async throws {
        guard meeting.status == .scheduled, meeting.meetsOn < demo.today.adding(days: -7) else { return }
        let meetingID = try meeting.requireID()
        let daysAgo = meeting.meetsOn.days(until: demo.today)
        let minutes = MinutesModel(meetingID: meetingID, details: MinutesDetails(
            text: "Complaints: the forum raised two complaints about waiting times for speech and language therapy. The ICB will reply in writing.\n\nShort breaks: the group agreed to put every short break on one web page.\n\nProgress report: the council explained the changes to annual reviews. The forum said families have not yet seen them.",
            decisions: ["Put every short break on one web page by the spring", "Ask families about short breaks again next year"]), writtenBy: "Jo Whitfield")
        // Minutes usually go out 6 days after; every fifth month they were late.
        let late = index % 5 == 2
        let sentAt = (try? UKDateTime(date: meeting.meetsOn.adding(days: late ? 15 : 6), time: TimeOfDay(hour: 16, minute: 0)!).instant().get()) ?? Date()
        if daysAgo > 40 {
            minutes.status = .approved
            minutes.circulatedAt = sentAt
            minutes.firstCirculatedAt = sentAt
            minutes.approvedAt = sentAt.addingTimeInterval(24 * 86_400)
        } else if daysAgo > 14 && !late {
            minutes.status = .circulated
            minutes.circulatedAt = sentAt
            minutes.firstCirculatedAt = sentAt
        }
        try await minutes.create(on: demo.db)
        // The minutes record the open complaints about the partners as discussed, but for one meeting
        // that ran out of time; the latest minutes, still a draft, have not recorded them yet.
        if daysAgo > 14 && index % 6 != 4 {
            let partners = try await AgendaPartnerModel.query(on: demo.db).filter(\.$meeting.$id == meetingID).all().map(\.$organisation.id)
            let due = try await ComplaintModel.query(on: demo.db).filter(\.$area.$id == demo.areaID).filter(\.$aboutOrganisation.$id ~~ partners)
                .filter(\.$receivedOn <= meeting.meetsOn).filter(\.$status != .closed).filter(\.$discussedThrough == nil).all()
            for complaint in due {
                try await ComplaintDiscussionModel(complaintID: try complaint.requireID(), meetingID: meetingID, meetsOn: meeting.meetsOn,
                                                   recordedBy: "Jo Whitfield").create(on: demo.db)
                complaint.discussedThrough = meeting.meetsOn
                try await complaint.save(on: demo.db)
            }
        }
        let actions: [(String, String, Int)] = [
            ("Reply in writing to the forum about speech and language therapy waiting times", "fiona", 21),
            ("Put every short break on one web page", "owen", 35),
        ]
        for (text, owner, dueIn) in actions {
            let action = ActionModel(areaID: demo.areaID, groupID: meeting.$group.id, meetingID: meetingID,
                                     details: ActionDetails(text: text, dueOn: meeting.meetsOn.adding(days: dueIn), notes: nil),
                                     ownerID: demo.id(of: PersonModel.self, owner))
            // Older actions are done; the last few months' are still open, some past their date.
            if daysAgo > 100 {
                action.status = .done
                action.closedOn = meeting.meetsOn.adding(days: dueIn - 3)
            }
            try await action.create(on: demo.db)
        }
    }

    /// The forum, the council and the ICB signed the agreement: each is asked for items three weeks
    /// ahead and agrees the agenda; the ICB answers late one month in three, and once the council was
    /// asked only days before. The next meetings are still waiting for answers.
    private func addDemoPartners(_ meeting: MeetingModel, index: Int, demo: DemoBuilder) async throws {
        guard meeting.status == .scheduled, meeting.meetsOn < demo.today.adding(days: 40) else { return }
        let meetingID = try meeting.requireID()
        let items = try await AgendaItemModel.query(on: demo.db).filter(\.$meeting.$id == meetingID).all()
        let digest = PartnerStore.digest(of: items)
        for key in ["forum", "council", "icb"] {
            let askedDay = meeting.meetsOn.adding(days: key == "council" && index == 5 ? -5 : -21)
            guard askedDay <= demo.today else { continue }
            let row = AgendaPartnerModel(meetingID: meetingID, organisationID: demo.id(of: OrganisationModel.self, key))
            row.askedAt = (try? UKDateTime(date: askedDay, time: TimeOfDay(hour: 9, minute: 0)!).instant().get()) ?? Date()
            row.itemsDueOn = meeting.meetsOn.adding(days: -11)
            row.askedAddresses = 1
            let agreedDay = meeting.meetsOn.adding(days: -8)
            if agreedDay < demo.today && !(key == "icb" && index % 3 == 1) {
                row.agreedAt = (try? UKDateTime(date: agreedDay, time: TimeOfDay(hour: 15, minute: 0)!).instant().get()) ?? Date()
                row.agreedBy = ["forum": "Amara Okafor", "council": "Helen Carter", "icb": "Fiona Grant"][key]
                row.agreedAgenda = digest
            }
            try await row.create(on: demo.db)
        }
    }

    static let plainPaper = """
        What families told us about short breaks

        In May we asked families how short breaks work for them. 214 families answered.

        Most families said short breaks help. Many said they do not know what is on offer. Some said sessions were cancelled at short notice.

        We would like the partnership to agree three things. Put every short break on one web page. Tell families at least two weeks before a session is cancelled. Ask families again next spring.
        """

    static let jargonPaper = """
        SEND improvement programme: highlight report

        Following the Area SEND inspection, the WSOA workstreams have been re-baselined and the programme board has agreed that the graduated approach will be embedded across all educational settings through a holistic, multi-agency offer co-ordinated by the SENCO network with input from key stakeholders including the ICB, the DCO and the LA's SEND casework function.

        EHCNA timeliness remains below the statutory 20-week threshold and a deep dive has been commissioned to understand the drivers, with a view to a revised trajectory being presented to the SEND Partnership Board in due course subject to capacity.
        """

    /// Who came to a past demo meeting: most members, with one partner now
    /// and then sending nobody who could decide. The latest meeting waits for
    /// its record, so the home page asks for it.
    private func recordDemoAttendance(_ meeting: MeetingModel, members: [(id: UUID, organisation: UUID?, decides: Bool)], index: Int,
                                      demo: DemoBuilder) async throws {
        guard meeting.status == .scheduled, meeting.meetsOn < demo.today.adding(days: -7) else { return }
        let meetingID = try meeting.requireID()
        for (position, member) in members.enumerated() {
            let status: AttendanceStatus = (position + index) % 5 == 0 ? .apologies : ((position + index) % 7 == 3 ? .absent : .attended)
            try await AttendanceModel(meetingID: meetingID, personID: member.id, organisationID: member.organisation, status: status,
                                      makesDecisions: member.decides).create(on: demo.db)
        }
        meeting.attendanceRecordedAt = (try? UKDateTime(date: meeting.meetsOn, time: meeting.endsAt).instant().get()) ?? Date()
        try await meeting.save(on: demo.db)
    }

    /// A meeting going ahead with an item and a paper, so every route of the part can be reached.
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let paper = try await PaperModel.query(on: db).join(MeetingModel.self, on: \PaperModel.$meeting.$id == \MeetingModel.$id)
            .filter(MeetingModel.self, \.$area.$id == areaID).filter(MeetingModel.self, \.$status == .scheduled)
            .sort(MeetingModel.self, \.$meetsOn).first() else { return [:] }
        // Only a calendar address's digest is kept, so one is made for the walk to follow, for someone
        // without an account: the walk's own visits to the calendar page renew and stop those of its accounts.
        let withAccounts = Set(try await AccountModel.query(on: db).filter(\.$area.$id == areaID).all().map(\.$person.id))
        guard let person = try await PersonModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$sortName).limit(200).all()
            .first(where: { !withAccounts.contains($0.id!) }) else { return [:] }
        let token = DatabaseSessionDriver.newToken()
        try await CalendarFeedModel.query(on: db).filter(\.$person.$id == person.requireID()).delete()
        try await CalendarFeedModel(areaID: areaID, personID: try person.requireID(), tokenDigest: DatabaseSessionDriver.digest(token)).create(on: db)
        var parameters = ["meetingID": paper.$meeting.id.uuidString, "itemID": paper.$item.id.uuidString, "paperID": try paper.requireID().uuidString,
                          "version": "1", "token": token + ".ics"]
        if let action = try await ActionModel.query(on: db).filter(\.$meeting.$id == paper.$meeting.id).first() {
            parameters["actionID"] = try action.requireID().uuidString
        }
        return parameters
    }
}
