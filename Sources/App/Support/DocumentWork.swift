import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Reading and checking documents is the heavy work of the service: a 20 MB
/// Word file takes seconds of CPU. It runs on threads of its own, a few at a
/// time, so it never holds up the threads that answer every other request,
/// and only a bounded number of document requests may be in the building at
/// once (their bodies are in memory while they wait). Past that number a
/// request is turned away at once with 503 and Retry-After.
final class DocumentWork: Sendable {
    /// Documents read or checked at the same moment.
    let workers: Int
    /// Document requests allowed in at once: those working and those waiting.
    let maximumAdmitted: Int
    /// What a busy server asks the client to wait, in seconds.
    static let retryAfterSeconds = 10

    private let threads: NIOThreadPool
    private let admitted = NIOLockedValueBox(0)

    /// One core is left for everything else; a single-core machine still gets one worker.
    init(workers: Int = max(1, System.coreCount - 1), waiting: Int = 3) {
        self.workers = workers
        self.maximumAdmitted = workers + waiting
        threads = NIOThreadPool(numberOfThreads: workers)
        threads.start()
    }

    func shutdown() async throws {
        try await threads.shutdownGracefully()
    }

    /// A place in the queue, or nil when the queue is full. Give it back with `leave()`.
    func enter() -> Bool {
        admitted.withLockedValue { count in
            guard count < maximumAdmitted else { return false }
            count += 1
            return true
        }
    }

    func leave() {
        admitted.withLockedValue { $0 -= 1 }
    }

    /// How many document requests are in at the moment.
    var admittedCount: Int { admitted.withLockedValue { $0 } }

    /// Runs heavy work on the document threads. Swift's own task threads are
    /// as many as the cores, so CPU-bound work left on them would stall every
    /// other request's `await`.
    func run<Result: Sendable>(_ work: @Sendable @escaping () throws -> Result) async throws -> Result {
        try await threads.runIfActive(work)
    }
}

/// Lets a document request in only when there is room, before its body is
/// read: a full queue answers 503 straight away, whatever the body's size.
struct DocumentWorkGate: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Routes that take documents are the ones registered with a larger body limit.
        guard request.route?.bodyLimit != nil else { return try await next.respond(to: request) }
        let work = request.application.documentWork
        guard work.enter() else { throw ServiceBusy() }
        do {
            let response = try await next.respond(to: request)
            work.leave()
            return response
        } catch {
            work.leave()
            throw error
        }
    }
}

/// Too many documents at once: try again shortly.
struct ServiceBusy: AbortError {
    var status: HTTPResponseStatus { .serviceUnavailable }
    var reason: String {
        "Coproduce is busy checking other documents. Wait \(DocumentWork.retryAfterSeconds) seconds and try again."
    }
    var headers: HTTPHeaders { ["Retry-After": String(DocumentWork.retryAfterSeconds)] }
}

extension Application {
    private struct DocumentWorkKey: StorageKey { typealias Value = DocumentWork }

    /// The threads and queue for reading and checking documents.
    var documentWork: DocumentWork {
        get {
            guard let work = storage[DocumentWorkKey.self] else { fatalError("configure(_:) sets up the document work before anything uses it") }
            return work
        }
        set { storage[DocumentWorkKey.self] = newValue }
    }
}

/// Stops the document threads when the app stops.
struct DocumentWorkLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        try? await application.documentWork.shutdown()
    }
}
