import Domain
import Fluent
import OpenAPIKit
import Vapor

// Meetings in the JSON API: arranging them, who came, and the agreement's rules checked for each.

extension API {
    struct Meeting: Content {
        let id: UUID
        let groupId: UUID
        let seriesId: UUID?
        let date: String
        let startsAt: String
        let endsAt: String
        let venue: String?
        let onlineLink: String?
        let refreshments: Bool
        let chairId: UUID?
        let contactId: UUID?
        let officerId: UUID?
        let status: String
        let cancelledReason: String?
        let attendanceRecorded: Bool
        /// Only when one meeting is asked for.
        let rules: [MeetingRule]?
        let attendance: [Attendance]?
        let agenda: [AgendaItem]?
        let minutes: Minutes?
        let actions: [Action]?
        let partners: [MeetingPartner]?
        let complaints: [MeetingComplaint]?

        init(_ model: MeetingModel, rules: [MeetingRule]? = nil, attendance: [Attendance]? = nil, agenda: [AgendaItem]? = nil,
             minutes: Minutes? = nil, actions: [Action]? = nil, partners: [MeetingPartner]? = nil, complaints: [MeetingComplaint]? = nil) throws {
            id = try model.requireID()
            groupId = model.$group.id
            seriesId = model.seriesID
            date = model.meetsOn.iso8601
            startsAt = model.startsAt.description
            endsAt = model.endsAt.description
            venue = model.venue
            onlineLink = model.onlineLink
            refreshments = model.refreshments
            chairId = model.$chair.id
            contactId = model.$contact.id
            officerId = model.$officer.id
            status = model.status.rawValue
            cancelledReason = model.cancelledReason
            attendanceRecorded = model.attendanceRecordedAt != nil
            self.rules = rules
            self.attendance = attendance
            self.agenda = agenda
            self.minutes = minutes
            self.actions = actions
            self.partners = partners
            self.complaints = complaints
        }
    }

    struct MeetingRule: Content {
        let clauseId: UUID
        let clauseNumber: String
        let kind: String
        let summary: String
        let result: String
        let evidence: String
    }

    struct Attendance: Content {
        let personId: UUID?
        let organisationId: UUID?
        let status: String
        let makesDecisions: Bool
    }

    struct MeetingInput: Content {
        var date: String?
        var startsAt: String?
        var endsAt: String?
        var venue: String?
        var onlineLink: String?
        var refreshments: Bool?
        var chairId: String?
        var contactId: String?
        var officerId: String?
        var count: Int?

        func storeInput() throws -> MeetingStore.Input {
            try API.refuseEmpty([("chairId", chairId, "a person's id"), ("contactId", contactId, "a person's id"),
                                 ("officerId", officerId, "a person's id")])
            return .init(date: try API.dateInput(date, field: "date"), startsAt: startsAt, endsAt: endsAt, venue: venue, onlineLink: onlineLink,
                         refreshments: refreshments.map { $0 ? "yes" : "no" }, chairId: chairId, contactId: contactId, officerId: officerId,
                         count: count.map(String.init))
        }
    }

    struct ScheduledMeetings: Content {
        let meetings: [Meeting]
    }

    struct MeetingCancellation: Content {
        var reason: String?
    }

    struct AttendanceInput: Content {
        struct Entry: Content {
            var personId: String
            var status: String?
            var makesDecisions: Bool?
        }
        var attendance: [Entry]
    }
}

struct MeetingsAPI: APIPart {
    /// The meetings' schemas and the agenda's (`AgendaAPI`).
    static var schemas: OpenAPI.ComponentDictionary<JSONSchema> {
        var all = meetingSchemas
        for (name, schema) in AgendaAPI.schemas { all[name] = schema }
        for (name, schema) in MinutesAPI.schemas { all[name] = schema }
        for (name, schema) in PartnersAPI.schemas { all[name] = schema }
        return all
    }

