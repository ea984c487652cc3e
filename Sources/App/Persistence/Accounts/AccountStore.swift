import Domain
import Fluent
import Foundation
import Vapor

/// The only place accounts are read and written by the people using
/// Coproduce (signing in has its own checks, before anyone is acting).
/// Every change is audited; a new password or a turned-off account ends the
/// account's other sessions and API tokens in the same write.
struct AccountStore {
    let context: StoreContext
    let passwords: AsyncPasswordHasher

    init(_ context: StoreContext, passwords: AsyncPasswordHasher) {
        self.context = context
        self.passwords = passwords
    }

    /// The account with its person, or 404 when the area has none with this id.
    func find(_ id: UUID) async throws -> AccountModel {
        guard let account = try await AccountModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$person).first() else { throw Abort(.notFound) }
        return account
    }

    /// One page of the area's accounts, by e-mail address.
    func page(_ page: ListPage) async throws -> (items: [AccountModel], total: Int) {
        try await AccountModel.query(on: context.db).filter(\.$area.$id == context.areaID).with(\.$person).sort(\.$email).page(page)
    }

    /// Creates an account for a person of the area who has none. Answers it,
    /// with its person. Without a password, the person is e-mailed an
    /// invitation to choose their own (a link to `siteAddress`).
    func create(personId: String?, email: String?, role: String?, password: String?, siteAddress: String) async throws -> AccountModel {
        var errors = ValidationErrors()
        var person: PersonModel?
        if let raw = TextInput.optional(personId), let id = UUID(uuidString: raw) {
            person = try await PersonStore(context).lookUp(id)
        }
        if person == nil { errors.add(field: "personId", message: "Find the person the account is for, then choose them from the list") }
        else if try await AccountModel.query(on: context.db).filter(\.$person.$id == person!.requireID()).count() > 0 {
            errors.add(field: "personId", message: "\(person!.fullName) already has an account")
        }
        // Left blank, the address is the one in the person's record.
        let email = TextInput.normalisedEmail(TextInput.optional(email) ?? person?.email)
        let taken = "There is already an account for \(email) in \(context.actor.areaName)"
        if email.isEmpty {
            errors.add(field: "email", message: person == nil ? "Enter the e-mail address they will sign in with"
                                                             : "\(person!.fullName)'s record has no e-mail address. Enter the one they will sign in with")
        } else if !TextInput.isPlausibleEmail(email) || !EmailMessage.isAddress(email) {
            // Checked as e-mail will be sent, so an invitation or a reset can always go to it.
            errors.add(field: "email", message: "Enter an e-mail address in the correct format, like name@example.org")
        }
        // Only this area's accounts are looked at: whether an address is used in another area is not this area's business.
        else if try await AccountModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$email == email).count() > 0 {
            errors.add(field: "email", message: taken)
        }
        let role = Role(rawValue: TextInput.clean(role))
        if role == nil { errors.add(field: "role", message: "Select a role") }
        // Left blank, they choose their own from an e-mailed invitation.
        let invite = (password ?? "").isEmpty
        if !invite, let problem = PasswordRules.problem(with: password!) { errors.add(field: "password", message: problem) }
        try errors.throwIfAny()
        // An invited account's hash is of a secret nobody is told, so no password opens it until one is chosen.
        let hash = try await passwords.hash(invite ? DatabaseSessionDriver.newToken() : password!)
        let account = AccountModel(areaID: context.areaID, personID: try person!.requireID(), email: email, passwordHash: hash, role: role!,
                                   needsPassword: invite)
        let label = "\(person!.fullName) <\(email)>"
        let personName = person!.fullName
        try await context.write { context in
            try await account.save(on: context.db, orIfDuplicate: ValidationErrors(field: "email", message: taken))
            try await context.audit(.create, subjectType: "account", subjectID: account.id, subjectLabel: label,
                                    detail: "Role: \(role!.label)" + (invite ? "; invitation e-mailed" : ""))
            if invite {
                try await PasswordLinkStore(db: context.db, now: context.now, siteAddress: siteAddress, mailFrom: context.mailFrom)
                    .send(.invitation, to: account, personName: personName, areaName: context.actor.areaName,
                          invitedBy: context.actor.name, requestedFrom: nil, replacing: true)
            }
        }
        account.$person.value = person
        return account
    }

    /// Changes an account's role, or turns it off or on. Nobody removes their
    /// own admin access. Answers what changed, in words.
    func update(_ account: AccountModel, role: String?, turnOff: Bool) async throws -> [String] {
        guard let role = Role(rawValue: TextInput.clean(role)) else { throw ValidationErrors(field: "role", message: "Select a role") }
        if account.id == context.actor.accountID && (turnOff || role != .areaAdmin) {
            throw ValidationErrors(field: "role", message: "You cannot remove your own admin access. Ask another area admin.")
        }
        let changes = [account.role != role ? "role \(account.role.label) to \(role.label)" : nil,
                       turnOff != (account.disabledAt != nil) ? (turnOff ? "turned off" : "turned back on") : nil].compactMap { $0 }
        account.role = role
        account.disabledAt = turnOff ? (account.disabledAt ?? context.now) : nil
        let accountID = try account.requireID()
        let label = "\(account.person.fullName) <\(account.email)>"
        try await context.write { context in
            try await account.save(on: context.db)
            // Turning an account off signs it out everywhere at once.
            if turnOff {
                try await Self.signOut(accountID: accountID, keeping: nil, on: context.db)
                // And an e-mailed link that went to the wrong person no longer opens it.
                try await PasswordLinkStore.voidOutstanding(accountID: accountID, on: context.db, now: context.now)
            }
            if !changes.isEmpty {
                try await context.audit(.update, subjectType: "account", subjectID: accountID, subjectLabel: label, detail: changes.joined(separator: "; "))
            }
        }
        return changes
    }

    /// The actor changes their own password, knowing the current one. Their
    /// other sessions and API tokens end; `session`, the one they are using, is kept.
    func changeOwnPassword(current: String?, new: String?, keeping session: SessionID?) async throws {
        guard let account = try await AccountModel.find(context.actor.accountID, on: context.db) else { throw Abort(.notFound) }
        var errors = ValidationErrors()
        if (current ?? "").isEmpty {
            errors.add(field: "currentPassword", message: "Enter your current password")
        } else if !(try await passwords.verify(current!, created: account.passwordHash)) {
            errors.add(field: "currentPassword", message: "Your current password is not right")
        }
        if let problem = PasswordRules.problem(with: new ?? "") { errors.add(field: "newPassword", message: problem) }
        try errors.throwIfAny()
        account.passwordHash = try await passwords.hash(new!)
        let accountID = try account.requireID()
        try await context.write { context in
            try await account.save(on: context.db)
            try await Self.signOut(accountID: accountID, keeping: session, on: context.db)
            try await PasswordLinkStore.voidOutstanding(accountID: accountID, on: context.db, now: context.now)
        }
    }

    /// An area admin sets a new password for someone who has forgotten theirs.
    /// The account's sessions and API tokens end (but the admin's own session
    /// stays when it is their own account).
    func setPassword(of account: AccountModel, to new: String?, keeping session: SessionID?) async throws {
        if let problem = PasswordRules.problem(with: new ?? "") { throw ValidationErrors(field: "newPassword", message: problem) }
        account.passwordHash = try await passwords.hash(new!)
        account.needsPassword = false
        let accountID = try account.requireID()
        let kept = accountID == context.actor.accountID ? session : nil
        let label = "\(account.person.fullName) <\(account.email)>"
        try await context.write { context in
            try await account.save(on: context.db)
            try await Self.signOut(accountID: accountID, keeping: kept, on: context.db)
            try await PasswordLinkStore.voidOutstanding(accountID: accountID, on: context.db, now: context.now)
            try await context.audit(.update, subjectType: "account", subjectID: accountID, subjectLabel: label, detail: "New password set by an area admin")
        }
    }

    /// E-mails the account a link to choose a password: the invitation
    /// again while they have not chosen one, otherwise a reset link. Answers
    /// the kind sent.
    @discardableResult
    func sendPasswordLink(_ account: AccountModel, siteAddress: String) async throws -> PasswordLinkKind {
        guard account.disabledAt == nil else {
            throw ValidationErrors(field: "state", message: "Turn the account back on before sending a link: a turned-off account cannot sign in")
        }
        let kind: PasswordLinkKind = account.needsPassword ? .invitation : .reset
        let accountID = try account.requireID()
        let label = "\(account.person.fullName) <\(account.email)>"
        let personName = account.person.fullName
        try await context.write { context in
            try await PasswordLinkStore(db: context.db, now: context.now, siteAddress: siteAddress, mailFrom: context.mailFrom)
                .send(kind, to: account, personName: personName, areaName: context.actor.areaName, invitedBy: context.actor.name, requestedFrom: nil, replacing: true)
            try await context.audit(.update, subjectType: "account", subjectID: accountID, subjectLabel: label,
                                    detail: kind == .invitation ? "Invitation e-mailed again" : "Link to choose a new password e-mailed")
        }
        return kind
    }

    /// The latest e-mailed link of the account, for its page.
    func latestPasswordLink(_ account: AccountModel) async throws -> PasswordLinkModel? {
        try await PasswordLinkStore.latest(for: try account.requireID(), on: context.db)
    }

    /// Ends every session of the account but `session`, and its API tokens: a
    /// password is changed because it may be known to someone else, and a
    /// token they made with it must not outlive it.
    static func signOut(accountID: UUID, keeping session: SessionID?, on db: any Database) async throws {
        var query = SessionRecordModel.query(on: db).filter(\.$accountID == accountID)
        if let session { query = query.filter(\.$token != DatabaseSessionDriver.digest(session.string)) }
        try await query.delete()
        try await APITokenModel.query(on: db).filter(\.$account.$id == accountID).delete()
    }
}
