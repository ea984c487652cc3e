import Domain
import Foundation
import Testing

@Suite("Sign-in throttling")
struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = LoginThrottle(maximumFailuresPerAccount: 5, maximumFailuresPerAddress: 30, window: 900)

    @Test("Four failures still allow another try")
    func underTheLimit() {
        let failures = (1...4).map { now.addingTimeInterval(Double(-$0 * 60)) }
        #expect(throttle.decide(accountFailures: failures, addressFailures: failures, now: now) == .allowed)
    }

    @Test("Five failures lock the account until the oldest leaves the window")
    func atTheLimit() {
        let failures = (1...5).map { now.addingTimeInterval(Double(-$0 * 60)) }
        let oldest = now.addingTimeInterval(-300)
        #expect(throttle.decide(accountFailures: failures, addressFailures: [], now: now) == .lockedUntil(oldest.addingTimeInterval(900)))
    }

    @Test("Failures older than the window do not count")
    func oldFailures() {
        let failures = (1...10).map { now.addingTimeInterval(Double(-1000 - $0)) }
        #expect(throttle.decide(accountFailures: failures, addressFailures: failures, now: now) == .allowed)
    }

    @Test("Many failures from one address lock that address whichever e-mail address is tried")
    func perAddress() {
        let failures = (1...30).map { now.addingTimeInterval(Double(-$0 * 10)) }
        guard case .lockedUntil(let until) = throttle.decide(accountFailures: [], addressFailures: failures, now: now) else {
            Issue.record("expected a lock")
            return
        }
        #expect(until > now)
    }
}
