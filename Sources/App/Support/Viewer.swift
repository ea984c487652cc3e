import Domain
import Vapor

/// The signed-in person making a request, with their area and role.
struct Viewer: Authenticatable, Sendable, Equatable {
    let accountID: UUID
    let personID: UUID
    let areaID: UUID
    let areaName: String
    let name: String
    let email: String
    let role: Role

    func can(_ permission: Permission) -> Bool { AccessPolicy.allows(role, permission) }
}

extension Request {
    /// The signed-in viewer. Routes that need one are protected by the
    /// authorisation middleware, so reaching here without one is a bug.
    var viewer: Viewer {
        get throws {
            guard let viewer = auth.get(Viewer.self) else { throw Abort(.unauthorized) }
            return viewer
        }
    }
}
