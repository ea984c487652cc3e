import Domain
import Fluent
import Vapor

extension Paths {
    static let signIn = PathTemplate("sign-in")
    static let signOut = PathTemplate("sign-out")
    static let changePassword = PathTemplate("account", "password")
    static let accounts = PathTemplate("admin", "accounts")
    static let newAccount = PathTemplate("admin", "accounts", "new")
    static let account = PathTemplate("admin", "accounts", ":accountID")
    static let accountPassword = PathTemplate("admin", "accounts", ":accountID", "password")
    static let accountPasswordLink = PathTemplate("admin", "accounts", ":accountID", "send-password-link")
    static let forgottenPassword = PathTemplate("sign-in", "forgotten-password")
    /// An e-mailed link to choose a password. The path holds the link's secret: never log it.
    static let passwordLink = PathTemplate("password", ":linkToken")

    static func account(_ id: RecordID<AccountModel>) -> String { account.url(id) }
    static func accountPassword(_ id: RecordID<AccountModel>) -> String { accountPassword.url(id) }
    static func accountPasswordLink(_ id: RecordID<AccountModel>) -> String { accountPasswordLink.url(id) }
    static func passwordLink(_ token: String) -> String { "/password/" + token }
}

/// Signing in and out, passwords, and the area admin's list of accounts.
struct AccountsPart: ProductPart {
    let name = "Accounts"

    func pages(_ web: any RoutesBuilder) {
        let signIn = SignInController()
        let passwords = PasswordController()
        let accounts = AccountsController()
        web.get(Paths.signIn, .anyone, use: signIn.show)
        web.post(Paths.signIn, .anyone, use: signIn.signIn)
        web.post(Paths.signOut, .anyone, use: signIn.signOut)
        let links = PasswordLinkController()
        web.get(Paths.forgottenPassword, .anyone, use: links.showForgotten)
        web.post(Paths.forgottenPassword, .anyone, use: links.sendForgotten)
        web.get(Paths.passwordLink, .anyone, use: links.show)
        web.post(Paths.passwordLink, .anyone, use: links.choose)
        web.get(Paths.changePassword, .requires(.viewPartnership), use: passwords.showChange)
        web.post(Paths.changePassword, .requires(.viewPartnership), use: passwords.change)
        web.get(Paths.accounts, .requires(.manageAccounts), use: accounts.index)
        web.get(Paths.newAccount, .requires(.manageAccounts), use: accounts.new)
        web.post(Paths.newAccount, .requires(.manageAccounts), use: accounts.create)
        web.get(Paths.account, .requires(.manageAccounts), use: accounts.show)
        web.post(Paths.account, .requires(.manageAccounts), use: accounts.update)
        web.get(Paths.accountPassword, .requires(.manageAccounts), use: passwords.showSet)
        web.post(Paths.accountPassword, .requires(.manageAccounts), use: passwords.set)
        web.post(Paths.accountPasswordLink, .requires(.manageAccounts), use: accounts.sendPasswordLink)
    }

    var migrations: [any AsyncMigration] { [CreatePasswordLinks()] }

    func jobs(_ runner: JobRunner) { PasswordLinkStore.register(with: runner) }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Accounts", path: Paths.accounts, permission: .manageAccounts)] }

    var auditSubjects: [AuditSubject] { [AuditSubject(type: "account", link: { Paths.account(RecordID($0)) })] }

    func addDemoData(_ demo: DemoBuilder) async throws {
        for login in DemoArea.logins {
            try await AccountModel(areaID: demo.areaID, personID: demo.id(of: PersonModel.self, login.person), email: login.email,
                                   passwordHash: demo.passwordHash, role: login.role).create(on: demo.db)
        }
    }

    /// The board viewer's account: the walk changes its role and password last of all, so nobody else is signed out.
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let account = try await AccountModel.query(on: db).filter(\.$area.$id == areaID)
            .filter(\.$role == .boardViewer).first() else { return [:] }
        // Only a link's digest is kept, so one is made for the walk to follow; posting the empty form leaves it unused.
        let token = DatabaseSessionDriver.newToken()
        try await PasswordLinkModel(accountID: try account.requireID(), kind: .reset, tokenDigest: DatabaseSessionDriver.digest(token),
                                    email: account.email, requestedFrom: nil, now: Date()).create(on: db)
        return ["accountID": try account.requireID().uuidString, "linkToken": token]
    }
}
