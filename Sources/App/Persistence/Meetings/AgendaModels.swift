import Domain
import Fluent
import Foundation

/// An item proposed for, or on, a meeting's agenda.
final class AgendaItemModel: Model, @unchecked Sendable {
    static let schema = "agenda_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: MeetingModel
    /// Its place on the agenda; items not on it keep theirs for when they are.
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "purpose") var purpose: AgendaItemPurpose
    @OptionalField(key: "forum_ask") var forumAsk: String?
    @OptionalField(key: "minutes") var minutes: Int?
    @OptionalParent(key: "lead_id") var lead: PersonModel?
    @Field(key: "status") var status: AgendaItemStatus
    /// The date of the meeting it was put off from, when it was.
    @OptionalField(key: "deferred_from") var deferredFrom: CalendarDate?
    /// On the note left behind: the date of the meeting it went to.
    @OptionalField(key: "deferred_to") var deferredTo: CalendarDate?
    @Field(key: "proposed_by") var proposedBy: String
    /// The item it was merged into, when merged.
    @OptionalParent(key: "merged_into_id") var mergedInto: AgendaItemModel?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(meetingID: UUID, position: Int, details: AgendaItemDetails, leadID: UUID?, status: AgendaItemStatus, proposedBy: String) {
        self.$meeting.id = meetingID
        self.position = position
        self.status = status
        self.proposedBy = proposedBy
        apply(details, leadID: leadID)
    }

    /// "For decision, led by Jo Whitfield, 30 minutes"; the lead must have been loaded.
    var about: String { AgendaItemDetails.about(purpose: purpose, lead: lead?.fullName, minutes: minutes) }

    func apply(_ details: AgendaItemDetails, leadID: UUID?) {
        title = details.title
        purpose = details.purpose
        forumAsk = details.forumAsk
        minutes = details.minutes
        $lead.id = leadID
    }
}

/// A paper for an agenda item. Its versions keep every file uploaded.
final class PaperModel: Model, @unchecked Sendable {
    static let schema = "papers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: MeetingModel
    @Parent(key: "agenda_item_id") var item: AgendaItemModel
    @Field(key: "title") var title: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(meetingID: UUID, itemID: UUID, title: String) {
        self.$meeting.id = meetingID
        self.$item.id = itemID
        self.title = title
    }
}

/// One upload of a paper: the text read from it and its plain English check.
/// The file itself is kept apart (`PaperFileModel`), so lists never load it.
final class PaperVersionModel: Model, @unchecked Sendable {
    static let schema = "paper_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "paper_id") var paper: PaperModel
    @Field(key: "version") var version: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "byte_count") var byteCount: Int
    /// The text read from the file, for the agenda pack and the full check.
    @Field(key: "text") var text: String
    @OptionalField(key: "reading_age") var readingAge: Int?
    @Field(key: "meets_profile") var meetsProfile: Bool
    /// What to fix, in a sentence: "3 unexplained acronyms, 2 long sentences".
    @Field(key: "check_summary") var checkSummary: String
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date
    /// When this version first went out to members; nil until it has.
    @OptionalField(key: "first_sent_at") var firstSentAt: Date?

    init() {}

    init(paperID: UUID, version: Int, fileName: String, byteCount: Int, text: String, check: PaperCheck, uploadedBy: String, uploadedAt: Date) {
        self.$paper.id = paperID
        self.version = version
        self.fileName = fileName
        self.byteCount = byteCount
        self.text = text
        self.readingAge = check.readingAge
        self.meetsProfile = check.meetsProfile
        self.checkSummary = check.summary
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

/// A paper's plain English result, as kept with its version.
struct PaperCheck: Sendable, Equatable {
    let readingAge: Int?
    let meetsProfile: Bool
    let summary: String
}

/// The file as uploaded.
final class PaperFileModel: Model, @unchecked Sendable {
    static let schema = "paper_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: PaperVersionModel
    @Field(key: "data") var data: Data

    init() {}

    init(versionID: UUID, data: Data) {
        self.$version.id = versionID
        self.data = data
    }
}

/// Each time the agenda and papers went out to members.
final class PackSendingModel: Model, @unchecked Sendable {
    static let schema = "pack_sendings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: MeetingModel
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "sent_by") var sentBy: String
    @Field(key: "recipients") var recipients: Int
    /// Members the pack could not go to, for want of an e-mail address.
    @Field(key: "without_address") var withoutAddress: [String]
    /// The forum's own address, when the pack went there too (seed 000, 4.6 b).
    @OptionalField(key: "forum_address") var forumAddress: String?

    init() {}

    init(meetingID: UUID, sentAt: Date, sentBy: String, recipients: Int, withoutAddress: [String]) {
        self.$meeting.id = meetingID
        self.sentAt = sentAt
        self.sentBy = sentBy
        self.recipients = recipients
        self.withoutAddress = withoutAddress
    }
}

struct CreateAgendaAndPapers: AsyncMigration {
    var name: String { "CreateAgendaAndPapers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("agenda_items")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("purpose", .string, .required)
            .field("forum_ask", .string)
            .field("minutes", .int)
            .field("lead_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("deferred_from", .string)
            .field("deferred_to", .string)
            .field("proposed_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_agenda_items_meeting", on: "agenda_items", columns: ["meeting_id", "position"])
        try await database.createIndex("idx_agenda_items_lead", on: "agenda_items", columns: ["lead_id"])

        try await database.schema("papers")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("agenda_item_id", .uuid, .required, .references("agenda_items", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_papers_meeting", on: "papers", columns: ["meeting_id"])
        try await database.createIndex("idx_papers_item", on: "papers", columns: ["agenda_item_id"])

        try await database.schema("paper_versions")
            .id()
            .field("paper_id", .uuid, .required, .references("papers", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("file_name", .string, .required)
            .field("byte_count", .int, .required)
            .field("text", .string, .required)
            .field("reading_age", .int)
            .field("meets_profile", .bool, .required)
            .field("check_summary", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .field("first_sent_at", .datetime)
            .unique(on: "paper_id", "version", name: "uq_paper_versions_version")
            .create()

        try await database.schema("paper_files")
            .id()
            .field("version_id", .uuid, .required, .references("paper_versions", "id", onDelete: .cascade))
            .field("data", .data, .required)
            .unique(on: "version_id", name: "uq_paper_files_version")
            .create()

        try await database.schema("pack_sendings")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("sent_at", .datetime, .required)
            .field("sent_by", .string, .required)
            .field("recipients", .int, .required)
            .field("without_address", .array(of: .string), .required)
            .create()
        try await database.createIndex("idx_pack_sendings_meeting", on: "pack_sendings", columns: ["meeting_id", "sent_at"])
    }

    func revert(on database: any Database) async throws {
        for table in ["pack_sendings", "paper_files", "paper_versions", "papers", "agenda_items"] {
            try await database.schema(table).delete()
        }
    }
}

/// Items can be merged into another item of their meeting.
struct AddAgendaItemMerging: AsyncMigration {
    var name: String { "AddAgendaItemMerging" }

    func prepare(on database: any Database) async throws {
        try await database.schema("agenda_items").field("merged_into_id", .uuid, .references("agenda_items", "id", onDelete: .setNull)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agenda_items").deleteField("merged_into_id").update()
    }
}

/// A pack records whether it went to the forum's own address.
struct AddPackSendingForumAddress: AsyncMigration {
    var name: String { "AddPackSendingForumAddress" }

    func prepare(on database: any Database) async throws {
        try await database.schema("pack_sendings").field("forum_address", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pack_sendings").deleteField("forum_address").update()
    }
}
