import Domain
import Fluent
import Vapor

/// One part of the product, such as organisations or (later) meetings.
///
/// Everything the rest of Coproduce needs to know about a part is declared
/// in the part's own file in `Parts/`, and `Site.parts` lists the parts:
/// the routes, the API and its OpenAPI document, the navigation, the home
/// page's "needs attention" list, the audit log's links, the demonstration
/// area, the background jobs and the test that walks every route are all
/// built from that list. See "Adding a part" in docs/architecture.md for
/// the files a new part creates and the few existing ones it touches.
protocol ProductPart: Sendable {
    /// The part's name in plain words, for logs and tests.
    var name: String { get }
    /// The part's own migrations, oldest first, run after every earlier part's.
    /// (The register's first tables are older than parts: see `Migrations.history`.)
    var migrations: [any AsyncMigration] { get }
    /// Registers the part's web pages, each with who may reach it.
    func pages(_ web: any RoutesBuilder)
    /// The part's JSON API: its operations and their schemas.
    var api: (any APIPart.Type)? { get }
    /// A part whose API comes in more than one piece lists them all here.
    var apis: [any APIPart.Type] { get }
    /// Entries in the main navigation, in order.
    var navigation: [NavigationEntry] { get }
    /// What needs attention in the viewer's area today, for the home page, found through the part's store.
    func attention(_ context: StoreContext) async throws -> [AttentionItem]
    /// The kinds of record the part writes to the audit log, so the log can link to them.
    var auditSubjects: [AuditSubject] { get }
    /// Registers the handlers of the part's background jobs (sending e-mail, reminders).
    func jobs(_ runner: JobRunner)
    /// Adds the part's records to the demonstration area.
    func addDemoData(_ demo: DemoBuilder) async throws
    /// Parts whose demo records point at other parts' records load after them:
    /// stage 0 (the register) first, then 1, in the order of `Site.parts` within a stage.
    var demoStage: Int { get }
    /// A value for each path parameter of the part's routes, taken from the
    /// records in an area (the demonstration area, for the route walk), so
    /// every route can be reached.
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String]
}

extension ProductPart {
    var migrations: [any AsyncMigration] { [] }
    var api: (any APIPart.Type)? { nil }
    var apis: [any APIPart.Type] { api.map { [$0] } ?? [] }
    var navigation: [NavigationEntry] { [] }
    func attention(_ context: StoreContext) async throws -> [AttentionItem] { [] }
    var auditSubjects: [AuditSubject] { [] }
    func jobs(_ runner: JobRunner) {}
    func addDemoData(_ demo: DemoBuilder) async throws {}
    var demoStage: Int { 0 }
    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] { [:] }
}

/// A link in the main navigation, shown to those who hold its permission.
struct NavigationEntry: Sendable {
    let label: String
    let path: PathTemplate
    let permission: Permission
}

/// One line in the home page's "needs attention" list.
struct AttentionItem: Sendable, Equatable {
    let text: String
    /// Where to put it right; nil when the viewer may only know that it is so, such as a board viewer told how many complaints are open.
    let href: String?
}

/// A kind of record in the audit log (`subjectType`), and where to see one.
struct AuditSubject: Sendable {
    let type: String
    let link: @Sendable (UUID) -> String
}
