import Domain
import Fluent
import Foundation

/// A way to sign in, tied to one person in one area.
final class AccountModel: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "person_id") var person: PersonModel
    /// Lower-cased; unique across the whole instance so sign-in needs no area.
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @OptionalField(key: "last_signed_in_at") var lastSignedInAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Made with an invitation, and no password chosen yet: the stored hash is of a secret nobody knows.
    @Field(key: "needs_password") var needsPassword: Bool

    init() {}

    init(id: UUID? = nil, areaID: UUID, personID: UUID, email: String, passwordHash: String, role: Role, needsPassword: Bool = false) {
        self.id = id
        self.$area.id = areaID
        self.$person.id = personID
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.needsPassword = needsPassword
    }
}

/// A personal API token. Only a SHA-256 digest is kept, so a stolen database
/// gives no working tokens.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: AccountModel
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "label") var label: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    init(accountID: UUID, tokenDigest: String, label: String) {
        self.$account.id = accountID
        self.tokenDigest = tokenDigest
        self.label = label
    }
}

/// A failed sign-in, kept briefly to slow down password guessing.
final class SignInFailureModel: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "failed_at") var failedAt: Date
    /// The digest of the known-device cookie the attempt came with, if any.
    @OptionalField(key: "device") var device: String?

    init() {}

    init(email: String, address: String, device: String?, failedAt: Date) {
        self.email = email
        self.address = address
        self.device = device
        self.failedAt = failedAt
    }
}

/// A browser that has signed in to an account: its cookie's digest.
final class SignInDeviceModel: Model, @unchecked Sendable {
    static let schema = "sign_in_devices"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: AccountModel
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_used_at") var lastUsedAt: Date

    init() {}

    init(accountID: UUID, tokenDigest: String, now: Date) {
        self.$account.id = accountID
        self.tokenDigest = tokenDigest
        self.createdAt = now
        self.lastUsedAt = now
    }
}

/// A browser session. Kept in the database so several app instances can share them.
final class SessionRecordModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token") var token: String
    @Field(key: "data") var data: [String: String]
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(token: String, data: [String: String], accountID: UUID?, expiresAt: Date) {
        self.token = token
        self.data = data
        self.accountID = accountID
        self.expiresAt = expiresAt
    }
}
