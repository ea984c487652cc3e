import Vapor

/// A path on the site with named parameters, such as /organisations/:organisationID/edit.
/// Routes are registered from these and links are built from them, so the two cannot drift.
struct PathTemplate: Sendable, CustomStringConvertible {
    let components: [String]

    init(_ components: String...) { self.components = components }

    /// The components Vapor's router registers.
    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }

    var description: String { "/" + components.joined(separator: "/") }

    /// The address of this path with its parameters filled in, in order.
    func url(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        let filled = components.map { component -> String in
            guard component.hasPrefix(":") else { return component }
            guard let value = remaining.next() else { preconditionFailure("\(self) needs a value for \(component)") }
            return value.description.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value.description
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
