import Domain
import Fluent
import Foundation
import Vapor

/// The only place self-evaluation frameworks, assessments and their action plans are read and written.
struct SelfEvaluationStore {
    /// An assessment as typed into the form or sent to the API.
    struct Input: Sendable {
        struct Answer: Sendable {
            var ticked = false
            var evidence: String?
            var activityIds: [String] = []
            var meetingIds: [String] = []
        }

        var framework: String?
        /// "organisation:<id>" or "service:<id>".
        var subject: String?
        var year: String?
        var answers: [String: Answer] = [:]
    }

    /// What an assessment is of, checked to be the area's.
    struct Subject: Sendable, Equatable {
        let kind: AssessmentSubjectKind
        let id: UUID
        let name: String

        var value: String { "\(kind.rawValue):\(id.uuidString)" }
    }

    struct ActionInput: Sendable {
        var what: String?
        var ownerId: String?
        var dueOn = DateInput()
        var how: String?
        var status: String?
        var progress: String?
    }

    /// One line of the annual report: a subject's latest rating on one framework.
    struct ReportLine: Sendable {
        let assessment: AssessmentModel
        let frameworkName: String
        let previous: AssessmentModel?
        let openActions: Int
        let overdueActions: Int

        var movement: RatingMovement { RatingMovement(from: previous?.rating, to: assessment.rating) }
    }

    static let maximumLinksPerStatement = 20
    /// The report looks this many years back for each subject's latest assessment.
    static let reportYears = 5
    /// Assessments the report reads: an area with 1,000 organisations and services, on both frameworks, over five years.
    static let reportLimit = 20_000

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    // MARK: Frameworks

    /// The frameworks assessments can use: the area's own copies, and the shipped ones it has not used yet.
    func frameworks() async throws -> [FrameworkDefinition] {
        let stored = try await FrameworkModel.query(on: context.db).filter(\.$area.$id == context.areaID).limit(50).all()
        var byKey: [String: FrameworkDefinition] = [:]
        for model in stored { byKey[model.key] = try model.definition }
        return FrameworkDefinition.shipped.map { byKey[$0.key] ?? $0 }
            + byKey.values.filter { definition in !FrameworkDefinition.shipped.contains { $0.key == definition.key } }.sorted { $0.name < $1.name }
    }

    /// Makes the area's copy of a framework in a write of its own, before the change that needs it:
    /// two people making the first copy at once then meet the unique index here, not in the middle
    /// of their change, and the second finds the first's copy.
    private func ensureStoredFramework(_ key: String) async throws {
        do {
            _ = try await context.write { context in try await SelfEvaluationStore(context).storedFramework(key)?.id }
        } catch let error as any DatabaseError where error.isConstraintFailure {}
    }

