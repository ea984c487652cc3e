import Crypto
import Fluent
import Foundation
import Vapor

/// Keeps browser sessions in the database, so several app instances can
/// serve the same person. Only a digest of the cookie value is stored, and a
/// session ends after `lifetime` without use.
struct DatabaseSessionDriver: SessionDriver {
    let lifetime: TimeInterval

    /// The data a session held when it was read, so an unchanged session is
    /// not written back on every request.
    private struct LoadedKey: StorageKey { typealias Value = (data: [String: String], expiresAt: Date) }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether a value has the shape `newToken` makes (43 characters of URL-safe base64), checked before it is looked up.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
            || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let token = Self.newToken()
            let record = SessionRecordModel(token: Self.digest(token), data: data.snapshot,
                                            accountID: data["accountID"].flatMap(UUID.init(uuidString:)),
                                            expiresAt: request.now.addingTimeInterval(lifetime))
            try await record.create(on: request.db)
            return SessionID(string: token)
        }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let record = try await SessionRecordModel.query(on: request.db)
                .filter(\.$token == Self.digest(sessionID.string))
                .filter(\.$expiresAt > request.now)
                .first() else { return nil }
            request.storage[LoadedKey.self] = (record.data, record.expiresAt)
            return SessionData(initialData: record.data)
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let newExpiry = request.now.addingTimeInterval(lifetime)
            // Skip the write when nothing changed and the expiry moved by under
            // a minute: most page views then cost one read and no write.
            if let loaded = request.storage[LoadedKey.self], loaded.data == data.snapshot,
               newExpiry.timeIntervalSince(loaded.expiresAt) < 60 {
                return sessionID
            }
            try await SessionRecordModel.query(on: request.db)
                .filter(\.$token == Self.digest(sessionID.string))
                .set(\.$data, to: data.snapshot)
                .set(\.$accountID, to: data["accountID"].flatMap(UUID.init(uuidString:)))
                .set(\.$expiresAt, to: newExpiry)
                .update()
            return sessionID
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.makeFutureWithTask {
            try await SessionRecordModel.query(on: request.db)
                .filter(\.$token == Self.digest(sessionID.string))
                .delete()
        }
    }
}
