import Domain
import Foundation
import Testing

@Suite("Sign-in throttling")
struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = LoginThrottle.standard

    func minutesAgo(_ count: Int, every minutes: Double = 1) -> [Date] {
        (1...count).map { now.addingTimeInterval(-Double($0) * minutes * 60) }
    }

    @Test("Four failures for an e-mail from one place still allow another try")
    func underTheLimit() {
        let failures = minutesAgo(4)
        #expect(throttle.decide(.elsewhere(pair: failures, address: failures, account: failures), now: now) == .allowed)
    }

    @Test("Five failures for an e-mail from one place lock that pair until the oldest leaves the window")
    func pairAtTheLimit() {
        let failures = minutesAgo(5)
        let oldest = now.addingTimeInterval(-300)
        #expect(throttle.decide(.elsewhere(pair: failures, address: failures, account: failures), now: now)
                == .lockedUntil(oldest.addingTimeInterval(900)))
    }

    @Test("Failures from one place do not lock the same e-mail address from another place")
    func otherPlacesAreNotLocked() {
        // The guesser made 5 failures elsewhere: this place's pair count is 0 and the account count is 5.
        #expect(throttle.decide(.elsewhere(pair: [], address: [], account: minutesAgo(5)), now: now) == .allowed)
    }

    @Test("A browser that has signed in before counts only its own failures, however many there are elsewhere")
    func knownDevice() {
        #expect(throttle.decide(.knownDevice([]), now: now) == .allowed)
        #expect(throttle.decide(.knownDevice(minutesAgo(4)), now: now) == .allowed)
        guard case .lockedUntil = throttle.decide(.knownDevice(minutesAgo(5)), now: now) else {
            Issue.record("five failures from the known browser itself still lock it")
            return
        }
    }

    @Test("Failures older than the window do not count")
    func oldFailures() {
        let failures = (1...60).map { now.addingTimeInterval(Double(-1000 - $0)) }
        #expect(throttle.decide(.elsewhere(pair: failures, address: failures, account: failures), now: now) == .allowed)
        #expect(throttle.decide(.knownDevice(failures), now: now) == .allowed)
    }

    @Test("Thirty failures from one address lock that address whichever e-mail address is tried")
    func perAddress() {
        let failures = minutesAgo(30, every: 1.0 / 6)
        #expect(throttle.decide(.elsewhere(pair: [], address: Array(failures.dropFirst()), account: []), now: now) == .allowed)
        guard case .lockedUntil(let until) = throttle.decide(.elsewhere(pair: [], address: failures, account: []), now: now) else {
            Issue.record("expected a lock")
            return
        }
        #expect(until > now)
    }

    @Test("Fifty failures for one e-mail from many places lock it for browsers that have not signed in before")
    func perAccount() {
        let failures = minutesAgo(50, every: 0.25)
        #expect(throttle.decide(.elsewhere(pair: [], address: [], account: Array(failures.dropFirst())), now: now) == .allowed)
        guard case .lockedUntil = throttle.decide(.elsewhere(pair: [], address: [], account: failures), now: now) else {
            Issue.record("expected a lock")
            return
        }
        // The owner's usual browser is not affected.
        #expect(throttle.decide(.knownDevice([]), now: now) == .allowed)
    }

    @Test("The lock lasts until enough failures have left the window, whichever count locked")
    func latestUnlockWins() {
        let pair = minutesAgo(5)            // unlocks 10 minutes from now
        let address = minutesAgo(30, every: 0.1) // the oldest is 3 minutes old: unlocks 12 minutes from now
        #expect(throttle.decide(.elsewhere(pair: pair, address: address, account: []), now: now)
                == .lockedUntil(now.addingTimeInterval(-180 + 900)))
    }

    @Test("Queries never need more failures than the largest limit")
    func largestLimit() {
        #expect(throttle.largestLimit == 50)
    }
}
