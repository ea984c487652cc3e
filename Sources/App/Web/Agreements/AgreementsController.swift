import Domain
import Fluent
import Vapor

/// Partnership agreements, their partners and clauses, and hand checks of commitments.
struct AgreementsController {
    struct Row {
        let title: String
        let href: String
        let status: String
        let partners: String
        let reviewOn: String
    }

    struct IndexPage {
        let layout: PageLayout
        let rows: [Row]
        let pagination: PaginationLinks
        let canManage: Bool
        let newPath: String
        let downloadPath: String
    }

    func index(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let page = ListPage(req)
        let store = AgreementStore(try req.store)
        let (agreements, total) = try await store.page(page)
        let partners = try await store.partners(of: agreements.compactMap(\.id)).mapValues { $0.map(\.organisation.name).sorted() }
        let rows = try agreements.map { agreement in
            Row(title: agreement.title, href: Paths.agreement(try agreement.recordID), status: agreement.status(on: req.today).label,
                partners: (partners[agreement.id!] ?? []).joined(separator: ", "),
                reviewOn: agreement.reviewOn.longForm)
        }
        return req.page(IndexPage(
            layout: req.layout(title: "Partnership agreements"), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.agreements.url()),
            canManage: viewer.can(.manageAgreements), newPath: Paths.newAgreement.url(), downloadPath: Paths.agreementsCSV.url()))
    }

    /// Every clause of the area's agreements, one row each, as a spreadsheet: the agreement, the
    /// clause and its latest result. An area has a few agreements of tens of clauses.
    func csv(req: Request) async throws -> Response {
        let store = AgreementStore(try req.store)
        let (agreements, _) = try await store.page(ListPage(number: 1, size: ListPage.maximumSize))
        let partners = try await store.partners(of: agreements.compactMap(\.id)).mapValues { $0.map(\.organisation.name).sorted() }
        var clausesByAgreement: [(AgreementModel, [ClauseModel])] = []
        for agreement in agreements { clausesByAgreement.append((agreement, try await store.clauses(of: agreement))) }
        let results = try await ClauseResults.load(for: clausesByAgreement.flatMap(\.1), req)
        var rows: [[String]] = []
        for (agreement, clauses) in clausesByAgreement {
            let inForce = agreement.status(on: req.today).isInForce
            let about = [agreement.title, agreement.status(on: req.today).label, agreement.startsOn.iso8601, agreement.endsOn?.iso8601 ?? "",
                         agreement.reviewOn.iso8601, (partners[agreement.id!] ?? []).joined(separator: "; ")]
            for clause in clauses {
                let check = results.latestCheck(clause)
                rows.append(about + [clause.number, clause.text, clause.rule == nil ? "People" : "Coproduce", clause.rule?.summary ?? "",
                                     results.latest(clause, agreementInForce: inForce).tagLabel, check?.assessedOn.iso8601 ?? "", check?.evidence ?? ""])
            }
            if clauses.isEmpty { rows.append(about + ["", "", "", "", "", "", ""]) }
        }
        return try CSVDownload.response(fileName: "partnership-agreements.csv", header: [
            "Agreement", "Status", "Starts", "Ends", "Review by", "Partners", "Clause", "Wording", "Checked by", "Rule",
            "Latest result", "Last checked by hand on", "Evidence",
        ], rows: rows)
    }

    struct ClauseRow {
        let number: String
        let href: String
        let text: String
        let kind: String
        /// What a rule checks, in words; nil for a commitment, which has `latest`.
        let rule: String?
        let latest: (any Taggable)?
    }

    struct ShowPage {
        let layout: PageLayout
        let title: String
        let status: String
        let details: [SummaryRow]
        let partners: [SummaryRow]
        let clauses: [ClauseRow]
        let counts: String
        let canManage: Bool
        let editPath: String
        let newClausePath: String
        let copyClausesPath: String
        let deletePath: String
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let agreement = try await find(req)
        let id = try agreement.recordID
        let details = [
            SummaryRow(key: "Status", value: agreement.status(on: req.today).label, href: nil),
            SummaryRow(key: "Starts", value: agreement.startsOn.longForm, href: nil),
            SummaryRow(key: "Ends", value: agreement.endsOn?.longForm ?? "No end date", href: nil),
            SummaryRow(key: "Review by", value: agreement.reviewOn.longForm, href: nil),
        ]
        let store = AgreementStore(try req.store)
        let partners = try await store.partners(of: agreement)
            .map(\.organisation).sorted { $0.sortName < $1.sortName }
        let clauses = try await store.clauses(of: agreement)
        let results = try await ClauseResults.load(for: clauses, req)
        let inForce = agreement.status(on: req.today).isInForce
        var rules = 0
        var commitmentResults: [CommitmentStatus: Int] = [:]
        var notChecked = 0
        let rows = try clauses.map { clause -> ClauseRow in
            let href = Paths.clause(agreement: id, clause: try clause.recordID)
            if let rule = clause.rule {
                rules += 1
                return ClauseRow(number: clause.number, href: href, text: clause.text, kind: "Rule", rule: rule.summary,
                                 latest: results.latest(clause, agreementInForce: inForce))
            }
            if let assessment = results.latestCheck(clause) { commitmentResults[assessment.status, default: 0] += 1 } else { notChecked += 1 }
            return ClauseRow(number: clause.number, href: href, text: clause.text, kind: "Commitment", rule: nil, latest: results.latest(clause))
        }
        let commitments = clauses.count - rules
        let tally = CommitmentStatus.allCases.map { "\(commitmentResults[$0] ?? 0) \($0.label.lowercased())" } + ["\(notChecked) not checked yet"]
        let counts = "\(clauses.count) \(clauses.count == 1 ? "clause" : "clauses"): \(rules) \(rules == 1 ? "rule" : "rules") that Coproduce checks, and \(commitments) \(commitments == 1 ? "commitment" : "commitments") checked by hand (\(tally.joined(separator: ", ")))."
        return req.page(ShowPage(
            layout: req.layout(title: agreement.title, record: id.uuid), title: agreement.title, status: agreement.status(on: req.today).label,
            details: details,
            partners: try partners.map { SummaryRow(key: $0.name, value: $0.kind.label, href: Paths.organisation(try $0.recordID)) },
            clauses: rows, counts: counts, canManage: viewer.can(.manageAgreements), editPath: Paths.editAgreement(id),
            newClausePath: Paths.newClause(id), copyClausesPath: Paths.copyClauses(id), deletePath: Paths.deleteAgreement(id)))
    }

    // MARK: - Add and change agreements

    struct Form: Content {
        var title: String?
        var startsOn: DateInput?
        var endsOn: DateInput?
        var reviewOn: DateInput?
        var partners: [String]?

        var input: AgreementStore.Input {
            .init(title: title, startsOn: startsOn ?? DateInput(), endsOn: endsOn ?? DateInput(), reviewOn: reviewOn ?? DateInput(), partnerIds: partners ?? [])
        }
    }

    func new(req: Request) async throws -> Response {
        try await renderForm(req, form: Form(), errors: ValidationErrors(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let agreement = try await AgreementStore(try req.store).create(form.input)
            return req.redirect(to: Paths.agreement(try agreement.recordID), banner: "\(agreement.title) added. Now add its clauses.")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let agreement = try await find(req)
        let partners = try await AgreementStore(try req.store).partners(of: agreement)
        let form = Form(title: agreement.title, startsOn: DateInput(agreement.startsOn),
                        endsOn: DateInput(agreement.endsOn),
                        reviewOn: DateInput(agreement.reviewOn),
                        partners: partners.map { $0.$organisation.id.uuidString })
        return try await renderForm(req, form: form, errors: ValidationErrors(), editing: agreement)
    }

    func update(req: Request) async throws -> Response {
        let agreement = try await find(req)
        let form = try req.content.decode(Form.self)
        do {
            try await AgreementStore(try req.store).update(agreement, with: form.input)
            return req.redirect(to: Paths.agreement(try agreement.recordID), banner: "Changes to \(agreement.title) saved")
        } catch let errors as ValidationErrors {
            return try await renderForm(req, form: form, errors: errors, editing: agreement)
        }
    }

    // MARK: - Clauses

    typealias ClauseForm = AgreementStore.ClauseInput

    struct ClausePage {
        let layout: PageLayout
        let agreementTitle: String
        let agreementPath: String
        let number: String
        let text: String
        let kind: String
        let ruleSummary: String?
        let appliesTo: String?
        let assessments: [AssessmentRow]
        let canAssess: Bool
        let assessPath: String
        let canManage: Bool
        let editPath: String
        let deletePath: String
    }

    struct AssessmentRow {
        let status: CommitmentStatus
        let evidence: String
        let assessedOn: String
        let recordedBy: String
    }

    func showClause(req: Request) async throws -> Response {
        let viewer = try req.viewer
        let (agreement, clause) = try await findClause(req)
        let agreementID = try agreement.recordID, clauseID = try clause.recordID
        var appliesTo: String?
        if clause.rule != nil {
            if let groupID = clause.$group.id, let group = try await GroupStore(try req.store).lookUp(groupID) {
                appliesTo = group.name
            } else {
                appliesTo = "Every group the forum sits on"
            }
        }
        let assessments = try await AgreementStore(try req.store).assessments(of: clause)
        return req.page(ClausePage(
            layout: req.layout(title: "Clause \(clause.number)"), agreementTitle: agreement.title, agreementPath: Paths.agreement(agreementID),
            number: clause.number, text: clause.text, kind: clause.kind.label, ruleSummary: clause.rule?.summary, appliesTo: appliesTo,
            assessments: assessments.map {
                AssessmentRow(status: $0.status, evidence: $0.evidence,
                              assessedOn: $0.assessedOn.longForm, recordedBy: $0.recordedBy)
            },
            canAssess: clause.kind == .commitment && viewer.can(.assessCommitments), assessPath: Paths.clauseAssessments(agreement: agreementID, clause: clauseID),
            canManage: viewer.can(.manageAgreements), editPath: Paths.editClause(agreement: agreementID, clause: clauseID),
            deletePath: Paths.deleteClause(agreement: agreementID, clause: clauseID)))
    }

    /// Asks first what kind of clause it is; then (`?type=`) only the fields that kind needs.
    func newClause(req: Request) async throws -> Response {
        let agreement = try await find(req)
        guard let type = ClauseType(req.query[String.self, at: "type"]) else {
            return try await renderClauseTypeChooser(req, agreement: agreement, editing: nil, chosen: nil,
                                                     error: req.query[String.self, at: "type"] == nil ? nil : Self.chooseTypeError)
        }
        var form = ClauseForm()
        form.kind = type.kind.rawValue
        form.ruleKind = type.ruleKind?.rawValue
        return try await renderClauseForm(req, agreement: agreement, form: form, errors: ValidationErrors(), editing: nil)
    }

    static let chooseTypeError = "Select what kind of clause it is"

    func createClause(req: Request) async throws -> Response {
        let agreement = try await find(req)
        let form = try req.content.decode(ClauseForm.self)
        do {
            let clause = try await AgreementStore(try req.store).appendClause(to: agreement, form)
            return req.redirect(to: Paths.clause(agreement: try agreement.recordID, clause: try clause.recordID), banner: "Clause \(clause.number) added")
        } catch let errors as ValidationErrors {
            return try await renderClauseForm(req, agreement: agreement, form: form, errors: errors, editing: nil)
        }
    }

    struct CopyForm: Content {
        var sourceId: String?
    }

    /// Copying clauses when the next agreement is drawn up: choose the earlier one.
    func chooseCopySource(req: Request) async throws -> Response {
        try await renderCopy(req, agreement: try await find(req), errors: ValidationErrors())
    }

    func copyClauses(req: Request) async throws -> Response {
        let agreement = try await find(req)
        let form = try req.content.decode(CopyForm.self)
        do {
            let (copied, skipped, source) = try await AgreementStore(try req.store).copyClauses(from: form.sourceId, to: agreement)
            let left = skipped.isEmpty ? "" : " Left out \(skipped.count == 1 ? "clause" : "clauses") \(skipped.joined(separator: ", ")), which this agreement already has."
            return req.redirect(to: Paths.agreement(try agreement.recordID),
                                banner: "\(copied) \(copied == 1 ? "clause" : "clauses") copied from \(source.title).\(left) Check each one says what the new agreement says.")
        } catch let errors as ValidationErrors {
            return try await renderCopy(req, agreement: agreement, errors: errors)
        }
    }

    private func renderCopy(_ req: Request, agreement: AgreementModel, errors: ValidationErrors) async throws -> Response {
        let id = try agreement.recordID
        let sources = try await AgreementStore(try req.store).copySources(for: agreement)
        guard !sources.isEmpty else {
            return req.page(req.layout(title: "Copy clauses"), CommonPages.notDone(
                heading: "There is no other agreement to copy from",
                message: "Clauses can be copied from another of this area's agreements. This area has no other agreement yet.",
                backPath: Paths.agreement(id), backLabel: "Back to \(agreement.title)"))
        }
        let field = FormField.choice("sourceId", "Which agreement do you want to copy the clauses from?", options: sources.map { source in
            (source.agreement.id!.uuidString, "\(source.agreement.title), from \(source.agreement.startsOn.longForm) (\(source.clauses) \(source.clauses == 1 ? "clause" : "clauses"))")
        }, selected: [], errors: errors)
        return try await req.renderForm(title: "Copy clauses from another agreement", caption: agreement.title,
                                        intro: "Every clause of the agreement you choose is added to the end of this one: its number, wording, and the rule Coproduce checks. Checks made by hand are not copied. Numbers this agreement already has are left out.",
                                        action: Paths.copyClauses(id), submitLabel: "Copy clauses", cancelPath: Paths.agreement(id),
                                        fields: [field], errors: errors)
    }

    func editClause(req: Request) async throws -> Response {
        let (agreement, clause) = try await findClause(req)
        let settings = clause.rule?.settings ?? ClauseRule.Settings()
        var form = ClauseForm(number: clause.number, text: clause.text, kind: clause.kind.rawValue, ruleKind: clause.ruleKind?.rawValue,
                              windowFrom: settings.windowFrom?.description, windowTo: settings.windowTo?.description,
                              noticeDays: settings.noticeDays.map(String.init), organisationKind: settings.organisationKind?.rawValue,
                              cadence: settings.cadence?.rawValue, groupId: clause.$group.id?.uuidString)
        // "Change" on the form asks the kind again; the answer comes back as ?type=.
        if req.query[String.self, at: "choose"] != nil {
            return try await renderClauseTypeChooser(req, agreement: agreement, editing: clause,
                                                     chosen: ClauseType(kind: form.kind, ruleKind: form.ruleKind), error: nil)
        }
        if let raw = req.query[String.self, at: "type"] {
            guard let type = ClauseType(raw) else {
                return try await renderClauseTypeChooser(req, agreement: agreement, editing: clause, chosen: nil, error: Self.chooseTypeError)
            }
            form.kind = type.kind.rawValue
            form.ruleKind = type.ruleKind?.rawValue
        }
        return try await renderClauseForm(req, agreement: agreement, form: form, errors: ValidationErrors(), editing: clause)
    }

    func updateClause(req: Request) async throws -> Response {
        let (agreement, clause) = try await findClause(req)
        let form = try req.content.decode(ClauseForm.self)
        do {
            try await AgreementStore(try req.store).updateClause(clause, with: form)
            return req.redirect(to: Paths.clause(agreement: try agreement.recordID, clause: try clause.recordID), banner: "Clause \(clause.number) saved")
        } catch let errors as ValidationErrors {
            return try await renderClauseForm(req, agreement: agreement, form: form, errors: errors, editing: clause)
        }
    }

    // MARK: - Hand checks of commitments

    struct AssessmentForm: Content {
        var status: String?
        var evidence: String?
        var assessedOn: DateInput?
    }

    func newAssessment(req: Request) async throws -> Response {
        let (agreement, clause) = try await findCommitment(req)
        return try await renderAssessment(req, agreement: agreement, clause: clause,
                                          form: AssessmentForm(assessedOn: DateInput(req.today)), errors: ValidationErrors())
    }

    func createAssessment(req: Request) async throws -> Response {
        let (agreement, clause) = try await findCommitment(req)
        let form = try req.content.decode(AssessmentForm.self)
        do {
            let assessment = try await AgreementStore(try req.store).recordAssessment(of: clause, status: form.status, evidence: form.evidence,
                                                                                  assessedOn: form.assessedOn ?? DateInput())
            return req.redirect(to: Paths.clause(agreement: try agreement.recordID, clause: try clause.recordID),
                                banner: "Check of clause \(clause.number) recorded: \(assessment.status.label.lowercased())")
        } catch let errors as ValidationErrors {
            return try await renderAssessment(req, agreement: agreement, clause: clause, form: form, errors: errors)
        }
    }

    // MARK: - Helpers

    // MARK: - Deleting

    func confirmDelete(req: Request) async throws -> Response {
        let agreement = try await find(req)
        let id = try agreement.recordID
        let layout = req.layout(title: "Delete \(agreement.title)")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: "Partnership agreement", heading: "Are you sure you want to delete \(agreement.title)?",
            alsoGoes: try await AgreementStore(try req.store).deletionConsequences(agreement), blockers: [],
            action: Paths.deleteAgreement(id), button: "Yes, delete the agreement", cancelPath: Paths.agreement(id),
            cancelLabel: "Back to \(agreement.title)"))
    }

    func delete(req: Request) async throws -> Response {
        let agreement = try await find(req)
        try await AgreementStore(try req.store).delete(agreement)
        return req.redirect(to: Paths.agreements.url(), banner: "\(agreement.title) deleted")
    }

    func confirmDeleteClause(req: Request) async throws -> Response {
        let (agreement, clause) = try await findClause(req)
        let agreementID = try agreement.recordID, clauseID = try clause.recordID
        let layout = req.layout(title: "Delete clause \(clause.number)")
        return req.page(layout, CommonPages.confirmRemoval(
            layout: layout, caption: agreement.title, heading: "Are you sure you want to delete clause \(clause.number)?",
            alsoGoes: try await AgreementStore(try req.store).clauseDeletionConsequences(clause), blockers: [],
            action: Paths.deleteClause(agreement: agreementID, clause: clauseID), button: "Yes, delete clause \(clause.number)",
            cancelPath: Paths.clause(agreement: agreementID, clause: clauseID), cancelLabel: "Back to clause \(clause.number)"))
    }

    func deleteClause(req: Request) async throws -> Response {
        let (agreement, clause) = try await findClause(req)
        try await AgreementStore(try req.store).deleteClause(clause, of: agreement)
        return req.redirect(to: Paths.agreement(try agreement.recordID), banner: "Clause \(clause.number) deleted")
    }

    private func find(_ req: Request) async throws -> AgreementModel {
        try await AgreementStore(try req.store).find(req.id("agreementID"))
    }

    private func findClause(_ req: Request) async throws -> (AgreementModel, ClauseModel) {
        let agreement = try await find(req)
        return (agreement, try await AgreementStore(try req.store).clause(req.id("clauseID"), of: agreement))
    }

    private func findCommitment(_ req: Request) async throws -> (AgreementModel, ClauseModel) {
        let (agreement, clause) = try await findClause(req)
        guard clause.kind == .commitment else { throw Abort(.notFound) }
        return (agreement, clause)
    }

    private func renderForm(_ req: Request, form: Form, errors: ValidationErrors, editing: AgreementModel?) async throws -> Response {
        let organisations = try await OrganisationStore(try req.store).options()
        let fields: [FormField] = [
            .text("title", "Title", value: form.title, errors: errors, hint: "For example, Partnership Agreement: Parent Carer Participation"),
            .date("startsOn", "Start date", value: form.startsOn, errors: errors),
            .date("endsOn", "End date (optional)", value: form.endsOn, errors: errors, hint: "Leave blank if it runs until replaced. For example, 31 8 2028"),
            .date("reviewOn", "Review date", value: form.reviewOn, errors: errors, hint: "When the partners will next review it. For example, 1 9 2027"),
            .choice("partners", "Partners", kind: .checkboxes, options: organisations.map { ($0.id!.uuidString, $0.name) },
                    selected: form.partners ?? [], errors: errors, hint: "Select the forum and every organisation that signs it.",
                    optionHints: Dictionary(uniqueKeysWithValues: organisations.map { ($0.id!.uuidString, $0.kind.label) })),
        ]
        if let editing, let id = editing.id.map(RecordID<AgreementModel>.init) {
            return try await req.renderForm(title: "Change \(editing.title)", action: Paths.editAgreement(id), submitLabel: "Save changes",
                                            cancelPath: Paths.agreement(id), fields: fields, errors: errors)
        }
        return try await req.renderForm(title: "Add a partnership agreement", action: Paths.newAgreement.url(), submitLabel: "Add agreement",
                                        cancelPath: Paths.agreements.url(), fields: fields, errors: errors)
    }

    /// The clause form's first question, a GET form: what kind of clause is it?
    private func renderClauseTypeChooser(_ req: Request, agreement: AgreementModel, editing: ClauseModel?, chosen: ClauseType?,
                                         error: String?) async throws -> Response {
        let agreementID = try agreement.recordID
        let action: String, cancel: String, title: String
        if let editing, let clauseID = editing.id.map(RecordID<ClauseModel>.init) {
            (action, cancel) = (Paths.editClause(agreement: agreementID, clause: clauseID), Paths.clause(agreement: agreementID, clause: clauseID))
            title = "Change clause \(editing.number)"
        } else {
            (action, cancel, title) = (Paths.newClause(agreementID), Paths.agreement(agreementID), "Add a clause")
        }
        let errors = error.map { ValidationErrors(field: "type", message: $0) } ?? ValidationErrors()
        let field = FormField.choice("type", "What kind of clause is it?", options: ClauseType.allCases.map { ($0.rawValue, $0.label) },
                                     selected: [chosen?.rawValue ?? ""], errors: errors,
                                     hint: "A rule is one Coproduce checks against groups and meetings by itself. Anything else is a commitment, which people check by hand.")
        let layout = req.layout(title: title, hasErrors: error != nil)
        return req.page(layout, status: error == nil ? .ok : .unprocessableEntity, """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(FormComponents.errorSummary(ErrorSummaryItem.from(errors)))
            <span class="caption">\(agreement.title)</span>
            <h1 class="heading-l">\(title)</h1>
            <form method="get" action="\(action)" novalidate>
              \(FormComponents.field(field))
              <div class="button-group">
                <button type="submit" class="button">Continue</button>
                <a class="link" href="\(cancel)">Cancel</a>
              </div>
            </form>
          </div>
        </div>
        """)
    }

    /// The clause form, asking only for what its kind of clause needs.
    private func renderClauseForm(_ req: Request, agreement: AgreementModel, form: ClauseForm, errors: ValidationErrors, editing: ClauseModel?) async throws -> Response {
        let agreementID = try agreement.recordID
        let clauseID = editing?.id.map(RecordID<ClauseModel>.init)
        let formPath = clauseID.map { Paths.editClause(agreement: agreementID, clause: $0) } ?? Paths.newClause(agreementID)
        // A form sent without a kind, or with one that does not exist, asks the kind first.
        guard let type = ClauseType(kind: form.kind, ruleKind: form.ruleKind) else {
            return try await renderClauseTypeChooser(req, agreement: agreement, editing: editing, chosen: nil,
                                                     error: errors.isEmpty ? nil : errors.message(for: "kind") ?? errors.message(for: "ruleKind") ?? Self.chooseTypeError)
        }
        let needed = Set(type.fields)
        let groups = needed.contains("groupId") ? try await GroupStore(try req.store).all() : []
        let all: [FormField] = [
            .text("number", "Clause number", value: form.number, errors: errors, hint: "As written in the agreement, such as 4.6 a", width: "5"),
            .text("text", "Wording", value: form.text, errors: errors, hint: "In plain English, as the partners agreed it.", kind: .textarea),
            .text("windowFrom", "Earliest start time", value: form.windowFrom, errors: errors, hint: "Such as 10am or 10:00", width: "5"),
            .text("windowTo", "Latest finish time", value: form.windowTo, errors: errors, hint: "Such as 2pm or 14:00", width: "5"),
            .text("noticeDays", "Number of days", value: form.noticeDays, errors: errors, hint: "Such as 7", width: "2"),
            .choice("organisationKind", "Which kind of organisation chairs?", kind: .select,
                    options: [("", "Choose a kind of organisation")] + OrganisationKind.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.organisationKind ?? ""], errors: errors),
            .choice("cadence", "How often must meetings happen?", kind: .select,
                    options: [("", "Choose how often")] + Cadence.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.cadence ?? ""], errors: errors),
            .choice("groupId", "Which group does the rule apply to?", kind: .select,
                    options: [("", "Every group the forum sits on")] + groups.map { ($0.id!.uuidString, $0.name) },
                    selected: [form.groupId ?? ""], errors: errors),
        ]
        let fields = all.filter { ["number", "text"].contains($0.name) || needed.contains($0.name) }
        // Errors about the kind itself (a checked commitment cannot become a rule) are shown beside the kind.
        let kindError = errors.message(for: "kind") ?? errors.message(for: "ruleKind")
        let preface: Markup = """
        <dl class="summary-list">
          \(ListComponents.summaryRow("Kind of clause", "\(type.label)\(kindError.map { "<p id=\"kind\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as Markup })"))
        </dl>
        <p class="body"><a class="link" href="\(formPath)?\(editing == nil ? "" : "choose=1")">Change the kind of clause</a></p>
        """
        let hidden = ["kind": type.kind.rawValue, "ruleKind": type.ruleKind?.rawValue ?? ""]
        if let editing, let clauseID {
            return try await req.renderForm(title: "Change clause \(editing.number)", caption: agreement.title,
                                            action: Paths.editClause(agreement: agreementID, clause: clauseID), submitLabel: "Save clause",
                                            cancelPath: Paths.clause(agreement: agreementID, clause: clauseID), fields: fields, errors: errors,
                                            hidden: hidden, preface: preface)
        }
        return try await req.renderForm(title: "Add a clause", caption: agreement.title, action: Paths.newClause(agreementID),
                                        submitLabel: "Add clause", cancelPath: Paths.agreement(agreementID), fields: fields, errors: errors,
                                        hidden: hidden, preface: preface)
    }

    private func renderAssessment(_ req: Request, agreement: AgreementModel, clause: ClauseModel, form: AssessmentForm, errors: ValidationErrors) async throws -> Response {
        let agreementID = try agreement.recordID, clauseID = try clause.recordID
        let fields: [FormField] = [
            .choice("status", "Was it met?", options: CommitmentStatus.allCases.map { ($0.rawValue, $0.label) }, selected: [form.status ?? ""], errors: errors),
            .text("evidence", "Evidence", value: form.evidence, errors: errors, hint: "What shows this, such as the minutes of a meeting or a family's feedback.", kind: .textarea),
            .date("assessedOn", "Date checked", value: form.assessedOn, errors: errors),
        ]
        return try await req.renderForm(title: "Check clause \(clause.number)", caption: agreement.title, intro: clause.text,
                                        action: Paths.clauseAssessments(agreement: agreementID, clause: clauseID), submitLabel: "Record check",
                                        cancelPath: Paths.clause(agreement: agreementID, clause: clauseID), fields: fields, errors: errors)
    }
}
