import Fluent
import Vapor

/// Background work shared by every instance: the job table, and the
/// housekeeping sweep that runs on it.
struct JobsPart: ProductPart {
    let name = "Jobs"

    var migrations: [any AsyncMigration] { [CreateJobs()] }

    func pages(_ web: any RoutesBuilder) {}

    func jobs(_ runner: JobRunner) { Housekeeping.register(with: runner) }
}

/// E-mail: queued in the outbox with the change it is about, sent by a job.
struct EmailPart: ProductPart {
    let name = "E-mail"

    var migrations: [any AsyncMigration] { [CreateOutboxEmails()] }

    func pages(_ web: any RoutesBuilder) {}

    func jobs(_ runner: JobRunner) { EmailOutbox.register(with: runner) }
}
