import Fluent
import Foundation
import Vapor

/// Clears expired sessions, old sign-in failures, browsers not seen for a
/// year and finished jobs older than a month, and queues again e-mail whose
/// delivery gave up hours ago, every ten minutes, as a job: with several
/// instances it runs on one of them at a time.
enum Housekeeping {
    struct Sweep: Codable, Sendable {}

    static let kind = JobKind<Sweep>("housekeeping")
    static let interval: TimeInterval = 10 * 60

    /// Queues the next sweep, unless one is already waiting.
    static func schedule(on db: any Database, now: Date, after delay: TimeInterval = 60) async throws {
        try await JobQueue(db: db, now: now).add(kind, Sweep(), runAfter: now.addingTimeInterval(delay), uniqueKey: "recurring:housekeeping")
    }

    static func register(with runner: JobRunner) {
        runner.handle(kind) { _, context in
            // The next one first, so a failing sweep does not end the round.
            try await schedule(on: context.db, now: context.now, after: interval)
            try await sweep(context.db, now: context.now)
        }
    }

    static func sweep(_ database: any Database, now: Date) async throws {
        try await SessionRecordModel.query(on: database).filter(\.$expiresAt < now).delete()
        try await SignInFailureModel.query(on: database).filter(\.$failedAt < now.addingTimeInterval(-24 * 60 * 60)).delete()
        try await PasswordLinkStore.sweep(database, now: now)
        try await SignInDeviceModel.query(on: database).filter(\.$lastUsedAt < now.addingTimeInterval(-SignInController.deviceLifetime)).delete()
        try await JobQueue(db: database, now: now).removeFinished(before: now.addingTimeInterval(-30 * 24 * 60 * 60))
        try await EmailOutbox(db: database, now: now).requeueGivenUp(before: now.addingTimeInterval(-EmailOutbox.retryAfterGivingUp))
    }
}
