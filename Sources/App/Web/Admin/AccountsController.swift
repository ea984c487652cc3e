import Domain
import Fluent
import Vapor

/// Area admins manage who can sign in, with which role.
struct AccountsController {
    struct Row {
        let name: String
        let href: String
        let email: String
        let role: String
        let state: String
    }

    struct IndexPage {
        let rows: [Row]
        let pagination: PaginationLinks
        let newPath: String
    }

    func index(req: Request) async throws -> Response {
        let page = ListPage(req)
        let (accounts, total) = try await store(req).page(page)
        let rows = try accounts.map {
            Row(name: $0.person.fullName, href: Paths.account(try $0.recordID), email: $0.email,
                role: $0.role.label, state: $0.disabledAt == nil ? "Active" : "Turned off")
        }
        return req.page(req.layout(title: "Accounts"), Self.indexPage(IndexPage(
            rows: rows, pagination: PaginationLinks(page: page, total: total, basePath: Paths.accounts.url()), newPath: Paths.newAccount.url())))
    }

    static func indexPage(_ page: IndexPage) -> Markup {
        """
        <h1 class="heading-l">Accounts</h1>
        <p class="body">Who can sign in to Coproduce for this area, and what their role lets them do.</p>
        <p class="body"><a class="button button--secondary" href="\(page.newPath)">Create an account</a></p>
        \(TableComponents.table(caption: "Accounts", [
            TableColumn("Name") { "<a href=\"\($0.href)\">\($0.name)</a>" },
            TableColumn("E-mail address") { "\($0.email)" },
            TableColumn("Role") { "\($0.role)" },
            TableColumn("State") { "\($0.state)" },
        ], rows: page.rows))
        \(ListComponents.pagination(page.pagination))
        """
    }

    struct Form: Content {
        var personId: String?
        var email: String?
        var role: String?
        var password: String?
        /// The search that offered the people to choose from.
        var find: String?
    }

    func new(req: Request) async throws -> Response {
        var form = Form()
        form.personId = req.query[String.self, at: "person"]
        form.find = req.query[String.self, at: "find"]
        return try await renderNew(req, form: form, errors: ValidationErrors())
    }

    func create(req: Request) async throws -> Response {
        var form = try req.content.decode(Form.self)
        if PersonFinder.isFinding(req) {
            form.password = nil
            return try await renderNew(req, form: form, errors: ValidationErrors())
        }
        do {
            let account = try await store(req).create(personId: form.personId, email: form.email, role: form.role, password: form.password,
                                                      siteAddress: req.application.appConfig.siteAddress)
            return req.redirect(to: Paths.account(try account.recordID), banner: account.needsPassword
                ? "Account created for \(account.person.fullName). We have e-mailed them an invitation to choose a password. The link works for \(PasswordLinkKind.invitation.lifetimeInWords)." + Self.mailNotSetUp(req)
                : "Account created for \(account.person.fullName). Give them the password in person or by phone, not by e-mail.")
        } catch let errors as ValidationErrors {
            form.password = nil
            return try await renderNew(req, form: form, errors: errors)
        }
    }

    struct ShowPage {
        let csrfToken: String?
        let name: String
        let personHref: String
        let email: String
        let state: String
        let lastSignedIn: String
        /// The latest e-mailed link, in words ("Invitation sent 3 December 2026 at 10:04am, works until..."), if any.
        let passwordLink: String?
        let needsPassword: Bool
        let sendLinkPath: String
        let action: String
        let passwordPath: String
        let roleField: FormField
        let isSelf: Bool
        let isDisabled: Bool
        let errorSummary: [ErrorSummaryItem]
    }

    struct UpdateForm: Content {
        var role: String?
        var state: String?
    }

    func show(req: Request) async throws -> Response {
        let account = try await find(req)
        return try await renderShow(req, account: account, role: account.role.rawValue, errors: ValidationErrors())
    }

    /// E-mails the person a link to choose a password: the invitation again, or a reset.
    func sendPasswordLink(req: Request) async throws -> Response {
        let account = try await find(req)
        do {
            let kind = try await store(req).sendPasswordLink(account, siteAddress: req.application.appConfig.siteAddress)
            return req.redirect(to: Paths.account(try account.recordID), banner: kind == .invitation
                ? "Invitation e-mailed again to \(account.email). The link works for \(kind.lifetimeInWords); earlier links no longer work." + Self.mailNotSetUp(req)
                : "Link to choose a new password e-mailed to \(account.email). It works for \(kind.lifetimeInWords)." + Self.mailNotSetUp(req))
        } catch let errors as ValidationErrors {
            return try await renderShow(req, account: account, role: account.role.rawValue, errors: errors)
        }
    }

    func update(req: Request) async throws -> Response {
        let account = try await find(req)
        let form = try req.content.decode(UpdateForm.self)
        do {
            let changes = try await store(req).update(account, role: form.role, turnOff: form.state == "off")
            return req.redirect(to: Paths.account(try account.recordID), banner: changes.isEmpty ? "No changes made" : "Account updated")
        } catch let errors as ValidationErrors {
            return try await renderShow(req, account: account, role: Role(rawValue: TextInput.clean(form.role))?.rawValue ?? "", errors: errors)
        }
    }

    private func store(_ req: Request) throws -> AccountStore {
        AccountStore(try req.store, passwords: req.password.async)
    }

    private func find(_ req: Request) async throws -> AccountModel {
        try await store(req).find(req.id("accountID"))
    }

