import Domain
import Fluent
import Foundation
import Vapor

/// The only place a meeting's minutes and actions are read and written.
/// Every meeting it is handed was found in the actor's area.
struct MinutesStore {
    struct ActionInput: Sendable {
        var text: String?
        var ownerId: String?
        var dueOn = DateInput()
        var notes: String?
        /// Only when changing an action.
        var status: String?
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    // MARK: Minutes

    func minutes(of meeting: MeetingModel) async throws -> MinutesModel? {
        try await MinutesModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).with(\.$approvedAtMeeting).first()
    }

    /// Writes or rewrites the minutes, with the complaints they record as discussed
    /// (nil leaves those as they are). Changed minutes go back to draft until they
    /// are sent again; approved ones are the record.
    func save(_ meeting: MeetingModel, text: String?, decisions: String?, complaintsDiscussed: [String]? = nil) async throws {
        guard meeting.status == .scheduled else { throw Abort(.notFound) }
        guard meeting.details.start <= UKDateTime(context.now) else {
            throw ValidationErrors(field: "text", message: "Write the minutes once the meeting has started, on \(meeting.details.start.longForm)")
        }
        let details = try MinutesDetails.validate(text: text, decisions: decisions)
        let existing = try await minutes(of: meeting)
        if existing?.status == .approved {
            throw ValidationErrors(field: "text", message: "These minutes were approved as a true record, so they cannot be changed")
        }
        let partners = PartnerStore(context)
        let due = complaintsDiscussed == nil ? nil : try await partners.complaintsDue(at: meeting)
        let meetingID = try meeting.requireID()
        try await context.write { context in
            if let existing {
                let before = existing.auditFields
                existing.apply(details)
                existing.status = .draft
                existing.writtenBy = context.actor.name
                try await existing.save(on: context.db)
                try await context.auditMeetingPart(meeting, "Minutes changed", before: before, after: existing.auditFields)
            } else {
                let minutes = MinutesModel(meetingID: meetingID, details: details, writtenBy: context.actor.name)
                try await minutes.create(on: context.db)
                try await context.auditMeetingPart(meeting, "Minutes written", after: minutes.auditFields)
            }
            if let due, let complaintsDiscussed {
                try await PartnerStore(context).recordDiscussed(at: meeting, due: due, chosen: complaintsDiscussed, on: context.db)
            }
        }
    }

    /// E-mails the minutes to every member with a usable address and marks them sent, in one write. Answers how many got them.
    func circulate(_ meeting: MeetingModel, siteAddress: String) async throws -> Int {
        guard let minutes = try await self.minutes(of: meeting), minutes.status == .draft else {
            throw ValidationErrors(field: "minutes", message: "Only draft minutes are sent to members")
        }
        let recipients = try await AgendaStore(context).recipients(of: meeting).withAddress.compactMap(\.email)
        let message = MinutesMessage(groupName: meeting.group.name, meetingDate: meeting.meetsOn, text: minutes.text, decisions: minutes.decisions,
                                     meetingLink: siteAddress + Paths.meeting(try meeting.recordID))
        let now = context.now
        try await context.write { context in
            for address in recipients { try await context.queueEmail(to: address, subject: message.subject, body: message.body) }
            let before = minutes.auditFields
            minutes.status = .circulated
            minutes.circulatedAt = now
            if minutes.firstCirculatedAt == nil { minutes.firstCirculatedAt = now }
            try await minutes.save(on: context.db)
            try await context.auditMeetingPart(meeting, "Minutes sent to \(recipients.count) \(recipients.count == 1 ? "member" : "members")",
                                               before: before, after: minutes.auditFields)
        }
        return recipients.count
    }

