import Domain
import Fluent
import Vapor

/// Signing in and out with an e-mail address and password.
///
/// Nothing is stored for a visitor who only looks at the form: its
/// anti-forgery token is a cookie matched against the form ("double submit"),
/// and a session is made only once the password is right.
struct SignInController {
    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
        /// Which account, when the e-mail address has one in more than one area.
        var account: String?
        /// Sent by the form that asks which area, so a missing choice is an error there.
        var choosingArea: String?
    }

    struct AreaChoice {
        let value: String
        let label: String
        let checked: Bool
    }

    struct SignInPage {
        let layout: PageLayout
        let action: String
        let formToken: String
        let email: String
        let next: String
        let errorSummary: [ErrorSummaryItem]
        let emailError: String?
        let passwordError: String?
        let accountError: String?
        let areaChoices: [AreaChoice]
        let signedOut: Bool
        var passwordSet = false
        var forgottenPath = Paths.forgottenPassword.url()
    }

    /// A hash of a random password, checked when no account matches, so a
    /// wrong e-mail address takes as long as a wrong password.
    private static let decoyHash = try! Bcrypt.hash(DatabaseSessionDriver.newToken())
    /// The cookie that says this browser has signed in to an account before.
    static let deviceCookie = "coproduce_device"
    /// A known browser is remembered for a year after it was last used.
    static let deviceLifetime: TimeInterval = 365 * 24 * 60 * 60
    /// Accounts one e-mail address can have across areas that sign-in will try.
    static let maximumAccountsPerEmail = 10

    func show(req: Request) async throws -> Response {
        if req.auth.has(Viewer.self) { return req.redirect(to: Paths.home.url()) }
        let next = Self.safeNext(req.query[String.self, at: "next"])
        let signedOut = req.query[String.self, at: "signed-out"] != nil
        let passwordSet = req.query[String.self, at: "password-set"] != nil
        return try await render(req, email: "", next: next, errors: ValidationErrors(), signedOut: signedOut, passwordSet: passwordSet)
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let email = TextInput.normalisedEmail(form.email)
        let password = form.password ?? ""
        let next = Self.safeNext(form.next)
        var errors = ValidationErrors()
        if email.isEmpty { errors.add(field: "email", message: "Enter your e-mail address") }
        if password.isEmpty { errors.add(field: "password", message: "Enter your password") }
        // Nobody's address is this long; a longer one is not looked up.
        if TextInput.length(email) > 254 { errors.add(field: "email", message: "Enter a correct e-mail address and password") }
        guard errors.isEmpty else { return try await render(req, email: email, next: next, errors: errors) }

        let store = SignInStore(db: req.db, now: req.now)
        let address = req.clientAddress
        let device = try await knownDevice(req, email: email)
        try await refuseIfThrottled(req, email: email, address: address, device: device)

        let accounts = try await store.accounts(email: email, limit: Self.maximumAccountsPerEmail)
        var verified: [AccountModel] = []
        if accounts.isEmpty {
            _ = try await req.password.async.verify(password, created: Self.decoyHash)
        }
        for account in accounts {
            if try await req.password.async.verify(password, created: account.passwordHash) { verified.append(account) }
        }
        guard !verified.isEmpty else {
            try await store.recordFailure(email: email, address: address, device: device)
            req.logger.notice("Failed sign-in", metadata: ["address": .string(address)])
            return try await render(req, email: email, next: next,
                                    errors: ValidationErrors(field: "email", message: "Enter a correct e-mail address and password"))
        }
        // The same e-mail address and password in more than one area: the person says which.
        let chosen = verified.count == 1 ? verified[0] : verified.first { $0.id?.uuidString == form.account }
        guard let account = chosen else {
            var choose = ValidationErrors()
            if form.account != nil || form.choosingArea != nil { choose.add(field: "account", message: "Choose the area to sign in to") }
            return try await render(req, email: email, next: next, errors: choose, choices: verified)
        }

        // A new session id at sign-in, so a session id planted before sign-in is useless.
        if req.hasSession, let oldID = req.session.id {
            try await req.application.sessions.driver.deleteSession(oldID, for: req).get()
        }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[SessionKeys.accountID] = try account.requireID().uuidString
        try await store.recordSuccess(account, email: email, address: address, device: device)

        let response = req.redirect(to: next)
        try await rememberDevice(req, response: response, account: account, known: device)
        return response
    }

    func signOut(req: Request) async throws -> Response {
        req.session.destroy()
        req.auth.logout(Viewer.self)
        return req.redirect(to: Paths.signIn.url() + "?signed-out=1")
    }

    // MARK: Throttling

    /// The known-device record the browser's cookie names, when it belongs to an account with this e-mail address.
    private func knownDevice(_ req: Request, email: String) async throws -> SignInDeviceModel? {
        guard let token = req.cookies[Self.deviceCookie]?.string, token.utf8.count <= 64 else { return nil }
        return try await SignInStore(db: req.db, now: req.now).knownDevice(token: token, email: email, lifetime: Self.deviceLifetime)
    }

    private func refuseIfThrottled(_ req: Request, email: String, address: String, device: SignInDeviceModel?) async throws {
        let throttle = LoginThrottle.standard
        let failures = try await SignInStore(db: req.db, now: req.now).recentFailures(email: email, address: address, device: device, throttle: throttle)
        if case .lockedUntil(let until) = throttle.decide(failures, now: req.now) {
            let minutes = max(1, Int((until.timeIntervalSince(req.now) / 60).rounded(.up)))
            throw Abort(.tooManyRequests, headers: ["Retry-After": String(minutes * 60)],
                        reason: "You have tried to sign in too many times. Wait \(minutes) \(minutes == 1 ? "minute" : "minutes") and try again. If you use the browser you usually sign in with, you can try again straight away.")
        }
    }

    /// Gives the browser a cookie that says it has signed in to this account, or refreshes the one it has.
    private func rememberDevice(_ req: Request, response: Response, account: AccountModel, known: SignInDeviceModel?) async throws {
        guard let token = try await SignInStore(db: req.db, now: req.now).rememberDevice(of: account, known: known) else { return }
        response.cookies[Self.deviceCookie] = HTTPCookies.Value(
            string: token, maxAge: Int(Self.deviceLifetime), path: Paths.signIn.url(),
            isSecure: req.application.appConfig.secureCookies, isHTTPOnly: true, sameSite: .strict)
    }

    // MARK: The page

    private func render(_ req: Request, email: String, next: String, errors: ValidationErrors, signedOut: Bool = false,
                        passwordSet: Bool = false, choices: [AccountModel] = []) async throws -> Response {
        let token = VisitorFormToken.current(req)
        let page = SignInPage(
            layout: req.layout(title: choices.isEmpty ? "Sign in" : "Choose an area", hasErrors: !errors.isEmpty), action: Paths.signIn.url(),
            formToken: token, email: email, next: next, errorSummary: ErrorSummaryItem.from(errors),
            emailError: errors.message(for: "email"), passwordError: errors.message(for: "password"),
            accountError: errors.message(for: "account"),
            areaChoices: try choices.map { AreaChoice(value: try $0.requireID().uuidString, label: $0.area.name, checked: false) },
            signedOut: signedOut, passwordSet: passwordSet)
        let response = req.page(page.layout, status: errors.isEmpty ? .ok : .unprocessableEntity, Self.page(page))
        VisitorFormToken.set(token, on: response, for: req)
        return response
    }

    static func page(_ page: SignInPage) -> Markup {
        let choosing = !page.areaChoices.isEmpty
        return """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(FormComponents.errorSummary(page.errorSummary))
            \(if: page.signedOut, """
            <div class="banner" role="region" aria-labelledby="signed-out-title">
              <h2 class="banner__title" id="signed-out-title">Signed out</h2>
              <p class="banner__content">You have signed out.</p>
            </div>
            """)
            \(if: page.passwordSet, """
            <div class="banner" role="region" aria-labelledby="password-set-title">
              <h2 class="banner__title" id="password-set-title">Password saved</h2>
              <p class="banner__content">Your password is saved. Sign in with it now.</p>
            </div>
            """)
            \(choosing ? """
            <h1 class="heading-l">Choose an area</h1>
            <p class="body">You have an account in more than one area with this e-mail address and password. Choose the area to sign in to, then enter your password again.</p>
            """ : """
            <h1 class="heading-l">Sign in to Coproduce</h1>
            <p class="body">Use the e-mail address and password your area admin set up for you.</p>
            """ as Markup)
            <form method="post" action="\(page.action)" novalidate>
              <input type="hidden" name="csrfToken" value="\(page.formToken)">
              <input type="hidden" name="next" value="\(page.next)">
              <div class="form-group\(if: page.emailError != nil, " form-group--error")">
                <label class="label" for="email">E-mail address</label>
                \(page.emailError.map { "<p id=\"email-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as Markup })
                <input class="input\(if: page.emailError != nil, " input--error")" id="email" name="email" type="email" value="\(page.email)" autocomplete="username" spellcheck="false"\(if: page.emailError != nil, " aria-describedby=\"email-error\"")>
              </div>
              \(if: choosing, areaChoice(page))
              <div class="form-group\(if: page.passwordError != nil, " form-group--error")">
                <label class="label" for="password">Password</label>
                \(page.passwordError.map { "<p id=\"password-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as Markup })
                <input class="input\(if: page.passwordError != nil, " input--error")" id="password" name="password" type="password" autocomplete="current-password"\(if: page.passwordError != nil, " aria-describedby=\"password-error\"")>
              </div>
              <button type="submit" class="button">Sign in</button>
            </form>
            <h2 class="heading-m">Problems signing in</h2>
            <p class="body"><a class="link" href="\(page.forgottenPath)">Forgotten your password?</a> We will e-mail you a link to choose a new one.</p>
            <p class="body">If you cannot get e-mail, ask your area admin or your forum's participation officer to set a new password for you.</p>
          </div>
        </div>
        """
    }

    private static func areaChoice(_ page: SignInPage) -> Markup {
        """
        <input type="hidden" name="choosingArea" value="yes">
        \(FormComponents.field(FormField(kind: .radios, name: "account", label: "Which area?", hint: nil, error: page.accountError, value: "",
                                          options: page.areaChoices.map { FormField.Option(value: $0.value, label: $0.label, hint: nil, selected: $0.checked) },
                                          date: nil, autocomplete: nil, width: nil)))
        """
    }

    /// Only paths on this site, so sign-in cannot be used to send people
    /// elsewhere. Browsers ignore tabs and line breaks in addresses and read
    /// "/\t/evil.example" as "//evil.example", so any control character,
    /// space or backslash is refused, as is anything that names a host.
    /// Letters outside ASCII ("/people?q=Zoë") are sent percent-encoded.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.count <= 2048, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\\" }),
              let encoded = next.addingPercentEncoding(withAllowedCharacters: printableASCII),
              let components = URLComponents(string: encoded), components.host == nil, components.scheme == nil,
              !next.hasPrefix(Paths.signIn.url()) else { return Paths.home.url() }
        return encoded
    }

    private static let printableASCII = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))
}

