/// How many activities stood at each rung of a ladder, planned against achieved.
///
/// Activities may have been recorded on different ladders (an area can change
/// ladder); each arrives as its standard levels and is shown on `ladder`
/// through `LadderMapping`. Whether an activity reached its plan is judged on
/// the standard levels themselves, never on the shown ladder's coarser rungs.
public struct LadderProfile: Sendable, Equatable {
    /// A number of activities with the same planned and achieved standard levels.
    public struct Tally: Sendable, Equatable {
        public let planned: Int
        /// Nil while the rung achieved is not known.
        public let achieved: Int?
        public let count: Int

        public init(planned: Int, achieved: Int?, count: Int) {
            self.planned = planned
            self.achieved = achieved
            self.count = count
        }
    }

    public struct Row: Sendable, Equatable {
        public let key: String
        public let name: String
        public let meaning: String
        public let planned: Int
        public let achieved: Int

        public init(key: String, name: String, meaning: String, planned: Int, achieved: Int) {
            self.key = key
            self.name = name
            self.meaning = meaning
            self.planned = planned
            self.achieved = achieved
        }
    }

    public let ladder: LadderDefinition
    /// Lowest rung first.
    public let rows: [Row]
    /// Activities recorded on another ladder at a rung below this ladder's lowest.
    public let belowLadderPlanned: Int
    public let belowLadderAchieved: Int
    public let total: Int
    /// The rung achieved is not recorded yet.
    public let notYetKnown: Int
    /// Achieved the rung planned, or higher.
    public let reachedPlan: Int
    /// Achieved a lower rung than planned.
    public let fellShort: Int
    /// Achieved a rung where families share the decisions (co-design or co-production).
    public let sharedDecisions: Int
    /// Achieved a rung where families influence some decisions (engagement), but do not share them.
    public let someInfluence: Int
    /// Achieved a rung where families are only told or asked (consultation or lower).
    public var toldOrAsked: Int { known - sharedDecisions - someInfluence }

    public init(ladder: LadderDefinition, tallies: [Tally]) {
        self.ladder = ladder
        var planned = Array(repeating: 0, count: ladder.rungs.count)
        var achieved = planned
        var belowPlanned = 0, belowAchieved = 0, total = 0, unknown = 0, reached = 0, short = 0, shared = 0, influence = 0
        for tally in tallies where tally.count > 0 {
            total += tally.count
            if let position = LadderMapping.position(on: ladder, forStandardLevel: tally.planned) { planned[position] += tally.count }
            else { belowPlanned += tally.count }
            guard let level = tally.achieved else {
                unknown += tally.count
                continue
            }
            if let position = LadderMapping.position(on: ladder, forStandardLevel: level) { achieved[position] += tally.count }
            else { belowAchieved += tally.count }
            if level >= tally.planned { reached += tally.count } else { short += tally.count }
            if level >= StandardLadder.sharedDecisionsFrom { shared += tally.count }
            else if level >= StandardLadder.influenceFrom { influence += tally.count }
        }
        rows = ladder.rungs.enumerated().map { index, rung in
            Row(key: rung.key, name: rung.name, meaning: rung.meaning, planned: planned[index], achieved: achieved[index])
        }
        belowLadderPlanned = belowPlanned
        belowLadderAchieved = belowAchieved
        self.total = total
        notYetKnown = unknown
        reachedPlan = reached
        fellShort = short
        sharedDecisions = shared
        someInfluence = influence
    }

    /// Activities whose rung achieved is known.
    public var known: Int { total - notYetKnown }

    /// Whole per cent of `part` in `known`, or nil when nothing is known.
    public func percentOfKnown(_ part: Int) -> Int? {
        known == 0 ? nil : Int((Double(part) * 100 / Double(known)).rounded())
    }

    public var sharedDecisionsPercent: Int? { percentOfKnown(sharedDecisions) }
    public var reachedPlanPercent: Int? { percentOfKnown(reachedPlan) }
}

/// How the share of activities where families shared the decisions moved
/// from one reporting year to the next.
public enum EngagementTrend: String, Sendable, Equatable, CaseIterable {
    case rising
    case falling
    case steady
    case tooFewToSay

    /// A year needs this many activities with a known rung before it is compared.
    public static let fewestToCompare = 5
    /// A change smaller than this many percentage points is "about the same".
    public static let smallestChange = 5

    public static func between(earlier: LadderProfile, later: LadderProfile) -> EngagementTrend {
        guard earlier.known >= fewestToCompare, later.known >= fewestToCompare,
              let before = earlier.sharedDecisionsPercent, let after = later.sharedDecisionsPercent else { return .tooFewToSay }
        if after - before >= smallestChange { return .rising }
        if before - after >= smallestChange { return .falling }
        return .steady
    }

    public var label: String {
        switch self {
        case .rising: "Rising"
        case .falling: "Falling"
        case .steady: "About the same"
        case .tooFewToSay: "Too few activities to say"
        }
    }

    /// What the trend means, for the page that shows it.
    public static var rule: String {
        "A year is compared with the year before when each has at least \(fewestToCompare) activities whose rung achieved is known. "
            + "A change of \(smallestChange) percentage points or more in the share reaching co-design or co-production is rising or falling; "
            + "less is about the same."
    }
}
