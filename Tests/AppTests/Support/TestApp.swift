@testable import App
import Domain
import FluentPostgresDriver
import Foundation
import Testing
import Vapor
import VaporTesting

/// Runs a test against a fresh app and a fresh, migrated database, then
/// shuts both down. SQLite in memory by default; with DATABASE_URL set to a
/// PostgreSQL server, each test gets its own throwaway database there.
func withTestApp(now: Date? = nil, _ test: (Application) async throws -> Void) async throws {
    // Swift Testing starts every test at once; on PostgreSQL each app holds connections, and a few
    // hundred tests at once would pass the server's limit, so only so many run against it together.
    let gated = TestDatabase.isPostgres
    if gated { await PostgresTestGate.shared.enter() }
    do {
        try await runTestApp(now: now, test)
    } catch {
        if gated { await PostgresTestGate.shared.leave() }
        throw error
    }
    if gated { await PostgresTestGate.shared.leave() }
}

/// At most 32 tests use the PostgreSQL server at once; the rest wait their turn.
enum PostgresTestGate {
    static let shared = Turns(places: 32)
}

private func runTestApp(now: Date?, _ test: (Application) async throws -> Void) async throws {
    let database = try await TestDatabase.make()
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config: AppConfig(storage: database.storage, secureCookies: false))
        // Cheap hashing keeps the suite fast; production uses Vapor's default cost.
        app.passwords.use(.bcrypt(cost: 4))
        if let now { app.timeSource = FixedTimeSource(instant: now) }
        if !database.storage.isSQLite { try await app.autoMigrate() }
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        await database.drop()
        throw error
    }
    try await app.asyncShutdown()
    await database.drop()
}

/// A database made for one test.
struct TestDatabase {
    let storage: AppConfig.Storage
    let drop: @Sendable () async -> Void

    static var isPostgres: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") ?? false }

    static func make() async throws -> TestDatabase {
        guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], base.hasPrefix("postgres") else {
            // A file of its own, removed afterwards: what Fluent calls "in memory" is a
            // temporary file it never removes.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-test-\(UUID().uuidString).sqlite").path
            return TestDatabase(storage: .sqliteFile(path: path), drop: {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        }
        let name = "coproduce_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await admin(base) { try await $0.query("CREATE DATABASE \(unescaped: name)", logger: Logger(label: "test-db")) }
        guard var components = URLComponents(string: base) else { throw Abort(.internalServerError) }
        components.path = "/" + name
        return TestDatabase(storage: .postgres(url: components.string!), drop: {
            try? await admin(base) { try await $0.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: Logger(label: "test-db")) }
        })
    }

    private static func admin(_ url: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test-db"))
        do { try await body(connection) } catch { try? await connection.close(); throw error }
        try await connection.close()
    }
}
