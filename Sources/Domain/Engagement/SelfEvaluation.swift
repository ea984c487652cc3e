/// A self-evaluation framework: key ideas, the stages evidence is placed in,
/// the statements people tick when they describe them, and the rule that
/// turns the ticked statements into a rating.
///
/// Frameworks are data. Two ship with Coproduce (`FrameworkDefinition.shipped`):
/// seed 001's co-production self-assessment tool, and seed 002's four
/// cornerstones written as commitments. An area keeps its own copy of each it
/// uses, so an assessment always reads against the words it was made with.
public struct FrameworkDefinition: Sendable, Equatable, Codable {
    public let key: String
    public let name: String
    public let source: String
    /// What it is for, in a sentence or two.
    public let summary: String
    /// The stages statements are placed in, lowest first; empty when statements are commitments with no stage.
    public let stages: [Stage]
    public let keyIdeas: [KeyIdea]
    public let rule: RatingRule

    public struct Stage: Sendable, Equatable, Codable {
        public let name: String
        public init(name: String) { self.name = name }
    }

    public struct KeyIdea: Sendable, Equatable, Codable {
        public let key: String
        public let name: String
        public let about: String
        public let statements: [Statement]

        public init(key: String, name: String, about: String, statements: [Statement]) {
            self.key = key
            self.name = name
            self.about = about
            self.statements = statements
        }
    }

    public struct Statement: Sendable, Equatable, Codable {
        public let key: String
        public let text: String
        /// Index into `stages`; nil for a commitment.
        public let stage: Int?

        public init(key: String, text: String, stage: Int?) {
            self.key = key
            self.text = text
            self.stage = stage
        }
    }

    public init(key: String, name: String, source: String, summary: String, stages: [Stage], keyIdeas: [KeyIdea], rule: RatingRule) {
        self.key = key
        self.name = name
        self.source = source
        self.summary = summary
        self.stages = stages
        self.keyIdeas = keyIdeas
        self.rule = rule
    }

    public var statements: [Statement] { keyIdeas.flatMap(\.statements) }

    public func statement(_ key: String) -> Statement? { statements.first { $0.key == key } }

    /// The key idea a statement sits under.
    public func keyIdea(of statementKey: String) -> KeyIdea? { keyIdeas.first { $0.statements.contains { $0.key == statementKey } } }

    /// What is wrong with a framework someone defines; the shipped ones have nothing wrong.
    public var problems: [String] {
        var problems: [String] = []
        let keys = statements.map(\.key) + keyIdeas.map(\.key)
        if Set(keys).count != keys.count { problems.append("Each key idea and statement needs its own short name") }
        if keyIdeas.isEmpty || keyIdeas.contains(where: { $0.statements.isEmpty }) { problems.append("Each key idea needs at least one statement") }
        switch rule {
        case .middleOfEvidence(let ratings, _):
            if stages.count < 2 { problems.append("A rule on where the evidence sits needs at least 2 stages") }
            if ratings.count != stages.count { problems.append("The rule gives a rating for each stage") }
            if statements.contains(where: { $0.stage.map { !stages.indices.contains($0) } ?? true }) {
                problems.append("Each statement sits in one of the stages")
            }
        case .shareMet(let green, let amber):
            if !stages.isEmpty || statements.contains(where: { $0.stage != nil }) { problems.append("Commitments have no stages") }
            if !(0 < amber && amber < green && green <= 100) { problems.append("Green needs a higher share than amber, up to 100 per cent") }
        }
        return problems
    }
}

public enum Rating: String, Sendable, Codable, CaseIterable, Comparable {
    case red, amber, green

    public var label: String {
        switch self {
        case .red: "Red"
        case .amber: "Amber"
        case .green: "Green"
        }
    }

    public static func < (lhs: Rating, rhs: Rating) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
}

/// How a framework's ticked statements become a rating.
public enum RatingRule: Sendable, Equatable, Codable {
    /// The stage of the middle ticked statement, counting from the lowest stage up
    /// (the lower of the two middles for an even number), gives the rating
    /// (`ratings[stage]`). When most statements sit in one stage, that is the
    /// stage: the seed's "most of my evidence". Any other spread still has a
    /// middle, and moving evidence up the stages never lowers the rating.
    /// Green is given only when no statement is ticked in the stage `greenNeedsNoneIn`; otherwise it is amber.
    case middleOfEvidence(ratings: [Rating], greenNeedsNoneIn: Int?)
    /// The share of commitments that describe them: `green` per cent or more is green, `amber` or more amber, less red.
    case shareMet(green: Int, amber: Int)
}

/// Where the evidence of one assessment sits, its rating and why.
public struct AssessmentResult: Sendable, Equatable {
    public let rating: Rating?
    /// Why, in plain words, for the assessment's page.
    public let reason: String
    /// Ticked statements in each stage (stage frameworks).
    public let byStage: [Int]
    /// Ticked statements and statements in each key idea, in the framework's order.
    public let byKeyIdea: [(ticked: Int, of: Int)]
    public let ticked: Int

