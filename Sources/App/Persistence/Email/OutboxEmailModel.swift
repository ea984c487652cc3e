import Domain
import Fluent
import Foundation

/// An e-mail Coproduce has to send, kept until it is sent (and a while after,
/// so "was it sent?" has an answer). A job sends it (`EmailOutbox.kind`).
final class OutboxEmailModel: Model, @unchecked Sendable {
    static let schema = "outbox_emails"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "area_id") var area: AreaModel?
    @Field(key: "from_address") var fromAddress: String
    /// The recipients, one per line.
    @Field(key: "to_addresses") var toAddresses: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}

    init(areaID: UUID?, message: EmailMessage, now: Date) {
        self.$area.id = areaID
        fromAddress = message.from
        toAddresses = message.to.joined(separator: "\n")
        subject = message.subject
        body = message.body
        createdAt = now
    }

    /// The message as it was checked when queued.
    func message() throws -> EmailMessage {
        try EmailMessage(from: fromAddress, to: toAddresses.split(separator: "\n").map(String.init), subject: subject, body: body)
    }
}

struct CreateOutboxEmails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_emails")
            .id()
            .field("area_id", .uuid, .references("areas", "id"))
            .field("from_address", .string, .required)
            .field("to_addresses", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .create()
        try await database.createIndex("idx_outbox_emails_area", on: "outbox_emails", columns: ["area_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_emails").delete()
    }
}
