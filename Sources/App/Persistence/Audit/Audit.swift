import Domain
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

/// Reads the area's audit log. Events are written by the stores, inside their changes.
struct AuditLogStore {
    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// One page of the log, newest first.
    func page(_ page: ListPage) async throws -> (items: [AuditEventModel], total: Int) {
        try await AuditEventModel.query(on: context.db).filter(\.$area.$id == context.areaID).sort(\.$occurredAt, .descending).page(page)
    }
}
