import Fluent
import SQLKit

/// Each area's plain English settings: thresholds, the usual profile, its own
/// glossary entries and the terms it does not want flagged.
struct CreatePlainEnglishSettings: AsyncMigration {
    var name: String { "CreatePlainEnglishSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("plain_english_settings")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("long_sentence_words", .int)
            .field("very_long_sentence_words", .int)
            .field("target_reading_age", .int)
            .field("default_profile", .string, .required)
            .field("language_preference", .string, .required)
            // Stored as typed, one entry or term a line; read by the checker's own parser.
            .field("glossary", .string, .required)
            .field("exceptions", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "area_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plain_english_settings").delete()
    }
}