    /// The JSON schemas of the types above; a test checks each type's keys against its schema.
    static let meetingSchemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Meeting": .object(properties: [
            "id": .string(format: .uuid),
            "groupId": .string(format: .uuid),
            "seriesId": optionalString("Meetings arranged together share a series", format: .uuid),
            "date": date,
            "startsAt": .string(description: "UK clock time, HH:MM"),
            "endsAt": .string(description: "UK clock time, HH:MM"),
            "venue": optionalString(),
            "onlineLink": optionalString(format: .uri),
            "refreshments": .boolean,
            "chairId": optionalString(format: .uuid),
            "contactId": optionalString("The named contact who welcomes forum representatives", format: .uuid),
            "officerId": optionalString("The nominated officer who arranges the meeting", format: .uuid),
            "status": oneOf(MeetingStatus.self),
            "cancelledReason": optionalString(),
            "attendanceRecorded": .boolean,
            "rules": .array(required: false, nullable: true, description: "Only when one meeting is asked for",
                            items: .reference(.component(named: "MeetingRule"))),
            "attendance": .array(required: false, nullable: true, description: "Only when one meeting is asked for and its attendance is recorded",
                                 items: .reference(.component(named: "Attendance"))),
            "agenda": .array(required: false, nullable: true, description: "Only when one meeting is asked for: on the agenda in order, then proposed, put off and withdrawn",
                             items: .reference(.component(named: "AgendaItem"))),
            "minutes": .one(of: [.reference(.component(named: "Minutes")), .null()],
                            core: .init(required: false, description: "Only when one meeting is asked for and its minutes are written")),
            "actions": .array(required: false, nullable: true, description: "Only when one meeting is asked for: the actions it agreed",
                              items: .reference(.component(named: "Action"))),
            "partners": .array(required: false, nullable: true, description: "Only when one meeting is asked for: the partners asked for items and agreeing the agenda",
                               items: .reference(.component(named: "MeetingPartner"))),
            "complaints": .array(required: false, nullable: true,
                                 description: "Only when one meeting is asked for and the agreement asks for complaints to be discussed: those due at it",
                                 items: .reference(.component(named: "MeetingComplaint"))),
        ]),
        "MeetingRule": .object(properties: [
            "clauseId": .string(format: .uuid),
            "clauseNumber": .string,
            "kind": oneOf(ClauseRule.Kind.self),
            "summary": .string,
            "result": oneOf(MeetingRuleCheck.Result.self),
            "evidence": .string(description: "One sentence saying why"),
        ]),
        "Attendance": .object(properties: [
            "personId": optionalString("Null once the person's record is removed", format: .uuid),
            "organisationId": optionalString("The organisation they came for", format: .uuid),
            "status": oneOf(AttendanceStatus.self),
            "makesDecisions": .boolean,
        ]),
        "MeetingInput": .object(properties: [
            "date": date,
            "startsAt": .string(description: "UK clock time: 10:00, 10am or 2:30pm"),
            "endsAt": .string(description: "UK clock time: 12:00, 12pm or 4:30pm"),
            "venue": optionalString(),
            "onlineLink": optionalString("Starts with https://", format: .uri),
            "refreshments": .boolean,
            "chairId": optionalString("A member of the group", format: .uuid),
            "contactId": optionalString("A member of the group", format: .uuid),
            "officerId": optionalString("A member of the group", format: .uuid),
            "count": .integer(required: false, nullable: true, description: "When arranging: how many meetings, following the group's cadence (1 to 24)",
                              minimum: (1, exclusive: false)),
        ]),
        "ScheduledMeetings": .object(properties: [
            "meetings": .array(items: .reference(.component(named: "Meeting"))),
        ]),
        "MeetingCancellation": .object(properties: [
            "reason": .string(maxLength: 500),
        ]),
        "AttendanceInput": .object(properties: [
            "attendance": .array(description: "Every member of the group, once", items: .object(properties: [
                "personId": .string(format: .uuid),
                "status": oneOf(AttendanceStatus.self),
                "makesDecisions": .boolean,
            ])),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = MeetingsAPI()
        let view = RouteAccess.requires(.viewPartnership), manage = RouteAccess.requires(.manageMeetings)
        return [
            APIOperation("listMeetings", .GET, Paths.API.meetings, view, tag: "Meetings",
                         summary: "List the area's meetings: ?when=upcoming (soonest first, the default) or past (latest first)",
                         reply: .page("Meeting"), handler: api.listMeetings),
            APIOperation("listGroupMeetings", .GET, Paths.API.groupMeetings, view, tag: "Meetings",
                         summary: "List one group's meetings: ?when=upcoming or past", reply: .page("Meeting"), handler: api.listGroupMeetings),
            APIOperation("scheduleMeetings", .POST, Paths.API.groupMeetings, manage, tag: "Meetings",
                         summary: "Arrange a meeting, or with count a series following the group's cadence",
                         body: "MeetingInput", reply: .created("ScheduledMeetings"), handler: api.scheduleMeetings),
            APIOperation("getMeeting", .GET, Paths.API.meeting, view, tag: "Meetings",
                         summary: "One meeting, with the agreement's rules checked and who came", reply: .one("Meeting"), handler: api.getMeeting),
            APIOperation("updateMeeting", .PUT, Paths.API.meeting, manage, tag: "Meetings",
                         summary: "Move or change one meeting (count is not used)", body: "MeetingInput", reply: .one("Meeting"), handler: api.updateMeeting),
            APIOperation("cancelMeeting", .POST, Paths.API.cancelMeeting, manage, tag: "Meetings",
                         summary: "Cancel one meeting, saying why", body: "MeetingCancellation", reply: .one("Meeting"), handler: api.cancelMeeting),
            APIOperation("recordAttendance", .PUT, Paths.API.meetingAttendance, manage, tag: "Meetings",
                         summary: "Record who came, for every member of the group", body: "AttendanceInput", reply: .one("Meeting"),
                         handler: api.recordAttendance),
        ] + AgendaAPI.operations() + MinutesAPI.operations() + PartnersAPI.operations()
    }

    func listMeetings(req: Request) async throws -> API.Page<API.Meeting> {
        try await list(req, group: nil)
    }

    func listGroupMeetings(req: Request) async throws -> API.Page<API.Meeting> {
        let group = try await GroupStore(try req.store).find(req.id("groupID"))
        return try await list(req, group: try group.requireID())
    }

    private func list(_ req: Request, group: UUID?) async throws -> API.Page<API.Meeting> {
        let page = try API.pageRequest(req)
        var when = MeetingStore.When.upcoming
        if let raw = try API.queryParameter(req, "when") {
            guard let known = MeetingStore.When(rawValue: raw) else {
                throw ValidationErrors(field: "when", message: "when must be upcoming or past")
            }
            when = known
        }
        let (items, total) = try await MeetingStore(try req.store).page(when, group: group, page)
        return API.Page(items: try items.map { try API.Meeting($0) }, page: page.number, perPage: page.size, total: total)
    }

    func scheduleMeetings(req: Request) async throws -> Response {
        let group = try await GroupStore(try req.store).find(req.id("groupID"))
        let input = try req.content.decode(API.MeetingInput.self)
        let meetings = try await MeetingStore(try req.store).schedule(for: group, try input.storeInput())
        return try await .created(API.ScheduledMeetings(meetings: try meetings.map { try API.Meeting($0) }),
                                  at: Paths.API.meeting(try meetings[0].recordID), for: req)
    }

    func getMeeting(req: Request) async throws -> API.Meeting {
        try await detailed(try await req.meeting(), req: req)
    }

    func updateMeeting(req: Request) async throws -> API.Meeting {
        let model = try await req.meeting()
        let input = try req.content.decode(API.MeetingInput.self)
        try await MeetingStore(try req.store).update(model, with: try input.storeInput(), siteAddress: req.application.appConfig.siteAddress)
        return try await detailed(try await req.meeting(), req: req)
    }

    func cancelMeeting(req: Request) async throws -> API.Meeting {
        let model = try await req.meeting()
        let input = try req.content.decode(API.MeetingCancellation.self)
        try await MeetingStore(try req.store).cancel(model, reason: input.reason, siteAddress: req.application.appConfig.siteAddress)
        return try await detailed(model, req: req)
    }

    func recordAttendance(req: Request) async throws -> API.Meeting {
        let model = try await req.meeting()
        let input = try req.content.decode(API.AttendanceInput.self)
        try await MeetingStore(try req.store).recordAttendance(of: model, input.attendance.map {
            MeetingStore.AttendanceEntry(personId: $0.personId, status: $0.status, makesDecisions: $0.makesDecisions ?? false)
        })
        return try await detailed(try await req.meeting(), req: req)
    }


    private func detailed(_ model: MeetingModel, req: Request) async throws -> API.Meeting {
        let store = MeetingStore(try req.store)
        let agendaStore = AgendaStore(try req.store)
        let papers = try await agendaStore.papers(of: model)
        let items = try await agendaStore.items(of: model)
        let report = try await store.currentRules(for: model, agenda: (items, papers))
        let rules = try report.lines.map { line in
            API.MeetingRule(clauseId: try line.clause.requireID(), clauseNumber: line.clause.number, kind: line.rule.kind.rawValue,
                            summary: line.rule.summary, result: line.outcome.result.rawValue, evidence: line.outcome.evidence)
        }
        let attendance = model.attendanceRecordedAt == nil ? nil : try await store.attendance(of: model).map {
            API.Attendance(personId: $0.$person.id, organisationId: $0.$organisation.id, status: $0.status.rawValue, makesDecisions: $0.makesDecisions)
        }
        let agenda = try items.map { try AgendaAPI.item($0, papers: papers) }
        let context = try req.store
        let minutesStore = MinutesStore(context)
        let minutes = try await minutesStore.minutes(of: model).map(API.Minutes.init)
        let actions = try await minutesStore.actions(agreedAt: model).map { try API.Action($0, today: context.today) }
        // Complaints go only to those who may read the register: the API says which are due, not what they say.
        let complaints = context.actor.can(.viewComplaints) ? try report.complaints?.map(API.MeetingComplaint.init) : nil
        return try API.Meeting(model, rules: rules, attendance: attendance, agenda: agenda, minutes: minutes, actions: actions,
                               partners: try report.partners.map(API.MeetingPartner.init), complaints: complaints)
    }
}
