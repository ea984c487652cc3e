import Fluent
import Foundation
import Vapor

/// What happened to personal data.
enum AuditAction: String, Sendable, CaseIterable {
    case read, create, update, delete, export

    var label: String {
        switch self {
        case .read: "Viewed"
        case .create: "Added"
        case .update: "Changed"
        case .delete: "Deleted"
        case .export: "Exported"
        }
    }
}

extension Request {
    /// Writes who read or changed personal data. Call it inside the same
    /// transaction as the change, so a change is never saved without its record.
    func audit(_ action: AuditAction, subjectType: String, subjectID: UUID?, subjectLabel: String,
               detail: String? = nil, on database: (any Database)? = nil) async throws {
        let viewer = try self.viewer
        let event = AuditEventModel(areaID: viewer.areaID, actorAccountID: viewer.accountID, actorName: viewer.name,
                                    action: action.rawValue, subjectType: subjectType, subjectID: subjectID,
                                    subjectLabel: subjectLabel, detail: detail, occurredAt: now)
        try await event.save(on: database ?? db)
    }
}
