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
        let form = try req.content.decode(ChangeForm.self)
        do {
            try await store(req).changeOwnPassword(current: form.currentPassword, new: form.newPassword, keeping: req.session.id)
        } catch let errors as ValidationErrors {
            return try await renderChange(req, errors: errors)
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
        let account = try await find(req)
        let form = try req.content.decode(SetForm.self)
        do {
            try await store(req).setPassword(of: account, to: form.newPassword, keeping: req.session.id)
        } catch let errors as ValidationErrors {
            return try await renderSet(req, account: account, errors: errors)
        }
        return req.redirect(to: Paths.account(try account.recordID),
                            banner: "New password set for \(account.person.fullName). Tell them in person or by phone, not by e-mail.")
    }

    private func store(_ req: Request) throws -> AccountStore {
        AccountStore(try req.store, passwords: req.password.async)
    }

    private func find(_ req: Request) async throws -> AccountModel {
        try await store(req).find(req.id("accountID"))
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
        let id = try account.recordID
        let fields: [FormField] = [
            .text("newPassword", "New password", value: nil, errors: errors,
                  hint: "At least \(PasswordRules.minimumLength) characters. They can change it themselves after signing in.",
                  kind: .password, autocomplete: "new-password"),
        ]
        return try await req.renderForm(title: "Set a new password", caption: account.person.fullName,
                                        intro: "Use this when someone has forgotten their password. They will be signed out everywhere, and their API tokens will stop working.",
                                        action: Paths.accountPassword(id), submitLabel: "Set password",
                                        cancelPath: Paths.account(id), fields: fields, errors: errors)
    }
}