    /// Records that the group's next meeting, once it has started, agreed the minutes as a true record.
    func approve(_ meeting: MeetingModel) async throws -> MeetingModel {
        guard let minutes = try await self.minutes(of: meeting), minutes.status == .circulated else {
            throw ValidationErrors(field: "minutes", message: "Minutes are approved after they have been sent to members")
        }
        guard let next = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$group.$id == meeting.$group.id).filter(\.$status == .scheduled).filter(\.$meetsOn > meeting.meetsOn)
            .sort(\.$meetsOn).sort(\.$startsAt).first(),
              next.details.start <= UKDateTime(context.now) else {
            throw ValidationErrors(field: "minutes", message: "Minutes are approved at the group's next meeting. Record it once that meeting has started")
        }
        let before = minutes.auditFields
        minutes.status = .approved
        minutes.approvedAt = context.now
        minutes.$approvedAtMeeting.id = try next.requireID()
        try await context.write { context in
            try await minutes.save(on: context.db)
            try await context.auditMeetingPart(meeting, "Minutes approved at the meeting on \(next.meetsOn.longForm)", before: before, after: minutes.auditFields)
        }
        return next
    }

    // MARK: Actions

    /// The actions agreed at this meeting.
    func actions(agreedAt meeting: MeetingModel) async throws -> [ActionModel] {
        try await ActionModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).with(\.$owner)
            .sort(\.$createdAt).limit(500).all()
    }

    /// Matters arising: the group's actions agreed at earlier meetings and still open.
    func mattersArising(for meeting: MeetingModel) async throws -> [ActionModel] {
        try await ActionModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$group.$id == meeting.$group.id)
            .filter(\.$status == .open).filter(\.$meeting.$id != meeting.requireID())
            .join(MeetingModel.self, on: \ActionModel.$meeting.$id == \MeetingModel.$id).filter(MeetingModel.self, \.$meetsOn < meeting.meetsOn)
            .with(\.$owner).with(\.$meeting).sort(\.$dueOn).limit(500).all()
    }

    /// The group's open actions past their due date, soonest due first.
    func overdue(in group: GroupModel, limit: Int = 50) async throws -> [ActionModel] {
        try await ActionModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$group.$id == group.requireID())
            .filter(\.$status == .open).filter(\.$dueOn < context.today).with(\.$owner).with(\.$meeting).sort(\.$dueOn).limit(limit).all()
    }

    /// How many open actions the actor owns that are past their due date.
    func overdueCountForActor() async throws -> Int {
        try await ActionModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$owner.$id == context.actor.personID)
            .filter(\.$status == .open).filter(\.$dueOn < context.today).count()
    }

    /// The open actions the actor owns, soonest due first.
    func ownedByActor(limit: Int = 50) async throws -> [ActionModel] {
        try await ActionModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$owner.$id == context.actor.personID)
            .filter(\.$status == .open).with(\.$meeting) { $0.with(\.$group) }.sort(\.$dueOn).limit(limit).all()
    }

    func action(_ id: UUID, of meeting: MeetingModel) async throws -> ActionModel {
        guard let action = try await ActionModel.query(on: context.db).filter(\.$id == id).filter(\.$meeting.$id == meeting.requireID())
            .with(\.$owner).first() else { throw Abort(.notFound) }
        return action
    }

    func addAction(at meeting: MeetingModel, _ input: ActionInput) async throws -> ActionModel {
        guard meeting.status == .scheduled else { throw Abort(.notFound) }
        let (details, ownerID) = try await validate(input, meeting: meeting, keeping: nil)
        let action = ActionModel(areaID: context.areaID, groupID: meeting.$group.id, meetingID: try meeting.requireID(), details: details, ownerID: ownerID)
        try await context.write { context in
            try await action.create(on: context.db)
            try await context.auditMeetingPart(meeting, "Action agreed: \(action.text)", after: action.auditFields)
        }
        return action
    }

    func updateAction(_ action: ActionModel, of meeting: MeetingModel, _ input: ActionInput) async throws {
        var errors = ValidationErrors()
        let status = ActionStatus(rawValue: TextInput.clean(input.status))
        if status == nil { errors.add(field: "status", message: "Select open, done or no longer needed") }
        var validated: (ActionDetails, UUID?)?
        do { validated = try await validate(input, meeting: meeting, keeping: action.$owner.id) } catch let found as ValidationErrors {
            for error in found.errors { errors.add(field: error.field, message: error.message) }
        }
        try errors.ordered(["text", "ownerId", "dueOn", "status", "notes"]).throwIfAny()
        let before = action.auditFields
        action.apply(validated!.0, ownerID: validated!.1)
        if action.status == .open && status! != .open { action.closedOn = context.today }
        if status! == .open { action.closedOn = nil }
        action.status = status!
        try await context.write { context in
            try await action.save(on: context.db)
            try await context.auditMeetingPart(meeting, "Action changed: \(action.text)", before: before, after: action.auditFields)
        }
    }

    private func validate(_ input: ActionInput, meeting: MeetingModel, keeping current: UUID?) async throws -> (ActionDetails, UUID?) {
        var errors = ValidationErrors()
        var details: ActionDetails?
        do { details = try ActionDetails.validate(text: input.text, dueOn: input.dueOn, notes: input.notes) } catch let found as ValidationErrors { errors = found }
        var ownerID: UUID?
        if let raw = TextInput.optional(input.ownerId) {
            var members = Set(try await GroupStore(context).memberships(of: meeting.group).map { $0.$person.id })
            if let current { members.insert(current) }
            if let id = UUID(uuidString: raw), members.contains(id) { ownerID = id }
            else { errors.add(field: "ownerId", message: "Select who will do it from the members of \(meeting.group.name)") }
        }
        try errors.ordered(["text", "ownerId", "dueOn", "notes"]).throwIfAny()
        return (details!, ownerID)
    }
}
