import Domain
import Fluent
import Foundation
import SQLKit

/// People are found by any part of their name or job title, with case and
/// accents ignored: each person keeps the folded text a search looks in,
/// filled here for everyone already in the register. The list can also be
/// read newest first, which the new index serves.
struct AddPeopleSearchText: AsyncMigration {
    var name: String { "AddPeopleSearchText" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("search_text", .string, .required, .sql(.default(""))).update()
        try await database.createIndex("idx_people_area_created", on: "people", columns: ["area_id", "created_at"])
        guard let sql = database as? any SQLDatabase else { return }
        // In batches ordered by id, so a national register is never held in memory at once.
        var after: UUID?
        while true {
            var query = sql.select().column("id").column("full_name").column("job_title").from("people").orderBy("id").limit(500)
            if let after { query = query.where("id", .greaterThan, after) }
            let rows = try await query.all(decoding: Row.self)
            guard let last = rows.last else { return }
            after = last.id
            // One transaction a batch: on SQLite, one write to disk for 500 people, not 500.
            try await database.transaction { transaction in
                guard let sql = transaction as? any SQLDatabase else { return }
                for row in rows {
                    try await sql.update("people").set("search_text", to: PersonModel.searchText(fullName: row.full_name, jobTitle: row.job_title))
                        .where("id", .equal, row.id).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_people_area_created", on: "people")
        try await database.schema("people").deleteField("search_text").update()
    }

    private struct Row: Decodable {
        let id: UUID
        let full_name: String
        let job_title: String?
    }
}