/// The anti-forgery token of a visitor who has not signed in, such as the
/// sign-in form's: kept in a cookie and in the form, and compared when the
/// form comes back. Another site can make a browser post the form, but cannot
/// read or set the cookie, which the browser sends only with requests that
/// start on this site. Nothing is stored on the server.
enum VisitorFormToken {
    static let cookie = "coproduce_form"

    /// The browser's token, or a new one.
    static func current(_ req: Request) -> String {
        if let token = req.cookies[cookie]?.string, DatabaseSessionDriver.isWellFormed(token) { return token }
        return DatabaseSessionDriver.newToken()
    }

    /// The forms for people who are not signed in: a browser signed in to
    /// another account, or in another tab, may still send them.
    static func isVisitorForm(_ path: String) -> Bool {
        path == Paths.signIn.url() || path == Paths.forgottenPassword.url() || path.hasPrefix("/password/")
    }

    static func set(_ token: String, on response: Response, for req: Request) {
        response.cookies[cookie] = HTTPCookies.Value(string: token, maxAge: nil, path: "/",
                                                     isSecure: req.application.appConfig.secureCookies, isHTTPOnly: true, sameSite: .strict)
    }

    /// Whether a post carries the same token in its form and its cookie.
    static func matches(_ req: Request, sent: String?) -> Bool {
        guard let expected = req.cookies[cookie]?.string, DatabaseSessionDriver.isWellFormed(expected), let sent else { return false }
        return CSRFMiddleware.constantTimeEquals(expected, sent)
    }
}
