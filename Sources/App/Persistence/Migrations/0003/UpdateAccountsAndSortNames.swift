import Domain
import Foundation
import Fluent
import SQLKit

/// An e-mail address is unique within an area, not across the instance: an
/// area admin who typed an address used in another area was told "there is
/// already an account", which told them about another area's people.
struct UpdateAccountsEmailUniquePerArea: AsyncMigration {
    var name: String { "UpdateAccountsEmailUniquePerArea" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await SQLiteTableRebuild.run(on: database, table: "accounts", changing: { createStatement in
                // Fluent wrote the constraint as: , CONSTRAINT "uq:accounts.email" UNIQUE ("email")
                createStatement.replacingOccurrences(of: #", CONSTRAINT "uq:accounts.email" UNIQUE ("email")"#, with: "")
            }, indexes: [
                #"CREATE UNIQUE INDEX "uq_accounts_area_email" ON "accounts" ("area_id", "email")"#,
                #"CREATE INDEX "idx_accounts_email" ON "accounts" ("email")"#,
            ])
        } else {
            try await sql.raw(#"ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "uq:accounts.email""#).run()
            try await sql.raw(#"DROP INDEX IF EXISTS "idx_accounts_area""#).run()
            try await sql.raw(#"CREATE UNIQUE INDEX "uq_accounts_area_email" ON "accounts" ("area_id", "email")"#).run()
            try await sql.raw(#"CREATE INDEX "idx_accounts_email" ON "accounts" ("email")"#).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(#"DROP INDEX IF EXISTS "uq_accounts_area_email""#).run()
        try await sql.raw(#"DROP INDEX IF EXISTS "idx_accounts_email""#).run()
        try await sql.raw(#"CREATE INDEX "idx_accounts_area" ON "accounts" ("area_id", "email")"#).run()
    }
}

/// Browsers that have signed in to an account before. A failed password from
/// one of them counts only against that browser, so someone guessing from
/// elsewhere cannot lock the account's owner out.
struct CreateSignInDevices: AsyncMigration {
    var name: String { "CreateSignInDevices" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_devices")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await database.createIndex("idx_sign_in_devices_account", on: "sign_in_devices", columns: ["account_id"])
        try await database.createIndex("idx_sign_in_devices_last_used", on: "sign_in_devices", columns: ["last_used_at"])
        // Which known browser a failure came from, if any.
        try await database.schema("sign_in_failures").field("device", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").deleteField("device").update()
        try await database.schema("sign_in_devices").delete()
    }
}

/// SQLite cannot drop a constraint: the table is made again without it, by
/// the steps SQLite's documentation gives ("Making Other Kinds Of Table
/// Schema Changes"), on one connection with foreign keys off, all or nothing.
enum SQLiteTableRebuild {
    static func run(on database: any Database, table: String, changing change: @escaping @Sendable (String) -> String,
                    indexes: [String]) async throws {
        try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { return }
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await connection.transaction { transaction in
                    guard let sql = transaction as? any SQLDatabase else { return }
                    struct Row: Decodable { let sql: String }
                    guard let create = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)")
                        .first(decoding: Row.self)?.sql else { return }
                    let changed = change(create)
                    let newTable = "\(table)_rebuilt"
                    guard let nameRange = changed.range(of: "\"\(table)\"") ?? changed.range(of: table) else { return }
                    let newCreate = changed.replacingCharacters(in: nameRange, with: "\"\(newTable)\"")
                    try await sql.raw("\(unsafeRaw: newCreate)").run()
                    try await sql.raw("INSERT INTO \(ident: newTable) SELECT * FROM \(ident: table)").run()
                    try await sql.raw("DROP TABLE \(ident: table)").run()
                    try await sql.raw("ALTER TABLE \(ident: newTable) RENAME TO \(ident: table)").run()
                    for index in indexes { try await sql.raw("\(unsafeRaw: index)").run() }
                    struct Problem: Decodable { let table: String }
                    if try await !sql.raw("PRAGMA foreign_key_check").all(decoding: Problem.self).isEmpty {
                        throw MigrationProblem("Rebuilding \(table) left records pointing at nothing")
                    }
                }
            } catch {
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}

struct MigrationProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Names are compared by `TextInput.comparisonKey` (full-width letters,
/// doubled and unusual spaces and invisible characters no longer make a
/// second "Riverside Council"); existing sort keys were the name in lower case.
/// A key that would clash with another record in the same area keeps its old
/// value, so the migration never fails on a look-alike already stored.
struct UpdateSortNamesToComparisonKeys: AsyncMigration {
    var name: String { "UpdateSortNamesToComparisonKeys" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await rekey(sql, table: "organisations", nameColumn: "name", unique: true)
        try await rekey(sql, table: "groups", nameColumn: "name", unique: true)
        try await rekey(sql, table: "people", nameColumn: "full_name", unique: false)
    }

    func revert(on database: any Database) async throws {}

    private struct Row: Decodable {
        let id: UUID
        let area_id: UUID
        let name: String
        let sort_name: String
    }

    /// In batches ordered by id, so a national database is never held in memory at once.
    private func rekey(_ sql: any SQLDatabase, table: String, nameColumn: String, unique: Bool) async throws {
        var after: UUID?
        while true {
            var query = sql.select().column("id").column("area_id").column(SQLAlias(SQLColumn(nameColumn), as: SQLIdentifier("name")))
                .column("sort_name").from(table).orderBy("id").limit(500)
            if let after { query = query.where("id", .greaterThan, after) }
            let rows = try await query.all(decoding: Row.self)
            guard let last = rows.last else { return }
            after = last.id
            for row in rows {
                let key = TextInput.comparisonKey(row.name)
                guard key != row.sort_name else { continue }
                if unique {
                    let clash = try await sql.select().column("id").from(table)
                        .where("area_id", .equal, row.area_id).where("sort_name", .equal, key).limit(1).all()
                    if !clash.isEmpty { continue }
                }
                try await sql.update(table).set("sort_name", to: key).where("id", .equal, row.id).run()
            }
        }
    }
}
