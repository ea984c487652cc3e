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

    /// Records who read or changed personal data. Stores call it inside the
    /// change's own write, so a change is never saved without its record.
    func audit(_ action: AuditAction, subjectType: String, subjectID: UUID?, subjectLabel: String, detail: String? = nil) async throws {
        let details = [detail, channel].compactMap { $0 }
        try await AuditEventModel(areaID: areaID, actorAccountID: actor.accountID, actorName: actor.name, action: action.rawValue,
                                  subjectType: subjectType, subjectID: subjectID, subjectLabel: subjectLabel,
                                  detail: details.isEmpty ? nil : details.joined(separator: "; "), occurredAt: now).save(on: db)
    }
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
