import Domain
import Fluent
import Foundation
import Vapor

/// A fictional local area, Riverside, for trying Coproduce out. Each part
/// adds its own records (`ProductPart.addDemoData`), in the order of
/// `Site.parts` within each part's `demoStage`. Dates are set relative to the day it is loaded, so it
/// always looks current.
enum DemoArea {
    static let slug = "riverside"
    static let name = "Riverside"
    static let password = "coproduce-demo"

    struct Login: Sendable {
        let role: Role
        let name: String
        let email: String
        /// The demo person (see `PeoplePart`) the account belongs to.
        let person: String
    }

    static let logins: [Login] = [
        Login(role: .areaAdmin, name: "Pat Reid", email: "pat.reid@riverside-council.example.org", person: "pat"),
        Login(role: .forumOfficer, name: "Amara Okafor", email: "amara.okafor@example.com", person: "amara"),
        Login(role: .forumRepresentative, name: "Sam Hughes", email: "sam.hughes@example.com", person: "sam"),
        Login(role: .partnerOfficer, name: "Helen Carter", email: "helen.carter@riverside-council.example.org", person: "helen"),
        Login(role: .boardViewer, name: "Margaret Hale", email: "margaret.hale@riverside-council.example.org", person: "margaret"),
    ]

    enum Outcome: Equatable {
        case loaded
        case alreadyThere
    }

    /// Loads the area in one transaction; does nothing if it is already there.
    static func load(on database: any Database, hash: @Sendable (String) throws -> String, today: CalendarDate) async throws -> Outcome {
        if try await AreaModel.query(on: database).filter(\.$slug == slug).first() != nil { return .alreadyThere }
        let passwordHash = try hash(password)
        try await database.writeTransaction { db in
            let area = AreaModel(slug: slug, name: name)
            try await area.create(on: db)
            let demo = DemoBuilder(db: db, areaID: try area.requireID(), today: today, passwordHash: passwordHash)
            let stages = Set(Site.parts.map(\.demoStage)).sorted()
            for stage in stages {
                for part in Site.parts where part.demoStage == stage { try await part.addDemoData(demo) }
            }
        }
        return .loaded
    }
}

/// What the parts share while they add to the demonstration area: the
/// database (inside the one transaction), the area, today, and the records
/// earlier parts made, by a short key ("forum", "amara"), so that later
/// parts can point at them.
final class DemoBuilder: @unchecked Sendable {
    let db: any Database
    let areaID: UUID
    let today: CalendarDate
    /// The demo password, hashed once for every demo account.
    let passwordHash: String
    private var records: [String: [String: UUID]] = [:]

    init(db: any Database, areaID: UUID, today: CalendarDate, passwordHash: String) {
        self.db = db
        self.areaID = areaID
        self.today = today
        self.passwordHash = passwordHash
    }

    func remember<Record: Model>(_ record: Record, as key: String) throws where Record.IDValue == UUID {
        records[Record.schema, default: [:]][key] = try record.requireID()
    }

    /// A record an earlier part made. The demo data is fixed, so a key that is missing is a mistake in it.
    func id<Record: Model>(of type: Record.Type, _ key: String) -> UUID where Record.IDValue == UUID {
        guard let id = records[Record.schema]?[key] else { preconditionFailure("The demo has no \(Record.schema) called \(key)") }
        return id
    }
}
