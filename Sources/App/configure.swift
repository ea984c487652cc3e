import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Wires the app together. The executable and the tests both call this.
public func configure(_ app: Application, config suppliedConfig: AppConfig? = nil) async throws {
    // A helper program that stops reading early (sendmail, pdftotext) must
    // give an error on the write, not end the whole server with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)

    let config = try suppliedConfig ?? AppConfig.fromEnvironment(
        ProcessInfo.processInfo.environment, defaultSecureCookies: app.environment == .production)
    app.appConfig = config
    ServiceMetrics.start()

    // The public files (the stylesheet) are found wherever Coproduce is started
    // from; the web server refuses to start without them, other commands do not need them.
    switch ResourceFolder.locate(environment: ProcessInfo.processInfo.environment, executable: ResourceFolder.runningExecutable,
                                 workingFolder: FileManager.default.currentDirectoryPath) {
    case .success(let folder):
        app.resourceFolder = folder
        app.directory = DirectoryConfiguration(workingDirectory: folder.path + "/")
    case .failure(let problem):
        if app.servesPages { throw CommandFailure(problem.description) }
        app.logger.debug("\(problem.description)")
    }

    if config.storage.isSQLite { app.threadPool = SQLiteWriters.threads(for: app.eventLoopGroup) }
    switch config.storage {
    case .sqliteFile(let path):
        app.databases.use(.sqliteTakingTurns(.file(path)), as: .sqlite)
    case .sqliteInMemory:
        app.databases.use(.sqliteTakingTurns(.memory), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
    app.migrations.add(Site.migrations)

    // Sorted keys make API responses stable and easy to read.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    try ContentConfiguration.global.normaliseText()

    // Terms of reference and agreements can be long; allow forms up to 1 MB.
    app.routes.defaultMaxBodySize = "1mb"

    app.middleware = Middlewares()
    // Outermost, so the line says what the person got and how long it all took.
    if app.environment != .testing { app.middleware.use(RequestLogMiddleware()) }
    app.middleware.use(ErrorPagesMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))

    app.sessions.configuration = SessionsConfiguration(cookieName: "coproduce_session") { id in
        HTTPCookies.Value(string: id.string, maxAge: nil, path: "/", isSecure: config.secureCookies,
                          isHTTPOnly: true, sameSite: .lax)
    }
    app.sessions.use { _ in DatabaseSessionDriver(lifetime: config.sessionLifetime) }

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AreaCommands(), as: "area")
    app.asyncCommands.use(UserCommands(), as: "user")
    app.asyncCommands.use(TokenCommands(), as: "token")
    if let smtp = config.smtp {
        do {
            app.mailTransport = try SMTPTransport(settings: smtp)
        } catch {
            throw AppConfig.Problems(messages: ["COPRODUCE_SMTP_CA_FILE could not be read as PEM certificates: \(error)"])
        }
    } else if let sendmail = config.sendmailPath {
        app.mailTransport = SendmailTransport(program: sendmail)
    }
    if config.smtp != nil || config.sendmailPath != nil {
        if config.siteAddress == AppConfig.defaultSiteAddress {
            app.logger.warning("E-mail is sent, but COPRODUCE_SITE_ADDRESS is not set: links in e-mail lead to \(config.siteAddress). Set it to the address people use.")
        }
    }
    for part in Site.parts { part.jobs(app.jobs) }
    app.lifecycle.use(JobRunnerLifecycle(interval: .seconds(15)))
    app.documentWork = DocumentWork()
    app.lifecycle.use(DocumentWorkLifecycle())

    try routes(app)

    // The embedded database needs no operator: bring it up to date at start.
    if config.storage.isSQLite {
        if case .sqliteFile = config.storage, let sql = app.db as? any SQLDatabase {
            // Write-ahead logging lets pages be read while a change is written.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await app.autoMigrate()
    }
}