    public static func == (lhs: AssessmentResult, rhs: AssessmentResult) -> Bool {
        lhs.rating == rhs.rating && lhs.reason == rhs.reason && lhs.byStage == rhs.byStage && lhs.ticked == rhs.ticked
            && lhs.byKeyIdea.map(\.ticked) == rhs.byKeyIdea.map(\.ticked) && lhs.byKeyIdea.map(\.of) == rhs.byKeyIdea.map(\.of)
    }

    /// Rates the statements ticked (by key) against the framework. Keys not in the framework are ignored.
    public init(framework: FrameworkDefinition, ticked keys: Set<String>) {
        let ticked = framework.statements.filter { keys.contains($0.key) }
        self.ticked = ticked.count
        byKeyIdea = framework.keyIdeas.map { idea in (ticked: idea.statements.filter { keys.contains($0.key) }.count, of: idea.statements.count) }
        switch framework.rule {
        case .middleOfEvidence(let ratings, let greenNeedsNoneIn):
            var counts = Array(repeating: 0, count: framework.stages.count)
            for statement in ticked { if let stage = statement.stage, counts.indices.contains(stage) { counts[stage] += 1 } }
            byStage = counts
            let total = counts.reduce(0, +)
            guard total > 0 else {
                rating = nil
                reason = "No statement is ticked yet, so there is no rating."
                return
            }
            // The middle ticked statement, counting from the lowest stage up (the lower of two middles).
            let middle = RatingRule.middleStage(counts)
            let stageName = "\u{201C}\(framework.stages[middle].name)\u{201D}"
            var why = counts[middle] * 2 > total
                ? "Most of the evidence (\(counts[middle]) of \(total) statements) is under \(stageName)"
                : "No one stage holds most of the evidence; the middle of it, counting from the lowest stage up, is under \(stageName)"
            var result = ratings.indices.contains(middle) ? ratings[middle] : .red
            if result == .green, let blocking = greenNeedsNoneIn, counts.indices.contains(blocking), counts[blocking] > 0 {
                result = .amber
                why += ", but \(counts[blocking]) \(counts[blocking] == 1 ? "statement is" : "statements are") under \u{201C}\(framework.stages[blocking].name)\u{201D}, and green needs none there"
            }
            rating = result
            reason = why + ", so the rating is \(result.label.lowercased())."
        case .shareMet(let green, let amber):
            byStage = []
            let all = framework.statements.count
            guard all > 0, !ticked.isEmpty else {
                rating = nil
                reason = "No commitment is ticked yet, so there is no rating."
                return
            }
            let percent = ticked.count * 100 / all
            let result: Rating = percent >= green ? .green : percent >= amber ? .amber : .red
            rating = result
            reason = "\(ticked.count) of \(all) commitments (\(percent)%) describe the way you work, so the rating is \(result.label.lowercased())."
        }
    }
}

extension RatingRule {
    /// The rule in words, said on the framework's page and under every rating.
    public func explanation(stages: [FrameworkDefinition.Stage]) -> [String] {
        switch self {
        case .middleOfEvidence(let ratings, let greenNeedsNoneIn):
            var lines: [String] = []
            for rating in Rating.allCases {
                let names = ratings.indices.filter { ratings[$0] == rating && stages.indices.contains($0) }.map { "\u{201C}\(stages[$0].name)\u{201D}" }
                guard !names.isEmpty else { continue }
                var line = "\(rating.label): the middle of the evidence is under \(names.joined(separator: " or "))"
                if rating == .green, let blocking = greenNeedsNoneIn, stages.indices.contains(blocking) {
                    line += ", and none is under \u{201C}\(stages[blocking].name)\u{201D} (with some there, it is amber)"
                }
                lines.append(line + ".")
            }
            lines.append("The middle of the evidence: put the ticked statements in order from the lowest stage to the highest, and take the one in the middle (with an even number, the lower of the two middle ones). When most of the statements are in one stage, that is the stage. So moving evidence up the stages never lowers the rating.")
            lines.append("With no statement ticked there is no rating, and an assessment is not saved without one.")
            return lines
        case .shareMet(let green, let amber):
            return ["Green: \(green)% or more of the commitments describe the way you work.",
                    "Amber: from \(amber)% up to \(green)%.",
                    "Red: less than \(amber)%. Per cents are whole numbers, rounded down.",
                    "With no commitment ticked there is no rating, and an assessment is not saved without one."]
        }
    }
}

extension RatingRule {
    /// The stage of the middle ticked statement, from the lowest stage up; the lower middle for an even number. Needs at least one.
    public static func middleStage(_ counts: [Int]) -> Int {
        let total = counts.reduce(0, +)
        var seen = 0
        for (stage, count) in counts.enumerated() {
            seen += count
            if seen * 2 >= total + (total % 2 == 0 ? 0 : 1) { return stage }
        }
        return max(0, counts.count - 1)
    }
}

/// How a rating moved since an earlier assessment.
public enum RatingMovement: String, Sendable, Equatable {
    case better, worse, same, firstAssessment

    public init(from earlier: Rating?, to later: Rating?) {
        guard let earlier, let later else { self = .firstAssessment; return }
        self = later > earlier ? .better : later < earlier ? .worse : .same
    }

