import Domain
import Fluent
import Vapor

/// The parts of the product. Each declares its pages (with who may reach
/// each), its API, navigation, attention items, audit subjects, demo data
/// and migrations in its own file in `Parts/`; the site is built from this list.
enum Site {
    /// In the order of the navigation.
    static let parts: [any ProductPart] = [
        HomePart(),
        OrganisationsPart(),
        PeoplePart(),
        GroupsPart(),
        MeetingsPart(),
        EngagementPart(),
        AgreementsPart(),
        ComplaintsPart(),
        PlainEnglishPart(),
        AccountsPart(),
        AuditLogPart(),
        JobsPart(),
        EmailPart(),
    ]

    static var migrations: [any AsyncMigration] { Migrations.history + parts.flatMap(\.migrations) }

    /// Every API operation: the OpenAPI document's own, then each part's.
    static var apiOperations: [APIOperation] { [APIDocument.operation] + parts.flatMap(\.apis).flatMap { $0.operations() } }

    /// The main navigation for what the viewer may see.
    static func navigation(for viewer: Viewer?) -> [NavigationEntry] {
        guard let viewer else { return [] }
        return parts.flatMap(\.navigation).filter { viewer.can($0.permission) }
    }

    /// Where the audit log links a record of this kind, if anywhere.
    static func auditLink(subjectType: String, id: UUID) -> String? {
        parts.lazy.flatMap(\.auditSubjects).first { $0.type == subjectType }?.link(id)
    }
}

/// The whole site map. Every route states who may reach it; `AccessPolicy`
/// decides, and the authorisation middleware enforces it.
func routes(_ app: Application) throws {
    app.get(Paths.healthz, .anyone, use: HomeController().healthz)
    app.grouped(OperatorTokenAuthenticator(), AuthorizationMiddleware()).get(Paths.metrics, .operatorToken, use: OperatorController().metrics)

    // Web pages: session cookie, then authorisation, then the anti-forgery check.
    // Document uploads wait for room before their bodies are read.
    let web = app.grouped(app.sessions.middleware, SessionViewerAuthenticator(), AuthorizationMiddleware(), DocumentWorkGate(), CSRFMiddleware())
    for part in Site.parts { part.pages(web) }

    // JSON API: personal API tokens, no cookies, so no anti-forgery token is needed.
    let api = app.grouped(BearerViewerAuthenticator(), AuthorizationMiddleware(), DocumentWorkGate())
    api.register(Site.apiOperations)
}
