import Domain
import Fluent
import Foundation

/// Queues e-mail inside the transaction of the change it is about, so a
/// message goes out only for a change that was saved. A job hands each
/// message to the `MailTransport`; a failed delivery is tried again by the
/// job queue, and a message whose job gave up is queued again by the
/// housekeeping sweep, so nothing is quietly dropped.
struct EmailOutbox {
    struct Delivery: Codable, Sendable {
        let emailID: UUID
    }

    static let kind = JobKind<Delivery>("send-email")
    /// How long a message whose delivery gave up waits before it is tried again.
    static let retryAfterGivingUp: TimeInterval = 6 * 60 * 60
    /// Messages older than this are not tried again: the news in them is stale.
    static let staleAfter: TimeInterval = 7 * 24 * 60 * 60

    let db: any Database
    let now: Date

    /// Queues the message; call it inside the change's own write.
    @discardableResult
    func queue(_ message: EmailMessage, areaID: UUID?, attachments: [OutboxAttachment] = [], secret: String? = nil) async throws -> OutboxEmailModel {
        let email = OutboxEmailModel(areaID: areaID, message: message, now: now)
        email.secret = secret
        try await email.create(on: db)
        for (position, file) in attachments.enumerated() {
            try await OutboxAttachmentModel(emailID: try email.requireID(), position: position, file: file).create(on: db)
        }
        try await JobQueue(db: db, now: now).add(Self.kind, Delivery(emailID: try email.requireID()))
        return email
    }

    /// Queues again the messages whose delivery gave up before `cutoff` (and
    /// are not stale, nor refused by the receiving server), a hundred at a time.
    func requeueGivenUp(before cutoff: Date) async throws {
        let waiting = try await OutboxEmailModel.query(on: db).filter(\.$sentAt == nil).filter(\.$refusedAt == nil).filter(\.$gaveUpAt < cutoff)
            .filter(\.$createdAt > now.addingTimeInterval(-Self.staleAfter)).limit(100).all()
        for email in waiting {
            try await db.writeTransaction { db in
                try await Self(db: db, now: now).sendAgain(email)
            }
        }
    }

    /// Queues a message that gave up, or was refused, for one more round of tries.
    func sendAgain(_ email: OutboxEmailModel) async throws {
        email.gaveUpAt = nil
        email.refusedAt = nil
        try await email.save(on: db)
        try await JobQueue(db: db, now: now).add(Self.kind, Delivery(emailID: try email.requireID()))
    }

    /// The message with its files read from where they are stored, one message's worth at a time.
    static func withAttachments(_ email: OutboxEmailModel, on db: any Database) async throws -> EmailMessage {
        var message = try email.message()
        let files = try await OutboxAttachmentModel.query(on: db).filter(\.$email.$id == email.requireID()).sort(\.$position).all()
        guard !files.isEmpty else { return message }
        let stored = try await PaperFileModel.query(on: db).filter(\.$version.$id ~~ files.map(\.$paperVersion.id)).all()
        let data = Dictionary(stored.map { ($0.$version.id, $0.data) }, uniquingKeysWith: { first, _ in first })
        message.attachments = try files.map { file in
            guard let bytes = data[file.$paperVersion.id] else {
                throw MessageRefused(description: "The file \(file.fileName) to attach is no longer stored, so the message was not sent")
            }
            return EmailMessage.Attachment(fileName: file.fileName, data: Array(bytes))
        }
        return message
    }

    static let withoutAttachmentsNote = "The papers could not be attached: your e-mail provider does not take messages this large. Use the links below to read them."

    private static func stop(_ email: OutboxEmailModel, refused: MessageRefused, at now: Date, on db: any Database) async throws {
        email.lastError = String(refused.description.prefix(2000))
        email.refusedAt = now
        email.gaveUpAt = now
        try await email.save(on: db)
    }

    /// Sends a queued message once; a message already sent is left alone.
    static func register(with runner: JobRunner) {
        runner.handle(kind) { delivery, context in
            guard let email = try await OutboxEmailModel.find(delivery.emailID, on: context.db), email.sentAt == nil, email.refusedAt == nil else { return }
            email.attempts += 1
            email.lastAttemptAt = context.now
            do {
                try await context.application.mailTransport.deliver(try await withAttachments(email, on: context.db), messageID: "\(delivery.emailID.uuidString.lowercased())@coproduce",
                                                                    date: email.createdAt)
                email.sentAt = context.application.timeSource.now()
                email.lastError = nil
                email.forgetSecret()
                try await email.save(on: context.db)
            } catch let notConfigured as UnconfiguredMailTransport.NotConfigured {
                // Trying again will not help until mail is set up; the sweep and the next start try again.
                email.attempts -= 1
                email.lastAttemptAt = nil
                email.lastError = notConfigured.description
                email.gaveUpAt = context.now
                try await email.save(on: context.db)
            } catch let refused as MessageRefused where refused.tooLarge {
                guard try await OutboxAttachmentModel.query(on: context.db).filter(\.$email.$id == delivery.emailID).count() > 0 else {
                    try await stop(email, refused: refused, at: context.now, on: context.db)
                    return
                }
                // Too big with its files: it goes again without them, saying so; its links still lead to the papers.
                try await context.db.writeTransaction { db in
                    try await OutboxAttachmentModel.query(on: db).filter(\.$email.$id == delivery.emailID).delete()
                    email.body = Self.withoutAttachmentsNote + "\n\n" + email.body
                    email.lastError = String("Too large with its files attached, so it goes again without them. \(refused.description)".prefix(2000))
                    if context.isLastAttempt { email.gaveUpAt = context.now }
                    try await email.save(on: db)
                }
                throw refused
            } catch let refused as MessageRefused {
                // The same message would get the same answer: stop, and show the refusal on the outbox page.
                try await stop(email, refused: refused, at: context.now, on: context.db)
            } catch {
                email.lastError = String(String(describing: error).prefix(2000))
                if context.isLastAttempt { email.gaveUpAt = context.now }
                try await email.save(on: context.db)
                throw error
            }
        }
    }
}
