import Foundation

/// Slows down password guessing without letting a guesser lock the real
/// person out.
///
/// A browser that has signed in to the account before (a known device)
/// carries a cookie saying so: failures from it count only against that
/// browser. Everywhere else, failures count against the pair of e-mail
/// address and network address, so guesses from one place do not lock out
/// someone signing in from another; against the network address whatever
/// e-mail addresses it tries, to stop one place trying many accounts; and
/// against the account from everywhere that is not a known device, to stop
/// many places guessing one account. The last can only lock out new
/// browsers: the owner's usual browser still signs in.
public struct LoginThrottle: Sendable, Equatable {
    public var maximumFailuresPerDevice: Int
    public var maximumFailuresPerPair: Int
    public var maximumFailuresPerAddress: Int
    public var maximumFailuresPerAccount: Int
    public var window: TimeInterval

    public static let standard = LoginThrottle(maximumFailuresPerDevice: 5, maximumFailuresPerPair: 5, maximumFailuresPerAddress: 30,
                                               maximumFailuresPerAccount: 50, window: 15 * 60)

    public init(maximumFailuresPerDevice: Int, maximumFailuresPerPair: Int, maximumFailuresPerAddress: Int,
                maximumFailuresPerAccount: Int, window: TimeInterval) {
        self.maximumFailuresPerDevice = maximumFailuresPerDevice
        self.maximumFailuresPerPair = maximumFailuresPerPair
        self.maximumFailuresPerAddress = maximumFailuresPerAddress
        self.maximumFailuresPerAccount = maximumFailuresPerAccount
        self.window = window
    }

    /// The recent failures that count for one attempt.
    public enum RecentFailures: Sendable, Equatable {
        /// From a browser that has signed in to this account before: only its own failures.
        case knownDevice([Date])
        /// From anywhere else: failures for this e-mail from this network
        /// address, from this address for any e-mail, and for this e-mail from
        /// anywhere but known devices.
        case elsewhere(pair: [Date], address: [Date], account: [Date])
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        case lockedUntil(Date)
    }

    public func decide(_ failures: RecentFailures, now: Date) -> Decision {
        let unlockTimes: [Date?]
        switch failures {
        case .knownDevice(let device):
            unlockTimes = [unlockTime(failures: device, limit: maximumFailuresPerDevice, now: now)]
        case .elsewhere(let pair, let address, let account):
            unlockTimes = [
                unlockTime(failures: pair, limit: maximumFailuresPerPair, now: now),
                unlockTime(failures: address, limit: maximumFailuresPerAddress, now: now),
                unlockTime(failures: account, limit: maximumFailuresPerAccount, now: now),
            ]
        }
        guard let latest = unlockTimes.compactMap({ $0 }).max() else { return .allowed }
        return .lockedUntil(latest)
    }

    /// The earliest time a failure could be counted, for querying only what matters.
    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }

    /// The most failures any one count needs to see: queries fetch no more.
    public var largestLimit: Int {
        max(maximumFailuresPerDevice, maximumFailuresPerPair, maximumFailuresPerAddress, maximumFailuresPerAccount)
    }

    private func unlockTime(failures: [Date], limit: Int, now: Date) -> Date? {
        let recent = failures.filter { $0 > windowStart(now: now) && $0 <= now }.sorted()
        guard recent.count >= limit else { return nil }
        // Sign-in opens again once enough failures have left the window
        // to bring the count below the limit.
        let failureThatMustExpire = recent[recent.count - limit]
        return failureThatMustExpire.addingTimeInterval(window)
    }
}
