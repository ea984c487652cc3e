import Domain
import Fluent
import Foundation
import Vapor

/// A person's private calendar address: a secret in the link lets a calendar
/// program read their meetings without signing in. Only a digest of the
/// secret is kept, so the address is shown once, when it is made.
final class CalendarFeedModel: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "token_digest") var tokenDigest: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_read_at") var lastReadAt: Date?

    init() {}

    init(areaID: UUID, personID: UUID, tokenDigest: String) {
        self.$area.id = areaID
        self.$person.id = personID
        self.tokenDigest = tokenDigest
    }
}

struct CreateCalendarFeeds: AsyncMigration {
    var name: String { "CreateCalendarFeeds" }

    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_feeds")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime)
            .field("last_read_at", .datetime)
            .unique(on: "person_id", name: "uq_calendar_feeds_person")
            .unique(on: "token_digest", name: "uq_calendar_feeds_token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_feeds").delete()
    }
}

/// Calendar files of meetings, and the signed-in person's calendar address.
struct CalendarStore {
    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// How far back and ahead a calendar address reaches.
    static let daysBack = 90
    static let daysAhead = 400
    static let mostEvents = 1000

    /// When the actor's calendar address was made, if it has been.
    func feedMadeAt() async throws -> Date? {
        try await CalendarFeedModel.query(on: context.db).filter(\.$person.$id == context.actor.personID).first()?.createdAt
    }

    /// Makes a new calendar address for the actor; any earlier one stops working. Answers the secret, shown once.
    func renewFeed() async throws -> String {
        let token = DatabaseSessionDriver.newToken()
        let personID = context.actor.personID, areaID = context.areaID
        try await context.write { context in
            try await CalendarFeedModel.query(on: context.db).filter(\.$person.$id == personID).delete()
            try await CalendarFeedModel(areaID: areaID, personID: personID, tokenDigest: DatabaseSessionDriver.digest(token)).create(on: context.db)
        }
        return token
    }

    func stopFeed() async throws {
        try await CalendarFeedModel.query(on: context.db).filter(\.$person.$id == context.actor.personID).delete()
    }

    /// One meeting as a calendar file.
    func file(for meeting: MeetingModel, siteAddress: String) throws -> CalendarFile {
        CalendarFile(name: meeting.group.name, events: [try Self.event(meeting, siteAddress: siteAddress)], stamp: context.now)
    }

    /// The meetings of the groups the holder of a calendar address sits on,
    /// or nil when no address has this secret. Read before anyone signs in.
    static func feed(token: String, db: any Database, now: Date, siteAddress: String) async throws -> CalendarFile? {
        guard !token.isEmpty, token.count <= 100,
              let feed = try await CalendarFeedModel.query(on: db).filter(\.$tokenDigest == DatabaseSessionDriver.digest(token)).with(\.$person).first()
        else { return nil }
        let today = CalendarDate(now)
        let groupIDs = try await MembershipModel.query(on: db).filter(\.$person.$id == feed.$person.id).all().map(\.$group.id)
        let meetings = groupIDs.isEmpty ? [] : try await MeetingModel.query(on: db).filter(\.$area.$id == feed.$area.id)
            .filter(\.$group.$id ~~ groupIDs)
            .filter(\.$meetsOn >= today.adding(days: -daysBack)).filter(\.$meetsOn <= today.adding(days: daysAhead))
            .with(\.$group).with(\.$chair).with(\.$contact)
            .sort(\.$meetsOn).limit(mostEvents).all()
        // Calendar programs read every few hours; once an hour is enough to show the address is in use.
        if (feed.lastReadAt ?? .distantPast) < now.addingTimeInterval(-3600) {
            feed.lastReadAt = now
            try await feed.save(on: db)
        }
        return CalendarFile(name: "Coproduce: \(feed.person.fullName)'s meetings",
                            events: try meetings.map { try event($0, siteAddress: siteAddress) }, stamp: now)
    }

    private static func event(_ meeting: MeetingModel, siteAddress: String) throws -> CalendarFile.Event {
        var description = [meeting.group.name]
        if let chair = meeting.chair { description.append("Chair: \(chair.fullName)") }
        if let contact = meeting.contact { description.append("Your contact on the day: \(contact.fullName)") }
        if let link = meeting.onlineLink { description.append("Join online: \(link)") }
        if let reason = meeting.cancelledReason, meeting.status == .cancelled { description.append("Cancelled: \(reason)") }
        let page = siteAddress + Paths.meeting(try meeting.recordID)
        description.append("Agenda and papers: \(page)")
        return CalendarFile.Event(
            uid: "\(try meeting.requireID().uuidString.lowercased())@coproduce", sequence: meeting.sequence,
            start: meeting.details.start, end: UKDateTime(date: meeting.meetsOn, time: meeting.endsAt),
            summary: meeting.group.name, location: meeting.venue ?? meeting.onlineLink, description: description.joined(separator: "\n"),
            url: page, isCancelled: meeting.status == .cancelled, lastModified: meeting.updatedAt ?? meeting.createdAt ?? Date(timeIntervalSince1970: 0))
    }
}
