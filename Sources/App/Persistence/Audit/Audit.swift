import Domain
import Fluent
import Foundation
import Vapor

/// What someone did with a record.
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

/// Which entries of the log a page or a download shows.
struct AuditLogFilter: Sendable {
    /// Entries by this account.
    var actorAccountID: UUID?
    /// Entries about this kind of record ("person", "group").
    var subjectType: String?
    /// Entries about this one record: its history.
    var subjectID: UUID?
    var action: AuditAction?
    /// Entries on or after this instant.
    var since: Date?
}

/// Reads the area's audit log. Events are written by the stores, inside their changes.
struct AuditLogStore {
    /// The most entries one download holds.
    static let maximumExport = 50_000

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// One page of the log, newest first. Every filter narrows one of the
    /// log's indexes (by area and time, by actor, by kind, by record).
    func page(_ filter: AuditLogFilter = AuditLogFilter(), _ page: ListPage) async throws -> (items: [AuditEventModel], total: Int) {
        try await query(filter).page(page)
    }

    /// The entries after `after` (newest first), `size` of them: a download
    /// reads the log this way, each batch from where the last ended, never
    /// counting or skipping over the rows before it.
    func batch(_ filter: AuditLogFilter, after: AuditEventModel?, size: Int) async throws -> [AuditEventModel] {
        var query = query(filter)
        if let after, let id = after.id {
            let when = after.occurredAt
            query = query.group(.or) { older in
                older.filter(\.$occurredAt < when).group(.and) { same in same.filter(\.$occurredAt == when).filter(\.$id < id) }
            }
        }
        return try await query.limit(size).all()
    }

    private func query(_ filter: AuditLogFilter) -> QueryBuilder<AuditEventModel> {
        var query = AuditEventModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let account = filter.actorAccountID { query = query.filter(\.$actorAccountID == account) }
        if let type = filter.subjectType { query = query.filter(\.$subjectType == type) }
        if let record = filter.subjectID { query = query.filter(\.$subjectID == record) }
        if let action = filter.action { query = query.filter(\.$action == action.rawValue) }
        if let since = filter.since { query = query.filter(\.$occurredAt >= since) }
        return query.sort(\.$occurredAt, .descending).sort(\.$id, .descending)
    }

    /// Everyone who has an account in the area, signed-in or not, for the "who" filter: an area has hundreds at most.
    func actors() async throws -> [(id: UUID, name: String)] {
        try await AccountModel.query(on: context.db).filter(\.$area.$id == context.areaID).with(\.$person).limit(2000).all()
            .map { (id: try $0.requireID(), name: $0.person.fullName) }.sorted { $0.name < $1.name }
    }
}
