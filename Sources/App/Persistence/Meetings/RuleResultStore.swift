import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The only place kept rule results are read and written: each meeting's
/// latest check, and the agreement's health over a year built from them.
struct RuleResultStore {
    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// Checks a meeting's rules and keeps the results in place of the last check's. Answers the report.
    @discardableResult
    func record(_ meeting: MeetingModel) async throws -> MeetingStore.RuleReport {
        let report = try await MeetingStore(context).rules(for: meeting)
        try await keep(report, for: meeting)
        return report
    }

    /// Keeps a fresh check's results when they differ from those kept, so
    /// the home page's "promises at risk" follows a change as soon as the
    /// meeting is next looked at, not only at the next morning's round.
    func keep(_ report: MeetingStore.RuleReport, for meeting: MeetingModel) async throws {
        let meetingID = try meeting.requireID()
        let fresh = Dictionary(try report.lines.map { (try $0.clause.requireID(), $0.outcome) }, uniquingKeysWith: { first, _ in first })
        let kept = try await MeetingRuleResultModel.query(on: context.db).filter(\.$meeting.$id == meetingID).all()
        let unchanged = kept.count == fresh.count && kept.allSatisfy { row in
            fresh[row.$clause.id].map { $0.result == row.result && $0.evidence == row.evidence } ?? false
        } && kept.allSatisfy { $0.meetsOn == meeting.meetsOn }
        guard !unchanged else { return }
        let now = context.now
        let rows = try fresh.map { try MeetingRuleResultModel(meeting: meeting, clauseID: $0.key, outcome: $0.value, checkedAt: now) }
        try await context.write { context in
            try await MeetingRuleResultModel.query(on: context.db).filter(\.$meeting.$id == meetingID).delete()
            for row in rows { try await row.create(on: context.db) }
        }
    }

    /// The meetings at or after `first` with a promise at risk, as last checked.
    func meetingsAtRisk(from first: CalendarDate, to last: CalendarDate) async throws -> [UUID] {
        try await MeetingRuleResultModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$meetsOn >= first).filter(\.$meetsOn <= last).filter(\.$result == .atRisk)
            .field(\.$meeting.$id).unique().all().map { $0.$meeting.id }
    }

    /// The meetings to check again: those going ahead in the window, a page at a time, soonest first.
    /// - Parameter after: the last meeting of the page before (its day and id), to read the next page from.
    func meetings(from first: CalendarDate, to last: CalendarDate, after: (date: CalendarDate, id: UUID)? = nil, limit: Int) async throws -> [MeetingModel] {
        var query = MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$meetsOn >= first).filter(\.$meetsOn <= last)
        if let after {
            query = query.group(.or) { either in
                either.filter(\.$meetsOn > after.date).group(.and) { $0.filter(\.$meetsOn == after.date).filter(\.$id > after.id) }
            }
        }
        return try await query.with(\.$group).with(\.$chair) { $0.with(\.$organisation) }.with(\.$contact) { $0.with(\.$organisation) }
            .with(\.$officer).sort(\.$meetsOn).sort(\.$id).limit(limit).all()
    }

    /// The health of the rules over the twelve months ending with `lastMonth`'s month, for the area or one group.
    func health(group: UUID?, lastMonth: CalendarDate) async throws -> (health: AgreementHealth, clauses: [ClauseModel]) {
        guard let sql = context.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let firstDay = CalendarDate(year: lastMonth.year, month: lastMonth.month, day: 1)!.adding(months: -11)
        let lastDay = CalendarDate(year: lastMonth.year, month: lastMonth.month, day: 1)!.adding(months: 1).adding(days: -1)
        let month = SQLFunction("substr", args: SQLColumn("meets_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("7"))
        var query = sql.select()
            .column(SQLColumn("clause_id"))
            .column(SQLAlias(month, as: SQLIdentifier("month")))
            .column(SQLColumn("result"))
            .column(SQLAlias(SQLFunction("count", args: SQLLiteral.all), as: SQLIdentifier("meetings")))
            .from(MeetingRuleResultModel.schema)
            .where("area_id", .equal, SQLBind(context.areaID))
            .where("meets_on", .greaterThanOrEqual, SQLBind(firstDay.iso8601))
            .where("meets_on", .lessThanOrEqual, SQLBind(lastDay.iso8601))
        if let group { query = query.where("group_id", .equal, SQLBind(group)) }
        let rows = try await query.groupBy(SQLColumn("clause_id")).groupBy(month).groupBy(SQLColumn("result")).all()
        var counts: [AgreementHealth.Count] = []
        var clauseIDs = Set<UUID>()
        for row in rows {
            let clauseID = try row.decode(column: "clause_id", as: UUID.self)
            guard let result = MeetingRuleCheck.Result(rawValue: try row.decode(column: "result", as: String.self)) else { continue }
            clauseIDs.insert(clauseID)
            counts.append(.init(clause: clauseID.uuidString, month: try row.decode(column: "month", as: String.self), result: result,
                                meetings: try row.decode(column: "meetings", as: Int.self)))
        }
        // The clauses in the agreements' order; the results are confined to the area, so their clauses are too.
        let clauses = clauseIDs.isEmpty ? [] : try await ClauseModel.query(on: context.db).filter(\.$id ~~ Array(clauseIDs)).with(\.$agreement).all()
            .sorted { ($0.agreement.startsOn, $0.agreement.title, $0.position) < ($1.agreement.startsOn, $1.agreement.title, $1.position) }
        return (AgreementHealth(clauses: clauses.compactMap { $0.id?.uuidString }, counts: counts, lastMonth: lastMonth), clauses)
    }
}
