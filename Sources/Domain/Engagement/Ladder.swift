/// A ladder of participation: how far the people who use services share in a
/// decision, from the lowest rung to the highest.
///
/// Ladders are data. Coproduce ships two (`LadderDefinition.shipped`) and an
/// area keeps its own copy of the one it uses; nothing in the code branches on
/// a rung's name. Every rung says which rung of the standard ladder (seed 001's
/// seven rungs) it stands level with, so activities recorded on different
/// ladders can be compared.
public struct LadderDefinition: Sendable, Equatable, Codable {
    /// A short stable name, such as "participation-7".
    public let key: String
    public let name: String
    /// Where the ladder comes from, in plain words.
    public let source: String
    /// Lowest first.
    public let rungs: [RungDefinition]

    public init(key: String, name: String, source: String, rungs: [RungDefinition]) {
        self.key = key
        self.name = name
        self.source = source
        self.rungs = rungs
    }

    public func rung(_ key: String) -> RungDefinition? { rungs.first { $0.key == key } }

    /// The problems with a ladder someone defines; the shipped ladders have none.
    public var problems: [String] {
        var problems: [String] = []
        if !(2...12).contains(rungs.count) { problems.append("A ladder has between 2 and 12 rungs") }
        if Set(rungs.map(\.key)).count != rungs.count { problems.append("Each rung needs its own short name") }
        if rungs.contains(where: { !LadderDefinition.isKey($0.key) }) {
            problems.append("A rung's short name uses only small letters, numbers and dashes")
        }
        if rungs.contains(where: { $0.name.isEmpty || $0.meaning.isEmpty }) { problems.append("Each rung needs a name and a meaning") }
        let levels = rungs.map(\.standardLevel)
        if levels.contains(where: { !StandardLadder.levels.contains($0) }) {
            problems.append("Each rung stands level with one of the \(StandardLadder.levels.count) rungs of the standard ladder")
        } else if zip(levels, levels.dropFirst()).contains(where: { $0 >= $1 }) {
            // Strictly rising, so a rung moved onto the standard ladder and back is the same rung.
            problems.append("Each rung stands higher on the standard ladder than the rung below it")
        }
        return problems
    }

    static func isKey(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40 && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// One rung of a ladder.
public struct RungDefinition: Sendable, Equatable, Codable {
    public let key: String
    public let name: String
    /// What the rung means, in plain words.
    public let meaning: String
    /// The rung of the standard ladder this one stands level with, 1 (coercion) to 7 (co-production).
    public let standardLevel: Int

    public init(key: String, name: String, meaning: String, standardLevel: Int) {
        self.key = key
        self.name = name
        self.meaning = meaning
        self.standardLevel = standardLevel
    }
}

/// The standard ladder that every other ladder is compared on: seed 001's seven rungs.
public enum StandardLadder {
    public static var definition: LadderDefinition { LadderDefinition.sevenRungs }
    public static let levels = 1...7
    /// From this level up, the families share in making the decisions (co-design and co-production).
    public static let sharedDecisionsFrom = 6
    /// At this level (engagement) families influence some decisions; below it they are only told or asked.
    public static let influenceFrom = 5

    public static func name(ofLevel level: Int) -> String { definition.rungs[level - 1].name }
}

extension LadderDefinition {
    /// The seven rungs of the West Cheshire co-production strategy (seed 001), the default.
    public static let sevenRungs = LadderDefinition(
        key: "participation-7", name: "Ladder of participation (7 rungs)",
        source: "The co-production strategy of the West Cheshire joint commissioning framework",
        rungs: [
            RungDefinition(key: "coercion", name: "Coercion",
                           meaning: "People's views are not thought important and are not taken into account.", standardLevel: 1),
            RungDefinition(key: "educating", name: "Educating",
                           meaning: "People who use services are helped to understand how the service is designed and run.", standardLevel: 2),
            RungDefinition(key: "informing", name: "Informing",
                           meaning: "People are told about the services they use and how they work.", standardLevel: 3),
            RungDefinition(key: "consultation", name: "Consultation",
                           meaning: "People can give their views but may have no power to change anything.", standardLevel: 4),
            RungDefinition(key: "engagement", name: "Engagement",
                           meaning: "People give their views and may be able to influence some decisions.", standardLevel: 5),
            RungDefinition(key: "co-design", name: "Co-design",
                           meaning: "People who use services take part in making the decisions.", standardLevel: 6),
            RungDefinition(key: "co-production", name: "Co-production",
                           meaning: "An equal relationship between everyone involved, from planning to delivery and review.", standardLevel: 7),
        ])

    /// The four steps of the Rotherham Parent Carer Forum's talk (seed 002).
    public static let fourSteps = LadderDefinition(
        key: "four-steps", name: "Four steps to co-production",
        source: "Rotherham Parent Carers Forum, \"Towards a culture of co-production\"",
        rungs: [
            RungDefinition(key: "information", name: "Information",
                           meaning: "Families are told what is happening and why.", standardLevel: 3),
            RungDefinition(key: "consultation", name: "Consultation",
                           meaning: "Families are asked for their views on plans already drawn up.", standardLevel: 4),
            RungDefinition(key: "participation", name: "Participation",
                           meaning: "Families take part in the work and their views shape some decisions.", standardLevel: 5),
            RungDefinition(key: "co-production", name: "Co-production",
                           meaning: "Families and services work as equal partners from start to finish.", standardLevel: 7),
        ])

    /// The ladders an area can choose from, the default first.
    public static let shipped: [LadderDefinition] = [.sevenRungs, .fourSteps]
}

/// Moving a rung from one ladder onto another through the standard ladder.
public enum LadderMapping {
    /// The rung of `ladder` that a rung at `standardLevel` counts as: the highest
    /// rung that does not stand above it, so a comparison never claims more
    /// than was achieved. Nil when it stands below the ladder's lowest rung.
    public static func position(on ladder: LadderDefinition, forStandardLevel level: Int) -> Int? {
        ladder.rungs.lastIndex { $0.standardLevel <= level }
    }
}
