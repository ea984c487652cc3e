import Domain
import Testing

@Suite("Agreement health: how often each promise was kept over a year")
struct AgreementHealthTests {
    typealias Count = AgreementHealth.Count
    static let march = CalendarDate(iso8601: "2027-03-15")!

    @Test("Twelve months end with the month given; only met and not met count towards the rate")
    func rates() {
        let counts = [
            Count(clause: "a", month: "2027-03", result: .met, meetings: 3),
            Count(clause: "a", month: "2027-03", result: .notMet, meetings: 1),
            Count(clause: "a", month: "2027-03", result: .atRisk, meetings: 2),
            Count(clause: "a", month: "2026-04", result: .notApplicable, meetings: 1),
            // Before the twelve months, and a clause not asked for: both left out.
            Count(clause: "a", month: "2026-03", result: .notMet, meetings: 9),
            Count(clause: "z", month: "2027-03", result: .notMet, meetings: 9),
        ]
        let health = AgreementHealth(clauses: ["a", "b"], counts: counts, lastMonth: Self.march)
        #expect(health.months.first == "2026-04" && health.months.last == "2027-03" && health.months.count == 12)
        #expect(health.clauses[0].total == .init(kept: 3, broken: 1, other: 3))
        #expect(health.clauses[0].total.percentKept == 75)
        #expect(health.clauses[1].total.percentKept == nil)
        #expect(health.overallTotal == .init(kept: 3, broken: 1, other: 3))
        #expect(health.overall.last == .init(kept: 3, broken: 1, other: 2))
        #expect(AgreementHealth.monthName("2027-03") == "March 2027")
    }

    @Test("The trend compares the later six months with the earlier six, once each has enough meetings")
    func trend() {
        func months(_ early: (Int, Int), _ late: (Int, Int)) -> [AgreementHealth.Tally] {
            Array(repeating: .init(), count: 5) + [.init(kept: early.0, broken: early.1)] + Array(repeating: .init(), count: 5) + [.init(kept: late.0, broken: late.1)]
        }
        #expect(AgreementHealth.trend(months((2, 2), (4, 0))) == .improving)
        #expect(AgreementHealth.trend(months((4, 0), (2, 2))) == .worsening)
        // 10 points exactly is a change; 9 is not.
        #expect(AgreementHealth.trend(months((8, 2), (9, 1))) == .improving)
        #expect(AgreementHealth.trend(months((91, 9), (100, 0))) == .steady)
        #expect(AgreementHealth.trend(months((2, 0), (0, 3))) == .tooFewToTell)
        #expect(AgreementHealth.trend([]) == .tooFewToTell)
    }
}
