import Domain
import Testing

@Suite("Engagement: ladders, profiles, trends, telling participants, and activities as entered")
struct EngagementRulesTests {
    static let today = CalendarDate(iso8601: "2026-12-03")!

    // MARK: Ladders

    @Test("The shipped ladders are sound, and the 7-rung ladder is the standard one")
    func shippedLadders() {
        for ladder in LadderDefinition.shipped { #expect(ladder.problems.isEmpty, "\(ladder.key)") }
        #expect(LadderDefinition.shipped.first == .sevenRungs)
        #expect(LadderDefinition.sevenRungs.rungs.map(\.standardLevel) == Array(1...7))
        #expect(LadderDefinition.sevenRungs.rungs.map(\.key) == ["coercion", "educating", "informing", "consultation", "engagement", "co-design", "co-production"])
        #expect(LadderDefinition.fourSteps.rungs.map(\.key) == ["information", "consultation", "participation", "co-production"])
        #expect(StandardLadder.name(ofLevel: 6) == "Co-design")
    }

    @Test("A ladder someone defines is checked: size, short names, meanings, and rungs rising on the standard ladder")
    func ladderProblems() {
        func rung(_ key: String, _ level: Int) -> RungDefinition { RungDefinition(key: key, name: key.capitalized, meaning: "Means \(key)", standardLevel: level) }
        func ladder(_ rungs: [RungDefinition]) -> LadderDefinition { LadderDefinition(key: "custom", name: "Custom", source: "Us", rungs: rungs) }
        #expect(ladder([rung("a", 1), rung("b", 4), rung("c", 7)]).problems.isEmpty)
        #expect(ladder([rung("a", 1)]).problems == ["A ladder has between 2 and 12 rungs"])
        #expect(ladder([rung("a", 1), rung("a", 2)]).problems == ["Each rung needs its own short name"])
        #expect(ladder([rung("A b", 1), rung("c", 2)]).problems == ["A rung's short name uses only small letters, numbers and dashes"])
        #expect(ladder([rung("a", 0), rung("b", 2)]).problems == ["Each rung stands level with one of the 7 rungs of the standard ladder"])
        #expect(ladder([rung("a", 3), rung("b", 8)]).problems == ["Each rung stands level with one of the 7 rungs of the standard ladder"])
        // Level with the rung below is refused too, so a rung moved onto the standard ladder and back is the same rung.
        #expect(ladder([rung("a", 3), rung("b", 3)]).problems == ["Each rung stands higher on the standard ladder than the rung below it"])
        #expect(ladder([rung("a", 5), rung("b", 2)]).problems == ["Each rung stands higher on the standard ladder than the rung below it"])
        #expect(ladder([RungDefinition(key: "a", name: "", meaning: "x", standardLevel: 1), rung("b", 2)]).problems == ["Each rung needs a name and a meaning"])
    }

    @Test("Mapping onto another ladder takes the highest rung not above, and nothing below its lowest rung")
    func mapping() {
        let four = LadderDefinition.fourSteps
        // Standard levels 1 to 7 onto the four steps: coercion and educating fall below it.
        #expect((1...7).map { LadderMapping.position(on: four, forStandardLevel: $0) } == [nil, nil, 0, 1, 2, 2, 3])
        // The four steps onto the standard ladder keep their own levels exactly.
        let seven = LadderDefinition.sevenRungs
        #expect(four.rungs.map { LadderMapping.position(on: seven, forStandardLevel: $0.standardLevel) } == [2, 3, 4, 6])
        // Every rung of a sound ladder comes back to itself.
        for ladder in LadderDefinition.shipped {
            for (index, rung) in ladder.rungs.enumerated() { #expect(LadderMapping.position(on: ladder, forStandardLevel: rung.standardLevel) == index) }
        }
    }

    // MARK: Profiles

    @Test("A profile counts planned and reached per rung, and judges the plan on the standard levels")
    func profile() {
        let profile = LadderProfile(ladder: .sevenRungs, tallies: [
            .init(planned: 7, achieved: 6, count: 2),   // co-production planned, co-design reached: short
            .init(planned: 4, achieved: 5, count: 3),   // consultation planned, engagement reached: beyond the plan
            .init(planned: 5, achieved: 5, count: 1),
            .init(planned: 6, achieved: nil, count: 4), // not known yet
            .init(planned: 3, achieved: 3, count: 0),   // nothing counted
        ])
        #expect(profile.total == 10)
        #expect(profile.known == 6 && profile.notYetKnown == 4)
        #expect(profile.rows.map(\.planned) == [0, 0, 0, 3, 1, 4, 2])
        #expect(profile.rows.map(\.achieved) == [0, 0, 0, 0, 4, 2, 0])
        #expect(profile.reachedPlan == 4 && profile.fellShort == 2)
        #expect(profile.sharedDecisions == 2 && profile.someInfluence == 4 && profile.toldOrAsked == 0)
        #expect(profile.sharedDecisionsPercent == 33)   // 2 of 6, rounded
        #expect(profile.reachedPlanPercent == 67)
    }

    @Test("Activities from the 7-rung ladder shown on the four steps: co-design counts as participation, coercion falls below it")
    func profileOnAnotherLadder() {
        let profile = LadderProfile(ladder: .fourSteps, tallies: [
            .init(planned: 6, achieved: 6, count: 2),
            .init(planned: 2, achieved: 1, count: 1),
            .init(planned: 7, achieved: 4, count: 1),
        ])
        #expect(profile.rows.map(\.key) == ["information", "consultation", "participation", "co-production"])
        #expect(profile.rows.map(\.planned) == [0, 0, 2, 1])
        #expect(profile.rows.map(\.achieved) == [0, 1, 2, 0])
        #expect(profile.belowLadderPlanned == 1 && profile.belowLadderAchieved == 1)
        // Reached its plan: co-design planned and reached, even though the four steps call both "participation".
        #expect(profile.reachedPlan == 2 && profile.fellShort == 2)
        // Co-design shares decisions wherever it is shown.
        #expect(profile.sharedDecisions == 2)
    }

    @Test("An empty profile has no percentages")
    func emptyProfile() {
        let profile = LadderProfile(ladder: .sevenRungs, tallies: [.init(planned: 4, achieved: nil, count: 3)])
        #expect(profile.total == 3 && profile.known == 0)
        #expect(profile.sharedDecisionsPercent == nil && profile.reachedPlanPercent == nil)
        #expect(LadderProfile(ladder: .sevenRungs, tallies: []).total == 0)
    }

    @Test("The trend needs 5 known activities each year and a change of 5 points")
    func trend() {
        func year(shared: Int, of known: Int, unknown: Int = 0) -> LadderProfile {
            LadderProfile(ladder: .sevenRungs, tallies: [.init(planned: 5, achieved: 6, count: shared), .init(planned: 5, achieved: 4, count: known - shared),
                                                         .init(planned: 5, achieved: nil, count: unknown)])
        }
        #expect(EngagementTrend.between(earlier: year(shared: 1, of: 10), later: year(shared: 3, of: 10)) == .rising)
        #expect(EngagementTrend.between(earlier: year(shared: 3, of: 10), later: year(shared: 1, of: 10)) == .falling)
        // 20 to 25 per cent is exactly 5 points: rising. 20 to 24 is not.
        #expect(EngagementTrend.between(earlier: year(shared: 4, of: 20), later: year(shared: 5, of: 20)) == .rising)
        #expect(EngagementTrend.between(earlier: year(shared: 5, of: 25), later: year(shared: 6, of: 25)) == .steady)
        // Four known activities are too few, however many are not known yet.
        #expect(EngagementTrend.between(earlier: year(shared: 0, of: 4, unknown: 9), later: year(shared: 5, of: 5)) == .tooFewToSay)
        #expect(EngagementTrend.between(earlier: year(shared: 0, of: 5), later: year(shared: 5, of: 5)) == .rising)
    }

    // MARK: Years and telling participants

    @Test("The reporting year runs from 1 April to 31 March")
    func reportingYear() {
        #expect(ReportingYear(containing: CalendarDate(iso8601: "2026-03-31")!).startYear == 2025)
        #expect(ReportingYear(containing: CalendarDate(iso8601: "2026-04-01")!).startYear == 2026)
        let year = ReportingYear(startYear: 2025)
        #expect(year.label == "April 2025 to March 2026" && year.shortLabel == "2025-26")
        #expect(year.firstDay.iso8601 == "2025-04-01" && year.lastDay.iso8601 == "2026-03-31")
        #expect(ReportingYear(startYear: 2099).shortLabel == "2099-00")
        #expect(ReportingYear(text: "2025-26") == year && ReportingYear(text: "2025") == year)
        for bad in ["2025-27", "25-26", "2025/26", "", "abcd", "2025-2026"] { #expect(ReportingYear(text: bad) == nil, "\(bad)") }
    }

    @Test("Participants are due to be told within the area's days after the activity ends, and overdue the day after")
    func loop() {
        let start = CalendarDate(iso8601: "2026-10-01")!
        let end = CalendarDate(iso8601: "2026-10-31")!
        func status(_ today: String, ends: CalendarDate? = end, told: CalendarDate? = nil) -> EngagementLoop {
            EngagementLoop.status(startsOn: start, endsOn: ends, toldOn: told, daysToTell: 30, today: CalendarDate(iso8601: today)!)
        }
        #expect(status("2026-10-31") == .running)
        #expect(status("2026-11-01") == .dueBy(CalendarDate(iso8601: "2026-11-30")!))
        #expect(status("2026-11-30") == .dueBy(CalendarDate(iso8601: "2026-11-30")!))
        #expect(status("2026-12-01") == .notTold(since: CalendarDate(iso8601: "2026-11-30")!))
        #expect(status("2027-06-01", told: CalendarDate(iso8601: "2027-01-05")!) == .told(CalendarDate(iso8601: "2027-01-05")!))
        // With no end date it ended the day it started.
        #expect(status("2026-10-02", ends: nil) == .dueBy(CalendarDate(iso8601: "2026-10-31")!))
        // The list of overdue activities takes those that finished before this day.
        #expect(EngagementLoop.overdueIfEndedBefore(today: CalendarDate(iso8601: "2026-12-01")!, daysToTell: 30).iso8601 == "2026-11-01")
    }

    // MARK: Activities as entered

    static func input(_ change: (inout EngagementActivityDetails.Input) -> Void = { _ in }) -> EngagementActivityDetails.Input {
        var input = EngagementActivityDetails.Input()
        input.title = "  Short breaks   survey "
        input.startsOn = DateInput(day: "1", month: "9", year: "2026")
        input.endsOn = DateInput(day: "30", month: "9", year: "2026")
        input.method = "survey"
        input.plannedRung = "engagement"
        input.achievedRung = "consultation"
        input.parentCarers = "120"
        input.childrenAndYoungPeople = ""
        input.professionals = "0"
        input.reached = ["rural", "fathers", "fathers", ""]
        input.whatChanged = "Two more Saturday sessions."
        input.toldOn = DateInput(day: "20", month: "10", year: "2026")
        input.howTold = "Newsletter"
        change(&input)
        return input
    }

    static func errors(_ input: EngagementActivityDetails.Input, ladder: LadderDefinition = .sevenRungs, hasOrganisation: Bool = true) -> [String: String] {
        do {
            _ = try EngagementActivityDetails.validate(input, ladder: ladder, hasOrganisation: hasOrganisation, today: today)
            return [:]
        } catch let errors as ValidationErrors {
            return Dictionary(uniqueKeysWithValues: errors.errors.map { ($0.field, $0.message) })
        } catch {
            return ["": "\(error)"]
        }
    }

    @Test("A sound activity is cleaned and kept: counts, groups reached in list order, the year it started in")
    func soundActivity() throws {
        let details = try EngagementActivityDetails.validate(Self.input(), ladder: .sevenRungs, hasOrganisation: true, today: Self.today)
        #expect(details.title == "Short breaks survey")
        #expect(details.participants == ParticipantCounts(parentCarers: 120, childrenAndYoungPeople: 0, professionals: 0))
        #expect(details.reached == [.fathers, .rural])
        #expect(details.reportingYear.startYear == 2026)
        #expect(details.achievedRung == "consultation" && details.plannedRung == "engagement")
        // The rung reached may be left until it is known.
        #expect(Self.errors(Self.input { $0.achievedRung = " " }).isEmpty)
    }

    @Test("A rung that is not on the ladder is refused, naming the ladder's rungs")
    func rungNotOnLadder() {
        // "co-design" is on the 7-rung ladder but not on the four steps.
        let errors = Self.errors(Self.input { $0.plannedRung = "co-design"; $0.achievedRung = "engagement" }, ladder: .fourSteps)
        #expect(errors["plannedRung"] == "The rung planned must be one on the Four steps to co-production: Information, Consultation, Participation, Co-production")
        #expect(errors["achievedRung"]?.hasPrefix("The rung achieved must be one on the Four steps to co-production") == true)
        #expect(Self.errors(Self.input { $0.plannedRung = nil })["plannedRung"] == "Select the rung of the ladder you planned to reach")
    }

    @Test("Bad entries each get their own message")
    func badEntries() {
        #expect(Self.errors(Self.input { $0.title = "" })["title"] == "Enter a title for the activity")
        #expect(Self.errors(Self.input { $0.startsOn = DateInput() })["startsOn"] == "Enter the start date")
        #expect(Self.errors(Self.input { $0.endsOn = DateInput(day: "31", month: "8", year: "2026") })["endsOn"]
            == "End date must be the same as or after the start date")
        #expect(Self.errors(Self.input { $0.method = "carrier-pigeon" })["method"] == "Select how the activity was run")
        #expect(Self.errors(Self.input { _ in }, hasOrganisation: false)["organisationIds"] == "Select at least one organisation involved")
        for bad in ["-1", "1e3", "12.0", "+5", "1000001", "99999999999", "twelve"] {
            #expect(Self.errors(Self.input { $0.parentCarers = bad })["parentCarers"] == "Parent carers must be a whole number from 0 to 1,000,000", "\(bad)")
        }
        #expect(Self.errors(Self.input { $0.professionals = "1000000" }).isEmpty)
        #expect(Self.errors(Self.input { $0.reached = ["martians"] })["reached"] == "Select seldom-heard groups from the list")
        // A rung reached before the activity has started.
        let future = Self.errors(Self.input { $0.startsOn = DateInput(day: "1", month: "1", year: "2027"); $0.endsOn = DateInput(); $0.toldOn = DateInput(); $0.howTold = nil })
        #expect(future["achievedRung"] == "Leave the rung achieved until the activity has started")
    }

    @Test("Telling participants needs what changed, how they were told, and a date between the start and today")
    func telling() {
        #expect(Self.errors(Self.input { $0.whatChanged = nil })["whatChanged"] == "Say what changed before recording that participants were told")
        #expect(Self.errors(Self.input { $0.howTold = "" })["howTold"] == "Say how participants were told what changed")
        #expect(Self.errors(Self.input { $0.toldOn = DateInput() })["toldOn"] == "Enter the date participants were told")
        #expect(Self.errors(Self.input { $0.toldOn = DateInput(day: "31", month: "8", year: "2026") })["toldOn"]
            == "Date participants were told must be on or after the start date")
        #expect(Self.errors(Self.input { $0.toldOn = DateInput(day: "4", month: "12", year: "2026") })["toldOn"]
            == "Date participants were told must be today or in the past")
        // Not told yet: no date and no "how" is fine.
        #expect(Self.errors(Self.input { $0.toldOn = DateInput(); $0.howTold = nil }).isEmpty)
    }

    @Test("A service needs a name and a kind")
    func service() throws {
        let service = try ServiceDetails.validate(name: " Short breaks ", kind: "service", summary: "")
        #expect(service == ServiceDetails(name: "Short breaks", kind: .service, summary: nil))
        #expect(throws: ValidationErrors.self) { try ServiceDetails.validate(name: "", kind: "service", summary: nil) }
        #expect(throws: ValidationErrors.self) { try ServiceDetails.validate(name: "X", kind: "spaceship", summary: nil) }
    }
}
