import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Invitations and password resets by e-mail (`PasswordLinkKind`). Sending a
/// link is done inside the write that asks for it, so the e-mail goes out
/// only when the change is saved; using one sets the password, ends the
/// account's sessions and API tokens, and is audited, in one write.
struct PasswordLinkStore {
    let db: any Database
    let now: Date
    /// Where links point (COPRODUCE_SITE_ADDRESS) and who e-mail comes from.
    let siteAddress: String
    let mailFrom: String

    struct ResetRequest: Codable, Sendable {
        let email: String
        let address: String
    }

    /// Looking up the accounts of a forgotten-password request and e-mailing them, away from the request itself.
    static let resetKind = JobKind<ResetRequest>("password-reset")

    init(db: any Database, now: Date, siteAddress: String, mailFrom: String) {
        self.db = db
        self.now = now
        self.siteAddress = siteAddress
        self.mailFrom = mailFrom
    }

    init(_ req: Request) {
        self.init(db: req.db, now: req.now, siteAddress: req.application.appConfig.siteAddress, mailFrom: req.application.appConfig.mailFrom)
    }

    /// A new link for the account, and the e-mail carrying it, queued. Call
    /// it inside a write. An area admin's link (`replacing`) stops the
    /// account's earlier ones working; one asked for on the sign-in page does
    /// not, so nobody who knows an address can spoil an invitation.
    /// `invitedBy` names the admin for an invitation.
    func send(_ kind: PasswordLinkKind, to account: AccountModel, personName: String, areaName: String, invitedBy: String?,
              requestedFrom: String?, replacing: Bool) async throws {
        let accountID = try account.requireID()
        if replacing { try await Self.voidOutstanding(accountID: accountID, on: db, now: now) }
        let token = DatabaseSessionDriver.newToken()
        try await PasswordLinkModel(accountID: accountID, kind: kind, tokenDigest: DatabaseSessionDriver.digest(token), email: account.email,
                                    requestedFrom: requestedFrom, now: now).create(on: db)
        let link = siteAddress + Paths.passwordLink(token)
        let email = switch kind {
        case .invitation:
            PasswordLinkEmail.invitation(name: personName, areaName: areaName, roleLabel: account.role.label,
                                         invitedBy: invitedBy ?? "Your area admin", signInEmail: account.email, link: link)
        case .reset:
            PasswordLinkEmail.reset(name: personName, areaName: areaName, link: link)
        }
        let message = try EmailMessage(from: mailFrom, to: account.email, subject: email.subject, body: email.body)
        // The link is kept apart from the stored text: never shown on the outbox page, and forgotten once sent.
        try await EmailOutbox(db: db, now: now).queue(message, areaID: account.$area.id, secret: link)
    }

    /// Someone who has forgotten their password asks for a link. The request
    /// is counted against the e-mail address and the network address it came
    /// from, and, within the limits, handed to a job that looks up the
    /// accounts and e-mails them. Known and unknown addresses cost the same
    /// here, so neither the answer nor its timing says whether an account exists.
    func requestReset(email: String, from address: String, limits: PasswordResetLimits = .standard) async throws {
        let now = self.now
        try await db.writeTransaction { db in
            // Two requests at once would both count what neither has written yet: they take turns.
            try await db.takeTurn("password-reset:" + email)
            try await db.takeTurn("password-reset-from:" + address)
            let fromAddress = try await PasswordResetRequestModel.query(on: db).filter(\.$requestedFrom == address)
                .filter(\.$requestedAt > limits.windowStart(now: now)).count()
            guard limits.allowsRequest(fromAddress: fromAddress) else { return }
            // Only requests that sent a link count towards the e-mail address's limits; refused ones do not extend them.
            let toEmail = try await PasswordResetRequestModel.query(on: db).filter(\.$email == email).filter(\.$granted == true)
                .filter(\.$requestedAt > limits.dayStart(now: now)).sort(\.$requestedAt, .descending).limit(limits.perEmailPerDay).all(\.$requestedAt)
            let granted = limits.allows(sentToEmailWithin: toEmail, now: now)
            try await PasswordResetRequestModel(email: email, requestedFrom: address, requestedAt: now, granted: granted).create(on: db)
            guard granted else { return }
            try await JobQueue(db: db, now: now).add(Self.resetKind, ResetRequest(email: email, address: address))
        }
    }

    /// The job's half of a request: every account the address signs in to
    /// that is turned on gets a link. An address the mail cannot go to is
    /// skipped, not retried.
    func sendResetLinks(_ request: ResetRequest, logger: Logger) async throws {
        let accounts = try await AccountModel.query(on: db).filter(\.$email == request.email).filter(\.$disabledAt == nil)
            .with(\.$person).with(\.$area).sort(\.$createdAt).limit(SignInController.maximumAccountsPerEmail).all()
        for account in accounts {
            do {
                try await db.writeTransaction { db in
                    try await PasswordLinkStore(db: db, now: now, siteAddress: siteAddress, mailFrom: mailFrom)
                        .send(.reset, to: account, personName: account.person.fullName, areaName: account.area.name, invitedBy: nil,
                              requestedFrom: request.address, replacing: false)
                }
            } catch let problem as EmailMessage.Problem {
                logger.warning("A password link could not be e-mailed", metadata: ["problem": .string(String(describing: problem))])
            }
        }
    }

