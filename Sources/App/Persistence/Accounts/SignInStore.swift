import Domain
import Fluent
import Foundation

/// The records signing in reads and writes, before anyone is acting: the
/// accounts an e-mail address opens, failed attempts (for throttling) and the
/// browsers that have signed in before.
struct SignInStore {
    let db: any Database
    let now: Date

    /// The accounts an e-mail address signs in to (in any area), oldest first.
    func accounts(email: String, limit: Int) async throws -> [AccountModel] {
        try await AccountModel.query(on: db).filter(\.$email == email).filter(\.$disabledAt == nil)
            .with(\.$area).sort(\.$createdAt).limit(limit).all()
    }

    /// The known browser a cookie names, when it belongs to an account with this e-mail address and was used lately.
    func knownDevice(token: String, email: String, lifetime: TimeInterval) async throws -> SignInDeviceModel? {
        guard let device = try await SignInDeviceModel.query(on: db)
            .filter(\.$tokenDigest == DatabaseSessionDriver.digest(token)).with(\.$account).first(),
              device.account.email == email,
              device.lastUsedAt > now.addingTimeInterval(-lifetime) else { return nil }
        return device
    }

    /// Recent failures that count against this attempt: a known browser's own,
    /// or else those of the address and e-mail pair, the address, and the e-mail address.
    func recentFailures(email: String, address: String, device: SignInDeviceModel?, throttle: LoginThrottle) async throws -> LoginThrottle.RecentFailures {
        let since = throttle.windowStart(now: now)
        func times(_ query: QueryBuilder<SignInFailureModel>, limit: Int) async throws -> [Date] {
            try await query.filter(\.$failedAt > since).sort(\.$failedAt, .descending).limit(limit).all().map(\.failedAt)
        }
        if let device {
            return .knownDevice(try await times(SignInFailureModel.query(on: db).filter(\.$email == email)
                .filter(\.$device == device.tokenDigest), limit: throttle.maximumFailuresPerDevice))
        }
        let pair = try await times(SignInFailureModel.query(on: db).filter(\.$email == email).filter(\.$address == address)
            .filter(\.$device == nil), limit: throttle.maximumFailuresPerPair)
        let fromAddress = try await times(SignInFailureModel.query(on: db).filter(\.$address == address).filter(\.$device == nil),
                                          limit: throttle.maximumFailuresPerAddress)
        let forAccount = try await times(SignInFailureModel.query(on: db).filter(\.$email == email).filter(\.$device == nil),
                                         limit: throttle.maximumFailuresPerAccount)
        return .elsewhere(pair: pair, address: fromAddress, account: forAccount)
    }

    func recordFailure(email: String, address: String, device: SignInDeviceModel?) async throws {
        try await SignInFailureModel(email: email, address: address, device: device?.tokenDigest, failedAt: now).create(on: db)
    }

    /// Notes the sign-in, and forgives this place's failures only: someone guessing elsewhere keeps their count.
    func recordSuccess(_ account: AccountModel, email: String, address: String, device: SignInDeviceModel?) async throws {
        account.lastSignedInAt = now
        try await account.save(on: db)
        var forgiven = SignInFailureModel.query(on: db).filter(\.$email == email)
        if let device { forgiven = forgiven.filter(\.$device == device.tokenDigest) } else { forgiven = forgiven.filter(\.$address == address) }
        try await forgiven.delete()
    }

    /// Refreshes the browser's record when it is this account's; otherwise
    /// records a new one and answers the token for its cookie.
    func rememberDevice(of account: AccountModel, known: SignInDeviceModel?) async throws -> String? {
        let accountID = try account.requireID()
        if let known, known.$account.id == accountID {
            known.lastUsedAt = now
            try await known.save(on: db)
            return nil
        }
        let token = DatabaseSessionDriver.newToken()
        try await SignInDeviceModel(accountID: accountID, tokenDigest: DatabaseSessionDriver.digest(token), now: now).create(on: db)
        return token
    }
}
