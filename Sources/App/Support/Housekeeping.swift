import Fluent
import NIOCore
import Vapor

/// Clears expired sessions, old sign-in failures and browsers not seen for a year, every ten minutes.
/// Safe with several instances: each deletion only removes what has expired.
struct Housekeeping: LifecycleHandler {
    private final class Box: @unchecked Sendable { var task: RepeatedTask? }
    private let box = Box()

    func didBootAsync(_ application: Application) async throws {
        // Only the web server needs this; one-off commands finish first.
        guard application.environment != .testing else { return }
        box.task = application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .minutes(1), delay: .minutes(10)) { task in
            application.eventLoopGroup.next().makeFutureWithTask {
                do { try await Housekeeping.sweep(application.db, now: application.timeSource.now()) }
                catch { application.logger.warning("Housekeeping failed: \(error)") }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
    }

    static func sweep(_ database: any Database, now: Date) async throws {
        try await SessionRecordModel.query(on: database).filter(\.$expiresAt < now).delete()
        try await SignInFailureModel.query(on: database).filter(\.$failedAt < now.addingTimeInterval(-24 * 60 * 60)).delete()
        try await SignInDeviceModel.query(on: database).filter(\.$lastUsedAt < now.addingTimeInterval(-SignInController.deviceLifetime)).delete()
    }
}
