import Foundation
import Logging
import SQLiteNIO
import Subprocess
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// `coproduce backup FILE` and `coproduce restore FILE`, for both stores.
///
/// SQLite: the backup is a consistent copy taken while Coproduce runs
/// (`VACUUM INTO`), checked before it is kept. Restoring needs Coproduce
/// stopped; the database as it was is kept beside it, never deleted.
/// PostgreSQL: `pg_dump --format=custom` and `pg_restore`, found on the
/// PATH or in Debian's /usr/lib/postgresql/VERSION/bin.
///
/// Both run before Vapor starts, so restoring never opens the database it replaces.
public enum DatabaseBackup {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `backup` or `restore` when asked for; nil when the command is another.
    public static func runIfRequested(_ arguments: [String], environment: [String: String]) async -> Int32? {
        guard arguments.count >= 2, ["backup", "restore"].contains(arguments[1]) else { return nil }
        let command = arguments[1]
        let rest = Array(arguments.dropFirst(2))
        if rest.contains("--help") || rest.contains("-h") {
            print(usage)
            return 0
        }
        guard rest.count == 1, let file = rest.first, !file.hasPrefix("-") else {
            FileHandle.standardError.write(Data("\(usage)\n".utf8))
            return 2
        }
        do {
            let storage = try AppConfig.fromEnvironment(environment, defaultSecureCookies: true).storage
            let message = command == "backup" ? try await backup(storage, to: file) : try await restore(storage, from: file)
            print(message)
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }

    static let usage = """
    coproduce backup FILE    copy the database (DATABASE_URL, or coproduce.sqlite) to FILE, while Coproduce runs
    coproduce restore FILE   put the database back as it was in FILE; stop Coproduce first
    """

    // MARK: Backing up

    /// Copies the database to `file`, which must not exist yet. Returns what was done, in words.
    public static func backup(_ storage: AppConfig.Storage, to file: String) async throws -> String {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw Failure("\(file) already exists: choose a new name, so no backup is written over")
        }
        // Written under another name first, so FILE is never a half-made backup.
        let partial = file + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        switch storage {
        case .sqliteInMemory:
            throw Failure("This database is held in memory only (DATABASE_URL=sqlite::memory:): there is nothing to back up")
        case .sqliteFile(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw Failure("There is no database at \(path)") }
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: quietLogger)
            do {
                _ = try await connection.query("VACUUM INTO ?", [.text(partial)])
                try await connection.close()
            } catch {
                try? await connection.close()
                try? FileManager.default.removeItem(atPath: partial)
                throw Failure("The backup could not be written to \(file): \(error)")
            }
            do {
                let summary = try await checkSQLite(partial)
                try FileManager.default.moveItem(atPath: partial, toPath: file)
                return "Backed up \(path) to \(file): \(summary)."
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
        case .postgres(let url):
            let server = try PostgresServer(url)
            do {
                try await server.run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial)"])
                try FileManager.default.moveItem(atPath: partial, toPath: file)
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            return "Backed up the PostgreSQL database \(server.database) to \(file) (\(size) bytes)."
        }
    }

    // MARK: Restoring

