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

    /// Adds a job. With a `uniqueKey`, nothing is added while a job with the
    /// same key waits for its first run (a claim frees the key, so a running
    /// job may queue its own successor). The clash is settled by the database
    /// (ON CONFLICT DO NOTHING), so it is safe inside a PostgreSQL transaction.
    func add<Payload>(_ kind: JobKind<Payload>, _ payload: Payload, runAfter: Date? = nil, uniqueKey: String? = nil) async throws {
        guard let sql = db as? any SQLDatabase else { throw JobQueueProblem.needsSQL }
        let encoded = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        var insert = sql.insert(into: JobModel.schema)
            .columns("id", "kind", "payload", "unique_key", "run_after", "attempts", "created_at")
            .values(SQLBind(UUID()), SQLBind(kind.name), SQLBind(encoded), SQLBind(uniqueKey), SQLBind(runAfter ?? now), SQLBind(0), SQLBind(now))
        if uniqueKey != nil { insert = insert.ignoringConflicts(with: ["unique_key"]) }
        try await insert.run()
    }

    /// Claims the next due job of one of `kinds` (those this instance can
    /// run) for `worker`, locking it for `lease`. The claim is one conditional
    /// UPDATE: when two instances reach for the same job, the database lets
    /// one of them have it and the other finds none. A job that has had all
    /// its attempts (its runs kept crashing or hanging) is marked failed instead.
    func claimNext(kinds: [String], worker: String, lease: TimeInterval, maximumAttempts: Int) async throws -> JobModel? {
        guard let sql = db as? any SQLDatabase else { throw JobQueueProblem.needsSQL }
        guard !kinds.isEmpty else { return nil }
        for _ in 0..<5 {
            guard let candidate = try await JobModel.query(on: db).filter(\.$finishedAt == nil).filter(\.$runAfter <= now)
                .filter(\.$kind ~~ kinds)
                .group(.or, { $0.filter(\.$lockedUntil == nil).filter(\.$lockedUntil < now) })
                .sort(\.$runAfter).first(), let id = candidate.id else { return nil }
            let free = SQLGroupExpression(SQLBinaryExpression(
                SQLBinaryExpression(SQLColumn("locked_until"), .is, SQLLiteral.null), .or,
                SQLBinaryExpression(SQLColumn("locked_until"), .lessThan, SQLBind(now))))
            if candidate.attempts >= maximumAttempts {
                // Claimed this many times and never finished: it crashed or hung each time.
                try await sql.update(JobModel.schema)
                    .set("finished_at", to: SQLBind(now)).set("failed_at", to: SQLBind(now)).set("locked_until", to: SQLLiteral.null)
                    .set("last_error", to: SQLBind("Gave up after \(candidate.attempts) runs that never finished (the instance stopped, or the job ran out of time)"))
                    .where("id", .equal, SQLBind(id)).where("finished_at", .is, SQLLiteral.null).where(free)
                    .run()
                continue
            }
            let claimed = try await sql.update(JobModel.schema)
                .set("locked_until", to: SQLBind(now.addingTimeInterval(lease)))
                .set("locked_by", to: SQLBind(worker))
                .set("attempts", to: SQLRaw("attempts + 1"))
                .set("unique_key", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(id))
                .where("finished_at", .is, SQLLiteral.null)
                .where(free)
                .returning("id")
                .all()
            if !claimed.isEmpty { return try await JobModel.find(id, on: db) }
        }
        return nil
    }

    /// The job ran. Answers false when this claim had already run out and
    /// another instance holds the job now, so nothing was changed.
    @discardableResult
    func finish(_ job: JobModel) async throws -> Bool {
        try await updateIfStillHeld(job) { $0.set("finished_at", to: SQLBind(now)).set("locked_until", to: SQLLiteral.null) }
    }

    /// The job failed: it waits longer after each attempt, and gives up after
    /// `maximumAttempts`, keeping the reason. Answers false when this claim had run out.
    @discardableResult
    func fail(_ job: JobModel, error: String, maximumAttempts: Int) async throws -> Bool {
        let reason = String(error.prefix(2000))
        let givingUp = job.attempts >= maximumAttempts
        return try await updateIfStillHeld(job) { update in
            let update = update.set("last_error", to: SQLBind(reason)).set("locked_until", to: SQLLiteral.null)
            return givingUp
                ? update.set("finished_at", to: SQLBind(now)).set("failed_at", to: SQLBind(now))
                : update.set("run_after", to: SQLBind(now.addingTimeInterval(Self.backoff(afterAttempt: job.attempts))))
        }
    }

    /// Changes the job only while this claim still holds it: the same worker,
    /// the same attempt, not finished.
    private func updateIfStillHeld(_ job: JobModel, _ change: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw JobQueueProblem.needsSQL }
        let updated = try await change(sql.update(JobModel.schema))
            .where("id", .equal, SQLBind(try job.requireID()))
            .where("locked_by", .equal, SQLBind(job.lockedBy))
            .where("attempts", .equal, SQLBind(job.attempts))
            .where("finished_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        return !updated.isEmpty
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

enum JobQueueProblem: Error, CustomStringConvertible {
    case needsSQL
    var description: String { "The job queue needs an SQL database (SQLite or PostgreSQL)" }
}
