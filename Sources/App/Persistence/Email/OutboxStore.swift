import Domain
import Fluent
import Foundation

/// The area's e-mail as its admin sees it: what waits, what failed and why,
/// what went. Reading a message is reading personal data, so it is audited.
struct OutboxStore {
    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    enum Listing: String, CaseIterable, Sendable {
        case notSent = "not-sent"
        case sent

        var label: String {
            switch self {
            case .notSent: "Not sent"
            case .sent: "Sent"
            }
        }
    }

    struct Counts: Sendable, Equatable {
        let waiting: Int
        let stopped: Int
        let sentThisWeek: Int
    }

    /// Waiting to go, stopped (given up or refused), and sent in the last 7 days.
    func counts() async throws -> Counts {
        let area = OutboxEmailModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        let unsent = area.copy().filter(\.$sentAt == nil)
        return Counts(
            waiting: try await unsent.copy().filter(\.$gaveUpAt == nil).count(),
            stopped: try await unsent.copy().filter(\.$gaveUpAt != nil).count(),
            sentThisWeek: try await area.copy().filter(\.$sentAt != nil).filter(\.$sentAt > context.now.addingTimeInterval(-7 * 24 * 60 * 60)).count())
    }

    /// Messages not sent that gave up or were refused, leaving out those kept only because no mail is set up.
    /// Counted for a week, while the news in them is fresh; the E-mail page keeps them after.
    func stoppedForAReason() async throws -> Int {
        try await OutboxEmailModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$sentAt == nil)
            .filter(\.$createdAt > context.now.addingTimeInterval(-EmailOutbox.staleAfter))
            .filter(\.$gaveUpAt != nil).filter(\.$lastError != UnconfiguredMailTransport.NotConfigured().description).count()
    }

    /// One page of a listing, newest first.
    func page(_ listing: Listing, _ page: ListPage) async throws -> (items: [OutboxEmailModel], total: Int) {
        let query = OutboxEmailModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        switch listing {
        case .notSent: query.filter(\.$sentAt == nil)
        case .sent: query.filter(\.$sentAt != nil)
        }
        return try await query.sort(\.$createdAt, .descending).sort(\.$id).page(page)
    }

    /// One message of the area, its reading recorded in the audit log.
    func read(_ id: UUID) async throws -> OutboxEmailModel? {
        try await context.write { context in
            guard let email = try await OutboxEmailModel.query(on: context.db).filter(\.$id == id)
                .filter(\.$area.$id == context.areaID).first() else { return nil }
            try await context.audit(.read, subjectType: Self.auditType, subjectID: id, subjectLabel: "E-mail to \(email.toAddress)")
            return email
        }
    }

    /// The files sent with a message, in order.
    func attachments(of email: OutboxEmailModel) async throws -> [OutboxAttachmentModel] {
        try await OutboxAttachmentModel.query(on: context.db).filter(\.$email.$id == email.requireID()).sort(\.$position).all()
    }

    enum SendAgainOutcome: Sendable, Equatable {
        case queued
        case notFound
        /// Sent already, or still being tried: nothing to do.
        case notStopped
    }

    /// Queues a message that gave up or was refused for another round of tries.
    func sendAgain(_ id: UUID) async throws -> SendAgainOutcome {
        try await context.write { context in
            guard let email = try await OutboxEmailModel.query(on: context.db).filter(\.$id == id)
                .filter(\.$area.$id == context.areaID).first() else { return .notFound }
            guard email.sentAt == nil, email.gaveUpAt != nil else { return .notStopped }
            try await EmailOutbox(db: context.db, now: context.now).sendAgain(email)
            try await context.audit(.update, subjectType: Self.auditType, subjectID: id, subjectLabel: "E-mail to \(email.toAddress)",
                                    detail: "Asked to send it again")
            return .queued
        }
    }

    static let auditType = "email"
}

extension OutboxEmailModel {
    /// Not sent only because no mail is set up: nothing about the message itself went wrong.
    var isKeptForWantOfMail: Bool { sentAt == nil && lastError == UnconfiguredMailTransport.NotConfigured().description }

    /// Why it has not gone, when that is more than its state says.
    var problem: String? { sentAt == nil && !isKeptForWantOfMail ? lastError : nil }

    /// Where the message stands, in words.
    var state: String {
        if let sentAt { return "Sent \(UKDateTime(sentAt).longForm)" }
        if refusedAt != nil { return "Not accepted by the person's e-mail provider: the address may be wrong" }
        if isKeptForWantOfMail { return "Kept here: e-mail is not set up" }
        let tries = "\(attempts) \(attempts == 1 ? "try" : "tries")"
        if let gaveUpAt {
            let last = UKDateTime(createdAt.addingTimeInterval(EmailOutbox.staleAfter)).date
            return gaveUpAt > createdAt.addingTimeInterval(EmailOutbox.staleAfter) || attempts == 0
                ? "Not sent after \(tries). Coproduce has stopped trying: use Send it again"
                : "Not sent after \(tries). Coproduce tries again every 6 hours until \(last.longForm)"
        }
        if attempts > 0 { return "Not sent after \(tries). Coproduce will try again soon" }
        return "Waiting to be sent"
    }
}