    /// Puts the database back as it was in `file`. Returns what was done, in words.
    public static func restore(_ storage: AppConfig.Storage, from file: String) async throws -> String {
        guard FileManager.default.fileExists(atPath: file) else { throw Failure("There is no backup at \(file)") }
        switch storage {
        case .sqliteInMemory:
            throw Failure("This database is held in memory only (DATABASE_URL=sqlite::memory:): set DATABASE_URL to the file to restore")
        case .sqliteFile(let path):
            let summary = try await checkSQLite(file)
            if let holder = processHolding(path) {
                throw Failure("Coproduce is still running on \(path) (process \(holder)). Stop it, then restore.")
            }
            let folder = (path as NSString).deletingLastPathComponent
            let incoming = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).restoring"
            try? FileManager.default.removeItem(atPath: incoming)
            try FileManager.default.copyItem(atPath: file, toPath: incoming)
            var kept: String?
            if FileManager.default.fileExists(atPath: path) {
                // The database as it was, with its write-ahead log (which may hold changes not yet in the file).
                let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
                var before = "\(path).before-restore-\(stamp)"
                var attempt = 1
                while FileManager.default.fileExists(atPath: before) {
                    attempt += 1
                    before = "\(path).before-restore-\(stamp)-\(attempt)"
                }
                try FileManager.default.moveItem(atPath: path, toPath: before)
                if FileManager.default.fileExists(atPath: path + "-wal") { try FileManager.default.moveItem(atPath: path + "-wal", toPath: before + "-wal") }
                kept = before
            }
            // A stale shared-memory index must not be read against the restored file.
            try? FileManager.default.removeItem(atPath: path + "-shm")
            try FileManager.default.moveItem(atPath: incoming, toPath: path)
            return "Restored \(path) from \(file) (\(summary))." + (kept.map { " The database as it was is kept at \($0)." } ?? "")
                + " Start Coproduce: it brings the restored database up to date."
        case .postgres(let url):
            let server = try PostgresServer(url)
            let others = try await server.otherConnections()
            if others > 0 {
                throw Failure("\(others) other connection\(others == 1 ? " is" : "s are") open to \(server.database): stop every Coproduce instance, then restore.")
            }
            try await server.run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                                                "--exit-on-error", "--dbname=\(server.database)", file])
            return "Restored the PostgreSQL database \(server.database) from \(file). Run coproduce migrate, then start Coproduce."
        }
    }

    // MARK: SQLite

    private static let quietLogger = Logger(label: "coproduce.backup")

    /// Checks that `file` is a whole SQLite database made by Coproduce, and no newer one than this; returns its size in words.
    static func checkSQLite(_ file: String) async throws -> String {
        let header = FileHandle(forReadingAtPath: file)?.readData(ofLength: 16)
        guard header == Data("SQLite format 3\0".utf8) else { throw Failure("\(file) is not an SQLite database") }
        let connection = try await SQLiteConnection.open(storage: .file(path: file), logger: quietLogger)
        do {
            let check = try await connection.query("PRAGMA integrity_check").first?.column("integrity_check")?.string
            guard check == "ok" else { throw Failure("\(file) is damaged: SQLite's check says \(check ?? "nothing")") }
            let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .compactMap { $0.column("name")?.string }
            guard tables.contains("_fluent_migrations") else { throw Failure("\(file) is an SQLite database, but not Coproduce's") }
            let applied = try await connection.query("SELECT name FROM _fluent_migrations").compactMap { $0.column("name")?.string }
            let known = Set(Site.migrations.map(\.name))
            let unknown = applied.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw Failure("\(file) was made by a newer Coproduce (it has changes this one does not know: \(unknown.joined(separator: ", "))). Restore it with that version or later.")
            }
            try await connection.close()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            return "\(tables.count) tables, \(bytes) bytes, checked whole"
        } catch let failure as Failure {
            try? await connection.close()
            throw failure
        } catch {
            try? await connection.close()
            throw Failure("\(file) is damaged: SQLite says \(error)")
        }
    }

    /// The process with `path` open as a database, if any. SQLite in
    /// write-ahead mode keeps a read lock on byte 128 of the -shm file while
    /// any connection is open. An open-file-description query (F_OFD_GETLK)
    /// sees that lock whoever holds it, this process included, and names the
    /// process that does.
    static func processHolding(_ path: String) -> pid_t? {
        let fd = open(path + "-shm", O_RDWR)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        lock.l_pid = 0
        let openFileDescriptionGetLock: Int32 = 36  // F_OFD_GETLK, Linux 3.15 and later
        guard fcntl(fd, openFileDescriptionGetLock, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        return lock.l_pid
    }

    // MARK: PostgreSQL

    /// A PostgreSQL database named by DATABASE_URL, for its command-line tools.
    struct PostgresServer {
        let url: String
        let database: String
        /// libpq's own variables, so the password is never on a command line others can read.
        let environment: [Environment.Key: String?]

        init(_ url: String) throws {
            guard let parts = URLComponents(string: url), let host = parts.host, !parts.path.dropFirst().isEmpty else {
                throw Failure("DATABASE_URL does not name a PostgreSQL server and database")
            }
            self.url = url
            database = String(parts.path.dropFirst())
            var environment: [Environment.Key: String?] = ["PGHOST": host, "PGDATABASE": database]
            if let port = parts.port { environment["PGPORT"] = String(port) }
            if let user = parts.user?.removingPercentEncoding { environment["PGUSER"] = user }
            if let password = parts.password?.removingPercentEncoding { environment["PGPASSWORD"] = password }
            for item in parts.queryItems ?? [] where item.name == "sslmode" || item.name == "tlsmode" {
                environment["PGSSLMODE"] = item.value == "disable" ? "disable" : (item.value ?? "prefer")
            }
            self.environment = environment
        }

        func otherConnections() async throws -> Int {
            let output = try await run("psql", ["--no-psqlrc", "--tuples-only", "--no-align", "--command",
                                                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"])
            guard let count = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Failure("Could not count the connections to \(database): psql said \(output)")
            }
            return count
        }

        @discardableResult
        func run(_ tool: String, _ arguments: [String]) async throws -> String {
            let program = try Self.locate(tool)
            let result = try await Subprocess.run(.path(FilePath(program)), arguments: Arguments(arguments),
                                                  environment: .inherit.updating(environment), input: .none,
                                                  output: .string(limit: 1024 * 1024), error: .string(limit: 1024 * 1024))
            guard case .exited(0) = result.terminationStatus else {
                throw Failure("\(tool) failed (\(result.terminationStatus)): \(result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            return result.standardOutput
        }

        /// The newest Debian PostgreSQL's copy first (pg_dump must be at least the server's version), then the PATH.
        static func locate(_ tool: String) throws -> String {
            let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
                .compactMap(Int.init).sorted(by: >)
            let candidates = versions.map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
                + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(tool)" }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw Failure("\(tool) was not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client)")
            }
            return found
        }
    }
}
