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
        do {
            let account = try await store(req).create(personId: form.personId, email: form.email, role: form.role, password: form.password)
            return req.redirect(to: Paths.account(try account.recordID),
                                banner: "Account created for \(account.person.fullName). Give them the password in person or by phone, not by e-mail.")
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
        let page = ShowPage(
            csrfToken: layout.csrfToken, name: account.person.fullName,
            personHref: Paths.person(account.$person.recordID), email: account.email,
            state: account.disabledAt == nil ? "Active" : "Turned off", lastSignedIn: account.lastSignedInAt.map(Self.format) ?? "Never",
            action: Paths.account(id), passwordPath: Paths.accountPassword(id), roleField: roleField, isSelf: account.id == viewer.accountID,
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
            </dl>
            <p class="body"><a href="\(page.passwordPath)">Set a new password<span class="visually-hidden"> for \(page.name)</span></a></p>
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
        let finder = try await PersonFinder(req, typed: form.find, chosenID: form.personId, label: "Who is it for?",
                                            action: Paths.newAccount.url())
        let fields: [FormField] = [finder.field(errors: errors)].compactMap { $0 } + [
            .text("email", "E-mail address they sign in with (optional)", value: form.email, errors: errors,
                  hint: "Leave blank to use the e-mail address in their record.", kind: .email, autocomplete: "off"),
            .choice("role", "Role", options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: [form.role ?? ""], errors: errors,
                    optionHints: Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue, $0.explanation) })),
            .text("password", "Password", value: nil, errors: errors,
                  hint: "At least \(PasswordRules.minimumLength) characters. A few unrelated words are easy to remember and hard to guess.",
                  kind: .password, autocomplete: "new-password"),
        ]
        return try await req.renderForm(title: "Create an account", action: Paths.newAccount.url(), submitLabel: "Create account",
                                        cancelPath: Paths.accounts.url(), fields: fields, errors: errors,
                                        hidden: ["find": finder.typed], preface: finder.markup(errors: errors))
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = CalendarDate.ukTimeZone
        formatter.dateFormat = "d MMMM yyyy 'at' h:mma"
        return formatter.string(from: date).replacingOccurrences(of: "AM", with: "am").replacingOccurrences(of: "PM", with: "pm")
    }
}
