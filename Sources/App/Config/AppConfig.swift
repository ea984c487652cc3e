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
    /// The mail server to send through by SMTP; without it (and without sendmail), e-mail waits in the outbox.
    var smtp: SMTPSettings?
    /// The address Coproduce's e-mail comes from.
    var mailFrom = AppConfig.defaultMailFrom
    static let defaultMailFrom = "coproduce@localhost.localdomain"
    /// Where people reach Coproduce, for links in e-mail: "https://coproduce.riverside.gov.uk".
    var siteAddress = AppConfig.defaultSiteAddress
    static let defaultSiteAddress = "http://127.0.0.1:8080"
    /// The space for papers, every version counted, each area may use.
    var paperStorageLimit = AppConfig.defaultPaperStorageLimit
    static let defaultPaperStorageLimit = 2_000_000_000
    /// The token the operator's monitoring sends to read /metrics; without it, /metrics answers nobody.
    var metricsToken: String?

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
        var paperStorageLimit: Int?
        if let raw = environment["COPRODUCE_PAPER_STORAGE_MB"], !raw.isEmpty {
            if let megabytes = Int(raw), (1...1_000_000).contains(megabytes) { paperStorageLimit = megabytes * 1_000_000 }
            else { problems.append("COPRODUCE_PAPER_STORAGE_MB must be a number of megabytes from 1 to 1000000, not \"\(raw)\"") }
        }
        var metricsToken: String?
        if let raw = environment["COPRODUCE_METRICS_TOKEN"], !raw.isEmpty {
            if raw.count >= 20, raw.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline && $0 != "\u{7F}" && ($0.asciiValue ?? 0) >= 0x21 }) {
                metricsToken = raw
            } else {
                problems.append("COPRODUCE_METRICS_TOKEN must be at least 20 letters, digits or signs with no spaces, such as the output of: openssl rand -hex 20")
            }
        }
        let smtp = smtpSettings(environment, siteAddress: siteAddress ?? defaultSiteAddress, problems: &problems)
        if smtp != nil, sendmail != nil {
            problems.append("Set COPRODUCE_SMTP_HOST or COPRODUCE_SENDMAIL, not both: e-mail goes one way")
        }
        guard problems.isEmpty else { throw Problems(messages: problems) }
        var config = AppConfig(storage: storage, secureCookies: secureCookies, sessionLifetime: lifetime)
        if let siteAddress { config.siteAddress = siteAddress }
        config.trustedProxies = proxies
        config.sendmailPath = sendmail
        config.smtp = smtp
        if let paperStorageLimit { config.paperStorageLimit = paperStorageLimit }
        if let mailFrom { config.mailFrom = mailFrom }
        config.metricsToken = metricsToken
        return config
    }

    /// The COPRODUCE_SMTP_... settings, when COPRODUCE_SMTP_HOST is set.
    static func smtpSettings(_ environment: [String: String], siteAddress: String, problems: inout [String]) -> SMTPSettings? {
        func value(_ name: String) -> String? {
            guard let raw = environment["COPRODUCE_SMTP_" + name], !raw.isEmpty else { return nil }
            return raw
        }
        let others = ["PORT", "SECURITY", "USERNAME", "PASSWORD", "CA_FILE", "GREETING_NAME"]
        guard let host = value("HOST") else {
            for name in others where value(name) != nil {
                problems.append("COPRODUCE_SMTP_\(name) is set but COPRODUCE_SMTP_HOST is not: name the mail server too")
            }
            return nil
        }
        let before = problems.count
        if !SMTPCommand.isHostName(host) {
            problems.append("COPRODUCE_SMTP_HOST must be the mail server's name or address, like smtp.council.example.org, not \"\(host)\"")
        }
        var security = SMTPSettings.Security.startTLS
        if let raw = value("SECURITY") {
            if let chosen = SMTPSettings.Security(rawValue: raw.lowercased()) { security = chosen }
            else { problems.append("COPRODUCE_SMTP_SECURITY must be starttls, tls or none, not \"\(raw)\"") }
        }
        var port = security.defaultPort
        if let raw = value("PORT") {
            if let number = Int(raw), (1...65535).contains(number) { port = number }
            else { problems.append("COPRODUCE_SMTP_PORT must be a port number from 1 to 65535, not \"\(raw)\"") }
        }
        let username = value("USERNAME"), password = value("PASSWORD")
        if (username == nil) != (password == nil) {
            problems.append("Set both COPRODUCE_SMTP_USERNAME and COPRODUCE_SMTP_PASSWORD, or neither")
        }
        if username != nil, security == .none {
            problems.append("COPRODUCE_SMTP_USERNAME needs COPRODUCE_SMTP_SECURITY starttls or tls: Coproduce does not send a password unencrypted")
        }
        for (name, text) in [("USERNAME", username), ("PASSWORD", password)] where text?.contains(where: { $0.isNewline || $0 == "\0" }) == true {
            problems.append("COPRODUCE_SMTP_\(name) cannot hold a line break or a NUL")
        }
        let authorityFile = value("CA_FILE")
        if let authorityFile, !FileManager.default.isReadableFile(atPath: authorityFile) {
            problems.append("COPRODUCE_SMTP_CA_FILE must be a PEM file of certificates Coproduce can read; \"\(authorityFile)\" is not one")
        }
        var greetingName = URL(string: siteAddress)?.host.flatMap { SMTPCommand.isHostName($0) ? $0 : nil } ?? "localhost"
        if let raw = value("GREETING_NAME") {
            if SMTPCommand.isHostName(raw) { greetingName = raw }
            else { problems.append("COPRODUCE_SMTP_GREETING_NAME must be a host name, like coproduce.council.example.org, not \"\(raw)\"") }
        }
        guard problems.count == before else { return nil }
        return SMTPSettings(host: host, port: port, security: security, username: username, password: password,
                            certificateAuthorityFile: authorityFile, greetingName: greetingName)
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
