import Domain
import Fluent
import SQLKit
import Foundation

/// An e-mail Coproduce has to send, kept until it is sent (and a while after,
/// so "was it sent?" has an answer). A job sends it (`EmailOutbox.kind`).
final class OutboxEmailModel: Model, @unchecked Sendable {
    static let schema = "outbox_emails"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "area_id") var area: AreaModel?
    @Field(key: "from_address") var fromAddress: String
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    /// When its delivery job gave up; the housekeeping sweep queues it again later.
    @OptionalField(key: "gave_up_at") var gaveUpAt: Date?
    /// When the receiving server refused it for good; it is not tried again unless an admin asks.
    @OptionalField(key: "refused_at") var refusedAt: Date?
    /// How many times it was handed to the mail server or program.
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_attempt_at") var lastAttemptAt: Date?
    /// A private part of the body (a link to choose a password): never shown on
    /// the outbox page, and taken out of the stored body once the message is sent.
    @OptionalField(key: "secret") var secret: String?

    init() {}

    init(areaID: UUID?, message: EmailMessage, now: Date) {
        self.$area.id = areaID
        fromAddress = message.from
        toAddress = message.to
        subject = message.subject
        body = message.body
        createdAt = now
        attempts = 0
    }

    static let secretShown = "(a private link, not shown here)"
    static let secretRemoved = "(a private link, removed once sent)"

    /// The body as the outbox page shows it, without its secret.
    var shownBody: String {
        guard let secret, !secret.isEmpty else { return body }
        return body.replacingOccurrences(of: secret, with: Self.secretShown)
    }

    /// Once sent, the stored copy no longer needs the secret.
    func forgetSecret() {
        guard let secret, !secret.isEmpty else { return }
        body = body.replacingOccurrences(of: secret, with: Self.secretRemoved)
        self.secret = nil
    }

    /// The message, checked again as it leaves.
    func message() throws -> EmailMessage {
        try EmailMessage(from: fromAddress, to: toAddress, subject: subject, body: body)
    }
}

struct CreateOutboxEmails: AsyncMigration {
    var name: String { "CreateOutboxEmails" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_emails")
            .id()
            .field("area_id", .uuid, .references("areas", "id", onDelete: .cascade))
            .field("from_address", .string, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("gave_up_at", .datetime)
            .create()
        try await database.createIndex("idx_outbox_emails_area", on: "outbox_emails", columns: ["area_id", "created_at"])
        // The sweep looks for messages whose delivery gave up.
        try await database.createIndex("idx_outbox_emails_gave_up", on: "outbox_emails", columns: ["gave_up_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_emails").delete()
    }
}

/// Refusals, attempts, and the outbox page's lists of what is waiting and what went.
struct AddOutboxDeliveryRecords: AsyncMigration {
    var name: String { "AddOutboxDeliveryRecords" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        try await database.schema("outbox_emails").field("refused_at", .datetime).update()
        try await database.schema("outbox_emails").field("attempts", .int, .required, .sql(.default(0))).update()
        try await database.schema("outbox_emails").field("last_attempt_at", .datetime).update()
        try await database.createIndex("idx_outbox_emails_area_sent", on: "outbox_emails", columns: ["area_id", "sent_at", "created_at"])
        // Messages kept before SMTP came say so in the older words; the E-mail page knows them by the new.
        if let sql = database as? any SQLDatabase {
            try await sql.update("outbox_emails").set("last_error", to: UnconfiguredMailTransport.NotConfigured().description)
                .where("last_error", .equal, "No mail transport is set up: set COPRODUCE_SENDMAIL to the sendmail program of the server's mail transfer agent")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_outbox_emails_area_sent", on: "outbox_emails")
        for field in ["refused_at", "attempts", "last_attempt_at"] {
            try await database.schema("outbox_emails").deleteField(.string(field)).update()
        }
    }
}

/// A message's private part (a password link), kept apart so it is never shown and is forgotten once sent.
struct AddOutboxSecrets: AsyncMigration {
    var name: String { "AddOutboxSecrets" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_emails").field("secret", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_emails").deleteField("secret").update()
    }
}
