import Domain
import Foundation
import Vapor

/// Settings read once from the environment at start-up.
/// Every missing or wrong setting is reported together, so one restart fixes them all.
public struct AppConfig: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteInMemory
        case postgres(url: String)

        public var isSQLite: Bool {
            if case .postgres = self { return false }
            return true
        }
    }

    public var storage: Storage
    /// Send cookies only over HTTPS. On unless COPRODUCE_INSECURE_COOKIES=1,
    /// which the local demo sets because it runs on plain http://127.0.0.1.
    public var secureCookies: Bool
    /// How long a signed-in session lasts without use.
    public var sessionLifetime: TimeInterval
    /// Reverse proxies whose X-Forwarded-For header names the real client.
    var trustedProxies: [AddressBlock]
    /// The sendmail program of the server's mail transfer agent; without it, e-mail waits in the outbox.
    var sendmailPath: String?
    /// The address Coproduce's e-mail comes from.
    var mailFrom = "coproduce@localhost.localdomain"
    /// Where people reach Coproduce, for links in e-mail: "https://coproduce.riverside.gov.uk".
    var siteAddress = AppConfig.defaultSiteAddress
    static let defaultSiteAddress = "http://127.0.0.1:8080"

    public init(storage: Storage, secureCookies: Bool, sessionLifetime: TimeInterval = 8 * 60 * 60) {
        self.storage = storage
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.trustedProxies = []
    }

    public struct Problems: Error, CustomStringConvertible {
        public let messages: [String]
        public var description: String {
            "Coproduce cannot start because of its settings:\n" + messages.map { "- \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads the settings from environment variables.
    public static func fromEnvironment(_ environment: [String: String], defaultSecureCookies: Bool) throws -> AppConfig {
        var problems: [String] = []
        var storage = Storage.sqliteFile(path: "coproduce.sqlite")
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            switch parseStorage(url) {
            case .success(let parsed): storage = parsed
            case .failure(let problem): problems.append(problem.message)
            }
        }
        var secureCookies = defaultSecureCookies
        if let raw = environment["COPRODUCE_INSECURE_COOKIES"], !raw.isEmpty {
            switch raw.lowercased() {
            case "1", "true", "yes": secureCookies = false
            case "0", "false", "no": secureCookies = true
            default: problems.append("COPRODUCE_INSECURE_COOKIES must be 1 or 0, not \"\(raw)\"")
            }
        }
        var lifetime: TimeInterval = 8 * 60 * 60
        if let raw = environment["COPRODUCE_SESSION_HOURS"], !raw.isEmpty {
            if let hours = Double(raw), hours > 0, hours <= 24 * 30 { lifetime = hours * 60 * 60 }
            else { problems.append("COPRODUCE_SESSION_HOURS must be a number of hours from 1 to 720, not \"\(raw)\"") }
        }
        var proxies: [AddressBlock] = []
        if let raw = environment["COPRODUCE_TRUSTED_PROXIES"], !raw.isEmpty {
            for item in raw.split(separator: ",") {
                if let block = AddressBlock(String(item)) { proxies.append(block) }
                else { problems.append("COPRODUCE_TRUSTED_PROXIES must list addresses or blocks like 127.0.0.1 or 10.0.0.0/8, separated by commas; \"\(item.trimmingCharacters(in: .whitespaces))\" is not one") }
            }
        }
        var sendmail: String?
        if let raw = environment["COPRODUCE_SENDMAIL"], !raw.isEmpty {
            if raw.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: raw) { sendmail = raw }
            else { problems.append("COPRODUCE_SENDMAIL must be the full path of a sendmail program that can be run, like /usr/sbin/sendmail; \"\(raw)\" is not one") }
        }
        var mailFrom: String?
        if let raw = environment["COPRODUCE_MAIL_FROM"], !raw.isEmpty {
            if EmailMessage.isAddress(raw) { mailFrom = raw }
            else { problems.append("COPRODUCE_MAIL_FROM must be a bare e-mail address, like coproduce@council.example.org, not \"\(raw)\"") }
        }
        var siteAddress: String?
        if let raw = environment["COPRODUCE_SITE_ADDRESS"], !raw.isEmpty {
            if let address = Self.siteAddress(raw) { siteAddress = address }
            else { problems.append("COPRODUCE_SITE_ADDRESS must be the web address people use to reach Coproduce, like https://coproduce.council.example.org, not \"\(raw)\"") }
        }
        guard problems.isEmpty else { throw Problems(messages: problems) }
        var config = AppConfig(storage: storage, secureCookies: secureCookies, sessionLifetime: lifetime)
        if let siteAddress { config.siteAddress = siteAddress }
        config.trustedProxies = proxies
        config.sendmailPath = sendmail
        if let mailFrom { config.mailFrom = mailFrom }
        return config
    }

    /// An http(s) address with a host and nothing after it but an optional path, without its last "/".
    static func siteAddress(_ raw: String) -> String? {
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil,
              !raw.contains(where: { $0.isWhitespace }) else { return nil }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    struct StorageProblem: Error { let message: String }

    static func parseStorage(_ url: String) -> Result<Storage, StorageProblem> {
        if url == "sqlite::memory:" || url == "sqlite::memory" { return .success(.sqliteInMemory) }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                return .failure(StorageProblem(message: "DATABASE_URL \"sqlite:\" needs a file path, like sqlite:data/coproduce.sqlite"))
            }
            return .success(.sqliteFile(path: path))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host != nil else {
                return .failure(StorageProblem(message: "DATABASE_URL is not a valid PostgreSQL address; write it like postgres://user:password@host:5432/coproduce"))
            }
            return .success(.postgres(url: url))
        }
        return .failure(StorageProblem(message: "DATABASE_URL must start with sqlite: or postgres://, not \"\(url.prefix(12))...\""))
    }
}

extension Application {
    private struct AppConfigKey: StorageKey { typealias Value = AppConfig }

    /// The settings the app was configured with.
    public var appConfig: AppConfig {
        get {
            guard let config = storage[AppConfigKey.self] else { fatalError("configure(_:) sets the app's settings before anything reads them") }
            return config
        }
        set { storage[AppConfigKey.self] = newValue }
    }
}