    static func register(with runner: JobRunner) {
        runner.handle(resetKind) { request, context in
            let config = context.application.appConfig
            try await PasswordLinkStore(db: context.db, now: context.now, siteAddress: config.siteAddress, mailFrom: config.mailFrom)
                .sendResetLinks(request, logger: context.application.logger)
        }
    }

    /// The link a secret opens, with its account, person and area, or nil
    /// when there is none. A secret of the wrong shape is not looked up.
    func link(token: String) async throws -> PasswordLinkModel? {
        guard DatabaseSessionDriver.isWellFormed(token) else { return nil }
        return try await PasswordLinkModel.query(on: db).filter(\.$tokenDigest == DatabaseSessionDriver.digest(token))
            .with(\.$account) { $0.with(\.$person).with(\.$area) }.first()
    }

    /// What a link can do now: a link of a turned-off account does nothing.
    func state(of link: PasswordLinkModel) -> PasswordLinkState {
        link.account.disabledAt != nil ? .accountTurnedOff : link.state(now: now)
    }

    /// Sets the password with a usable link: the link is spent, every other
    /// link of the account stops working, and the account's sessions, API
    /// tokens, remembered browsers and sign-in failures end. Throws
    /// `ValidationErrors` for a password the rules refuse, and
    /// `LinkNoLongerUsable` when the link was spent, replaced or ran out, or
    /// the account was turned off, since it was read.
    func usePassword(_ password: String?, with link: PasswordLinkModel, passwords: AsyncPasswordHasher) async throws {
        if let problem = PasswordRules.problem(with: password ?? "") { throw ValidationErrors(field: "newPassword", message: problem) }
        let account = link.account
        let hash = try await passwords.hash(password!)
        let linkID = try link.requireID()
        let accountID = try account.requireID()
        let now = self.now
        let wasInvitation = link.kind == .invitation
        try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw LinkNoLongerUsable() }
            // Spent in one statement that only a usable link passes, so two uses at once cannot both succeed.
            let spent = try await sql.update(PasswordLinkModel.schema).set("used_at", to: now)
                .where("id", .equal, linkID).where("used_at", .is, SQLLiteral.null).where("replaced_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, now).returning("id").all()
            guard spent.count == 1,
                  try await AccountModel.query(on: db).filter(\.$id == accountID).filter(\.$disabledAt == nil).count() == 1
            else { throw LinkNoLongerUsable() }
            try await Self.voidOutstanding(accountID: accountID, on: db, now: now)
            account.passwordHash = hash
            account.needsPassword = false
            try await account.save(on: db)
            try await AccountStore.signOut(accountID: accountID, keeping: nil, on: db)
            // They proved they hold the address: earlier failures no longer lock them out, and
            // browsers remembered before the change are not trusted for it.
            try await SignInFailureModel.query(on: db).filter(\.$email == account.email).delete()
            try await SignInDeviceModel.query(on: db).filter(\.$account.$id == accountID).delete()
            let event = AuditEventModel(areaID: account.$area.id, actorAccountID: accountID, actorName: account.person.fullName,
                                        action: AuditAction.update.rawValue, subjectType: "account", subjectID: accountID,
                                        subjectLabel: "\(account.person.fullName) <\(account.email)>",
                                        detail: wasInvitation ? "Password chosen with the invitation's link" : "New password chosen with an e-mailed link",
                                        occurredAt: now)
            try await event.save(on: db)
        }
    }

    struct LinkNoLongerUsable: Error {}

    /// Stops the account's unused links working: a newer link from an admin,
    /// a password set another way, or the account turned off.
    static func voidOutstanding(accountID: UUID, on db: any Database, now: Date) async throws {
        try await PasswordLinkModel.query(on: db).filter(\.$account.$id == accountID).filter(\.$usedAt == nil).filter(\.$replacedAt == nil)
            .set(\.$replacedAt, to: now).update()
    }

    /// Spent, replaced and run-out links are kept a month (the account's page
    /// says when one was sent), then removed; requests are kept two days, for the limits.
    static func sweep(_ db: any Database, now: Date) async throws {
        try await PasswordLinkModel.query(on: db).filter(\.$expiresAt < now.addingTimeInterval(-30 * 24 * 60 * 60)).delete()
        try await PasswordResetRequestModel.query(on: db).filter(\.$requestedAt < now.addingTimeInterval(-2 * 24 * 60 * 60)).delete()
    }

    /// The latest link of an account, for its page.
    static func latest(for accountID: UUID, on db: any Database) async throws -> PasswordLinkModel? {
        try await PasswordLinkModel.query(on: db).filter(\.$account.$id == accountID).sort(\.$createdAt, .descending).first()
    }
}
