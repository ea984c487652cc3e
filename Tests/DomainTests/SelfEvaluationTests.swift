import Domain
import Testing

@Suite("Self-evaluation: frameworks, the rating for every spread of evidence, answers and action plans")
struct SelfEvaluationTests {
    static let tool = FrameworkDefinition.coProductionSelfAssessment
    static let cornerstones = FrameworkDefinition.fourCornerstones

    /// The statements to tick for this many at each stage, spread over the key ideas.
    static func ticks(_ counts: [Int]) -> Set<String> {
        var keys = Set<String>()
        for (stage, count) in counts.enumerated() {
            keys.formUnion(tool.statements.filter { $0.stage == stage }.prefix(count).map(\.key))
        }
        return keys
    }

    static func rating(_ counts: [Int]) -> Rating? { AssessmentResult(framework: tool, ticked: ticks(counts)).rating }

    @Test("The shipped frameworks are sound: seed 001's three key ideas and four stages, seed 002's four cornerstones")
    func shipped() {
        for framework in FrameworkDefinition.shipped { #expect(framework.problems.isEmpty, "\(framework.key): \(framework.problems)") }
        #expect(Self.tool.keyIdeas.map(\.name) == ["Equal partners", "Recognising people as assets", "Communities helping themselves to improve services"])
        #expect(Self.tool.stages.map(\.name) == ["You really haven't got this yet", "You've got the basics", "You're getting there", "You're doing really well"])
        for idea in Self.tool.keyIdeas {
            #expect((0..<4).map { stage in idea.statements.filter { $0.stage == stage }.count } == [3, 3, 3, 3])
        }
        #expect(Self.cornerstones.keyIdeas.map(\.name) == ["Welcome and care", "Value and include", "Communication", "Partnership"])
        #expect(Self.cornerstones.statements.count == 12 && Self.cornerstones.statements.allSatisfy { $0.stage == nil })
    }

    @Test("A framework someone defines is checked")
    func problems() {
        let statement = FrameworkDefinition.Statement(key: "a", text: "A", stage: 0)
        let idea = FrameworkDefinition.KeyIdea(key: "idea", name: "Idea", about: "", statements: [statement, statement])
        let broken = FrameworkDefinition(key: "x", name: "X", source: "", summary: "", stages: [.init(name: "Only")], keyIdeas: [idea],
                                         rule: .middleOfEvidence(ratings: [.red, .green], greenNeedsNoneIn: nil))
        #expect(broken.problems == ["Each key idea and statement needs its own short name", "A rule on where the evidence sits needs at least 2 stages",
                                    "The rule gives a rating for each stage"])
        let commitments = FrameworkDefinition(key: "y", name: "Y", source: "", summary: "", stages: [], keyIdeas: [idea],
                                              rule: .shareMet(green: 50, amber: 60))
        #expect(commitments.problems.contains("Commitments have no stages"))
        #expect(commitments.problems.contains("Green needs a higher share than amber, up to 100 per cent"))
    }

    @Test("The seed's three cases: mostly the first stage is red, mostly the second amber, mostly the fourth green")
    func seedCases() {
        #expect(Self.rating([5, 2, 0, 0]) == .red)
        #expect(Self.rating([0, 5, 2, 0]) == .amber)
        #expect(Self.rating([0, 0, 2, 5]) == .green)
        // Defined here: mostly the third stage is amber.
        #expect(Self.rating([0, 1, 5, 2]) == .amber)
        let result = AssessmentResult(framework: Self.tool, ticked: Self.ticks([0, 5, 2, 0]))
        #expect(result.reason == "Most of the evidence (5 of 7 statements) is under \u{201C}You've got the basics\u{201D}, so the rating is amber.")
        #expect(result.byStage == [0, 5, 2, 0] && result.ticked == 7)
    }

    @Test("Any other spread is rated at the middle of its evidence, the lower middle for an even number")
    func otherSpreads() {
        // No stage holds most: sorted 0,0,1,1,2,2,3 has its middle at the second stage.
        #expect(Self.rating([2, 2, 2, 1]) == .amber)
        // Two ticks, one at each end: the lower middle is the first stage.
        #expect(Self.rating([1, 0, 0, 1]) == .red)
        #expect(Self.rating([0, 0, 3, 3]) == .amber)
        #expect(Self.rating([0, 0, 2, 3]) == .green)
        let spread = AssessmentResult(framework: Self.tool, ticked: Self.ticks([2, 2, 2, 1]))
        #expect(spread.reason.hasPrefix("No one stage holds most of the evidence; the middle of it, counting from the lowest stage up, is under \u{201C}You've got the basics\u{201D}"))
        // Green needs nothing under "you really haven't got this".
        #expect(Self.rating([1, 0, 1, 5]) == .amber)
        #expect(AssessmentResult(framework: Self.tool, ticked: Self.ticks([1, 0, 1, 5])).reason
            == "Most of the evidence (5 of 7 statements) is under \u{201C}You're doing really well\u{201D}, but 1 statement is under \u{201C}You really haven't got this yet\u{201D}, and green needs none there, so the rating is amber.")
        // Nothing ticked: no rating.
        #expect(Self.rating([0, 0, 0, 0]) == nil)
        #expect(AssessmentResult(framework: Self.tool, ticked: ["not-a-statement"]).rating == nil)
    }

    @Test("Over every spread of up to 3 ticks a stage: a rating always, and moving a tick up a stage never lowers it")
    func everySpread() {
        let order: [Rating?] = [nil, .red, .amber, .green]
        func rank(_ rating: Rating?) -> Int { order.firstIndex(of: rating)! }
        var spreads = 0
        for a in 0...3 { for b in 0...3 { for c in 0...3 { for d in 0...3 {
            let counts = [a, b, c, d]
            let rating = Self.rating(counts)
            #expect((rating == nil) == (counts.reduce(0, +) == 0), "\(counts)")
            // A stage holding most of the evidence gives the rating, as the seed says.
            if let most = counts.indices.first(where: { counts[$0] * 2 > counts.reduce(0, +) }) {
                let expected: Rating = [.red, .amber, .amber, .green][most]
                #expect(rating == (expected == .green && a > 0 ? .amber : expected), "\(counts)")
            }
            for from in 0..<3 where counts[from] > 0 {
                for to in (from + 1)..<4 where counts[to] < 3 {
                    var moved = counts
                    moved[from] -= 1
                    moved[to] += 1
                    #expect(rank(Self.rating(moved)) >= rank(rating), "\(counts) to \(moved)")
                }
            }
            spreads += 1
        } } } }
        #expect(spreads == 256)
        #expect(RatingRule.middleStage([0, 0, 0, 1]) == 3 && RatingRule.middleStage([1, 1]) == 0 && RatingRule.middleStage([1, 2]) == 1)
    }

    @Test("The cornerstones: the share of commitments kept, 80% green and 50% amber, rounded down")
    func cornerstones() {
        func rating(_ count: Int) -> AssessmentResult {
            AssessmentResult(framework: Self.cornerstones, ticked: Set(Self.cornerstones.statements.prefix(count).map(\.key)))
        }
        #expect(rating(10).rating == .green)    // 83%
        #expect(rating(9).rating == .amber)     // 75%
        #expect(rating(6).rating == .amber)     // 50% exactly
        #expect(rating(5).rating == .red)       // 41%
        #expect(rating(0).rating == nil)
        #expect(rating(6).reason == "6 of 12 commitments (50%) describe the way you work, so the rating is amber.")
        #expect(rating(6).byKeyIdea.map(\.ticked) == [3, 3, 0, 0])
        #expect(RatingRule.shareMet(green: 80, amber: 50).explanation(stages: []).first == "Green: 80% or more of the commitments describe the way you work.")
    }

    @Test("The rule is said in words with the framework's own stage names")
    func explanation() {
        let lines = Self.tool.rule.explanation(stages: Self.tool.stages)
        #expect(lines[0] == "Red: the middle of the evidence is under \u{201C}You really haven't got this yet\u{201D}.")
        #expect(lines[1] == "Amber: the middle of the evidence is under \u{201C}You've got the basics\u{201D} or \u{201C}You're getting there\u{201D}.")
        #expect(lines[2].hasPrefix("Green: the middle of the evidence is under \u{201C}You're doing really well\u{201D}, and none is under"))
        #expect(lines.count == 5)
    }

    @Test("Answers: a ticked statement needs evidence or a link, links need a tick, a key must be the framework's, and one tick at least")
    func answers() throws {
        let first = Self.tool.statements[0], second = Self.tool.statements[1]
        func problems(_ answers: [String: (ticked: Bool, evidence: String?, links: Int)]) -> [String: String] {
            do {
                _ = try AssessmentAnswers.validate(answers, framework: Self.tool)
                return [:]
            } catch let errors as ValidationErrors {
                return Dictionary(uniqueKeysWithValues: errors.errors.map { ($0.field, $0.message) })
            } catch { return ["": "\(error)"] }
        }
        let sound = try AssessmentAnswers.validate([first.key: (true, "The minutes show it.  \n", 0), second.key: (true, nil, 1)], framework: Self.tool)
        #expect(sound[first.key] == StatementAnswer(ticked: true, evidence: "The minutes show it.", links: 0))
        #expect(problems([first.key: (true, " ", 0)])["evidence-\(first.key)"] == "Give the evidence for \u{201C}\(first.text)\u{201D}")
        #expect(problems([first.key: (true, "Yes", 0), second.key: (false, nil, 2)])["evidence-\(second.key)"]?.hasPrefix("Tick \u{201C}") == true)
        #expect(problems(["made-up": (true, "Yes", 0)])["answers"] == "made-up is not a statement of Co-production self-assessment")
        #expect(problems([first.key: (false, "Not really", 0)])["answers"] == "Tick at least one statement that describes the way you work, and give its evidence")
        #expect(problems([:])["answers"] != nil)
        #expect(problems([first.key: (true, String(repeating: "a", count: 2001), 0)])["evidence-\(first.key)"] == "Evidence must be 2,000 characters or fewer")
    }

    @Test("An action needs what, who, when and how; it is overdue the day after its date unless done")
    func actions() throws {
        let due = DateInput(day: "30", month: "4", year: "2027")
        let action = try PlanActionDetails.validate(what: " Pay parents for their time ", hasOwner: true, dueOn: due, how: "Budget line", status: "under-way", progress: "")
        #expect(action.what == "Pay parents for their time" && action.progress == nil && action.status == .underWay)
        #expect(throws: ValidationErrors(field: "ownerId", message: "Choose who will do it")) {
            try PlanActionDetails.validate(what: "X", hasOwner: false, dueOn: due, how: "Y", status: "done", progress: nil)
        }
        do {
            _ = try PlanActionDetails.validate(what: "", hasOwner: true, dueOn: DateInput(), how: " ", status: "finished", progress: nil)
            Issue.record("should be refused")
        } catch let errors as ValidationErrors {
            #expect(errors.errors.map(\.field) == ["what", "dueOn", "how", "status"])
        }
        let date = CalendarDate(iso8601: "2027-04-30")!
        #expect(!PlanActionDetails.isOverdue(dueOn: date, status: .notStarted, today: date))
        #expect(PlanActionDetails.isOverdue(dueOn: date, status: .underWay, today: date.adding(days: 1)))
        #expect(!PlanActionDetails.isOverdue(dueOn: date, status: .done, today: date.adding(days: 100)))
        #expect(throws: ValidationErrors.self) { try PlanIdea.validate("  ") }
        #expect(try PlanIdea.validate(" Evening meetings ") == "Evening meetings")
    }

    @Test("Movement between years")
    func movement() {
        #expect(RatingMovement(from: .red, to: .amber) == .better)
        #expect(RatingMovement(from: .green, to: .amber) == .worse)
        #expect(RatingMovement(from: .amber, to: .amber) == .same)
        #expect(RatingMovement(from: nil, to: .green) == .firstAssessment)
    }
}
