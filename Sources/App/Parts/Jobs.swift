import Fluent
import Vapor

/// Background work shared by every instance: the job table, and the
/// housekeeping sweep that runs on it.
struct JobsPart: ProductPart {
    let name = "Jobs"

    var migrations: [any AsyncMigration] { [CreateJobs()] }

    func pages(_ web: any RoutesBuilder) {}

    func jobs(_ runner: JobRunner) { Housekeeping.register(with: runner) }
}

extension Paths {
    static let outbox = PathTemplate("admin", "email")
    static let email = PathTemplate("admin", "email", ":emailID")
    static let sendEmailAgain = PathTemplate("admin", "email", ":emailID", "send-again")
    static let emailSettings = PathTemplate("admin", "email", "settings")

    static func email(_ id: RecordID<OutboxEmailModel>) -> String { email.url(id) }
    static func sendEmailAgain(_ id: RecordID<OutboxEmailModel>) -> String { sendEmailAgain.url(id) }
}

/// E-mail: queued in the outbox with the change it is about, sent by a job
/// through the mail server; the area admin's page of what waits and what went.
struct EmailPart: ProductPart {
    let name = "E-mail"

    var migrations: [any AsyncMigration] { [CreateOutboxEmails(), AddOutboxDeliveryRecords(), CreateEmailAttachmentsAndSettings(), AddOutboxSecrets()] }

    func pages(_ web: any RoutesBuilder) {
        let outbox = OutboxController()
        web.get(Paths.outbox, .requires(.manageEmail), use: outbox.index)
        web.get(Paths.email, .requires(.manageEmail), use: outbox.show)
        web.post(Paths.sendEmailAgain, .requires(.manageEmail), use: outbox.sendAgain)
        web.post(Paths.emailSettings, .requires(.manageEmail), use: outbox.saveSettings)
    }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "E-mail", path: Paths.outbox, permission: .manageEmail)] }

    var auditSubjects: [AuditSubject] { [AuditSubject(type: OutboxStore.auditType, link: { Paths.email(RecordID($0)) })] }

    func jobs(_ runner: JobRunner) { EmailOutbox.register(with: runner) }

    /// Messages that stopped for a reason of their own (a refusal, a server away for days), for the admin to look at.
    func attention(_ context: StoreContext) async throws -> [AttentionItem] {
        guard context.actor.can(.manageEmail) else { return [] }
        let stopped = try await OutboxStore(context).stoppedForAReason()
        guard stopped > 0 else { return [] }
        return [AttentionItem(text: "\(stopped) \(stopped == 1 ? "e-mail has" : "e-mails have") not gone: refused, or failed every try", href: Paths.outbox.url())]
    }

    /// A message that stopped, so the walk can ask to send it again; else the newest.
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        let area = OutboxEmailModel.query(on: db).filter(\.$area.$id == areaID)
        let stopped = try await area.copy().filter(\.$gaveUpAt != nil).filter(\.$sentAt == nil).first()
        let newest = try await area.copy().sort(\.$createdAt, .descending).first()
        guard let email = stopped ?? newest else { return [:] }
        return ["emailID": try email.requireID().uuidString]
    }
}
