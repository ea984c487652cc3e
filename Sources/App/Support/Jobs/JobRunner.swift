import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Runs the shared job table's due jobs with the handler registered for each
/// kind. Every instance runs one, every few seconds; a job is claimed before
/// it runs, so each runs once however many instances there are. The
/// housekeeping sweep is one of its jobs, queued again each time it runs.
final class JobRunner: Sendable {
    typealias Handler = @Sendable (_ payload: Data, _ context: JobContext) async throws -> Void

    /// What a handler may use.
    struct JobContext: Sendable {
        let application: Application
        let db: any Database
        let now: Date
        /// Whether a failure now is the last: the job will not be tried again.
        let isLastAttempt: Bool
    }

    static let maximumAttempts = 8
    /// How long an instance holds a job it has claimed; a job whose instance died is run again after this.
    static let lease: TimeInterval = 5 * 60
    /// How long a handler may take: well inside the lease, so no other instance starts the same job meanwhile.
    static let timeLimit: Duration = .seconds(4 * 60)

    private let handlers: NIOLockedValueBox<[String: Handler]> = .init([:])
    /// What queues each recurring job's first run when the server starts.
    private let starters: NIOLockedValueBox<[@Sendable (any Database, Date) async throws -> Void]> = .init([])
    /// Names this instance in the table's locked_by column, for looking into a stuck job.
    let workerName = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"

    /// Registers what runs jobs of a kind. Each kind has one handler.
    func handle<Payload>(_ kind: JobKind<Payload>, _ run: @escaping @Sendable (Payload, JobContext) async throws -> Void) {
        handlers.withLockedValue { handlers in
            precondition(handlers[kind.name] == nil, "Two handlers for the job kind \(kind.name)")
            handlers[kind.name] = { data, context in try await run(try JSONDecoder().decode(Payload.self, from: data), context) }
        }
    }

    /// The kinds of job this server runs, in name order.
    var kinds: [String] { handlers.withLockedValue { $0.keys.sorted() } }

    /// Registers what queues a recurring job when the server starts; the job queues its next run itself.
    func onStart(_ start: @escaping @Sendable (any Database, Date) async throws -> Void) {
        starters.withLockedValue { $0.append(start) }
    }

    /// Queues every recurring job not waiting already.
    func startRecurring(on db: any Database, now: Date) async throws {
        for start in starters.withLockedValue({ $0 }) { try await start(db, now) }
    }

    /// Runs due jobs until none is left or `limit` have run. Answers how many ran (whether or not they succeeded).
    @discardableResult
    func runDue(_ application: Application, limit: Int = 100) async throws -> Int {
        var ran = 0
        while ran < limit {
            let now = application.timeSource.now()
            let queue = JobQueue(db: application.db, now: now)
            // Only kinds this instance can run: during a rolling upgrade, an older
            // instance leaves a newer one's jobs alone instead of using up their attempts.
            let kinds = handlers.withLockedValue { Array($0.keys) }
            guard let job = try await queue.claimNext(kinds: kinds, worker: workerName, lease: Self.lease,
                                                      maximumAttempts: Self.maximumAttempts) else { break }
            ran += 1
            let context = JobContext(application: application, db: application.db, now: now,
                                     isLastAttempt: job.attempts >= Self.maximumAttempts)
            let held: Bool
            do {
                guard let handler = handlers.withLockedValue({ $0[job.kind] }) else {
                    throw JobProblem(message: "No handler for jobs of kind \(job.kind)")
                }
                guard try await finishes(within: Self.timeLimit, { try await handler(Data(job.payload.utf8), context) }) else {
                    throw JobProblem(message: "The job ran out of time (\(Self.timeLimit))")
                }
                held = try await JobQueue(db: application.db, now: application.timeSource.now()).finish(job)
            } catch {
                application.logger.warning("Job \(job.kind) \(job.id?.uuidString ?? "") failed (attempt \(job.attempts)): \(String(reflecting: error))")
                held = try await JobQueue(db: application.db, now: application.timeSource.now())
                    .fail(job, error: String(describing: error), maximumAttempts: Self.maximumAttempts)
            }
            if !held {
                application.logger.error("Job \(job.kind) \(job.id?.uuidString ?? "") ran past its lease; another instance holds it now")
            }
        }
        return ran
    }

    struct JobProblem: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

extension Application {
    private struct JobRunnerKey: StorageKey { typealias Value = JobRunner }

    /// The runner of this instance's jobs; parts register their handlers with it.
    var jobs: JobRunner {
        if let runner = storage[JobRunnerKey.self] { return runner }
        let runner = JobRunner()
        storage[JobRunnerKey.self] = runner
        return runner
    }
}

/// Runs due jobs every few seconds while the web server runs. One-off
/// commands and the tests run jobs themselves (`runDue`).
struct JobRunnerLifecycle: LifecycleHandler {
    private final class Box: @unchecked Sendable { var task: RepeatedTask? }
    private let box = Box()
    let interval: TimeAmount

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing, application.servesPages else { return }
        // The sweep keeps itself queued; this puts the first one in the table.
        do {
            let now = application.timeSource.now()
            try await Housekeeping.schedule(on: application.db, now: now)
            try await application.jobs.startRecurring(on: application.db, now: now)
            // Mail may have been set up since the last start: try what is waiting now.
            try await EmailOutbox(db: application.db, now: now).requeueGivenUp(before: now)
        } catch {
            application.logger.error("Could not queue the background jobs (has `coproduce migrate` been run?): \(String(reflecting: error))")
        }
        box.task = application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: interval) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do { try await application.jobs.runDue(application) }
                catch { application.logger.warning("Running jobs failed: \(String(reflecting: error))") }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
    }
}
