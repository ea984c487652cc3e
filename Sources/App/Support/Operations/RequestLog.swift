import Vapor

/// One line a request once it is answered: method, path, status and time,
/// under the request's id ("request-id" in every line the request logs), so
/// an operator can follow a slow or failed request through the log.
///
/// The query string is never written (searches hold people's names), and
/// neither is a path's secret (an e-mailed password link, a calendar feed's
/// token): a matched route writes such a parameter by its name, and an
/// address no route matched is cut after a segment known to come before one.
struct RequestLogMiddleware: AsyncMiddleware {
    /// Route parameters that are secrets, written by name only.
    static let secretParameters: Set<String> = ["linkToken", "token"]
    /// Path segments a secret follows, for addresses no route matched.
    static let secretPrefixes: Set<String> = ["password", "calendar"]
    /// Paths asked for by machines every few seconds, logged only at debug level.
    static let quietPaths: Set<String> = [Paths.healthz.description, Paths.metrics.description]

    let logger: Logger?

    /// Logs to each request's own logger, or to `logger` (for tests).
    init(logger: Logger? = nil) { self.logger = logger }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next.respond(to: request)
            log(request, status: response.status.code, since: started)
            return response
        } catch {
            // The error page middleware inside answers most errors; what reaches here is answered by Vapor.
            log(request, status: (error as? any AbortError)?.status.code ?? 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, status: UInt, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let path = Self.loggedPath(request)
        var logger = self.logger ?? request.logger
        if self.logger != nil { logger[metadataKey: "request-id"] = .string(request.id) }
        let level: Logger.Level = Self.quietPaths.contains(path) && status < 500 ? .debug : .info
        logger.log(level: level, "\(request.method.rawValue) \(path) \(status) \(String(format: "%.1f", milliseconds)) ms")
    }

    /// The path as it may be written down: secrets replaced by their names.
    static func loggedPath(_ request: Request) -> String {
        if let route = request.route {
            let parts = route.path.map { component -> String in
                switch component {
                case .constant(let text): return text
                case .parameter(let name):
                    if secretParameters.contains(name) { return ":" + name }
                    return request.parameters.get(name).map(cut) ?? ":" + name
                case .anything: return "*"
                case .catchall: return "**"
                }
            }
            return "/" + parts.joined(separator: "/")
        }
        var kept: [String] = []
        for segment in request.url.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            kept.append(cut(String(segment)))
            if secretPrefixes.contains(String(segment)) {
                kept.append("…")
                break
            }
            if kept.count >= 8 {
                kept.append("…")
                break
            }
        }
        return "/" + kept.joined(separator: "/")
    }

    /// A segment no longer than a record's id, so a hostile address cannot fill the log.
    private static func cut(_ segment: String) -> String {
        segment.count > 40 ? String(segment.prefix(40)) + "…" : segment
    }
}
