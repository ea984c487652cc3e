import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Which activities a list or a profile counts.
struct EngagementFilter: Sendable, Equatable {
    var year: ReportingYear?
    var serviceID: UUID?
    var organisationID: UUID?
    /// Only activities whose participants should have been told what changed by now, and were not.
    var notToldOnly = false
}

/// The only place engagement activities, the area's ladder and its settings are read and written.
struct EngagementStore {
    /// An activity as typed into the form or sent to the API.
    struct Input: Sendable {
        var details = EngagementActivityDetails.Input()
        var serviceId: String?
        var organisationIds: [String] = []
        var groupIds: [String] = []
        var meetingIds: [String] = []
    }

    /// The ladder an area records on now, and its settings.
    struct Settings: Sendable {
        let ladder: LadderDefinition
        let daysToTell: Int
        /// False until the area first records an activity or chooses a ladder: the default is shown, nothing is stored.
        let isStored: Bool
    }

    /// What a profile is split by.
    enum Dimension: String, Sendable, CaseIterable {
        case organisation, service, year
    }

    /// A profile of one part of the area: one partner, one service or one year.
    struct ProfileSlice: Sendable {
        let key: String
        let label: String
        let profile: LadderProfile
    }

    static let maximumLinks = 100
    /// The most activities one spreadsheet holds: ten years of a busy area.
    static let maximumExport = 50_000

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    // MARK: The ladder and settings

    func settings() async throws -> Settings {
        guard let stored = try await EngagementSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .with(\.$ladder, { $0.with(\.$rungs) }).first() else {
            return Settings(ladder: .sevenRungs, daysToTell: EngagementLoop.defaultDaysToTell, isStored: false)
        }
        return Settings(ladder: stored.ladder.definition, daysToTell: stored.daysToTell, isStored: true)
    }

    /// The area's settings row and ladder, stored with the default ladder the first time; call inside `write`.
    private func storedSettings() async throws -> EngagementSettingsModel {
        if let settings = try await EngagementSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .with(\.$ladder, { $0.with(\.$rungs) }).first() { return settings }
        let ladder = try await ladder(.sevenRungs)
        let settings = EngagementSettingsModel(areaID: context.areaID, ladderID: try ladder.requireID(), daysToTell: EngagementLoop.defaultDaysToTell)
        try await settings.create(on: context.db)
        settings.$ladder.value = ladder
        return settings
    }

