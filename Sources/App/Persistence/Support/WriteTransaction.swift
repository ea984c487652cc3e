import Fluent
import FluentSQLiteDriver
import NIOPosix
import SQLKit

extension Database {
    /// A transaction that writes, all or nothing.
    ///
    /// On SQLite it begins with BEGIN IMMEDIATE, taking the write lock before
    /// its first read. Fluent begins deferred: a transaction that reads (the
    /// last clause's number, the latest version) and then writes finds that
    /// another writer got in between, and SQLite answers "database is locked"
    /// at once instead of letting it wait its turn. PostgreSQL needs nothing of the kind.
    ///
    /// Writers wait for their turn in `SQLiteWriters` before they take a
    /// connection, not inside SQLite: its driver waits for a lock by spinning
    /// on a thread, and enough spinners starve the writer they wait for.
    ///
    /// A write inside one of these (the demo area's load checking its meetings) joins it.
    func writeTransaction<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        if WriteTransactionScope.isOpen { return try await body(self) }
        guard !inTransaction, let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        let turns = (context.configuration as? SQLiteWriters)?.turns
        await turns?.enter()
        do {
            let result = try await withConnection { connection in
                guard let sql = connection as? any SQLDatabase else { return try await connection.transaction(body) }
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await WriteTransactionScope.$isOpen.withValue(true) { try await body(connection) }
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
            await turns?.leave()
            return result
        } catch {
            await turns?.leave()
            throw error
        }
    }
}

extension Database {
    /// Inside a write: waits until no other write holding the same key is
    /// open, so a read-then-write (a count against a limit, the numbers
    /// already there) cannot run twice at once. SQLite's write transactions
    /// take turns already; PostgreSQL's take a lock that ends with the transaction.
    func takeTurn(_ key: String) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: key)))").run()
    }
}

/// Whether the running task is inside a SQLite write transaction begun by
/// `writeTransaction`, whose connection Fluent does not know is in one.
enum WriteTransactionScope {
    @TaskLocal static var isOpen = false
}

/// A SQLite database whose write transactions take turns in the app, one at
/// a time, instead of inside SQLite.
///
/// SQLite allows one writer at a time. Its driver (SQLiteNIO) waits for the
/// lock with a busy handler that retries without end, on one of the threads
/// every query runs on. When the waiting writers fill those threads, the
/// writer holding the lock cannot run its next query, and all of them stop
/// (for 54 minutes, until SQLite's retry count overflowed, in one CI run).
/// Waiting here holds no thread and no connection, and turns go in order.
struct SQLiteWriters: DatabaseConfiguration {
    private var sqlite: any DatabaseConfiguration
    let turns = Turns(places: 1)

    init(_ configuration: SQLiteConfiguration) {
        sqlite = DatabaseConfigurationFactory.sqlite(configuration).make()
    }

    var middleware: [any AnyModelMiddleware] {
        get { sqlite.middleware }
        set { sqlite.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        sqlite.makeDriver(for: databases)
    }

    /// The app's own threads for SQLite: one for each connection (one an
    /// event loop) and two more for password hashing and files, so a query
    /// on a connection always has a thread to run on. The shared pool has
    /// one a core, and is shared by every app in the process (each test's).
    static func threads(for eventLoops: any EventLoopGroup) -> NIOThreadPool {
        var connections = 0
        for _ in eventLoops.makeIterator() { connections += 1 }
        return NIOThreadPool(numberOfThreads: connections + 2)
    }
}

extension DatabaseConfigurationFactory {
    /// SQLite, with its writers taking turns (`SQLiteWriters`).
    static func sqliteTakingTurns(_ configuration: SQLiteConfiguration) -> Self {
        .init { SQLiteWriters(configuration) }
    }
}
