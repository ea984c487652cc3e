import Domain
import Fluent
import Vapor

/// Who is acting, in which area, and when. Every part's store is made with
/// one, so each read is confined to the actor's area, and a change that
/// writes more than one record (its audit record, a cascade, an e-mail) does
/// it in one `write`, under the person who made it. Web and API controllers
/// only turn input into a call on a store and show the answer; they never
/// query or save records themselves.
struct StoreContext: Sendable {
    let db: any Database
    let actor: Viewer
    let now: Date
    /// How the change came in, for the audit log ("Through the API"); nil for the web pages.
    let channel: String?
    let logger: Logger
    /// The address Coproduce's e-mail comes from (COPRODUCE_MAIL_FROM).
    let mailFrom: String
    /// The bytes of papers, every version counted, an area may keep (COPRODUCE_PAPER_STORAGE_MB).
    var paperStorageLimit = AppConfig.defaultPaperStorageLimit

    var areaID: UUID { actor.areaID }
    var today: CalendarDate { CalendarDate(now) }

    /// Runs `body` as one write: all of it is saved, or none.
    func write<Result: Sendable>(_ body: @escaping @Sendable (StoreContext) async throws -> Result) async throws -> Result {
        try await db.writeTransaction { db in
            try await body(StoreContext(db: db, actor: actor, now: now, channel: channel, logger: logger, mailFrom: mailFrom,
                                        paperStorageLimit: paperStorageLimit))
        }
    }

    /// Queues an e-mail to one person, sent once the change is saved: call it inside `write`.
    func queueEmail(to address: String, subject: String, body: String, attachments: [OutboxAttachment] = []) async throws {
        let message = try EmailMessage(from: mailFrom, to: address, subject: subject, body: body)
        try await EmailOutbox(db: db, now: now).queue(message, areaID: areaID, attachments: attachments)
    }

    /// Records who read or changed a record, and what changed. Stores call
    /// it inside the change's own write, so a change is never saved without
    /// its record. A view of a record the same person viewed moments ago adds
    /// to that entry (`AuditViewGrouping`) instead of writing another.
    func audit(_ action: AuditAction, subjectType: String, subjectID: UUID?, subjectLabel: String, detail: String? = nil,
               changes: [AuditChange] = []) async throws {
        let details = [detail, channel].compactMap { $0 }
        let joined = details.isEmpty ? nil : details.joined(separator: "; ")
        if action == .read, let subjectID,
           let earlier = try await AuditEventModel.query(on: db).filter(\.$area.$id == areaID).filter(\.$actorAccountID == actor.accountID)
               .filter(\.$subjectID == subjectID).filter(\.$action == action.rawValue).filter(\.$detail == joined)
               .filter(\.$occurredAt >= now.addingTimeInterval(-AuditViewGrouping.longest))
               .sort(\.$occurredAt, .descending).first(),
           AuditViewGrouping.extends(firstSeen: earlier.occurredAt, lastSeen: earlier.lastSeenAt ?? earlier.occurredAt, now: now) {
            earlier.views += 1
            earlier.lastSeenAt = now
            try await earlier.save(on: db)
            return
        }
        let event = AuditEventModel(areaID: areaID, actorAccountID: actor.accountID, actorName: actor.name, action: action.rawValue,
                                    subjectType: subjectType, subjectID: subjectID, subjectLabel: subjectLabel, detail: joined, occurredAt: now)
        event.changes = changes
        try await event.save(on: db)
    }

    /// Audits a new record with every value it was given.
    func auditCreated<Record: AuditRecord>(_ record: Record, detail: String? = nil) async throws {
        try await audit(.create, subjectType: Record.auditType, subjectID: record.id, subjectLabel: record.auditLabel, detail: detail,
                        changes: AuditChanges.created(record.auditFields))
    }

    /// Audits a change to a record read as `before`; a save that changed nothing is not recorded.
    func auditUpdated<Record: AuditRecord>(_ record: Record, before: [AuditField], detail: String? = nil) async throws {
        let changes = AuditChanges.between(before: before, after: record.auditFields)
        guard !changes.isEmpty || detail != nil else { return }
        try await audit(.update, subjectType: Record.auditType, subjectID: record.id, subjectLabel: record.auditLabel, detail: detail, changes: changes)
    }

    /// Audits a deleted record, keeping every value it had, so the log still says what went.
    func auditDeleted<Record: AuditRecord>(_ record: Record, detail: String? = nil) async throws {
        try await audit(.delete, subjectType: Record.auditType, subjectID: record.id, subjectLabel: record.auditLabel, detail: detail,
                        changes: AuditChanges.deleted(record.auditFields))
    }
}

/// A kind of record whose changes the audit log keeps: its kind's name in
/// the log, a label for one record, and its fields in plain words.
protocol AuditRecord: Model where IDValue == UUID {
    static var auditType: String { get }
    var auditLabel: String { get }
    var auditFields: [AuditField] { get }
}

extension Request {
    /// The store context of the signed-in person making this request.
    var store: StoreContext {
        get throws {
            StoreContext(db: db, actor: try viewer, now: now, channel: url.path.hasPrefix("/api/") ? "Through the API" : nil, logger: logger,
                         mailFrom: application.appConfig.mailFrom, paperStorageLimit: application.appConfig.paperStorageLimit)
        }
    }
}
