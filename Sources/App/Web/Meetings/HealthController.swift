import Domain
import Vapor

/// The agreement's health: how often each rule was kept at meetings over the
/// last twelve months, for the area or one group, as charts, tables and a CSV file.
struct HealthController {
    struct ClauseRow {
        let number: String
        let rule: String
        let href: String
        let kept: Int
        let broken: Int
        let other: Int
        let percent: Int?
        let trend: AgreementHealth.Trend
    }

    struct MonthRow {
        let month: String
        let kept: Int
        let broken: Int
        let percent: Int?
    }

    struct Page {
        let layout: PageLayout
        let period: String
        let groups: [(value: String, label: String)]
        let selectedGroup: String
        let groupName: String?
        let summary: String
        let clauses: [ClauseRow]
        let months: [MonthRow]
        let csvPath: String
    }

    /// The group asked for in `?group=`, if any; an id that is not one of the area's groups is not found.
    private func group(_ req: Request) async throws -> GroupModel? {
        guard let raw = req.query[String.self, at: "group"], !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw), let group = try await GroupStore(try req.store).lookUp(id) else { throw Abort(.notFound) }
        return group
    }

    private func read(_ req: Request) async throws -> (AgreementHealth, [ClauseModel], GroupModel?) {
        let context = try req.store
        let group = try await group(req)
        let (health, clauses) = try await RuleResultStore(context).health(group: group?.id, lastMonth: context.today)
        return (health, clauses, group)
    }

    func show(req: Request) async throws -> Response {
        let (health, clauses, group) = try await read(req)
        let byID = Dictionary(clauses.compactMap { clause in clause.id.map { ($0.uuidString, clause) } }, uniquingKeysWith: { first, _ in first })
        // Several rules can share a clause number ("6.2"): the second is "6.2 (2)", so the chart's bars and the table's rows are told apart.
        var seen: [String: Int] = [:]
        let rows = try health.clauses.compactMap { line -> ClauseRow? in
            guard let clause = byID[line.clause] else { return nil }
            seen[clause.number, default: 0] += 1
            let number = seen[clause.number]! == 1 ? clause.number : "\(clause.number) (\(seen[clause.number]!))"
            return ClauseRow(number: number, rule: clause.rule?.summary ?? clause.text,
                             href: Paths.clause(agreement: clause.$agreement.recordID, clause: try clause.recordID),
                             kept: line.total.kept, broken: line.total.broken, other: line.total.other, percent: line.total.percentKept, trend: line.trend)
        }
        let months = zip(health.months, health.overall).map { key, tally in
            MonthRow(month: AgreementHealth.monthName(key), kept: tally.kept, broken: tally.broken, percent: tally.percentKept)
        }
        let total = health.overallTotal
        let summary = total.judged == 0
            ? "No meeting in these twelve months has a final answer yet for a rule of the agreement."
            : "Across every rule, \(total.percentKept ?? 0)% of promises were kept: \(total.kept) of \(total.judged). Trend: \(health.overallTrend.label.lowercased())."
        let groups = try await GroupStore(try req.store).all().compactMap { group in group.id.map { ($0.uuidString, group.name) } }
        let query = group.flatMap { $0.id.map { "?group=\($0.uuidString)" } } ?? ""
        let title = group.map { "Agreement health: \($0.name)" } ?? "Agreement health"
        return req.page(Page(
            layout: req.layout(title: title),
            period: "\(AgreementHealth.monthName(health.months.first ?? "")) to \(AgreementHealth.monthName(health.months.last ?? ""))",
            groups: [("", "All groups")] + groups, selectedGroup: group?.id?.uuidString ?? "", groupName: group?.name, summary: summary,
            clauses: rows, months: months, csvPath: Paths.agreementHealthCSV.url() + query))
    }

    func download(req: Request) async throws -> Response {
        let (health, clauses, group) = try await read(req)
        let byID = Dictionary(clauses.compactMap { clause in clause.id.map { ($0.uuidString, clause) } }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = []
        func percent(_ tally: AgreementHealth.Tally) -> String { tally.percentKept.map(String.init) ?? "" }
        for line in health.clauses {
            guard let clause = byID[line.clause] else { continue }
            let rule = clause.rule?.summary ?? clause.text
            for (month, tally) in zip(health.months, line.months) {
                rows.append([clause.number, rule, month + "-01", String(tally.kept), String(tally.broken), String(tally.other), percent(tally)])
            }
            rows.append([clause.number, rule, "All 12 months", String(line.total.kept), String(line.total.broken), String(line.total.other), percent(line.total)])
        }
        let name = "agreement-health" + (group.map { "-" + CSVDownload.fileNamePart($0.name) } ?? "") + ".csv"
        return try CSVDownload.response(fileName: name,
                                        header: ["Clause", "Rule", "Month starting", "Meetings that kept it", "Meetings that broke it",
                                                 "Meetings with no final answer", "Per cent kept"],
                                        rows: rows)
    }

}
