import Domain
import Fluent
import OpenAPIKit
import Vapor

// A meeting's minutes and actions in the JSON API.

extension API {
    struct Minutes: Content {
        let text: String
        let decisions: [String]
        let status: String
        let circulatedAt: String?
        let approvedAt: String?
        let approvedAtMeetingId: UUID?

        init(_ model: MinutesModel) {
            text = model.text
            decisions = model.decisions
            status = model.status.rawValue
            circulatedAt = model.circulatedAt.map(API.instant)
            approvedAt = model.approvedAt.map(API.instant)
            approvedAtMeetingId = model.$approvedAtMeeting.id
        }

        init(text: String, decisions: [String], status: String, circulatedAt: String?, approvedAt: String?, approvedAtMeetingId: UUID?) {
            self.text = text
            self.decisions = decisions
            self.status = status
            self.circulatedAt = circulatedAt
            self.approvedAt = approvedAt
            self.approvedAtMeetingId = approvedAtMeetingId
        }
    }

    struct Action: Content {
        let id: UUID
        let meetingId: UUID
        let text: String
        let ownerId: UUID?
        let dueOn: String?
        let status: String
        let notes: String?
        let overdue: Bool

        init(_ model: ActionModel, today: CalendarDate) throws {
            id = try model.requireID()
            meetingId = model.$meeting.id
            text = model.text
            ownerId = model.$owner.id
            dueOn = model.dueOn?.iso8601
            status = model.status.rawValue
            notes = model.notes
            overdue = model.isOverdue(today: today)
        }

        init(id: UUID, meetingId: UUID, text: String, ownerId: UUID?, dueOn: String?, status: String, notes: String?, overdue: Bool) {
            self.id = id
            self.meetingId = meetingId
            self.text = text
            self.ownerId = ownerId
            self.dueOn = dueOn
            self.status = status
            self.notes = notes
            self.overdue = overdue
        }
    }

    struct MinutesInput: Content {
        var text: String?
        var decisions: [String]?
        /// The complaints due at the meeting that it discussed; left out, the record stays as it is.
        var complaintsDiscussed: [String]?
    }

    struct ActionInput: Content {
        var text: String?
        var ownerId: String?
        var dueOn: String?
        var notes: String?
        var status: String?

        func storeInput() throws -> MinutesStore.ActionInput {
            try API.refuseEmpty([("ownerId", ownerId, "a person's id")])
            return .init(text: text, ownerId: ownerId, dueOn: try API.dateInput(dueOn, field: "dueOn"), notes: notes, status: status)
        }
    }
}

struct MinutesAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Minutes": .object(properties: [
            "text": .string,
            "decisions": .array(items: .string),
            "status": oneOf(MinutesStatus.self),
            "circulatedAt": .string(format: .dateTime, required: false, nullable: true),
            "approvedAt": .string(format: .dateTime, required: false, nullable: true),
            "approvedAtMeetingId": optionalString("The group's meeting that approved them", format: .uuid),
        ]),
        "Action": .object(properties: [
            "id": .string(format: .uuid),
            "meetingId": .string(format: .uuid, description: "The meeting that agreed it"),
            "text": .string,
            "ownerId": optionalString(format: .uuid),
            "dueOn": optionalDate,
            "status": oneOf(ActionStatus.self),
            "notes": optionalString(),
            "overdue": .boolean,
        ]),
        "MinutesInput": .object(properties: [
            "text": .string(maxLength: MinutesDetails.longestText),
            "decisions": .array(required: false, nullable: true, items: .string),
            "complaintsDiscussed": .array(required: false, nullable: true,
                                          description: "Ids of the complaints due at the meeting that it discussed; left out, the record stays as it is",
                                          items: .string(format: .uuid)),
        ]),
        "ActionInput": .object(properties: [
            "text": .string(maxLength: 2000),
            "ownerId": optionalString("A member of the group", format: .uuid),
            "dueOn": optionalDate,
            "notes": optionalString(),
            "status": oneOf(ActionStatus.self, required: false, description: "Needed when changing an action"),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = MinutesAPI()
        let manage = RouteAccess.requires(.manageMeetings)
        return [
            APIOperation("saveMinutes", .PUT, Paths.API.meetingMinutes, manage, tag: "Meetings",
                         summary: "Write or rewrite a meeting's minutes, once it has started; changed minutes are a draft again",
                         body: "MinutesInput", reply: .one("Minutes"), handler: api.save),
            APIOperation("circulateMinutes", .POST, Paths.API.circulateMinutes, manage, tag: "Meetings",
                         summary: "E-mail draft minutes to every member of the group", mayRefuse: true, reply: .one("Minutes"), handler: api.circulate),
            APIOperation("approveMinutes", .POST, Paths.API.approveMinutes, manage, tag: "Meetings",
                         summary: "Record that the group's next meeting, once started, approved the minutes", mayRefuse: true,
                         reply: .one("Minutes"), handler: api.approve),
            APIOperation("addAction", .POST, Paths.API.meetingActions, manage, tag: "Meetings",
                         summary: "Add an action agreed at a meeting", body: "ActionInput", reply: .created("Action"), handler: api.addAction),
            APIOperation("updateAction", .PUT, Paths.API.meetingAction, manage, tag: "Meetings",
                         summary: "Replace an action's details and status", body: "ActionInput", reply: .one("Action"), handler: api.updateAction),
        ]
    }

    func save(req: Request) async throws -> API.Minutes {
        let meeting = try await req.meeting(goingAhead: true)
        let input = try req.content.decode(API.MinutesInput.self)
        // The document's limit counts characters as sent, before spaces are tidied.
        if let text = input.text, text.unicodeScalars.count > MinutesDetails.longestText {
            throw ValidationErrors(field: "text", message: "text must be \(MinutesDetails.longestText) characters or fewer")
        }
        let store = MinutesStore(try req.store)
        try await store.save(meeting, text: input.text, decisions: input.decisions?.joined(separator: "\n"), complaintsDiscussed: input.complaintsDiscussed)
        return try await Self.minutes(meeting, store: store)
    }

    func circulate(req: Request) async throws -> API.Minutes {
        let meeting = try await req.meeting(goingAhead: true)
        let store = MinutesStore(try req.store)
        _ = try await store.circulate(meeting, siteAddress: req.application.appConfig.siteAddress)
        return try await Self.minutes(meeting, store: store)
    }

    func approve(req: Request) async throws -> API.Minutes {
        let meeting = try await req.meeting(goingAhead: true)
        let store = MinutesStore(try req.store)
        _ = try await store.approve(meeting)
        return try await Self.minutes(meeting, store: store)
    }

    func addAction(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let input = try req.content.decode(API.ActionInput.self)
        let context = try req.store
        let action = try await MinutesStore(context).addAction(at: meeting, try input.storeInput())
        return try await .created(try API.Action(action, today: context.today),
                                  at: Paths.API.meetingAction.url(try meeting.recordID, try action.recordID), for: req)
    }

    func updateAction(req: Request) async throws -> API.Action {
        let meeting = try await req.meeting()
        let context = try req.store
        let store = MinutesStore(context)
        let action = try await store.action(req.id("actionID"), of: meeting)
        let input = try req.content.decode(API.ActionInput.self)
        try await store.updateAction(action, of: meeting, try input.storeInput())
        return try API.Action(action, today: context.today)
    }


    private static func minutes(_ meeting: MeetingModel, store: MinutesStore) async throws -> API.Minutes {
        guard let minutes = try await store.minutes(of: meeting) else { throw Abort(.notFound) }
        return API.Minutes(minutes)
    }
}
