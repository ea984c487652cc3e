import Domain
import Fluent
import Foundation
import Vapor

/// Every morning, each area's recent and coming meetings are checked against
/// the agreement: the results are kept for the agreement's health page, and
/// each organiser with a promise at risk gets one reminder e-mail.
enum MeetingChecks {
    /// Nil for the daily round, which queues one job for each area.
    struct Run: Codable, Sendable {
        var areaID: UUID?
    }

    static let kind = JobKind<Run>("meeting-checks")
    /// The hour of the morning, UK time, the round runs.
    static let hour = 7
    /// Meetings this far back are checked again each day: minutes, complaints and attendance settle within it.
    static let daysBack = 60
    /// Reminders are about meetings from this far back (minutes still to send) ...
    static let reminderDaysBack = 14
    /// ... to as far ahead as a gap counts as a risk.
    static let daysAhead = MeetingRuleCheck.farAheadDays
    static let pageSize = 200

    static func register(with runner: JobRunner) {
        runner.handle(kind) { run, context in
            if let areaID = run.areaID {
                guard let area = try await AreaModel.find(areaID, on: context.db) else { return }
                try await check(area, db: context.db, now: context.now, logger: context.application.logger,
                                mailFrom: context.application.appConfig.mailFrom, siteAddress: context.application.appConfig.siteAddress,
                                from: CalendarDate(context.now).adding(days: -daysBack), sendReminders: true)
                return
            }
            // The next round first, so a failing one does not end them.
            try await schedule(on: context.db, now: context.now)
            let queue = JobQueue(db: context.db, now: context.now)
            let day = CalendarDate(context.now).iso8601
            for area in try await AreaModel.query(on: context.db).all() {
                let areaID = try area.requireID()
                try await queue.add(kind, Run(areaID: areaID), uniqueKey: "meeting-checks:\(areaID.uuidString):\(day)")
            }
        }
        runner.onStart { db, now in try await schedule(on: db, now: now) }
    }

    /// Queues the next daily round, at the next 7am on the UK clock, unless one is waiting.
    static func schedule(on db: any Database, now: Date) async throws {
        let today = CalendarDate(now)
        let at = { (day: CalendarDate) in (try? UKDateTime(date: day, time: TimeOfDay(hour: hour, minute: 0)!).instant().get()) ?? now }
        let next = at(today) > now ? at(today) : at(today.adding(days: 1))
        try await JobQueue(db: db, now: now).add(kind, Run(), runAfter: next, uniqueKey: "recurring:meeting-checks")
    }

    /// Checks the area's meetings from `from` to four weeks ahead and keeps the results; with
    /// `sendReminders`, e-mails each organiser whose meetings have a promise at risk.
    static func check(_ area: AreaModel, db: any Database, now: Date, logger: Logger, mailFrom: String, siteAddress: String,
                      from: CalendarDate, sendReminders: Bool) async throws {
        let context = StoreContext(db: db, actor: .system(area), now: now, channel: nil, logger: logger, mailFrom: mailFrom)
        let store = RuleResultStore(context)
        let today = context.today
        var reminders: [String: [RiskReminderMessage.Meeting]] = [:]
        var after: (date: CalendarDate, id: UUID)?
        // A page of meetings at a time, so a busy area never loads every meeting at once.
        while true {
            let meetings = try await store.meetings(from: from, to: today.adding(days: daysAhead), after: after, limit: pageSize)
            for meeting in meetings {
                let report = try await store.record(meeting)
                guard sendReminders, meeting.status == .scheduled, meeting.meetsOn >= today.adding(days: -reminderDaysBack),
                      let address = meeting.officer?.email, EmailMessage.isAddress(address) else { continue }
                let risks = report.lines.filter { $0.outcome.result == .atRisk }.map { "Clause \($0.clause.number): \($0.outcome.evidence)" }
                guard !risks.isEmpty else { continue }
                reminders[address, default: []].append(.init(groupName: meeting.group.name, date: meeting.meetsOn, risks: risks,
                                                             link: siteAddress + Paths.meeting(try meeting.recordID)))
            }
            guard meetings.count == pageSize, let last = meetings.last else { break }
            after = (last.meetsOn, try last.requireID())
        }
        guard !reminders.isEmpty else { return }
        let toSend = reminders.sorted { $0.key < $1.key }
        try await context.write { context in
            for (address, meetings) in toSend {
                let message = RiskReminderMessage(meetings: meetings)
                try await context.queueEmail(to: address, subject: message.subject, body: message.body)
            }
        }
    }
}

extension Viewer {
    /// Coproduce itself, doing an area's scheduled work. It reads the area's
    /// meetings and queues e-mail; it writes no personal data, so nothing it
    /// does needs an account in the audit log.
    static func system(_ area: AreaModel) -> Viewer {
        Viewer(accountID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), personID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
               areaID: area.id!, areaName: area.name, name: "Coproduce", email: "", role: .areaAdmin)
    }
}
