import Domain
import Foundation
import Vapor

/// Where the app gets the current time, so tests can fix it.
protocol TimeSource: Sendable {
    func now() -> Date
}

struct SystemTimeSource: TimeSource {
    func now() -> Date { Date() }
}

struct FixedTimeSource: TimeSource {
    let instant: Date
    func now() -> Date { instant }
}

extension Application {
    private struct TimeSourceKey: StorageKey { typealias Value = any TimeSource }

    var timeSource: any TimeSource {
        get { storage[TimeSourceKey.self] ?? SystemTimeSource() }
        set { storage[TimeSourceKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.timeSource.now() }
    /// Today's date in the UK.
    var today: CalendarDate { CalendarDate(now) }
}