    private func renderShow(_ req: Request, account: AccountModel, role: String, errors: ValidationErrors) async throws -> Response {
        let viewer = try req.viewer
        let id = try account.recordID
        let roleField = FormField.choice("role", "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: [role], errors: errors,
                                         optionHints: Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue, $0.explanation) }))
        let layout = req.layout(title: account.person.fullName, hasErrors: !errors.isEmpty)
        let link = try await store(req).latestPasswordLink(account)
        let page = ShowPage(
            csrfToken: layout.csrfToken, name: account.person.fullName,
            personHref: Paths.person(account.$person.recordID), email: account.email,
            state: account.disabledAt != nil ? "Turned off" : account.needsPassword ? "Invited: has not chosen a password yet" : "Active",
            lastSignedIn: account.lastSignedInAt.map(Self.format) ?? "Never",
            passwordLink: link.map { Self.describe($0, now: req.now) }, needsPassword: account.needsPassword,
            sendLinkPath: Paths.accountPasswordLink(id), action: Paths.account(id), passwordPath: Paths.accountPassword(id), roleField: roleField, isSelf: account.id == viewer.accountID,
            isDisabled: account.disabledAt != nil, errorSummary: ErrorSummaryItem.from(errors))
        return req.page(layout, status: errors.isEmpty ? .ok : .unprocessableEntity, Self.showPage(page))
    }

    static func showPage(_ page: ShowPage) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(FormComponents.errorSummary(page.errorSummary))
            <span class="caption">Account</span>
            <h1 class="heading-l">\(page.name)</h1>
            <dl class="summary-list">
              \(ListComponents.summaryRow("Person", "<a href=\"\(page.personHref)\">\(page.name)</a>"))
              \(ListComponents.summaryRow("Signs in with", "\(page.email)"))
              \(ListComponents.summaryRow("State", "\(page.state)"))
              \(ListComponents.summaryRow("Last signed in", "\(page.lastSignedIn)"))
              \(page.passwordLink.map { ListComponents.summaryRow("Latest e-mailed link", "\($0)") })
            </dl>
            \(if: !page.isDisabled, """
            <form method="post" action="\(page.sendLinkPath)" novalidate>
              <input type="hidden" name="csrfToken" value="\(page.csrfToken)">
              <button type="submit" class="button button--secondary">\(page.needsPassword ? "Send the invitation again" : "E-mail them a link to choose a new password")</button>
            </form>
            """)
            <p class="body"><a href="\(page.passwordPath)">Set a new password yourself<span class="visually-hidden"> for \(page.name)</span></a> (for someone who cannot get e-mail: tell them it in person or by phone).</p>
            <h2 class="heading-m">Change role or access</h2>
            <form method="post" action="\(page.action)" novalidate>
              <input type="hidden" name="csrfToken" value="\(page.csrfToken)">
              \(FormComponents.field(page.roleField))
              <div class="form-group">
                <fieldset class="fieldset">
                  <legend class="fieldset__legend">Can they sign in?</legend>
                  <div class="radios">
                    <div class="radios__item">
                      <input class="radios__input" id="state" name="state" type="radio" value="on"\(if: !page.isDisabled, " checked")>
                      <label class="radios__label" for="state">Yes</label>
                    </div>
                    <div class="radios__item">
                      <input class="radios__input" id="state-off" name="state" type="radio" value="off"\(if: page.isDisabled, " checked")>
                      <label class="radios__label" for="state-off">No, turn the account off</label>
                      <div class="hint radios__hint">They are signed out at once and their API tokens stop working.</div>
                    </div>
                  </div>
                </fieldset>
              </div>
              <button type="submit" class="button">Save changes</button>
            </form>
          </div>
        </div>
        """
    }

    private func renderNew(_ req: Request, form: Form, errors: ValidationErrors) async throws -> Response {
        let finder = try await PersonFinder(req, typed: form.find, chosenID: form.personId, label: "Who is it for?")
        let fields: [FormField] = finder.fields(errors: errors) + [
            .text("email", "E-mail address they sign in with (optional)", value: form.email, errors: errors,
                  hint: "Leave blank to use the e-mail address in their record.", kind: .email, autocomplete: "off"),
            .choice("role", "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: [form.role ?? ""], errors: errors,
                    optionHints: Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue, $0.explanation) })),
            .text("password", "Password (optional)", value: nil, errors: errors,
                  hint: "Leave blank and we will e-mail them an invitation to choose their own, which is safer. Only set one here for someone who cannot get e-mail; then tell them it in person or by phone. At least \(PasswordRules.minimumLength) characters.",
                  kind: .password, autocomplete: "new-password"),
        ]
        return try await req.renderForm(title: "Create an account", action: Paths.newAccount.url(), submitLabel: "Create account",
                                        cancelPath: Paths.accounts.url(), fields: fields, errors: errors)
    }

    /// "Invitation sent 3 December 2026 at 10:04am; works until 10 December 2026 at 10:04am", or that it was used or has run out.
    static func describe(_ link: PasswordLinkModel, now: Date) -> String {
        let what = "\(link.kind == .invitation ? "Invitation" : "Link to choose a new password") sent \(format(link.createdAt))"
        return switch link.state(now: now) {
        case .usable: "\(what); works until \(format(link.expiresAt))"
        case .used: "\(what); used \(link.usedAt.map(format) ?? "")"
        case .expired: "\(what); ran out \(format(link.expiresAt))"
        case .replaced, .accountTurnedOff: "\(what); no longer works"
        }
    }

    /// Said after "e-mailed" when this server has no way to send e-mail yet.
    static func mailNotSetUp(_ req: Request) -> String {
        req.application.mailTransport.destination == nil ? " E-mail is not set up on this server yet, so it waits in the outbox until it is." : ""
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = CalendarDate.ukTimeZone
        formatter.dateFormat = "d MMMM yyyy 'at' h:mma"
        return formatter.string(from: date).replacingOccurrences(of: "AM", with: "am").replacingOccurrences(of: "PM", with: "pm")
    }
}
