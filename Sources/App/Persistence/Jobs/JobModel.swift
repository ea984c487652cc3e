import Fluent
import Foundation

/// Work to do later, off the request that asked for it. Several instances of
/// Coproduce share the table: each claims a job before running it (`JobQueue.claim`).
final class JobModel: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    /// Which handler runs it (`JobKind`).
    @Field(key: "kind") var kind: String
    /// The handler's input, as JSON.
    @Field(key: "payload") var payload: String
    /// For jobs that must not be queued twice (a recurring one): unique until the job is first claimed.
    @OptionalField(key: "unique_key") var uniqueKey: String?
    @Field(key: "run_after") var runAfter: Date
    @Field(key: "attempts") var attempts: Int
    /// Set while an instance runs it; a job whose instance died is claimed again after this.
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// Set when the job gave up after its last attempt.
    @OptionalField(key: "failed_at") var failedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(kind: String, payload: String, uniqueKey: String?, runAfter: Date, now: Date) {
        self.kind = kind
        self.payload = payload
        self.uniqueKey = uniqueKey
        self.runAfter = runAfter
        self.attempts = 0
        self.createdAt = now
    }
}

struct CreateJobs: AsyncMigration {
    var name: String { "CreateJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("unique_key", .string)
            .field("run_after", .datetime, .required)
            .field("attempts", .int, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("finished_at", .datetime)
            .field("failed_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "unique_key", name: "uq_jobs_unique_key")
            .create()
        // Workers look for waiting jobs that are due, soonest first.
        try await database.createIndex("idx_jobs_waiting", on: "jobs", columns: ["finished_at", "run_after"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
