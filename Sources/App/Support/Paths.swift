import Fluent
import Vapor

/// A path on the site with named parameters, such as /organisations/:organisationID/edit.
/// Routes are registered from these and links are built from them, so the two cannot drift.
struct PathTemplate: Sendable, CustomStringConvertible {
    let components: [String]

    init(_ components: String...) { self.components = components }

    /// The components Vapor's router registers.
    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }

    var description: String { "/" + components.joined(separator: "/") }

    /// What may stand unencoded in one segment: a slash in a value would start another.
    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    /// The address of this path with its parameters filled in, in order.
    func url(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        let filled = components.map { component -> String in
            guard component.hasPrefix(":") else { return component }
            guard let value = remaining.next() else { preconditionFailure("\(self) needs a value for \(component)") }
            return value.description.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? value.description
        }
        return "/" + filled.joined(separator: "/")
    }
}

/// Every address on the site. Each part declares its own in its file in
/// `Parts/` (`extension Paths { static let meetings = ... }`).
enum Paths {
    /// The JSON API's addresses, under /api/v1.
    enum API {
        static let openAPI = PathTemplate("api", "v1", "openapi.json")
    }
}

/// A record's id that knows which kind of record it names. Links take these,
/// so a person's link cannot be given an organisation's id, and the two ids
/// of a clause's link cannot be swapped.
struct RecordID<Record: Model>: Hashable, Sendable, CustomStringConvertible where Record.IDValue == UUID {
    let uuid: UUID

    init(_ uuid: UUID) { self.uuid = uuid }

    var description: String { uuid.uuidString }
}

extension Model where IDValue == UUID {
    /// The saved record's typed id.
    var recordID: RecordID<Self> {
        get throws { RecordID(try requireID()) }
    }
}

extension ParentProperty where To.IDValue == UUID {
    /// The parent's typed id, without loading it.
    var recordID: RecordID<To> { RecordID(id) }
}
