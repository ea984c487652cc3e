import Domain
import Fluent
import Foundation

/// Queues e-mail inside the transaction of the change it is about, so a
/// message goes out only for a change that was saved, and goes out once.
/// A job hands each message to the `MailTransport`; a failed delivery is
/// tried again later by the job queue.
struct EmailOutbox {
    struct Delivery: Codable, Sendable {
        let emailID: UUID
    }

    static let kind = JobKind<Delivery>("send-email")

    let db: any Database
    let now: Date

    /// Queues the message; call it inside the change's own write.
    @discardableResult
    func queue(_ message: EmailMessage, areaID: UUID?) async throws -> OutboxEmailModel {
        let email = OutboxEmailModel(areaID: areaID, message: message, now: now)
        try await email.create(on: db)
        try await JobQueue(db: db, now: now).add(Self.kind, Delivery(emailID: try email.requireID()))
        return email
    }

    /// Sends a queued message once; a message already sent is left alone.
    static func register(with runner: JobRunner) {
        runner.handle(kind) { delivery, context in
            guard let email = try await OutboxEmailModel.find(delivery.emailID, on: context.db), email.sentAt == nil else { return }
            do {
                try await context.application.mailTransport.deliver(try email.message(), messageID: "\(delivery.emailID.uuidString.lowercased())@coproduce", date: email.createdAt)
                email.sentAt = context.application.timeSource.now()
                email.lastError = nil
                try await email.save(on: context.db)
            } catch {
                email.lastError = String(String(describing: error).prefix(2000))
                try await email.save(on: context.db)
                throw error
            }
        }
    }
}
