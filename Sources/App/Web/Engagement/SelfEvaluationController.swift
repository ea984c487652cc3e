import Domain
import Fluent
import Vapor

/// Self-evaluation: assessments against a framework, their rating and why,
/// year on year, and the action plan that follows (seed 001's method).
struct SelfEvaluationController {
    /// The answers form as the browser sends it: ticked statements, and per statement
    /// its evidence, the links kept, and one activity and one meeting to add.
    struct AnswersForm: Content {
        var framework: String?
        var subject: String?
        var year: String?
        var ticked: [String]?
        var evidence: [String: String]?
        var links: [String: [String]]?
        var addActivity: [String: String]?
        var addMeeting: [String: String]?

        /// The form to show again after an error: the activity and meeting just chosen join the links kept, so they are not lost.
        var keepingAdded: AnswersForm {
            var form = self
            var links = form.links ?? [:]
            for (key, id) in addActivity ?? [:] where TextInput.optional(id) != nil { links[key, default: []].append("activity:\(TextInput.clean(id))") }
            for (key, id) in addMeeting ?? [:] where TextInput.optional(id) != nil { links[key, default: []].append("meeting:\(TextInput.clean(id))") }
            form.links = links
            form.addActivity = nil
            form.addMeeting = nil
            return form
        }

        func input(_ framework: FrameworkDefinition) -> SelfEvaluationStore.Input {
            var input = SelfEvaluationStore.Input(framework: self.framework, subject: subject, year: year)
            let tickedKeys = Set(ticked ?? [])
            // Every statement of the framework is answered: ticked or not. Keys the framework lacks are sent on, to be refused.
            let keys = Set(framework.statements.map(\.key)).union(tickedKeys).union((evidence ?? [:]).keys)
            for key in keys {
                var answer = SelfEvaluationStore.Input.Answer(ticked: tickedKeys.contains(key), evidence: evidence?[key])
                for link in links?[key] ?? [] {
                    if link.hasPrefix("activity:") { answer.activityIds.append(String(link.dropFirst(9))) }
                    else if link.hasPrefix("meeting:") { answer.meetingIds.append(String(link.dropFirst(8))) }
                    else { answer.activityIds.append(link) }   // refused as not one of the lists
                }
                if let added = TextInput.optional(addActivity?[key]) { answer.activityIds.append(added) }
                if let added = TextInput.optional(addMeeting?[key]) { answer.meetingIds.append(added) }
                input.answers[key] = answer
            }
            return input
        }
    }

    struct Row {
        let subject: String
        let href: String
        let framework: String
        let year: String
        let rating: Rating?
    }

    struct IndexPage {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let years: [(value: String, label: String)]
        let selectedYear: String
        let canAssess: Bool
        let overdue: Int
    }

