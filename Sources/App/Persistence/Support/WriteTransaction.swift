import Fluent
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
    /// A write inside one of these (the demo area's load checking its meetings) joins it.
    func writeTransaction<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        if WriteTransactionScope.isOpen { return try await body(self) }
        guard !inTransaction, let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        return try await withConnection { connection in
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