    /// The area's copy of a shipped ladder, made the first time it is used; call inside `write`.
    private func ladder(_ definition: LadderDefinition) async throws -> LadderModel {
        if let existing = try await LadderModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$key == definition.key)
            .with(\.$rungs).first() { return existing }
        let ladder = LadderModel(areaID: context.areaID, definition: definition)
        try await ladder.create(on: context.db)
        let ladderID = try ladder.requireID()
        var rungs: [RungModel] = []
        for (position, rung) in definition.rungs.enumerated() {
            let model = RungModel(ladderID: ladderID, position: position, definition: rung)
            try await model.create(on: context.db)
            rungs.append(model)
        }
        ladder.$rungs.value = rungs
        return ladder
    }

    /// Stores the area's settings and default ladder in a write of their own, the first time: two
    /// first activities at once then meet the unique index here, and the second finds the first's rows.
    private func ensureStoredSettings() async throws {
        do {
            _ = try await context.write { context in try await EngagementStore(context).storedSettings().id }
        } catch let error as any DatabaseError where error.isConstraintFailure {}
    }

    /// Sets the ladder new activities are recorded on and the days participants should be told within.
    func updateSettings(ladderKey: String?, daysToTell: String?) async throws {
        var errors = ValidationErrors()
        let definition = LadderDefinition.shipped.first { $0.key == TextInput.clean(ladderKey) }
        if definition == nil { errors.add(field: "ladder", message: "Select the ladder the area uses") }
        let daysText = TextInput.clean(daysToTell)
        let days = daysText.count <= 3 && daysText.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) ? Int(daysText) : nil
        if days == nil || !(1...365).contains(days!) {
            errors.add(field: "daysToTell", message: "Days to tell participants must be a whole number from 1 to 365")
        }
        try errors.throwIfAny()
        try await ensureStoredSettings()
        try await context.write { context in
            let store = EngagementStore(context)
            let settings = try await store.storedSettings()
            let before = (settings.ladder.name, settings.daysToTell)
            let ladder = try await store.ladder(definition!)
            settings.$ladder.id = try ladder.requireID()
            settings.daysToTell = days!
            try await settings.save(on: context.db)
            if before != (ladder.name, days!) {
                try await context.audit(.update, subjectType: "engagement-settings", subjectID: nil, subjectLabel: "Engagement settings",
                                        detail: "Ladder: \(ladder.name); tell participants within \(days!) days")
            }
        }
    }

    /// The standard level of every rung of every ladder the area has used, by rung.
    private func rungLevels() async throws -> [UUID: Int] {
        let rungs = try await RungModel.query(on: context.db).join(parent: \.$ladder).filter(LadderModel.self, \.$area.$id == context.areaID).all()
        return Dictionary(uniqueKeysWithValues: try rungs.map { (try $0.requireID(), $0.standardLevel) })
    }

    // MARK: Activities

    /// The activity with its ladder, rungs, service and links, or 404.
    func find(_ id: UUID) async throws -> EngagementActivityModel {
        guard let activity = try await EngagementActivityModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$ladder, { $0.with(\.$rungs) }).with(\.$plannedRung).with(\.$achievedRung).with(\.$service)
            .with(\.$organisations, { $0.with(\.$organisation) }).with(\.$groups, { $0.with(\.$group) })
            .with(\.$meetings, { $0.with(\.$meeting, { $0.with(\.$group) }) }).with(\.$reached)
            .first() else { throw Abort(.notFound) }
        return activity
    }

    /// What a page of activities loads besides its rungs and service.
    enum Loading: Sendable {
        /// Nothing more: the list.
        case list
        /// The ladder each was recorded on: the spreadsheet and the API, which read links through `links(of:)`.
        case ladder
    }

    /// The organisations, groups, meetings and groups reached of many activities, by activity: one
    /// query for each kind, grouped here. (Fluent's eager loading of children matches every child
    /// against every activity, which took 100 ms for a page of 200.)
    struct Links: Sendable {
        var organisations: [UUID: [UUID]] = [:]
        var groups: [UUID: [UUID]] = [:]
        var meetings: [UUID: [UUID]] = [:]
        var reached: [UUID: [SeldomHeardGroup]] = [:]
    }

    func links(of activities: [EngagementActivityModel]) async throws -> Links {
        let ids = try activities.map { try $0.requireID() }
        var links = Links()
        guard !ids.isEmpty else { return links }
        for row in try await ActivityOrganisationModel.query(on: context.db).filter(\.$activity.$id ~~ ids).all() {
            links.organisations[row.$activity.id, default: []].append(row.$organisation.id)
        }
        for row in try await ActivityGroupModel.query(on: context.db).filter(\.$activity.$id ~~ ids).all() {
            links.groups[row.$activity.id, default: []].append(row.$group.id)
        }
        for row in try await ActivityMeetingModel.query(on: context.db).filter(\.$activity.$id ~~ ids).all() {
            links.meetings[row.$activity.id, default: []].append(row.$meeting.id)
        }
        for row in try await ActivityReachModel.query(on: context.db).filter(\.$activity.$id ~~ ids).all() {
            links.reached[row.$activity.id, default: []].append(row.reached)
        }
        return links
    }

    /// One page of activities, the latest start first.
    func page(_ filter: EngagementFilter, _ page: ListPage, loading: Loading = .list) async throws -> (items: [EngagementActivityModel], total: Int) {
        let settings = try await settings()
        var query = EngagementActivityModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        query = try apply(filter, to: query, daysToTell: settings.daysToTell)
        query = query.with(\.$plannedRung).with(\.$achievedRung).with(\.$service)
        if loading == .ladder { query = query.with(\.$ladder) }
        return try await query.sort(\.$startsOn, .descending).sort(\.$id).page(page)
    }

    private func apply(_ filter: EngagementFilter, to query: QueryBuilder<EngagementActivityModel>,
                       daysToTell: Int) throws -> QueryBuilder<EngagementActivityModel> {
        var query = query
        if let year = filter.year { query = query.filter(\.$reportingYear == year.startYear) }
        if let service = filter.serviceID { query = query.filter(\.$service.$id == service) }
        if let organisation = filter.organisationID {
            query = query.join(ActivityOrganisationModel.self, on: \EngagementActivityModel.$id == \ActivityOrganisationModel.$activity.$id)
                .filter(ActivityOrganisationModel.self, \.$organisation.$id == organisation)
        }
        if filter.notToldOnly {
            query = query.filter(\.$toldOn == nil)
                .filter(\.$finishedOn < EngagementLoop.overdueIfEndedBefore(today: context.today, daysToTell: daysToTell))
        }
        return query
    }

    /// How many activities ended long enough ago that participants should have been told what changed, and were not.
    func notToldCount() async throws -> Int {
        let settings = try await settings()
        guard settings.isStored else { return 0 }
        return try await apply(EngagementFilter(notToldOnly: true), to: EngagementActivityModel.query(on: context.db)
            .filter(\.$area.$id == context.areaID), daysToTell: settings.daysToTell).count()
    }

    /// The activities a meeting was part of, the latest first.
    func activities(ofMeeting meetingID: UUID, limit: Int = 50) async throws -> [EngagementActivityModel] {
        try await EngagementActivityModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .join(ActivityMeetingModel.self, on: \EngagementActivityModel.$id == \ActivityMeetingModel.$activity.$id)
            .filter(ActivityMeetingModel.self, \.$meeting.$id == meetingID)
            .with(\.$achievedRung).with(\.$plannedRung).sort(\.$startsOn, .descending).limit(limit).all()
    }

    func create(_ input: Input) async throws -> EngagementActivityModel {
        try await ensureStoredSettings()
        return try await context.write { context in
            let store = EngagementStore(context)
            let settings = try await store.storedSettings()
            let activity = EngagementActivityModel(areaID: context.areaID, ladderID: settings.$ladder.id)
            try await store.save(activity, ladder: settings.ladder, input: input, isNew: true)
            return activity
        }
    }

    func update(_ activity: EngagementActivityModel, with input: Input) async throws {
        try await context.write { context in
            let ladder = try await LadderModel.query(on: context.db).filter(\.$id == activity.$ladder.id).with(\.$rungs).first()
            guard let ladder else { throw Abort(.notFound) }
            try await EngagementStore(context).save(activity, ladder: ladder, input: input, isNew: false)
        }
    }

    private func save(_ activity: EngagementActivityModel, ladder: LadderModel, input: Input, isNew: Bool) async throws {
        let links = try await resolveLinks(input)
        let details: EngagementActivityDetails
        do {
            details = try EngagementActivityDetails.validate(input.details, ladder: ladder.definition,
                                                             hasOrganisation: !links.organisations.isEmpty || links.errors.message(for: "organisationIds") != nil,
                                                             today: context.today)
            try links.errors.throwIfAny()
        } catch var errors as ValidationErrors {
            for error in links.errors.errors { errors.add(field: error.field, message: error.message) }
            throw errors.ordered(EngagementStore.fieldOrder)
        }
        let rungs = Dictionary(uniqueKeysWithValues: ladder.rungs.map { ($0.key, $0) })
        let before = isNew ? [] : activity.auditFields
        activity.apply(details, serviceID: links.service, plannedRungID: try rungs[details.plannedRung]!.requireID(),
                       achievedRungID: try details.achievedRung.map { try rungs[$0]!.requireID() })
        try await activity.save(on: context.db)
        if isNew { try await context.auditCreated(activity) } else { try await context.auditUpdated(activity, before: before) }
        let activityID = try activity.requireID()
        if !isNew {
            try await ActivityOrganisationModel.query(on: context.db).filter(\.$activity.$id == activityID).delete()
            try await ActivityGroupModel.query(on: context.db).filter(\.$activity.$id == activityID).delete()
            try await ActivityMeetingModel.query(on: context.db).filter(\.$activity.$id == activityID).delete()
            try await ActivityReachModel.query(on: context.db).filter(\.$activity.$id == activityID).delete()
        }
        for organisation in links.organisations { try await ActivityOrganisationModel(activityID: activityID, organisationID: organisation).create(on: context.db) }
        for group in links.groups { try await ActivityGroupModel(activityID: activityID, groupID: group).create(on: context.db) }
        for meeting in links.meetings { try await ActivityMeetingModel(activityID: activityID, meetingID: meeting).create(on: context.db) }
        for group in details.reached { try await ActivityReachModel(activityID: activityID, reached: group).create(on: context.db) }
    }

    static let fieldOrder = ["title", "startsOn", "endsOn", "serviceId", "method", "organisationIds", "groupIds", "meetingIds",
                             "plannedRung", "achievedRung", "parentCarers", "childrenAndYoungPeople", "professionals", "reached",
                             "participantsSaid", "whatChanged", "toldOn", "howTold"]

    private struct ChosenLinks {
        var service: UUID?
        var organisations: [UUID] = []
        var groups: [UUID] = []
        var meetings: [UUID] = []
        var errors = ValidationErrors()
    }

    /// The service, organisations, groups and meetings chosen, each checked to be the area's.
    private func resolveLinks(_ input: Input) async throws -> ChosenLinks {
        var links = ChosenLinks()
        if let raw = TextInput.optional(input.serviceId) {
            if let id = UUID(uuidString: raw), try await ServiceModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID).count() == 1 {
                links.service = id
            } else {
                links.errors.add(field: "serviceId", message: "Select a service or project from the list")
            }
        }
        func ids(_ raw: [String], field: String, noun: String) -> [UUID]? {
            let cleaned = raw.map(TextInput.clean).filter { !$0.isEmpty }
            guard cleaned.count <= EngagementStore.maximumLinks else {
                links.errors.add(field: field, message: "Select \(EngagementStore.maximumLinks) \(noun) or fewer")
                return nil
            }
            var unique: [UUID] = []
            for text in cleaned {
                guard let id = UUID(uuidString: text) else {
                    links.errors.add(field: field, message: "Select \(noun) from the list")
                    return nil
                }
                if !unique.contains(id) { unique.append(id) }
            }
            return unique
        }
        if let wanted = ids(input.organisationIds, field: "organisationIds", noun: "organisations"), !wanted.isEmpty {
            let found = try await OrganisationModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ wanted).count()
            if found == wanted.count { links.organisations = wanted } else { links.errors.add(field: "organisationIds", message: "Select organisations from the list") }
        }
        if let wanted = ids(input.groupIds, field: "groupIds", noun: "groups"), !wanted.isEmpty {
            let found = try await GroupModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ wanted).count()
            if found == wanted.count { links.groups = wanted } else { links.errors.add(field: "groupIds", message: "Select groups from the list") }
        }
        if let wanted = ids(input.meetingIds, field: "meetingIds", noun: "meetings"), !wanted.isEmpty {
            let found = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ wanted).count()
            if found == wanted.count { links.meetings = wanted } else { links.errors.add(field: "meetingIds", message: "Select meetings from the list") }
        }
        return links
    }

    /// Meetings an activity could belong to: those already linked, plus the
    /// area's meetings from two weeks before it started to two weeks after it
    /// ended, at most 40, so the form never lists a whole year of meetings.
    func meetingChoices(linked: [UUID], around activity: (startsOn: CalendarDate, finishedOn: CalendarDate)?) async throws -> [MeetingModel] {
        var meetings: [MeetingModel] = []
        if !linked.isEmpty {
            meetings = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ linked)
                .with(\.$group).limit(EngagementStore.maximumLinks).all()
        }
        if let activity {
            let nearby = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID)
                .filter(\.$meetsOn >= activity.startsOn.adding(days: -14)).filter(\.$meetsOn <= activity.finishedOn.adding(days: 14))
                .with(\.$group).sort(\.$meetsOn).limit(40).all()
            for meeting in nearby where !meetings.contains(where: { $0.id == meeting.id }) { meetings.append(meeting) }
        }
        return meetings.sorted { ($0.meetsOn, $0.group.name) < ($1.meetsOn, $1.group.name) }
    }

    // MARK: Profiles

    /// The ladder profile of the activities the filter picks, on the area's current ladder.
    func profile(_ filter: EngagementFilter) async throws -> LadderProfile {
        let settings = try await settings()
        let levels = try await rungLevels()
        let rows = try await tallies(filter, by: nil)
        return LadderProfile(ladder: settings.ladder, tallies: rows.compactMap { $0.tally(levels) })
    }

    /// The profile split by partner, service or year, largest first for partners and services, oldest first for years.
    func profiles(_ filter: EngagementFilter, by dimension: Dimension) async throws -> [ProfileSlice] {
        let settings = try await settings()
        let levels = try await rungLevels()
        let rows = try await tallies(filter, by: dimension)
        var byKey: [String: [LadderProfile.Tally]] = [:]
        for row in rows { if let tally = row.tally(levels) { byKey[row.dimension ?? "", default: []].append(tally) } }
        let labels = try await labels(for: dimension, keys: Array(byKey.keys))
        let slices = byKey.map { key, tallies in
            ProfileSlice(key: key, label: labels[key] ?? "", profile: LadderProfile(ladder: settings.ladder, tallies: tallies))
        }
        switch dimension {
        case .year: return slices.sorted { $0.key < $1.key }
        case .organisation, .service: return slices.sorted { ($1.profile.total, $0.label) < ($0.profile.total, $1.label) }
        }
    }

    private struct TallyRow {
        let dimension: String?
        let planned: UUID
        let achieved: UUID?
        let count: Int

        func tally(_ levels: [UUID: Int]) -> LadderProfile.Tally? {
            guard let plannedLevel = levels[planned] else { return nil }
            return LadderProfile.Tally(planned: plannedLevel, achieved: achieved.flatMap { levels[$0] }, count: count)
        }
    }

    /// Counts of activities by planned and achieved rung, and by the dimension when one is given, in one grouped query.
    private func tallies(_ filter: EngagementFilter, by dimension: Dimension?) async throws -> [TallyRow] {
        guard let sql = context.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let settings = try await settings()
        let activities = SQLIdentifier(EngagementActivityModel.schema)
        func column(_ name: String) -> SQLColumn { SQLColumn(SQLIdentifier(name), table: activities) }
        let links = SQLIdentifier(ActivityOrganisationModel.schema)
        var query = sql.select()
        var dimensionColumn: (any SQLExpression)?
        switch dimension {
        case .organisation: dimensionColumn = SQLColumn(SQLIdentifier("organisation_id"), table: links)
        case .service: dimensionColumn = column("service_id")
        case .year: dimensionColumn = column("reporting_year")
        case nil: break
        }
        if let dimensionColumn { query = query.column(SQLAlias(dimensionColumn, as: SQLIdentifier("dimension"))) }
        query = query.column(SQLAlias(column("planned_rung_id"), as: SQLIdentifier("planned")))
            .column(SQLAlias(column("achieved_rung_id"), as: SQLIdentifier("achieved")))
            .column(SQLAlias(SQLFunction("count", args: SQLLiteral.all), as: SQLIdentifier("activities")))
            .from(activities)
        if dimension == .organisation || filter.organisationID != nil {
            query = query.join(links, on: SQLColumn(SQLIdentifier("activity_id"), table: links), .equal, column("id"))
        }
        query = query.where(column("area_id"), .equal, SQLBind(context.areaID))
        if let year = filter.year { query = query.where(column("reporting_year"), .equal, SQLBind(year.startYear)) }
        if let service = filter.serviceID { query = query.where(column("service_id"), .equal, SQLBind(service)) }
        if let organisation = filter.organisationID {
            query = query.where(SQLColumn(SQLIdentifier("organisation_id"), table: links), .equal, SQLBind(organisation))
        }
        if filter.notToldOnly {
            query = query.where(column("told_on"), .is, SQLLiteral.null)
                .where(column("finished_on"), .lessThan,
                       SQLBind(EngagementLoop.overdueIfEndedBefore(today: context.today, daysToTell: settings.daysToTell).iso8601))
        }
        if let dimensionColumn { query = query.groupBy(dimensionColumn) }
        let rows = try await query.groupBy(column("planned_rung_id")).groupBy(column("achieved_rung_id")).all()
        return try rows.map { row in
            var key: String?
            if dimension != nil {
                switch dimension {
                case .year: key = try row.decode(column: "dimension", as: Int.self).description
                default: key = try row.decode(column: "dimension", as: UUID?.self)?.uuidString
                }
            }
            return TallyRow(dimension: key, planned: try row.decode(column: "planned", as: UUID.self),
                            achieved: try row.decode(column: "achieved", as: UUID?.self), count: try row.decode(column: "activities", as: Int.self))
        }
    }

    /// The names the slices of a split profile are shown under.
    private func labels(for dimension: Dimension, keys: [String]) async throws -> [String: String] {
        switch dimension {
        case .year:
            return Dictionary(uniqueKeysWithValues: keys.compactMap { key in Int(key).map { (key, ReportingYear(startYear: $0).label) } })
        case .organisation:
            let ids = keys.compactMap(UUID.init(uuidString:))
            guard !ids.isEmpty else { return [:] }
            let organisations = try await OrganisationModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ ids).all()
            return Dictionary(uniqueKeysWithValues: try organisations.map { (try $0.requireID().uuidString, $0.name) })
        case .service:
            let ids = keys.compactMap(UUID.init(uuidString:))
            var labels = ["": "Not part of a named service or project"]
            guard !ids.isEmpty else { return labels }
            let services = try await ServiceModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ ids).all()
            for service in services { labels[try service.requireID().uuidString] = service.name }
            return labels
        }
    }

    /// The reporting years the area has activities in, newest first, for the year filter.
    func years() async throws -> [ReportingYear] {
        guard let sql = context.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.select().distinct().column("reporting_year").from(EngagementActivityModel.schema)
            .where("area_id", .equal, SQLBind(context.areaID)).orderBy("reporting_year", .descending).limit(50).all()
        return try rows.map { ReportingYear(startYear: try $0.decode(column: "reporting_year", as: Int.self)) }
    }
}
