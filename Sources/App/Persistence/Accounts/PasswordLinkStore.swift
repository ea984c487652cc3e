import Domain
import Fluent
import Foundation
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

    init(db: any Database, now: Date, siteAddress: String, mailFrom: String) {
        self.db = db
        self.now = now
        self.siteAddress = siteAddress
        self.mailFrom = mailFrom
    }

    init(_ req: Request) {
        self.init(db: req.db, now: req.now, siteAddress: req.application.appConfig.siteAddress, mailFrom: req.application.appConfig.mailFrom)
    }

    /// The account's new link, replacing any it has not used, and the e-mail
    /// carrying it, queued. Call it inside a write. `invitedBy` names the admin for an invitation.
    func send(_ kind: PasswordLinkKind, to account: AccountModel, personName: String, areaName: String, invitedBy: String?,
              requestedFrom: String?) async throws {
        let accountID = try account.requireID()
        try await Self.voidOutstanding(accountID: accountID, on: db, now: now)
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
        try await EmailOutbox(db: db, now: now).queue(message, areaID: account.$area.id)
    }

    /// Someone who has forgotten their password asks for a link. Every
    /// account the address signs in to that is turned on gets one, unless
    /// the address or the network address has asked too often lately. The
    /// answer is the same whether or not anything was sent.
    func requestReset(email: String, from address: String, limits: PasswordResetLimits = .standard) async throws {
        let since = limits.windowStart(now: now)
        let toEmail = try await PasswordLinkModel.query(on: db).filter(\.$email == email).filter(\.$kind == .reset)
            .filter(\.$createdAt > since).count()
        let fromAddress = try await PasswordLinkModel.query(on: db).filter(\.$requestedFrom == address)
            .filter(\.$createdAt > since).count()
        guard limits.allows(sentToEmail: toEmail, requestedFromAddress: fromAddress) else { return }
        let accounts = try await AccountModel.query(on: db).filter(\.$email == email).filter(\.$disabledAt == nil)
            .with(\.$person).with(\.$area).sort(\.$createdAt).limit(SignInController.maximumAccountsPerEmail).all()
        guard !accounts.isEmpty else { return }
        try await db.writeTransaction { db in
            let store = PasswordLinkStore(db: db, now: now, siteAddress: siteAddress, mailFrom: mailFrom)
            for account in accounts {
                try await store.send(.reset, to: account, personName: account.person.fullName, areaName: account.area.name,
                                     invitedBy: nil, requestedFrom: address)
            }
        }
    }

    /// The link a secret opens, with its account, person and area, or nil
    /// when there is none. A secret of the wrong shape is not looked up.
    func link(token: String) async throws -> PasswordLinkModel? {
        guard DatabaseSessionDriver.isWellFormed(token) else { return nil }
        return try await PasswordLinkModel.query(on: db).filter(\.$tokenDigest == DatabaseSessionDriver.digest(token))
            .with(\.$account) { $0.with(\.$person).with(\.$area) }.first()
    }

    /// Sets the password with a usable link: the link is spent, every other
    /// link of the account stops working, and the account's sessions and API
    /// tokens end. Throws `ValidationErrors` for a password the rules refuse.
    func usePassword(_ password: String?, with link: PasswordLinkModel, passwords: AsyncPasswordHasher) async throws {
        if let problem = PasswordRules.problem(with: password ?? "") { throw ValidationErrors(field: "newPassword", message: problem) }
        let account = link.account
        let hash = try await passwords.hash(password!)
        let linkID = try link.requireID()
        let accountID = try account.requireID()
        let now = self.now
        let wasInvitation = link.kind == .invitation
        try await db.writeTransaction { db in
            // Spent in the same write, and only if nobody spent it a moment earlier.
            let spent = try await PasswordLinkModel.query(on: db).filter(\.$id == linkID).filter(\.$usedAt == nil).filter(\.$replacedAt == nil)
                .filter(\.$expiresAt > now).count()
            guard spent == 1 else { throw LinkNoLongerUsable() }
            try await PasswordLinkModel.query(on: db).filter(\.$id == linkID).set(\.$usedAt, to: now).update()
            try await Self.voidOutstanding(accountID: accountID, on: db, now: now)
            account.passwordHash = hash
            account.needsPassword = false
            try await account.save(on: db)
            try await AccountStore.signOut(accountID: accountID, keeping: nil, on: db)
            let event = AuditEventModel(areaID: account.$area.id, actorAccountID: accountID, actorName: account.person.fullName,
                                        action: AuditAction.update.rawValue, subjectType: "account", subjectID: accountID,
                                        subjectLabel: "\(account.person.fullName) <\(account.email)>",
                                        detail: wasInvitation ? "Password chosen with the invitation's link" : "New password chosen with an e-mailed link",
                                        occurredAt: now)
            try await event.save(on: db)
        }
    }

    struct LinkNoLongerUsable: Error {}

    /// Stops the account's unused links working: a newer link, or a password
    /// set another way, replaces them.
    static func voidOutstanding(accountID: UUID, on db: any Database, now: Date) async throws {
        try await PasswordLinkModel.query(on: db).filter(\.$account.$id == accountID).filter(\.$usedAt == nil).filter(\.$replacedAt == nil)
            .set(\.$replacedAt, to: now).update()
    }

    /// Spent, replaced and run-out links are kept a month (the account's page
    /// says when one was sent), then removed.
    static func sweep(_ db: any Database, now: Date) async throws {
        try await PasswordLinkModel.query(on: db).filter(\.$expiresAt < now.addingTimeInterval(-30 * 24 * 60 * 60)).delete()
    }

    /// The latest link of an account, for its page.
    static func latest(for accountID: UUID, on db: any Database) async throws -> PasswordLinkModel? {
        try await PasswordLinkModel.query(on: db).filter(\.$account.$id == accountID).sort(\.$createdAt, .descending).first()
    }
}
