import Domain
import Fluent
import Vapor

extension Paths {
    static let auditLog = PathTemplate("admin", "audit-log")
    static let auditLogCSV = PathTemplate("admin", "audit-log.csv")

    /// The history of one record: every entry about it.
    static func history(of id: UUID) -> String { auditLog.url() + "?record=\(id.uuidString)" }
}

extension Paths.API {
    static let auditLog = PathTemplate("api", "v1", "audit-log")
    static let auditLogCSV = PathTemplate("api", "v1", "audit-log.csv")
}

/// The record of who viewed or changed what, with each change before and after.
struct AuditLogPart: ProductPart {
    let name = "Audit log"

    var migrations: [any AsyncMigration] { [ExtendAuditEvents()] }

    func pages(_ web: any RoutesBuilder) {
        let log = AuditLogController()
        web.get(Paths.auditLog, .requires(.viewAuditLog), use: log.index)
        web.get(Paths.auditLogCSV, .requires(.viewAuditLog), use: log.csv)
    }

    var api: (any APIPart.Type)? { AuditLogAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Audit log", path: Paths.auditLog, permission: .viewAuditLog)] }
}
