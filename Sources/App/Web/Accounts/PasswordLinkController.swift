import Domain
import Fluent
import Vapor

/// Forgotten passwords, and the e-mailed links that let someone choose their
/// own password (an invitation to a new account, or a reset). These pages
/// are for people who are not signed in: their forms carry the visitor's
/// anti-forgery token (`VisitorFormToken`).
struct PasswordLinkController {
    struct ForgottenForm: Content {
        var email: String?
    }

    struct ChooseForm: Content {
        var newPassword: String?
    }

    func showForgotten(req: Request) async throws -> Response {
        try await renderForgotten(req, email: nil, errors: ValidationErrors())
    }

    func sendForgotten(req: Request) async throws -> Response {
        let form = try req.content.decode(ForgottenForm.self)
        let email = TextInput.normalisedEmail(form.email)
        if email.isEmpty {
            return try await renderForgotten(req, email: email, errors: ValidationErrors(field: "email", message: "Enter your e-mail address"))
        }
        guard TextInput.length(email) <= 254, TextInput.isPlausibleEmail(email) else {
            return try await renderForgotten(req, email: email, errors: ValidationErrors(
                field: "email", message: "Enter an e-mail address in the correct format, like name@example.org"))
        }
        try await PasswordLinkStore(req).requestReset(email: email, from: req.clientAddress)
        return req.page(req.layout(title: "Check your e-mail"), Self.sentPage(email: email, signInPath: Paths.signIn.url()))
    }

    func show(req: Request) async throws -> Response {
        let token = try req.parameters.require("linkToken")
        let store = PasswordLinkStore(req)
        let found = try await store.link(token: token)
        guard let link = found, store.state(of: link) == .usable else { return refuse(req, link: found) }
        return try await renderChoose(req, link: link, token: token, errors: ValidationErrors())
    }

    func choose(req: Request) async throws -> Response {
        let token = try req.parameters.require("linkToken")
        let store = PasswordLinkStore(req)
        let found = try await store.link(token: token)
        guard let link = found, store.state(of: link) == .usable else { return refuse(req, link: found) }
        let form = try req.content.decode(ChooseForm.self)
        do {
            try await store.usePassword(form.newPassword, with: link, passwords: req.password.async)
        } catch let errors as ValidationErrors {
            return try await renderChoose(req, link: link, token: token, errors: errors)
        } catch is PasswordLinkStore.LinkNoLongerUsable {
            // Spent, replaced or turned off meanwhile: read it again to say which.
            return refuse(req, link: try await store.link(token: token))
        }
        // Whoever this browser was signed in as, it now signs in with the new password: the account's
        // own sessions have ended, and a session of another account would send the sign-in page home.
        if req.auth.has(Viewer.self) {
            req.session.destroy()
            req.auth.logout(Viewer.self)
        }
        return req.redirect(to: Paths.signIn.url() + "?password-set=1")
    }

    // MARK: Pages

    private func renderForgotten(_ req: Request, email: String?, errors: ValidationErrors) async throws -> Response {
        try await req.renderForm(
            title: "Forgotten your password?",
            intro: "Enter the e-mail address you sign in with. We will send a link to it, so you can choose a new password. The link works for \(PasswordLinkKind.reset.lifetimeInWords).",
            action: Paths.forgottenPassword.url(), submitLabel: "Send the link", cancelPath: Paths.signIn.url(),
            fields: [.text("email", "E-mail address", value: email, errors: errors, kind: .email, autocomplete: "username")],
            errors: errors, visitorToken: VisitorFormToken.current(req))
    }

    private func renderChoose(_ req: Request, link: PasswordLinkModel, token: String, errors: ValidationErrors) async throws -> Response {
        let account = link.account
        let invitation = link.kind == .invitation && account.needsPassword
        return try await req.renderForm(
            title: invitation ? "Choose your password" : "Choose a new password", caption: account.area.name,
            intro: "For \(account.person.fullName), who signs in with \(account.email). After saving it, you sign in with it."
                + (invitation ? "" : " You will be signed out on other devices, and any API tokens will stop working."),
            action: Paths.passwordLink(token), submitLabel: "Save password", cancelPath: nil,
            fields: [.text("newPassword", "Password", value: nil, errors: errors,
                           hint: "At least \(PasswordRules.minimumLength) characters. A few unrelated words are easy to remember and hard to guess.",
                           kind: .password, autocomplete: "new-password")],
            errors: errors, visitorToken: VisitorFormToken.current(req))
    }

    /// A link that is unknown, spent, replaced or run out: say which, and how to get a new one.
    private func refuse(_ req: Request, link: PasswordLinkModel?) -> Response {
        let state = link.map(PasswordLinkStore(req).state)
        let reason = state?.explanation ?? "This link is not one Coproduce sent, or it was copied wrongly. Check you copied the whole of it from the e-mail."
        return req.page(req.layout(title: "This link does not work"), status: link == nil ? .notFound : .gone,
                        Self.refusedPage(reason: reason, invitation: link?.kind == .invitation,
                                         forgottenPath: Paths.forgottenPassword.url(), signInPath: Paths.signIn.url()))
    }

    static func sentPage(email: String, signInPath: String) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            <h1 class="heading-l">Check your e-mail</h1>
            <p class="body">If \(email) is the address of a Coproduce account, we have sent a link to it. Use the link to choose a new password. It works once, for \(PasswordLinkKind.reset.lifetimeInWords).</p>
            <p class="body">If nothing arrives within 15 minutes, look in your spam or junk folder. If it is not there, ask your area admin or your forum's participation officer to send you a link.</p>
            <p class="body"><a class="link" href="\(signInPath)">Back to sign in</a></p>
          </div>
        </div>
        """
    }

    static func refusedPage(reason: String, invitation: Bool, forgottenPath: String, signInPath: String) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            <h1 class="heading-l">This link does not work</h1>
            <p class="body">\(reason)</p>
            \(invitation
                ? "<p class=\"body\">Ask the area admin who invited you to send the invitation again. Or <a class=\"link\" href=\"\(forgottenPath)\">ask for a link to choose a password</a> yourself.</p>" as Markup
                : "<p class=\"body\"><a class=\"link\" href=\"\(forgottenPath)\">Ask for a new link</a>. If you know your password, <a class=\"link\" href=\"\(signInPath)\">sign in</a>.</p>")
          </div>
        </div>
        """
    }
}