    /// The area's copy of a framework, made from the shipped one the first time; call inside `write`.
    private func storedFramework(_ key: String) async throws -> FrameworkModel? {
        if let model = try await FrameworkModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$key == key).first() {
            return model
        }
        guard let shipped = FrameworkDefinition.shipped.first(where: { $0.key == key }) else { return nil }
        let model = try FrameworkModel(areaID: context.areaID, definition: shipped)
        try await model.create(on: context.db)
        return model
    }

    // MARK: Subjects

    /// The organisations, then the services and projects, an assessment can be of.
    func subjectChoices() async throws -> [Subject] {
        let organisations = try await OrganisationStore(context).options()
        let services = try await ServiceStore(context).options()
        return try organisations.map { Subject(kind: .organisation, id: try $0.requireID(), name: $0.name) }
            + services.map { Subject(kind: .service, id: try $0.requireID(), name: $0.name) }
    }

    func subject(_ raw: String?) async throws -> Subject? {
        let parts = TextInput.clean(raw).split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = AssessmentSubjectKind(rawValue: parts[0]), let id = UUID(uuidString: parts[1]) else { return nil }
        let name: String? = switch kind {
        case .organisation: try await OrganisationStore(context).lookUp(id.uuidString)?.name
        case .service: try await ServiceStore(context).lookUp(id)?.name
        }
        return name.map { Subject(kind: kind, id: id, name: $0) }
    }

    /// Assessments are of this reporting year or an earlier one.
    func years() -> [ReportingYear] {
        let current = ReportingYear(containing: context.today)
        return (0..<6).map { current.adding(years: -$0) }
    }

    // MARK: Assessments

    /// The assessment with its framework, answers and their links, or 404.
    func find(_ id: UUID) async throws -> AssessmentModel {
        guard let assessment = try await AssessmentModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$framework)
            .with(\.$answers, { $0.with(\.$links, { $0.with(\.$activity).with(\.$meeting, { $0.with(\.$group) }) }) })
            .first() else { throw Abort(.notFound) }
        return assessment
    }

    /// The assessment of this subject on this framework in this year, if there is one.
    func existing(frameworkKey: String, subjectID: UUID, year: ReportingYear) async throws -> AssessmentModel? {
        try await AssessmentModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$subjectID == subjectID)
            .filter(\.$reportingYear == year.startYear)
            .join(parent: \.$framework).filter(FrameworkModel.self, \.$key == frameworkKey).first()
    }

    /// One page of assessments, the latest year first, then by name.
    func page(year: ReportingYear?, subjectID: UUID? = nil, _ page: ListPage) async throws -> (items: [AssessmentModel], total: Int) {
        var query = AssessmentModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let year { query = query.filter(\.$reportingYear == year.startYear) }
        if let subjectID { query = query.filter(\.$subjectID == subjectID) }
        return try await query.with(\.$framework).sort(\.$reportingYear, .descending).sort(\.$subjectName).sort(\.$id).page(page)
    }

    /// The same subject's assessments on the same framework, oldest first, this one included.
    func history(of assessment: AssessmentModel) async throws -> [AssessmentModel] {
        try await AssessmentModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$subjectID == assessment.subjectID)
            .filter(\.$framework.$id == assessment.$framework.id).with(\.$answers).sort(\.$reportingYear).limit(50).all()
    }

    func create(_ input: Input) async throws -> AssessmentModel {
        if let key = TextInput.optional(input.framework) { try await ensureStoredFramework(key) }
        return try await context.write { context in
            let store = SelfEvaluationStore(context)
            var errors = ValidationErrors()
            var framework: FrameworkModel?
            if let key = TextInput.optional(input.framework) { framework = try await store.storedFramework(key) }
            if framework == nil { errors.add(field: "framework", message: "Select a self-evaluation framework") }
            let subject = try await store.subject(input.subject)
            if subject == nil { errors.add(field: "subject", message: "Select the organisation, service or project being assessed") }
            let year = store.year(input.year, errors: &errors)
            if let framework, let subject, let year, try await store.existing(frameworkKey: framework.key, subjectID: subject.id, year: year) != nil {
                errors.add(field: "subject", message: "\(subject.name) already has an assessment on \u{201C}\(framework.name)\u{201D} for \(year.label): update that one")
            }
            let definition = try framework?.definition
            let answers: [String: StatementAnswer]
            let links: [String: (activities: [UUID], meetings: [UUID])]
            do {
                links = try await store.resolveLinks(input.answers)
                answers = try definition.map { try AssessmentAnswers.validate(store.answerTriples(input.answers, links: links), framework: $0) } ?? [:]
            } catch let problems as ValidationErrors {
                for problem in problems.errors { errors.add(field: problem.field, message: problem.message) }
                throw errors
            }
            try errors.throwIfAny()
            let assessment = AssessmentModel(areaID: context.areaID, frameworkID: try framework!.requireID(), subjectKind: subject!.kind,
                                             subjectID: subject!.id, subjectName: subject!.name, year: year!)
            try await store.save(assessment, definition: definition!, answers: answers, links: links)
            try await context.auditAssessment(assessment, .create, nil, after: assessment.auditFields(answers: Self.auditAnswers(answers)))
            return assessment
        }
    }

    func update(_ assessment: AssessmentModel, with input: Input) async throws {
        try await context.write { context in
            let store = SelfEvaluationStore(context)
            let definition = try assessment.framework.definition
            let links = try await store.resolveLinks(input.answers)
            let answers = try AssessmentAnswers.validate(store.answerTriples(input.answers, links: links), framework: definition)
            let earlier = try await AssessmentAnswerModel.query(on: context.db).filter(\.$assessment.$id == assessment.requireID()).all()
            let before = assessment.auditFields(answers: earlier.map { (key: $0.statementKey, ticked: $0.ticked, evidence: $0.evidence) })
            try await AssessmentAnswerModel.query(on: context.db).filter(\.$assessment.$id == assessment.requireID()).delete()
            try await store.save(assessment, definition: definition, answers: answers, links: links)
            try await context.auditAssessment(assessment, .update, "Answers changed", before: before,
                                              after: assessment.auditFields(answers: Self.auditAnswers(answers)))
        }
    }

    /// The answers as stored: those ticked or with evidence.
    private static func auditAnswers(_ answers: [String: StatementAnswer]) -> [(key: String, ticked: Bool, evidence: String?)] {
        answers.filter { $0.value.ticked || $0.value.evidence != nil }.map { (key: $0.key, ticked: $0.value.ticked, evidence: $0.value.evidence) }
    }

    private func year(_ raw: String?, errors: inout ValidationErrors) -> ReportingYear? {
        guard let text = TextInput.optional(raw), let year = ReportingYear(text: text) else {
            errors.add(field: "year", message: "Select the year the assessment is for")
            return nil
        }
        let allowed = years()
        guard allowed.contains(year) else {
            errors.add(field: "year", message: "An assessment is of this year or one of the five before: \(allowed.last!.shortLabel) to \(allowed.first!.shortLabel)")
            return nil
        }
        return year
    }

    private func answerTriples(_ answers: [String: Input.Answer], links: [String: (activities: [UUID], meetings: [UUID])])
        -> [String: (ticked: Bool, evidence: String?, links: Int)] {
        var result: [String: (ticked: Bool, evidence: String?, links: Int)] = [:]
        for (key, answer) in answers {
            result[key] = (answer.ticked, answer.evidence, links[key].map { $0.activities.count + $0.meetings.count } ?? 0)
        }
        return result
    }

    /// Each answer's activities and meetings, checked to be the area's.
    private func resolveLinks(_ answers: [String: Input.Answer]) async throws -> [String: (activities: [UUID], meetings: [UUID])] {
        var errors = ValidationErrors()
        var wantedActivities = Set<UUID>(), wantedMeetings = Set<UUID>()
        var parsed: [String: (activities: [UUID], meetings: [UUID])] = [:]
        for (key, answer) in answers {
            let field = AssessmentAnswers.evidenceField(key)
            let activityTexts = answer.activityIds.map(TextInput.clean).filter { !$0.isEmpty }
            let meetingTexts = answer.meetingIds.map(TextInput.clean).filter { !$0.isEmpty }
            if activityTexts.count + meetingTexts.count > Self.maximumLinksPerStatement {
                errors.add(field: field, message: "Link \(Self.maximumLinksPerStatement) activities and meetings or fewer to one statement")
                continue
            }
            let activities = activityTexts.compactMap(UUID.init(uuidString:)), meetings = meetingTexts.compactMap(UUID.init(uuidString:))
            if activities.count != activityTexts.count || meetings.count != meetingTexts.count {
                errors.add(field: field, message: "Choose activities and meetings from the lists")
                continue
            }
            parsed[key] = (Array(Set(activities)), Array(Set(meetings)))
            wantedActivities.formUnion(activities)
            wantedMeetings.formUnion(meetings)
        }
        if !wantedActivities.isEmpty {
            let found = try await EngagementActivityModel.query(on: context.db).filter(\.$area.$id == context.areaID)
                .filter(\.$id ~~ Array(wantedActivities)).count()
            if found != wantedActivities.count { errors.add(field: "answers", message: "Choose activities from the lists: one is not an activity of this area") }
        }
        if !wantedMeetings.isEmpty {
            let found = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$id ~~ Array(wantedMeetings)).count()
            if found != wantedMeetings.count { errors.add(field: "answers", message: "Choose meetings from the lists: one is not a meeting of this area") }
        }
        try errors.throwIfAny()
        return parsed
    }

    private func save(_ assessment: AssessmentModel, definition: FrameworkDefinition, answers: [String: StatementAnswer],
                      links: [String: (activities: [UUID], meetings: [UUID])]) async throws {
        let ticked = Set(answers.filter(\.value.ticked).keys)
        assessment.rating = AssessmentResult(framework: definition, ticked: ticked).rating
        assessment.assessedOn = context.today
        assessment.recordedBy = context.actor.name
        try await assessment.save(on: context.db, orIfDuplicate: ValidationErrors(
            field: "subject", message: "\(assessment.subjectName) already has an assessment on this framework for \(assessment.year.label)"))
        let assessmentID = try assessment.requireID()
        for statement in definition.statements {
            guard let answer = answers[statement.key], answer.ticked || answer.evidence != nil else { continue }
            let model = AssessmentAnswerModel(assessmentID: assessmentID, statementKey: statement.key, answer: answer)
            try await model.create(on: context.db)
            let answerID = try model.requireID()
            for activity in links[statement.key]?.activities ?? [] {
                try await AssessmentEvidenceModel(answerID: answerID, activityID: activity, meetingID: nil).create(on: context.db)
            }
            for meeting in links[statement.key]?.meetings ?? [] {
                try await AssessmentEvidenceModel(answerID: answerID, activityID: nil, meetingID: meeting).create(on: context.db)
            }
        }
    }

    /// Activities and meetings that can be linked as evidence: the subject's
    /// activities of the year and the year before (the latest 20), and the meetings they were part of
    /// (the latest 20). Each statement repeats the lists, so they are kept short.
    func evidenceChoices(subject: Subject, year: ReportingYear) async throws -> (activities: [EngagementActivityModel], meetings: [MeetingModel]) {
        var query = EngagementActivityModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$reportingYear >= year.startYear - 1).filter(\.$reportingYear <= year.startYear)
        switch subject.kind {
        case .service: query = query.filter(\.$service.$id == subject.id)
        case .organisation:
            query = query.join(ActivityOrganisationModel.self, on: \EngagementActivityModel.$id == \ActivityOrganisationModel.$activity.$id)
                .filter(ActivityOrganisationModel.self, \.$organisation.$id == subject.id)
        }
        let activities = try await query.sort(\.$startsOn, .descending).limit(20).all()
        guard !activities.isEmpty else { return ([], []) }
        let meetings = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .join(ActivityMeetingModel.self, on: \MeetingModel.$id == \ActivityMeetingModel.$meeting.$id)
            .filter(ActivityMeetingModel.self, \.$activity.$id ~~ activities.map { $0.id! })
            .with(\.$group).sort(\.$meetsOn, .descending).limit(40).all()
        var seen = Set<UUID>()
        return (activities, Array(meetings.filter { seen.insert($0.id!).inserted }.prefix(20)))
    }

    // MARK: Action plans

    func ideas(of assessment: AssessmentModel) async throws -> [PlanIdeaModel] {
        try await PlanIdeaModel.query(on: context.db).filter(\.$assessment.$id == assessment.requireID()).sort(\.$createdAt).sort(\.$id).limit(200).all()
    }

    func actions(of assessment: AssessmentModel) async throws -> [PlanActionModel] {
        try await PlanActionModel.query(on: context.db).filter(\.$assessment.$id == assessment.requireID()).with(\.$owner)
            .sort(\.$dueOn).sort(\.$id).limit(100).all()
    }

    @discardableResult
    func addIdea(to assessment: AssessmentModel, text: String?) async throws -> PlanIdeaModel {
        let idea = PlanIdeaModel(assessmentID: try assessment.requireID(), text: try PlanIdea.validate(text), addedBy: context.actor.name)
        try await context.write { context in
            try await idea.create(on: context.db)
            try await context.auditAssessment(assessment, .update, "Idea added", after: [AuditField("Idea", idea.text)])
        }
        return idea
    }

    func findAction(_ id: UUID, of assessment: AssessmentModel) async throws -> PlanActionModel {
        guard let action = try await PlanActionModel.query(on: context.db).filter(\.$id == id).filter(\.$assessment.$id == assessment.requireID())
            .filter(\.$area.$id == context.areaID).with(\.$owner).with(\.$assessment).first() else { throw Abort(.notFound) }
        return action
    }

    func addAction(to assessment: AssessmentModel, _ input: ActionInput) async throws -> PlanActionModel {
        try await context.write { context in
            let store = SelfEvaluationStore(context)
            let (details, ownerID) = try await store.validate(input)
            if details.status != .done { try await store.ensureRoomForOpenAction(in: assessment, besides: nil, adding: true) }
            let action = PlanActionModel(areaID: context.areaID, assessmentID: try assessment.requireID())
            action.apply(details, ownerID: ownerID)
            try await action.create(on: context.db)
            try await context.auditAssessment(assessment, .update, "Action added: \(action.what)", after: action.auditFields)
            return action
        }
    }

    func updateAction(_ action: PlanActionModel, with input: ActionInput) async throws {
        try await context.write { context in
            let store = SelfEvaluationStore(context)
            let (details, ownerID) = try await store.validate(input)
            // Reopening a finished action counts against the open ones, as adding does.
            if action.status == .done && details.status != .done {
                try await store.ensureRoomForOpenAction(in: action.assessment, besides: action.id, adding: false)
            }
            let before = action.auditFields
            action.apply(details, ownerID: ownerID)
            try await action.save(on: context.db)
            try await context.auditAssessment(action.assessment, .update, "Action changed: \(action.what)", before: before, after: action.auditFields)
        }
    }

    /// The seed's method keeps two or three actions open at once: refuses a fourth.
    private func ensureRoomForOpenAction(in assessment: AssessmentModel, besides actionID: UUID?, adding: Bool) async throws {
        var query = PlanActionModel.query(on: context.db).filter(\.$assessment.$id == (try assessment.requireID())).filter(\.$status != .done)
        if let actionID { query = query.filter(\.$id != actionID) }
        let open = try await query.count()
        guard open >= PlanActionDetails.mostOpenAtOnce else { return }
        throw ValidationErrors(field: adding ? "what" : "status", message: "This plan already has \(open) actions open. The method is to choose two or three: "
            + (adding ? "finish one before adding another" : "finish one before opening this one again"))
    }

    private func validate(_ input: ActionInput) async throws -> (PlanActionDetails, UUID) {
        var owner: PersonModel?
        if let raw = TextInput.optional(input.ownerId), let id = UUID(uuidString: raw) { owner = try await PersonStore(context).lookUp(id) }
        var errors = ValidationErrors()
        if TextInput.optional(input.ownerId) != nil && owner == nil { errors.add(field: "ownerId", message: "Choose who will do it from the list") }
        do {
            let details = try PlanActionDetails.validate(what: input.what, hasOwner: owner != nil || !errors.isEmpty, dueOn: input.dueOn, how: input.how,
                                                         status: input.status, progress: input.progress)
            try errors.throwIfAny()
            return (details, try owner!.requireID())
        } catch let problems as ValidationErrors {
            for problem in problems.errors { errors.add(field: problem.field, message: problem.message) }
            throw errors.ordered(["what", "ownerId", "dueOn", "how", "status", "progress"])
        }
    }

    /// Open actions of the area, the most overdue first.
    func openActions(_ page: ListPage) async throws -> (items: [PlanActionModel], total: Int) {
        try await PlanActionModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$status != .done)
            .with(\.$owner).with(\.$assessment).sort(\.$dueOn).sort(\.$id).page(page)
    }

    func overdueCount() async throws -> Int {
        try await PlanActionModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$status != .done)
            .filter(\.$dueOn < context.today).count()
    }

    // MARK: The annual report

    /// Every subject's latest assessment on each framework up to `year` (looking back `reportYears`),
    /// the one before it, and its open and overdue actions, by name.
    func report(year: ReportingYear) async throws -> [ReportLine] {
        let assessments = try await AssessmentModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$reportingYear <= year.startYear).filter(\.$reportingYear > year.startYear - Self.reportYears)
            .with(\.$framework).sort(\.$reportingYear, .descending).limit(Self.reportLimit).all()
        var latest: [String: (AssessmentModel, AssessmentModel?)] = [:]
        var order: [String] = []
        for assessment in assessments {
            let key = "\(assessment.subjectID.uuidString)|\(assessment.$framework.id.uuidString)"
            if let found = latest[key] {
                if found.1 == nil { latest[key] = (found.0, assessment) }
            } else {
                latest[key] = (assessment, nil)
                order.append(key)
            }
        }
        let ids = order.compactMap { latest[$0]?.0.id }
        var open: [UUID: (open: Int, overdue: Int)] = [:]
        if !ids.isEmpty {
            let actions = try await PlanActionModel.query(on: context.db).filter(\.$assessment.$id ~~ ids).filter(\.$status != .done).limit(Self.reportLimit).all()
            for action in actions {
                var counts = open[action.$assessment.id] ?? (0, 0)
                counts.open += 1
                if action.isOverdue(today: context.today) { counts.overdue += 1 }
                open[action.$assessment.id] = counts
            }
        }
        return order.compactMap { key in
            guard let (assessment, previous) = latest[key] else { return nil }
            let counts = open[assessment.id!] ?? (0, 0)
            return ReportLine(assessment: assessment, frameworkName: assessment.framework.name, previous: previous,
                              openActions: counts.open, overdueActions: counts.overdue)
        }.sorted { ($0.assessment.subjectName, $0.frameworkName) < ($1.assessment.subjectName, $1.frameworkName) }
    }
}
