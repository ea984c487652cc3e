import Domain
import Fluent
import Foundation

/// A file to send with an outbox message. It points at the stored paper
/// rather than copying it into every member's message; paper versions are
/// never changed, so what goes out is what was chosen when it was queued.
final class OutboxAttachmentModel: Model, @unchecked Sendable {
    static let schema = "outbox_email_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "email_id") var email: OutboxEmailModel
    @Field(key: "position") var position: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "byte_count") var byteCount: Int
    @Parent(key: "paper_version_id") var paperVersion: PaperVersionModel

    init() {}

    init(emailID: UUID, position: Int, file: OutboxAttachment) {
        self.$email.id = emailID
        self.position = position
        self.fileName = file.fileName
        self.byteCount = file.byteCount
        self.$paperVersion.id = file.paperVersionID
    }
}

/// A stored paper to attach to a message, by its version.
struct OutboxAttachment: Sendable, Equatable {
    let paperVersionID: UUID
    let fileName: String
    let byteCount: Int
}

/// How the area sends things by e-mail: for now, whether a meeting's papers go attached or as links.
final class AreaEmailSettingsModel: Model, @unchecked Sendable {
    static let schema = "area_email_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "papers_in_email") var papersInEmail: PapersInEmail
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}

    init(areaID: UUID, papersInEmail: PapersInEmail, updatedAt: Date, updatedBy: String) {
        self.$area.id = areaID
        self.papersInEmail = papersInEmail
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// Runs after the Meetings part's migrations (the E-mail part comes later in `Site.parts`): attachments point at paper versions.
struct CreateEmailAttachmentsAndSettings: AsyncMigration {
    var name: String { "CreateEmailAttachmentsAndSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxAttachmentModel.schema)
            .id()
            .field("email_id", .uuid, .required, .references("outbox_emails", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("file_name", .string, .required)
            .field("byte_count", .int, .required)
            .field("paper_version_id", .uuid, .required, .references("paper_versions", "id", onDelete: .cascade))
            .create()
        try await database.createIndex("idx_outbox_email_attachments_email", on: OutboxAttachmentModel.schema, columns: ["email_id", "position"])
        try await database.createIndex("idx_outbox_email_attachments_version", on: OutboxAttachmentModel.schema, columns: ["paper_version_id"])
        try await database.schema(AreaEmailSettingsModel.schema)
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("papers_in_email", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "area_id", name: "uq_area_email_settings_area")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AreaEmailSettingsModel.schema).delete()
        try await database.schema(OutboxAttachmentModel.schema).delete()
    }
}
