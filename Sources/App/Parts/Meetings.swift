import Domain
import Fluent
import Vapor

extension Paths {
    static let meetings = PathTemplate("meetings")
    static let newMeeting = PathTemplate("groups", ":groupID", "meetings", "new")
    static let meeting = PathTemplate("meetings", ":meetingID")
    static let editMeeting = PathTemplate("meetings", ":meetingID", "edit")
    static let cancelMeeting = PathTemplate("meetings", ":meetingID", "cancel")
    static let meetingAttendance = PathTemplate("meetings", ":meetingID", "attendance")

    static func newMeeting(_ group: RecordID<GroupModel>) -> String { newMeeting.url(group) }
    static func meeting(_ id: RecordID<MeetingModel>) -> String { meeting.url(id) }
    static func editMeeting(_ id: RecordID<MeetingModel>) -> String { editMeeting.url(id) }
    static func cancelMeeting(_ id: RecordID<MeetingModel>) -> String { cancelMeeting.url(id) }
    static func meetingAttendance(_ id: RecordID<MeetingModel>) -> String { meetingAttendance.url(id) }
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

    static func meeting(_ id: RecordID<MeetingModel>) -> String { meeting.url(id) }
}

/// Meetings of the partnership's groups: arranging them one at a time or as a
/// series, who came, and the agreement's rules checked for each one (seed 000,
/// sections 4.6 and 6).
struct MeetingsPart: ProductPart {
    let name = "Meetings"

    var migrations: [any AsyncMigration] { [CreateMeetings(), CreateMeetingAttendance()] }

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
    }

    var api: (any APIPart.Type)? { MeetingsAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Meetings", path: Paths.meetings, permission: .viewPartnership)] }

    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        guard context.actor.can(.manageMeetings) else { return [] }
        let store = MeetingStore(context)
        var items: [AttentionItem] = []
        let unnamed = try await store.count(.people)
        if unnamed > 0 {
            items.append(AttentionItem(text: "\(unnamed) \(unnamed == 1 ? "meeting" : "meetings") in the next 2 weeks \(unnamed == 1 ? "has" : "have") no chair or no named contact",
                                       href: Paths.meetings(needing: .people)))
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
            if index == 5 {
                meeting.status = .cancelled
                meeting.cancelledReason = "The venue flooded; items moved to the next meeting."
                meeting.sequence = 1
            }
            try await meeting.create(on: demo.db)
            if index == 0 { try demo.remember(meeting, as: "first-liaison") }
            try await recordDemoAttendance(meeting, members: liaisonMembers, index: index, demo: demo)
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
    }

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

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let meeting = try await MeetingModel.query(on: db).filter(\.$area.$id == areaID).filter(\.$status == .scheduled)
            .sort(\.$meetsOn).first() else { return [:] }
        return ["meetingID": try meeting.requireID().uuidString]
    }
}
