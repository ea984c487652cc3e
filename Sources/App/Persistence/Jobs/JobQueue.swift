import Fluent
import Foundation
import SQLKit

/// A kind of job and the input it takes. Each part names its own
/// (`static let sendEmail = JobKind<OutboxDelivery>("send-email")`) and
/// registers a handler for it with the `JobRunner`.
struct JobKind<Payload: Codable & Sendable>: Sendable {
    let name: String
    init(_ name: String) { self.name = name }
}

/// The shared job table: jobs are added inside the transaction of the change
/// that asks for them (so nothing is sent for a change that was rolled back),
/// and claimed one at a time by whichever instance asks first.
struct JobQueue {
    let db: any Database
    let now: Date

    /// Adds a job. With a `uniqueKey`, a job with the same key already waiting is kept instead.
    func add<Payload>(_ kind: JobKind<Payload>, _ payload: Payload, runAfter: Date? = nil, uniqueKey: String? = nil) async throws {
        let encoded = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        let job = JobModel(kind: kind.name, payload: encoded, uniqueKey: uniqueKey, runAfter: runAfter ?? now, now: now)
        if let uniqueKey {
            guard try await JobModel.query(on: db).filter(\.$uniqueKey == uniqueKey).count() == 0 else { return }
            do { try await job.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another instance added it at the same moment.
            }
        } else {
            try await job.create(on: db)
        }
    }

    /// Claims the next due job for `worker`, locking it for `lease`. The claim
    /// is one conditional UPDATE: when two instances reach for the same job,
    /// the database lets one of them have it and the other finds none.
    func claimNext(worker: String, lease: TimeInterval) async throws -> JobModel? {
        guard let sql = db as? any SQLDatabase else { return nil }
        for _ in 0..<3 {
            guard let candidate = try await JobModel.query(on: db).filter(\.$finishedAt == nil).filter(\.$runAfter <= now)
                .group(.or, { $0.filter(\.$lockedUntil == nil).filter(\.$lockedUntil < now) })
                .sort(\.$runAfter).first(), let id = candidate.id else { return nil }
            let claimed = try await sql.update(JobModel.schema)
                .set("locked_until", to: SQLBind(now.addingTimeInterval(lease)))
                .set("locked_by", to: SQLBind(worker))
                .set("attempts", to: SQLRaw("attempts + 1"))
                // The key guards waiting jobs only: a running job may queue its own successor.
                .set("unique_key", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(id))
                .where("finished_at", .is, SQLLiteral.null)
                .where(group: { $0.where("locked_until", .is, SQLLiteral.null).orWhere("locked_until", .lessThan, SQLBind(now)) })
                .returning("id")
                .all()
            if !claimed.isEmpty { return try await JobModel.find(id, on: db) }
        }
        return nil
    }

    /// The job ran.
    func finish(_ job: JobModel) async throws {
        job.finishedAt = now
        job.lockedUntil = nil
        try await job.save(on: db)
    }

    /// The job failed: it waits longer after each attempt, and gives up after `maximumAttempts`.
    func fail(_ job: JobModel, error: String, maximumAttempts: Int) async throws {
        job.lastError = String(error.prefix(2000))
        job.lockedUntil = nil
        if job.attempts >= maximumAttempts {
            job.finishedAt = now
            job.failedAt = now
        } else {
            job.runAfter = now.addingTimeInterval(Self.backoff(afterAttempt: job.attempts))
        }
        try await job.save(on: db)
    }

    /// 1, 4, 9, 16... minutes, at most six hours.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(Double(attempt * attempt) * 60, 6 * 60 * 60)
    }

    /// Finished jobs are kept a while for looking into, then removed.
    func removeFinished(before cutoff: Date) async throws {
        try await JobModel.query(on: db).filter(\.$finishedAt < cutoff).delete()
    }
}
