import Domain
import Fluent
import Vapor

/// Signing in and out with an e-mail address and password.
struct SignInController {
    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct SignInPage: Encodable {
        let layout: PageLayout
        let action: String
        let email: String
        let next: String
        let errorSummary: [ErrorSummaryItem]
        let emailError: String?
        let passwordError: String?
        let signedOut: Bool
    }

    /// A hash of a random password, checked when no account matches, so a
    /// wrong e-mail address takes as long as a wrong password.
    private static let decoyHash = try! Bcrypt.hash(DatabaseSessionDriver.newToken())

    func show(req: Request) async throws -> Response {
        if req.auth.has(Viewer.self) { return req.redirect(to: Paths.home.url()) }
        let next = Self.safeNext(req.query[String.self, at: "next"])
        let signedOut = req.query[String.self, at: "signed-out"] != nil
        return try await render(req, email: "", next: next, errors: ValidationErrors(), signedOut: signedOut)
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let email = TextInput.normalisedEmail(form.email)
        let password = form.password ?? ""
        let next = Self.safeNext(form.next)
        var errors = ValidationErrors()
        if email.isEmpty { errors.add(field: "email", message: "Enter your e-mail address") }
        if password.isEmpty { errors.add(field: "password", message: "Enter your password") }
        guard errors.isEmpty else { return try await render(req, email: email, next: next, errors: errors) }

        let address = req.remoteAddress?.ipAddress ?? "unknown"
        let throttle = LoginThrottle.standard
        let since = throttle.windowStart(now: req.now)
        let accountFailures = try await SignInFailureModel.query(on: req.db)
            .filter(\.$email == email).filter(\.$failedAt > since).all().map(\.failedAt)
        let addressFailures = try await SignInFailureModel.query(on: req.db)
            .filter(\.$address == address).filter(\.$failedAt > since)
            .sort(\.$failedAt, .descending).limit(throttle.maximumFailuresPerAddress).all().map(\.failedAt)
        if case .lockedUntil(let until) = throttle.decide(accountFailures: accountFailures, addressFailures: addressFailures, now: req.now) {
            let minutes = max(1, Int((until.timeIntervalSince(req.now) / 60).rounded(.up)))
            throw Abort(.tooManyRequests, headers: ["Retry-After": String(minutes * 60)],
                        reason: "You have tried to sign in too many times. Wait \(minutes) \(minutes == 1 ? "minute" : "minutes") and try again.")
        }

        let account = try await AccountModel.query(on: req.db)
            .filter(\.$email == email).filter(\.$disabledAt == nil).first()
        let verified = try await req.password.async.verify(password, created: account?.passwordHash ?? Self.decoyHash)
        guard let account, verified else {
            try await SignInFailureModel(email: email, address: address, failedAt: req.now).create(on: req.db)
            req.logger.notice("Failed sign-in", metadata: ["address": .string(address)])
            var problem = ValidationErrors()
            problem.add(field: "email", message: "Enter a correct e-mail address and password")
            return try await render(req, email: email, next: next, errors: problem)
        }

        // A new session id at sign-in, so a session id planted before sign-in is useless.
        if let oldID = req.session.id {
            try await req.application.sessions.driver.deleteSession(oldID, for: req).get()
        }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[SessionKeys.accountID] = try account.requireID().uuidString
        account.lastSignedInAt = req.now
        try await account.save(on: req.db)
        try await SignInFailureModel.query(on: req.db).filter(\.$email == email).delete()
        return req.redirect(to: next)
    }

    func signOut(req: Request) async throws -> Response {
        req.session.destroy()
        req.auth.logout(Viewer.self)
        return req.redirect(to: Paths.signIn.url() + "?signed-out=1")
    }

    private func render(_ req: Request, email: String, next: String, errors: ValidationErrors, signedOut: Bool = false) async throws -> Response {
        // The sign-in form needs a session to hold its anti-forgery token.
        _ = req.csrfToken()
        let page = SignInPage(layout: req.layout(title: "Sign in", hasErrors: !errors.isEmpty), action: Paths.signIn.url(),
                              email: email, next: next, errorSummary: ErrorSummaryItem.from(errors),
                              emailError: errors.message(for: "email"), passwordError: errors.message(for: "password"),
                              signedOut: signedOut)
        let response = try await req.view.render("accounts/sign-in", page).encodeResponse(for: req)
        response.status = errors.isEmpty ? .ok : .unprocessableEntity
        return response
    }

    /// Only addresses on this site, so sign-in cannot be used to send people elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.hasPrefix(Paths.signIn.url()) else { return Paths.home.url() }
        return next
    }
}