    public var label: String {
        switch self {
        case .better: "Better"
        case .worse: "Worse"
        case .same: "The same"
        case .firstAssessment: "First assessment"
        }
    }
}

/// One statement as answered: ticked or not, and its evidence.
public struct StatementAnswer: Sendable, Equatable {
    public let ticked: Bool
    public let evidence: String?
    /// Activities and meetings linked as evidence.
    public let links: Int

    public init(ticked: Bool, evidence: String?, links: Int) {
        self.ticked = ticked
        self.evidence = evidence
        self.links = links
    }
}

public enum AssessmentAnswers {
    public static let maximumEvidence = 2000

    /// The field an answer's evidence is reported against, on the form and in the API.
    public static func evidenceField(_ statementKey: String) -> String { "evidence-\(statementKey)" }

    /// Checks the answers against the framework: every key known, each ticked
    /// statement with evidence (text or a link), and at least one ticked. Returns the cleaned evidence texts.
    public static func validate(_ answers: [String: (ticked: Bool, evidence: String?, links: Int)],
                                framework: FrameworkDefinition) throws -> [String: StatementAnswer] {
        var errors = ValidationErrors()
        var cleaned: [String: StatementAnswer] = [:]
        for key in answers.keys.sorted() where framework.statement(key) == nil {
            errors.add(field: "answers", message: "\(key) is not a statement of \(framework.name)")
        }
        for statement in framework.statements {
            guard let answer = answers[statement.key] else { continue }
            let field = evidenceField(statement.key)
            let evidence = errors.optionalParagraphs(answer.evidence, field: field, label: "Evidence", maximum: maximumEvidence)
            if answer.ticked && evidence == nil && answer.links == 0 {
                errors.add(field: field, message: "Give the evidence for \u{201C}\(statement.text)\u{201D}")
            }
            if !answer.ticked && answer.links > 0 {
                errors.add(field: field, message: "Tick \u{201C}\(statement.text)\u{201D} to link evidence to it, or remove the links")
            }
            cleaned[statement.key] = StatementAnswer(ticked: answer.ticked, evidence: evidence, links: answer.links)
        }
        if errors.isEmpty && !cleaned.values.contains(where: \.ticked) {
            errors.add(field: "answers", message: "Tick at least one statement that describes the way you work, and give its evidence")
        }
        try errors.throwIfAny()
        return cleaned
    }
}

/// What an action of an action plan is doing.
public enum PlanActionStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not-started"
    case underWay = "under-way"
    case done

    public var label: String {
        switch self {
        case .notStarted: "Not started"
        case .underWay: "Under way"
        case .done: "Done"
        }
    }
}

/// One of the two or three things an assessment chose to do: what, who, when and how (seed 001).
public struct PlanActionDetails: Sendable, Equatable {
    public let what: String
    public let dueOn: CalendarDate
    public let how: String
    public let status: PlanActionStatus
    public let progress: String?

    /// The seed's method: from all the ideas, choose two or three to do.
    public static let mostOpenAtOnce = 3

    public init(what: String, dueOn: CalendarDate, how: String, status: PlanActionStatus, progress: String?) {
        self.what = what
        self.dueOn = dueOn
        self.how = how
        self.status = status
        self.progress = progress
    }

    /// `hasOwner` says whether a person of the register was chosen as who.
    public static func validate(what: String?, hasOwner: Bool, dueOn: DateInput, how: String?, status: String?, progress: String?) throws -> PlanActionDetails {
        var errors = ValidationErrors()
        let what = errors.line(what, field: "what", label: "What", maximum: 300)
        if what.isEmpty { errors.add(field: "what", message: "Say what will be done") }
        if !hasOwner { errors.add(field: "ownerId", message: "Choose who will do it") }
        var due: CalendarDate?
        switch dueOn.parse(label: "When it will be done by") {
        case .success(let date): due = date
        case .failure(let problem): errors.add(field: "dueOn", message: problem.message)
        }
        let how = errors.paragraphs(how, field: "how", label: "How", maximum: 2000)
        if how.isEmpty { errors.add(field: "how", message: "Say how it will be done") }
        let status = PlanActionStatus(rawValue: TextInput.clean(status))
        if status == nil { errors.add(field: "status", message: "Select where the action has got to") }
        let progress = errors.optionalParagraphs(progress, field: "progress", label: "Progress", maximum: 2000)
        try errors.throwIfAny()
        return PlanActionDetails(what: what, dueOn: due!, how: how, status: status!, progress: progress)
    }

    /// Overdue: past its date and not done.
    public static func isOverdue(dueOn: CalendarDate, status: PlanActionStatus, today: CalendarDate) -> Bool {
        status != .done && dueOn < today
    }
}

/// An idea gathered before choosing what to do: "nothing is too silly or too impossible".
public enum PlanIdea {
    public static func validate(_ text: String?) throws -> String {
        var errors = ValidationErrors()
        let idea = errors.line(text, field: "idea", label: "Idea", maximum: 300)
        if idea.isEmpty { errors.add(field: "idea", message: "Write the idea down") }
        try errors.throwIfAny()
        return idea
    }
}
