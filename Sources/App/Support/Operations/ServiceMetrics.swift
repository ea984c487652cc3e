import CoreMetrics
import Fluent
import Foundation
import Prometheus
import SQLKit
import Vapor

/// What /metrics tells the operator's Prometheus: Vapor's own count and
/// time of requests by route and status (`http_requests_total`,
/// `http_request_duration_seconds`), and, read when asked, the work waiting
/// (jobs, e-mail), whether the database answers, and the process's memory.
enum ServiceMetrics {
    /// One registry for the process: the metrics system can be set up only
    /// once, and every app in it (each test's) reports into it.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages take milliseconds: the buckets are finer than Prometheus's default.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static let started = Date()

    /// Sets up the metrics system, if this process has not already.
    static func start() { _ = registry }

    /// Reads what is waiting now, then writes every metric in Prometheus's text format.
    static func exposition(_ app: Application, db: any Database, now: Date) async -> String {
        await measureDatabase(app, db: db, now: now)
        measureProcess()
        return registry.emitToString()
    }

    private static func measureDatabase(_ app: Application, db: any Database, now: Date) async {
        let up = gauge("coproduce_database", "up", "1 when the database answered the last scrape, 0 when it did not")
        let kinds = app.jobs.kinds
        do {
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            // Both read the waiting jobs' index (finished_at, run_after); finished jobs are not counted.
            let waiting = try await sql.select().column("kind").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "waiting")
                .from(JobModel.schema).where("finished_at", .is, SQLLiteral.null).groupBy("kind")
                .all().map { (try $0.decode(column: "kind", as: String.self), try $0.decode(column: "waiting", as: Int.self)) }
            let counts = Dictionary(waiting, uniquingKeysWith: +)
            for kind in Set(kinds).union(counts.keys).sorted() {
                gauge("coproduce_jobs", "waiting", "Jobs queued and not finished, by kind; send-email is the e-mail outbox",
                      labels: [("kind", kind)]).set(to: Double(counts[kind] ?? 0))
            }
            let oldestDue = try await sql.select().column(SQLFunction("MIN", args: SQLColumn("run_after")), as: "due")
                .from(JobModel.schema).where("finished_at", .is, SQLLiteral.null).where("run_after", .lessThanOrEqual, SQLBind(now))
                .first()?.decode(column: "due", as: Date?.self)
            gauge("coproduce_jobs_oldest_due", "seconds", "How long the oldest job due to run has waited; it grows when no server runs jobs")
                .set(to: oldestDue.map { max(0, now.timeIntervalSince($0)) } ?? 0)
            let givenUp = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "given_up")
                .from(OutboxEmailModel.schema).where("gave_up_at", .isNot, SQLLiteral.null)
                .first()?.decode(column: "given_up", as: Int.self) ?? 0
            gauge("coproduce_outbox", "given_up", "E-mails the mail server kept refusing; they wait for someone to send them again")
                .set(to: Double(givenUp))
            up.set(to: 1)
        } catch {
            app.logger.error("Metrics: the database did not answer: \(String(reflecting: error))")
            up.set(to: 0)
        }
    }

    private static func measureProcess() {
        gauge("process_start_time", "seconds", "When the process started, in seconds since 1970").set(to: started.timeIntervalSince1970)
        if let resident = residentBytes() {
            gauge("process_resident_memory", "bytes", "Memory the process holds in RAM").set(to: Double(resident))
        }
    }

    private static func gauge(_ name: String, _ unit: String, _ help: String, labels: [(String, String)] = []) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: unit, helpText: help), labels: labels)
    }

    /// The resident set from /proc/self/statm (Linux), in bytes.
    private static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .ascii) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
