/// How well the agreement's promises were kept at meetings over a year: for
/// each clause, how many meetings kept it and broke it, month by month, and
/// whether it is getting better or worse.
///
/// Only meetings with a final answer count: a promise met or not met. One
/// still at risk (minutes not sent yet), not yet due, or that did not apply
/// (a cancelled meeting) is left out of the rate, and counted apart.
public struct AgreementHealth: Sendable, Equatable {
    /// How many meetings gave one clause one result in one month.
    public struct Count: Sendable, Equatable {
        public let clause: String
        /// "2027-03".
        public let month: String
        public let result: MeetingRuleCheck.Result
        public let meetings: Int

        public init(clause: String, month: String, result: MeetingRuleCheck.Result, meetings: Int) {
            self.clause = clause
            self.month = month
            self.result = result
            self.meetings = meetings
        }
    }

    /// Kept and broken in one month.
    public struct Tally: Sendable, Equatable {
        public var kept = 0
        public var broken = 0
        /// At risk, not yet due or not applying: no final answer.
        public var other = 0

        public init(kept: Int = 0, broken: Int = 0, other: Int = 0) {
            self.kept = kept
            self.broken = broken
            self.other = other
        }

        public var judged: Int { kept + broken }

        /// The share kept, in whole per cent; nil when no meeting has a final answer.
        public var percentKept: Int? {
            guard judged > 0 else { return nil }
            return Int((Double(kept) * 100 / Double(judged)).rounded())
        }

        mutating func add(_ result: MeetingRuleCheck.Result, _ meetings: Int) {
            switch result {
            case .met: kept += meetings
            case .notMet: broken += meetings
            case .atRisk, .notYetDue, .notApplicable: other += meetings
            }
        }

        static func + (lhs: Tally, rhs: Tally) -> Tally {
            Tally(kept: lhs.kept + rhs.kept, broken: lhs.broken + rhs.broken, other: lhs.other + rhs.other)
        }
    }

    public enum Trend: String, Sendable, Equatable {
        case improving, worsening, steady
        case tooFewToTell = "too-few-to-tell"

        public var label: String {
            switch self {
            case .improving: "Getting better"
            case .worsening: "Getting worse"
            case .steady: "Steady"
            case .tooFewToTell: "Too few meetings to tell"
            }
        }
    }

    public struct Clause: Sendable, Equatable {
        public let clause: String
        public let total: Tally
        /// One per month of the period, oldest first.
        public let months: [Tally]
        public let trend: Trend
    }

    /// The months of the period, oldest first ("2026-04" ... "2027-03").
    public let months: [String]
    /// In the order the clauses were given.
    public let clauses: [Clause]
    /// Every clause together, month by month.
    public let overall: [Tally]
    public let overallTotal: Tally
    public let overallTrend: Trend

    /// A trend needs this many meetings with a final answer in each half of the year.
    public static let fewestForTrend = 3
    /// A change smaller than this many percentage points is steady.
    public static let smallestChange = 10

    /// - Parameters:
    ///   - clauses: the clauses to show, in order; counts for others are ignored.
    ///   - lastMonth: the last month of the twelve, such as "2027-03".
    public init(clauses: [String], counts: [Count], lastMonth: CalendarDate) {
        let months = (0..<12).reversed().map { lastMonth.adding(months: -$0) }.map(Self.monthKey)
        self.months = months
        var byClause: [String: [String: Tally]] = [:]
        for count in counts where months.contains(count.month) {
            byClause[count.clause, default: [:]][count.month, default: Tally()].add(count.result, count.meetings)
        }
        let lines = clauses.map { clause in
            let tallies = months.map { byClause[clause]?[$0] ?? Tally() }
            return Clause(clause: clause, total: tallies.reduce(Tally(), +), months: tallies, trend: Self.trend(tallies))
        }
        let overall = months.indices.map { index in lines.map { $0.months[index] }.reduce(Tally(), +) }
        self.clauses = lines
        self.overall = overall
        overallTotal = overall.reduce(Tally(), +)
        overallTrend = Self.trend(overall)
    }

    /// Compares the later six months with the earlier six.
    public static func trend(_ months: [Tally]) -> Trend {
        let half = months.count / 2
        let earlier = months.prefix(half).reduce(Tally(), +), later = months.suffix(months.count - half).reduce(Tally(), +)
        guard earlier.judged >= fewestForTrend, later.judged >= fewestForTrend,
              let before = earlier.percentKept, let after = later.percentKept else { return .tooFewToTell }
        if after - before >= smallestChange { return .improving }
        if before - after >= smallestChange { return .worsening }
        return .steady
    }

    /// "2027-03" for any day in March 2027.
    public static func monthKey(_ date: CalendarDate) -> String {
        String(date.iso8601.prefix(7))
    }

    /// "March 2027" for "2027-03".
    public static func monthName(_ key: String) -> String {
        guard let date = CalendarDate(iso8601: key + "-01") else { return key }
        return date.longForm.split(separator: " ").dropFirst().joined(separator: " ")
    }
}
