import Domain
import Fluent
import Vapor

/// Changing passwords: anyone changes their own (knowing the current one);
/// an area admin sets a new one for someone who has forgotten theirs.
struct PasswordController {
    struct ChangeForm: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    func showChange(req: Request) async throws -> Response {
        try await renderChange(req, errors: ValidationErrors())
    }

    func change(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let form = try req.content.decode(ChangeForm.self)
        guard let account = try await AccountModel.find(viewer.accountID, on: req.db) else { throw Abort(.notFound) }
        var errors = ValidationErrors()
        if (form.currentPassword ?? "").isEmpty {
            errors.add(field: "currentPassword", message: "Enter your current password")
        } else if !(try await req.password.async.verify(form.currentPassword!, created: account.passwordHash)) {
            errors.add(field: "currentPassword", message: "Your current password is not right")
        }
        if let problem = PasswordRules.problem(with: form.newPassword ?? "") { errors.add(field: "newPassword", message: problem) }
        guard errors.isEmpty else { return try await renderChange(req, errors: errors) }
        account.passwordHash = try await req.password.async.hash(form.newPassword!)
        try await req.db.writeTransaction { db in
            try await account.save(on: db)
            try await Self.signOutElsewhere(accountID: viewer.accountID, keeping: req.session.id, on: db)
        }
        return req.redirect(to: Paths.home.url(),
                            banner: "Your password has been changed. You have been signed out on other devices, and any API tokens have stopped working.")
    }

    struct SetForm: Content {
        var newPassword: String?
    }

    func showSet(req: Request) async throws -> Response {
        let account = try await find(req)
        return try await renderSet(req, account: account, errors: ValidationErrors())
    }

    func set(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let account = try await find(req)
        let form = try req.content.decode(SetForm.self)
        if let problem = PasswordRules.problem(with: form.newPassword ?? "") {
            return try await renderSet(req, account: account, errors: ValidationErrors(field: "newPassword", message: problem))
        }
        account.passwordHash = try await req.password.async.hash(form.newPassword!)
        let accountID = try account.requireID()
        try await req.db.writeTransaction { db in
            try await account.save(on: db)
            try await Self.signOutElsewhere(accountID: accountID, keeping: accountID == viewer.accountID ? req.session.id : nil, on: db)
            try await req.audit(.update, subjectType: "account", subjectID: accountID, subjectLabel: "\(account.person.fullName) <\(account.email)>",
                                detail: "New password set by an area admin", on: db)
        }
        return req.redirect(to: Paths.account.url(accountID),
                            banner: "New password set for \(account.person.fullName). Tell them in person or by phone, not by e-mail.")
    }

    /// A new password ends every other session of the account, and its API
    /// tokens: a password is changed because it may be known to someone else,
    /// and a token they made with it must not outlive it.
    static func signOutElsewhere(accountID: UUID, keeping session: SessionID?, on db: any Database) async throws {
        var query = SessionRecordModel.query(on: db).filter(\.$accountID == accountID)
        if let session { query = query.filter(\.$token != DatabaseSessionDriver.digest(session.string)) }
        try await query.delete()
        try await APITokenModel.query(on: db).filter(\.$account.$id == accountID).delete()
    }

    private func find(_ req: Request) async throws -> AccountModel {
        let viewer = try req.viewer
        guard let account = try await AccountModel.query(on: req.db).filter(\.$id == req.id("accountID"))
            .filter(\.$area.$id == viewer.areaID).with(\.$person).first() else { throw Abort(.notFound) }
        return account
    }

    private func renderChange(_ req: Request, errors: ValidationErrors) async throws -> Response {
        let fields: [FormField] = [
            .text("currentPassword", "Current password", value: nil, errors: errors, kind: .password, autocomplete: "current-password"),
            .text("newPassword", "New password", value: nil, errors: errors,
                  hint: "At least \(PasswordRules.minimumLength) characters. A few unrelated words are easy to remember and hard to guess.",
                  kind: .password, autocomplete: "new-password"),
        ]
        return try await req.renderForm(title: "Change your password", action: Paths.changePassword.url(), submitLabel: "Change password",
                                        cancelPath: Paths.home.url(), fields: fields, errors: errors)
    }

    private func renderSet(_ req: Request, account: AccountModel, errors: ValidationErrors) async throws -> Response {
        let id = try account.requireID()
        let fields: [FormField] = [
            .text("newPassword", "New password", value: nil, errors: errors,
                  hint: "At least \(PasswordRules.minimumLength) characters. They can change it themselves after signing in.",
                  kind: .password, autocomplete: "new-password"),
        ]
        return try await req.renderForm(title: "Set a new password", caption: account.person.fullName,
                                        intro: "Use this when someone has forgotten their password. They will be signed out everywhere, and their API tokens will stop working.",
                                        action: Paths.accountPassword.url(id), submitLabel: "Set password",
                                        cancelPath: Paths.account.url(id), fields: fields, errors: errors)
    }
}
