@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// `coproduce backup` and `coproduce restore`, on whichever store the suite runs on.
@Suite("Backing up and restoring")
struct BackupTests {
    @Test("A backup restored over a changed database brings back every table as it was; a running server stops a restore")
    func roundTrip() async throws {
        let database = try await TestDatabase.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let backup = folder + "/backup"
        do {
            let before: [String: [String]]
            let first = try await Self.start(database)
            do {
                _ = try await Fixture.make(on: first)
                _ = try await Fixture.make(on: first, slug: "otherton", name: "Otherton")
                before = try await TableContents.read(first.db)
                #expect(before.keys.contains("people") && before.keys.contains("_fluent_migrations"))
                #expect(try #require(before["people"]).count == 10)

                let said = try await DatabaseBackup.backup(database.storage, to: backup)
                #expect(said.hasPrefix("Backed up"))
                await #expect(throws: DatabaseBackup.Failure.self, "a backup is never written over") {
                    try await DatabaseBackup.backup(database.storage, to: backup)
                }

                // Changes after the backup: a person gone, a new organisation, a name changed.
                let sql = try #require(first.db as? any SQLDatabase)
                let person = try #require(try await PersonModel.query(on: first.db).first())
                try await sql.raw("DELETE FROM accounts WHERE person_id = \(bind: try person.requireID())").run()
                try await person.delete(force: true, on: first.db)
                try await sql.raw("UPDATE areas SET name = 'Renamed'").run()
                #expect(try await TableContents.read(first.db) != before)

                // Restoring while a server has the database open is refused, and changes nothing.
                await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(database.storage, from: backup) }
                #expect(try await PersonModel.query(on: first.db).count() == 9)
            } catch {
                try? await first.asyncShutdown()
                throw error
            }
            try await first.asyncShutdown()

            let said = try await DatabaseBackup.restore(database.storage, from: backup)
            #expect(said.hasPrefix("Restored"))
            let second = try await Self.start(database)
            do {
                let after = try await TableContents.read(second.db)
                #expect(after.keys.sorted() == before.keys.sorted())
                for table in before.keys.sorted() {
                    #expect(after[table] == before[table], "table \(table) differs after the restore")
                }
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
        if case .sqliteFile(let path) = database.storage {
            let folder = (path as NSString).deletingLastPathComponent
            for name in try FileManager.default.contentsOfDirectory(atPath: folder)
            where name.hasPrefix((path as NSString).lastPathComponent + ".before-restore-") {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }

    @Test("Not a backup, a damaged one, or one from a newer Coproduce is refused, and the database is left alone",
          .enabled(if: !TestDatabase.isPostgres, "SQLite's backups are files Coproduce checks itself; pg_restore checks its own"))
    func refusals() async throws {
        try await withTestApp { app in
            guard case .sqliteFile(let path) = app.appConfig.storage else { Issue.record("expected SQLite"); return }
            _ = try await Fixture.make(on: app)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-backup-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let storage = AppConfig.Storage.sqliteFile(path: folder + "/live.sqlite")

            let text = folder + "/notes.txt"
            try Data("minutes of the last meeting".utf8).write(to: URL(fileURLWithPath: text))
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(storage, from: text) }
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(storage, from: folder + "/missing") }

            let good = folder + "/good.sqlite"
            _ = try await DatabaseBackup.backup(.sqliteFile(path: path), to: good)
            let damaged = folder + "/damaged.sqlite"
            var bytes = try Data(contentsOf: URL(fileURLWithPath: good))
            bytes.replaceSubrange(bytes.count / 2 ..< bytes.count / 2 + 4096, with: Data(repeating: 0xA5, count: 4096))
            try bytes.write(to: URL(fileURLWithPath: damaged))
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(storage, from: damaged) }

            let newer = folder + "/newer.sqlite"
            try FileManager.default.copyItem(atPath: good, toPath: newer)
            let connection = try await SQLiteConnectionForTests.open(newer)
            _ = try await connection.query("INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) VALUES ('x', 'App.FromTheFuture', 99, 0, 0)")
            try await connection.close()
            let refusal = await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(storage, from: newer) }
            #expect(refusal?.description.contains("newer Coproduce") == true)
            #expect(!FileManager.default.fileExists(atPath: folder + "/live.sqlite"), "nothing is put in place after a refusal")
        }
    }

    private static func start(_ database: TestDatabase) async throws -> Application {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: AppConfig(storage: database.storage, secureCookies: false))
            app.passwords.use(.bcrypt(cost: 4))
            if !database.storage.isSQLite { try await app.autoMigrate() }
            return app
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

import SQLiteNIO

enum SQLiteConnectionForTests {
    static func open(_ path: String) async throws -> SQLiteConnection {
        try await SQLiteConnection.open(storage: .file(path: path))
    }
}

/// Every table's rows as text, sorted, so two databases can be compared whole.
enum TableContents {
    static func read(_ db: any Database) async throws -> [String: [String]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var contents: [String: [String]] = [:]
        if sql.dialect.name == "sqlite" {
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .all(decodingColumn: "name", as: String.self)
            for table in tables {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decodingColumn: "name", as: String.self)
                let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                contents[table] = try await sql.raw("SELECT \(unsafeRaw: row) AS r FROM \(ident: table)").all(decodingColumn: "r", as: String.self).sorted()
            }
        } else {
            let tables = try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
                .all(decodingColumn: "table_name", as: String.self)
            for table in tables {
                contents[table] = try await sql.raw("SELECT t::text AS r FROM \(ident: table) t").all(decodingColumn: "r", as: String.self).sorted()
            }
        }
        return contents
    }
}
