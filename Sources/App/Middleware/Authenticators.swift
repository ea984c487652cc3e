import Domain
import Fluent
import Vapor

enum SessionKeys {
    static let accountID = "accountID"
    static let csrfToken = "csrf"
    static let banner = "banner"
}

/// Loads the signed-in viewer from the session cookie, for web pages.
struct SessionViewerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only look at the session when the browser sent one, so anonymous
        // visits do not create sessions.
        if request.hasSession, let raw = request.session.data[SessionKeys.accountID], let accountID = UUID(uuidString: raw) {
            if let viewer = try await ViewerLookup.viewer(accountID: accountID, on: request.db, logger: request.logger) {
                request.auth.login(viewer)
            } else {
                // The account was disabled or deleted: end the session.
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

/// Loads the viewer from a personal API token: `Authorization: Bearer <token>`.
struct BearerViewerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let digest = DatabaseSessionDriver.digest(bearer.token)
            if let token = try await APITokenModel.query(on: request.db).filter(\.$tokenDigest == digest).first(),
               let viewer = try await ViewerLookup.viewer(accountID: token.$account.id, on: request.db, logger: request.logger) {
                request.auth.login(viewer)
                // Record use at most hourly, so reads stay cheap.
                if (token.lastUsedAt.map { request.now.timeIntervalSince($0) > 3600 }) ?? true {
                    token.lastUsedAt = request.now
                    try await token.save(on: request.db)
                }
            }
        }
        return try await next.respond(to: request)
    }
}

enum ViewerLookup {
    /// The viewer for an active account, with its person and area, in one
    /// joined query: this runs on every signed-in request.
    /// An account whose stored role this version does not know signs nobody
    /// in: the log says so, and the browser is treated as signed out rather
    /// than shown an error on every page.
    static func viewer(accountID: UUID, on database: any Database, logger: Logger) async throws -> Viewer? {
        let found: AccountModel?
        do {
            found = try await AccountModel.query(on: database)
                .join(PersonModel.self, on: \AccountModel.$person.$id == \PersonModel.$id)
                .join(AreaModel.self, on: \AccountModel.$area.$id == \AreaModel.$id)
                .filter(\.$id == accountID)
                .filter(\.$disabledAt == nil)
                .first()
        } catch FluentError.invalidField(let column, let type, let underlying) {
            logger.critical("Account \(accountID) cannot sign in: its \(column) does not read back as \(type): \(underlying)")
            return nil
        }
        guard let account = found else { return nil }
        let person = try account.joined(PersonModel.self)
        let area = try account.joined(AreaModel.self)
        return Viewer(accountID: try account.requireID(), personID: account.$person.id, areaID: account.$area.id,
                      areaName: area.name, name: person.fullName, email: account.email, role: account.role)
    }
}