    func index(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let year = req.query[String.self, at: "year"].flatMap(ReportingYear.init(text:))
        let page = ListPage(req)
        let (assessments, total) = try await store.page(year: year, page)
        let rows = try assessments.map { assessment in
            Row(subject: assessment.subjectName, href: Paths.assessment(try assessment.recordID), framework: assessment.framework.name,
                year: assessment.year.label, rating: assessment.rating)
        }
        return req.page(IndexPage(
            layout: req.layout(title: "Self-evaluation"), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.selfEvaluation.url(), extraQuery: year.map { "year=\($0.shortLabel)" } ?? ""),
            years: [("", "Every year")] + store.years().map { ($0.shortLabel, $0.label) }, selectedYear: year?.shortLabel ?? "",
            canAssess: try req.viewer.can(.selfEvaluate), overdue: try await store.overdueCount()))
    }

    struct FrameworksPage {
        let layout: PageLayout
        let frameworks: [FrameworkDefinition]
    }

    func frameworks(req: Request) async throws -> Response {
        req.page(FrameworksPage(layout: req.layout(title: "Self-evaluation frameworks"), frameworks: try await SelfEvaluationStore(try req.store).frameworks()))
    }

    // MARK: Starting and answering

    struct ChoosePage {
        let layout: PageLayout
        let frameworks: [FrameworkDefinition]
        let subjects: [SelfEvaluationStore.Subject]
        let years: [ReportingYear]
        let selected: (framework: String, subject: String, year: String)
        let errors: ValidationErrors
        let existing: (label: String, href: String)?
    }

    struct AnswersPage {
        let layout: PageLayout
        let heading: String
        let caption: String
        let action: String
        let cancelPath: String
        let submitLabel: String
        let framework: FrameworkDefinition
        let hidden: [String: String]
        let form: AnswersForm
        let errors: ValidationErrors
        let activities: [(value: String, label: String)]
        let meetings: [(value: String, label: String)]
        /// What each linked id is called, for the links already chosen.
        let linkLabels: [String: String]
    }

    /// Step one chooses the framework, what is assessed and the year; with all three sound, step two asks the statements.
    func new(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let frameworks = try await store.frameworks()
        let chosen = (framework: req.query[String.self, at: "framework"] ?? "", subject: req.query[String.self, at: "subject"] ?? "",
                      year: req.query[String.self, at: "year"] ?? ReportingYear(containing: req.today).shortLabel)
        let asked = req.query[String.self, at: "framework"] != nil
        var errors = ValidationErrors()
        let framework = frameworks.first { $0.key == chosen.framework }
        if asked && framework == nil { errors.add(field: "framework", message: "Select a self-evaluation framework") }
        let subject = try await store.subject(chosen.subject)
        if asked && subject == nil { errors.add(field: "subject", message: "Select the organisation, service or project being assessed") }
        let year = ReportingYear(text: chosen.year).flatMap { store.years().contains($0) ? $0 : nil }
        if asked && year == nil { errors.add(field: "year", message: "Select the year the assessment is for") }
        var existing: (label: String, href: String)?
        if let framework, let subject, let year, let found = try await store.existing(frameworkKey: framework.key, subjectID: subject.id, year: year) {
            existing = ("\(subject.name) already has an assessment on \u{201C}\(framework.name)\u{201D} for \(year.label)", Paths.editAssessment(try found.recordID))
            errors.add(field: "subject", message: existing!.label + ": update that one instead")
        }
        guard errors.isEmpty, let framework, let subject, let year else {
            return req.page(ChoosePage(layout: req.layout(title: "Start a self-evaluation", hasErrors: !errors.isEmpty), frameworks: frameworks,
                                       subjects: try await store.subjectChoices(), years: store.years(), selected: chosen, errors: errors,
                                       existing: existing), status: errors.isEmpty ? .ok : .unprocessableEntity)
        }
        let form = AnswersForm(framework: framework.key, subject: subject.value, year: year.shortLabel)
        return try await renderAnswers(req, framework: framework, subject: subject, year: year, form: form, errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(AnswersForm.self)
        let store = SelfEvaluationStore(try req.store)
        guard let framework = try await store.frameworks().first(where: { $0.key == form.framework }),
              let subject = try await store.subject(form.subject), let year = form.year.flatMap(ReportingYear.init(text:)) else {
            // The hidden choices were tampered with or went stale: start again at step one.
            return req.redirect(to: Paths.newAssessment.url(), banner: "Choose what to assess again")
        }
        do {
            let assessment = try await store.create(form.input(framework))
            return req.redirect(to: Paths.assessment(try assessment.recordID), banner: "Assessment saved")
        } catch let errors as ValidationErrors {
            return try await renderAnswers(req, framework: framework, subject: subject, year: year, form: form.keepingAdded, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let framework = try assessment.framework.definition
        var form = AnswersForm(framework: framework.key, subject: nil, year: assessment.year.shortLabel)
        form.ticked = assessment.answers.filter(\.ticked).map(\.statementKey)
        form.evidence = Dictionary(uniqueKeysWithValues: assessment.answers.compactMap { answer in answer.evidence.map { (answer.statementKey, $0) } })
        form.links = Dictionary(uniqueKeysWithValues: assessment.answers.map { answer in
            (answer.statementKey, answer.links.compactMap { link in
                link.$activity.id.map { "activity:\($0.uuidString)" } ?? link.$meeting.id.map { "meeting:\($0.uuidString)" }
            })
        })
        let subject = SelfEvaluationStore.Subject(kind: assessment.subjectKind, id: assessment.subjectID, name: assessment.subjectName)
        return try await renderAnswers(req, framework: framework, subject: subject, year: assessment.year, form: form, errors: ValidationErrors(),
                                       editing: assessment)
    }

    func update(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let framework = try assessment.framework.definition
        let form = try req.content.decode(AnswersForm.self)
        do {
            try await store.update(assessment, with: form.input(framework))
            return req.redirect(to: Paths.assessment(try assessment.recordID), banner: "Assessment saved")
        } catch let errors as ValidationErrors {
            let subject = SelfEvaluationStore.Subject(kind: assessment.subjectKind, id: assessment.subjectID, name: assessment.subjectName)
            return try await renderAnswers(req, framework: framework, subject: subject, year: assessment.year, form: form.keepingAdded, errors: errors,
                                           editing: assessment)
        }
    }

    private func renderAnswers(_ req: Request, framework: FrameworkDefinition, subject: SelfEvaluationStore.Subject, year: ReportingYear,
                               form: AnswersForm, errors: ValidationErrors, editing: AssessmentModel?) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let choices = try await store.evidenceChoices(subject: subject, year: year)
        let activities = try choices.activities.map { (value: try $0.requireID().uuidString, label: "\($0.title), \($0.startsOn.longForm)") }
        let meetings = try choices.meetings.map { (value: try $0.requireID().uuidString, label: "\($0.group.name), \($0.meetsOn.longForm)") }
        // Names for links already chosen, which may be older than the lists reach.
        var labels: [String: String] = [:]
        if let editing {
            for answer in editing.answers {
                for link in answer.links {
                    if let activity = link.activity { labels["activity:\(try activity.requireID().uuidString)"] = "Activity: \(activity.title), \(activity.startsOn.longForm)" }
                    if let meeting = link.meeting { labels["meeting:\(try meeting.requireID().uuidString)"] = "Meeting: \(meeting.group.name), \(meeting.meetsOn.longForm)" }
                }
            }
        }
        for activity in activities { labels["activity:\(activity.value)"] = labels["activity:\(activity.value)"] ?? "Activity: \(activity.label)" }
        for meeting in meetings { labels["meeting:\(meeting.value)"] = labels["meeting:\(meeting.value)"] ?? "Meeting: \(meeting.label)" }
        let title = editing == nil ? "Assess \(subject.name)" : "Update the assessment of \(subject.name)"
        let action = try editing.map { Paths.editAssessment(try $0.recordID) } ?? Paths.newAssessment.url()
        let cancel = try editing.map { Paths.assessment(try $0.recordID) } ?? Paths.selfEvaluation.url()
        let hidden = editing == nil ? ["framework": framework.key, "subject": subject.value, "year": year.shortLabel] : [:]
        return req.page(AnswersPage(
            layout: req.layout(title: title, hasErrors: !errors.isEmpty), heading: title, caption: "\(framework.name), \(year.label)",
            action: action, cancelPath: cancel, submitLabel: "Save assessment", framework: framework, hidden: hidden, form: form, errors: errors,
            activities: activities, meetings: meetings, linkLabels: labels), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: The result

    struct ShowPage {
        let layout: PageLayout
        let assessment: AssessmentModel
        let framework: FrameworkDefinition
        let result: AssessmentResult
        let history: [(year: String, href: String?, rating: Rating?, result: AssessmentResult)]
        let movement: RatingMovement
        let ideas: [PlanIdeaModel]
        let actions: [PlanActionModel]
        let today: CalendarDate
        let canAssess: Bool
        let subjectHref: String
    }

    func show(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let framework = try assessment.framework.definition
        func result(_ model: AssessmentModel) -> AssessmentResult {
            AssessmentResult(framework: framework, ticked: Set(model.answers.filter(\.ticked).map(\.statementKey)))
        }
        let history = try await store.history(of: assessment)
        let earlier = history.filter { $0.reportingYear < assessment.reportingYear }.last
        return req.page(ShowPage(
            layout: req.layout(title: "\(assessment.subjectName): \(framework.name), \(assessment.year.label)"),
            assessment: assessment, framework: framework, result: result(assessment),
            history: try history.map { (year: $0.year.label, href: $0.id == assessment.id ? nil : Paths.assessment(try $0.recordID), rating: $0.rating, result: result($0)) },
            movement: RatingMovement(from: earlier?.rating, to: assessment.rating),
            ideas: try await store.ideas(of: assessment), actions: try await store.actions(of: assessment), today: req.today,
            canAssess: try req.viewer.can(.selfEvaluate),
            subjectHref: assessment.subjectKind == .organisation ? Paths.organisation.url(assessment.subjectID) : Paths.service.url(assessment.subjectID)))
    }

    // MARK: The action plan

    struct IdeaForm: Content { var idea: String? }

    func addIdea(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let form = try req.content.decode(IdeaForm.self)
        do {
            try await store.addIdea(to: assessment, text: form.idea)
            return req.redirect(to: Paths.assessment(try assessment.recordID) + "#ideas", banner: "Idea added")
        } catch let errors as ValidationErrors {
            return try await req.renderForm(title: "Add an idea", caption: assessment.subjectName, action: Paths.assessmentIdeas(try assessment.recordID),
                                            submitLabel: "Add idea", cancelPath: Paths.assessment(try assessment.recordID),
                                            fields: [.text("idea", "Idea", value: form.idea, errors: errors, kind: .textarea)], errors: errors)
        }
    }

    struct ActionForm: Content {
        var what: String?
        var ownerId: String?
        var dueOn: DateInput?
        var how: String?
        var status: String?
        var progress: String?
        /// The search that offered the people to choose from.
        var find: String?

        var input: SelfEvaluationStore.ActionInput {
            .init(what: what, ownerId: ownerId, dueOn: dueOn ?? DateInput(), how: how, status: status, progress: progress)
        }
    }

    func newAction(req: Request) async throws -> Response {
        let assessment = try await SelfEvaluationStore(try req.store).find(req.id("assessmentID"))
        let idea = req.query[String.self, at: "what"]
        return try await renderAction(req, assessment: assessment, form: ActionForm(what: idea, status: PlanActionStatus.notStarted.rawValue,
                                                                                    find: req.query[String.self, at: "find"]),
                                      errors: ValidationErrors(), editing: nil)
    }

    func createAction(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let form = try req.content.decode(ActionForm.self)
        if PersonFinder.isFinding(req) { return try await renderAction(req, assessment: assessment, form: form, errors: ValidationErrors(), editing: nil) }
        do {
            _ = try await store.addAction(to: assessment, form.input)
            return req.redirect(to: Paths.assessment(try assessment.recordID) + "#actions", banner: "Action added to the plan")
        } catch let errors as ValidationErrors {
            return try await renderAction(req, assessment: assessment, form: form, errors: errors, editing: nil)
        }
    }

    func editAction(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let action = try await store.findAction(req.id("planActionID"), of: assessment)
        return try await renderAction(req, assessment: assessment, form: ActionForm(
            what: action.what, ownerId: action.$owner.id?.uuidString, dueOn: DateInput(action.dueOn), how: action.how,
            status: action.status.rawValue, progress: action.progress, find: req.query[String.self, at: "find"]), errors: ValidationErrors(), editing: action)
    }

    func updateAction(req: Request) async throws -> Response {
        let store = SelfEvaluationStore(try req.store)
        let assessment = try await store.find(req.id("assessmentID"))
        let action = try await store.findAction(req.id("planActionID"), of: assessment)
        let form = try req.content.decode(ActionForm.self)
        if PersonFinder.isFinding(req) { return try await renderAction(req, assessment: assessment, form: form, errors: ValidationErrors(), editing: action) }
        do {
            try await store.updateAction(action, with: form.input)
            return req.redirect(to: Paths.assessment(try assessment.recordID) + "#actions", banner: "Action updated: \(action.status.label.lowercased())")
        } catch let errors as ValidationErrors {
            return try await renderAction(req, assessment: assessment, form: form, errors: errors, editing: action)
        }
    }

    private func renderAction(_ req: Request, assessment: AssessmentModel, form: ActionForm, errors: ValidationErrors,
                              editing: PlanActionModel?) async throws -> Response {
        let assessmentID = try assessment.recordID
        let finder = try await PersonFinder(req, typed: form.find, chosenID: form.ownerId, fieldName: "ownerId", label: "Who will do it?",
                                            optional: true)
        let fields: [FormField] = [
            .text("what", "What will be done?", value: form.what, errors: errors),
        ] + finder.fields(errors: errors) + [
            .date("dueOn", "When will it be done by?", value: form.dueOn, errors: errors),
            .text("how", "How will it be done?", value: form.how, errors: errors, hint: "The steps, and what it needs: time, money, people.", kind: .textarea),
            .choice("status", "Where has it got to?", options: PlanActionStatus.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.status ?? ""], errors: errors),
            .text("progress", "Progress so far (optional)", value: form.progress, errors: errors, kind: .textarea),
        ]
        if let editing {
            let action = Paths.editPlanAction(assessment: assessmentID, action: try editing.recordID)
            return try await req.renderForm(title: "Update the action", caption: assessment.subjectName, action: action, submitLabel: "Save changes",
                                            cancelPath: Paths.assessment(assessmentID), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add an action to the plan", caption: assessment.subjectName,
                                        intro: "Choose two or three things from the ideas that would really make a difference, and plan each: what, who, when and how.",
                                        action: Paths.newPlanAction(assessmentID), submitLabel: "Add action",
                                        cancelPath: Paths.assessment(assessmentID), fields: fields, errors: errors)
    }

    struct ActionsPage {
        let layout: PageLayout
        let rows: [PlanActionModel]
        let pagination: PaginationLinks
        let today: CalendarDate
    }

    /// The area's open actions, the most overdue first.
    func openActions(req: Request) async throws -> Response {
        let page = ListPage(req)
        let (actions, total) = try await SelfEvaluationStore(try req.store).openActions(page)
        return req.page(ActionsPage(layout: req.layout(title: "Open actions from self-evaluation"), rows: actions,
                                    pagination: PaginationLinks(page: page, total: total, basePath: Paths.selfEvaluationActions.url()), today: req.today))
    }

    // MARK: The annual report

    struct ReportPage {
        let layout: PageLayout
        let year: ReportingYear
        let years: [(value: String, label: String)]
        let lines: [SelfEvaluationStore.ReportLine]
        let ratings: [(rating: Rating, count: Int)]
        let engagement: LadderProfile
        let notTold: Int
    }

    func report(req: Request) async throws -> Response {
        let context = try req.store
        let store = SelfEvaluationStore(context)
        let year = req.query[String.self, at: "year"].flatMap(ReportingYear.init(text:)) ?? ReportingYear(containing: req.today)
        let lines = try await store.report(year: year)
        let engagement = try await EngagementStore(context).profile(EngagementFilter(year: year))
        let notTold = try await EngagementStore(context).profile(EngagementFilter(year: year, notToldOnly: true)).total
        return req.page(ReportPage(
            layout: req.layout(title: "Annual co-production report, \(year.label)"), year: year,
            years: store.years().map { ($0.shortLabel, $0.label) }, lines: lines,
            ratings: Rating.allCases.reversed().map { rating in (rating, lines.filter { $0.assessment.rating == rating }.count) },
            engagement: engagement, notTold: notTold))
    }

    func reportCSV(req: Request) async throws -> Response {
        let year = req.query[String.self, at: "year"].flatMap(ReportingYear.init(text:)) ?? ReportingYear(containing: req.today)
        let lines = try await SelfEvaluationStore(try req.store).report(year: year)
        let rows = lines.map { line in
            [line.assessment.subjectName, line.assessment.subjectKind == .organisation ? "Organisation" : "Service or project", line.frameworkName,
             line.assessment.year.shortLabel, line.assessment.rating?.label ?? "", line.previous?.year.shortLabel ?? "",
             line.previous?.rating?.label ?? "", line.movement.label, String(line.openActions), String(line.overdueActions)]
        }
        return try CSVDownload.response(fileName: "co-production-report-\(year.shortLabel).csv",
                                        header: ["Name", "Kind", "Framework", "Latest assessment", "Rating", "Assessment before", "Rating before",
                                                 "Movement", "Open actions", "Overdue actions"],
                                        rows: rows)
    }
}
