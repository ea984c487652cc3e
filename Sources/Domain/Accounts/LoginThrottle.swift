import Foundation

/// Slows down password guessing: after too many failed sign-ins for one
/// e-mail address (or from one network address) within a window, sign-in is
/// refused until the oldest failure in the window has aged out.
public struct LoginThrottle: Sendable, Equatable {
    public var maximumFailuresPerAccount: Int
    public var maximumFailuresPerAddress: Int
    public var window: TimeInterval

    public static let standard = LoginThrottle(maximumFailuresPerAccount: 5, maximumFailuresPerAddress: 30, window: 15 * 60)

    public init(maximumFailuresPerAccount: Int, maximumFailuresPerAddress: Int, window: TimeInterval) {
        self.maximumFailuresPerAccount = maximumFailuresPerAccount
        self.maximumFailuresPerAddress = maximumFailuresPerAddress
        self.window = window
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        case lockedUntil(Date)
    }

    /// - Parameters:
    ///   - accountFailures: times of recent failed attempts for the e-mail address.
    ///   - addressFailures: times of recent failed attempts from the network address.
    public func decide(accountFailures: [Date], addressFailures: [Date], now: Date) -> Decision {
        let unlockTimes = [
            unlockTime(failures: accountFailures, limit: maximumFailuresPerAccount, now: now),
            unlockTime(failures: addressFailures, limit: maximumFailuresPerAddress, now: now),
        ].compactMap { $0 }
        guard let latest = unlockTimes.max() else { return .allowed }
        return .lockedUntil(latest)
    }

    /// The earliest time a failure could be counted, for querying only what matters.
    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }

    private func unlockTime(failures: [Date], limit: Int, now: Date) -> Date? {
        let recent = failures.filter { $0 > windowStart(now: now) && $0 <= now }.sorted()
        guard recent.count >= limit else { return nil }
        // Sign-in opens again once enough failures have left the window
        // to bring the count below the limit.
        let failureThatMustExpire = recent[recent.count - limit]
        return failureThatMustExpire.addingTimeInterval(window)
    }
}
