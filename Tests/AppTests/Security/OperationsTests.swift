@testable import App
import Domain
import Fluent
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// What the operator watches: /metrics for Prometheus, and a log line a request.
@Suite("Operations: metrics and the request log")
struct OperationsTests {
    static let token = "operator-token-0123456789abcdef"

    @Test("/metrics answers the operator's token only, with request counts by route, waiting jobs and the database")
    func metrics() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            // Not set up: nobody gets in, whatever they send.
            #expect(try await scrape(app, token: Self.token).status == .unauthorized)
            app.appConfig.metricsToken = Self.token
            #expect(try await scrape(app, token: nil).status == .unauthorized)
            #expect(try await scrape(app, token: Self.token + "x").status == .unauthorized)
            #expect(try await scrape(app, token: "operator").status == .unauthorized)
            // A signed-in admin's session is not the operator's token.
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            #expect(try await admin.get("/metrics").status == .unauthorized)

            _ = try await admin.get("/people")
            try await JobQueue(db: app.db, now: Date()).add(EmailOutbox.kind, EmailOutbox.Delivery(emailID: UUID()))
            let response = try await scrape(app, token: Self.token)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("text/plain") == true)
            let text = response.body.string
            #expect(text.contains(#"http_requests_total{method="GET",path="/people",status="200"}"#))
            #expect(text.contains("http_request_duration_seconds_bucket{"))
            #expect(text.contains(#"coproduce_jobs_waiting{kind="send-email"} "#))
            #expect(text.contains("coproduce_database_up 1"))
            #expect(text.contains("process_resident_memory_bytes "))
            // Nobody's names or addresses: routes are patterns, not the addresses asked for.
            #expect(!text.contains("@example"))
        }
    }

    private func scrape(_ app: Application, token: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.GET, "/metrics", headers: headers)
    }

    @Test("The metrics token must be long enough and have no spaces")
    func tokenSetting() throws {
        #expect(try AppConfig.fromEnvironment(["COPRODUCE_METRICS_TOKEN": Self.token], defaultSecureCookies: true).metricsToken == Self.token)
        for bad in ["short", "has a space in it somewhere long", "tab\there-and-long-enough-too"] {
            #expect(throws: AppConfig.Problems.self) { try AppConfig.fromEnvironment(["COPRODUCE_METRICS_TOKEN": bad], defaultSecureCookies: true) }
        }
    }

    @Test("A line a request: method, path, status and time, with the request's id and never a secret or a search")
    func requestLog() async throws {
        let lines = CapturedLines()
        let app = try await Application.make(.testing)
        do {
            app.middleware.use(RequestLogMiddleware(logger: Logger(label: "requests") { _ in CapturingHandler(lines: lines) }))
            app.get("people", ":personID") { _ in "a person" }
            app.get("password", ":linkToken") { _ in "choose a password" }
            app.get("broken") { _ -> String in throw Abort(.internalServerError) }
            app.get("healthz") { _ in "ok" }
            let person = UUID()
            _ = try await app.testing().sendRequest(.GET, "/people/\(person)?q=Amara%20Okafor")
            _ = try await app.testing().sendRequest(.GET, "/password/s3cr3t-l1nk-t0ken-abcdefghijklmnop")
            _ = try await app.testing().sendRequest(.GET, "/password/s3cr3t-l1nk/with-more")
            _ = try await app.testing().sendRequest(.GET, "/broken")
            _ = try await app.testing().sendRequest(.GET, "/healthz")
            let written = lines.all
            #expect(written.count == 4, "the health check is logged at debug level only: \(written)")
            #expect(written[0].message.hasPrefix("GET /people/\(person) 200 "))
            #expect(written[0].message.hasSuffix(" ms"))
            #expect(written[1].message.hasPrefix("GET /password/:linkToken 200 "))
            #expect(written[2].message.hasPrefix("GET /password/… 404 "))
            #expect(written[3].message.hasPrefix("GET /broken 500 "))
            #expect(written.allSatisfy { $0.requestID?.isEmpty == false })
            #expect(!written.contains { $0.message.contains("s3cr3t") || $0.message.contains("Okafor") })
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

private final class CapturedLines: Sendable {
    private let box = NIOLockedValueBox<[(message: String, requestID: String?)]>([])
    var all: [(message: String, requestID: String?)] { box.withLockedValue { $0 } }
    func add(_ message: String, requestID: String?) { box.withLockedValue { $0.append((message, requestID)) } }
}

private struct CapturingHandler: LogHandler {
    let lines: CapturedLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let requestID = (event.metadata?["request-id"] ?? metadata["request-id"]).map { "\($0)" }
        lines.add(event.message.description, requestID: requestID)
    }
}
