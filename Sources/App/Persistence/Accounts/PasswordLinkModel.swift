import Domain
import Fluent
import Foundation

/// A link e-mailed so someone sets their own password (`PasswordLinkKind`).
/// Only the SHA-256 digest of its secret is kept, so the database alone
/// opens no account.
final class PasswordLinkModel: Model, @unchecked Sendable {
    static let schema = "password_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: AccountModel
    @Field(key: "kind") var kind: PasswordLinkKind
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// Set when a newer link for the same account was sent.
    @OptionalField(key: "replaced_at") var replacedAt: Date?
    /// The e-mail address the link was sent to, and the network address a reset was asked from.
    @Field(key: "email") var email: String
    @OptionalField(key: "requested_from") var requestedFrom: String?

    init() {}

    init(accountID: UUID, kind: PasswordLinkKind, tokenDigest: String, email: String, requestedFrom: String?, now: Date) {
        self.$account.id = accountID
        self.kind = kind
        self.tokenDigest = tokenDigest
        self.email = email
        self.requestedFrom = requestedFrom
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(kind.lifetime)
    }

    func state(now: Date) -> PasswordLinkState {
        PasswordLinkState.of(expiresAt: expiresAt, usedAt: usedAt, replaced: replacedAt != nil, now: now)
    }
}

/// A forgotten-password request, kept two days to limit how often anyone may ask (`PasswordResetLimits`).
final class PasswordResetRequestModel: Model, @unchecked Sendable {
    static let schema = "password_reset_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "requested_from") var requestedFrom: String
    @Field(key: "requested_at") var requestedAt: Date
    /// Whether it was within the e-mail address's limits, so a link was sent (if the address has an account).
    @Field(key: "granted") var granted: Bool

    init() {}

    init(email: String, requestedFrom: String, requestedAt: Date, granted: Bool) {
        self.email = email
        self.requestedFrom = requestedFrom
        self.requestedAt = requestedAt
        self.granted = granted
    }
}

/// Invitations and password resets by e-mail: the links, the requests, and whether an
/// account is still waiting for its first password.
struct CreatePasswordLinks: AsyncMigration {
    var name: String { "CreatePasswordLinks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("password_links")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("replaced_at", .datetime)
            .field("email", .string, .required)
            .field("requested_from", .string)
            .unique(on: "token_digest")
            .create()
        try await database.createIndex("idx_password_links_account", on: "password_links", columns: ["account_id", "created_at"])
        try await database.createIndex("idx_password_links_expires", on: "password_links", columns: ["expires_at"])
        try await database.schema("password_reset_requests")
            .id()
            .field("email", .string, .required)
            .field("requested_from", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("granted", .bool, .required)
            .create()
        try await database.createIndex("idx_password_reset_requests_email", on: "password_reset_requests", columns: ["email", "requested_at"])
        try await database.createIndex("idx_password_reset_requests_from", on: "password_reset_requests", columns: ["requested_from", "requested_at"])
        try await database.createIndex("idx_password_reset_requests_time", on: "password_reset_requests", columns: ["requested_at"])
        try await database.schema("accounts").field("needs_password", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").deleteField("needs_password").update()
        try await database.schema("password_reset_requests").delete()
        try await database.schema("password_links").delete()
    }
}
