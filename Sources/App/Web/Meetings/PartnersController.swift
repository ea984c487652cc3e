import Domain
import Vapor

/// Asking a meeting's partners for agenda items, and each partner agreeing
/// the final agenda (seed 000, 6.1).
struct PartnersController {
    struct PartnerRow {
        let name: String
        let asked: String
        let agreement: AgendaAgreement
        let agreedNote: String?
        let organisationID: String
        /// The person signed in may record this partner's agreement now.
        let mayAgree: Bool
    }

    struct ComplaintRow {
        let described: String
        /// Only for those who may read the complaints register.
        let summary: String?
        let href: String?
        let discussed: Bool
    }

    /// The partners and complaints part of a meeting's page.
    struct View {
        let partners: [PartnerRow]
        let canAsk: Bool
        let askPath: String
        let agreePath: String
        /// Nil when no rule asks this meeting to discuss complaints.
        let complaints: [ComplaintRow]?
    }

    static func view(_ report: MeetingStore.RuleReport, meeting: MeetingModel, hasAgenda: Bool, context: StoreContext) async throws -> View {
        let id = try meeting.recordID
        let open = meeting.status == .scheduled && meeting.details.start > UKDateTime(context.now)
        let right = open && hasAgenda ? try await PartnerStore(context).agreeRight(in: meeting) : .noPartner
        var rows: [PartnerRow] = []
        for partner in report.partners {
            let asked = partner.row?.askedAt.map { at in
                "Asked on \(UKDateTime(at).date.longForm)" + (partner.row?.itemsDueOn.map { ", items due by \($0.longForm)" } ?? "")
            } ?? "Not asked yet"
            let note = partner.row.flatMap { row in row.agreedAt.map { "\(row.agreedBy ?? "Someone") on \(UKDateTime($0).longForm)" } }
            let may = partner.agreement != .agreedThisAgenda && right.allows(partner.organisation)
            rows.append(PartnerRow(name: partner.organisation.name, asked: asked, agreement: partner.agreement, agreedNote: note,
                                   organisationID: partner.organisation.id?.uuidString ?? "", mayAgree: may))
        }
        let readsComplaints = context.actor.can(.viewComplaints)
        let complaints = try report.complaints?.map { entry in
            ComplaintRow(described: entry.described, summary: readsComplaints ? entry.complaint.summary : nil,
                         href: readsComplaints ? Paths.complaint(try entry.complaint.recordID) : nil, discussed: entry.discussed)
        }
        return View(partners: rows, canAsk: open && context.actor.can(.manageMeetings) && report.partners.contains { $0.row?.askedAt == nil },
                    askPath: Paths.askPartners(id), agreePath: Paths.agreeAgenda(id), complaints: complaints)
    }

    // MARK: - Asking for items

    struct AskForm: Content {
        var itemsDueOn: DateInput?
    }

    func askForm(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let context = try req.store
        return try await renderAsk(req, meeting: meeting,
                                   form: AskForm(itemsDueOn: DateInput(AgendaRequest.suggestedItemsDue(today: context.today, meetingDate: meeting.meetsOn))),
                                   errors: ValidationErrors())
    }

    func ask(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let form = try req.content.decode(AskForm.self)
        do {
            let asking = try await PartnerStore(try req.store).ask(for: meeting, itemsDue: form.itemsDueOn ?? DateInput(),
                                                                   siteAddress: req.application.appConfig.siteAddress)
            var banner = "Asked \(MeetingRuleCheck.list(asking.asked)) for agenda items"
            if !asking.withoutAddress.isEmpty {
                banner += ". Not asked, for want of an e-mail address: \(MeetingRuleCheck.list(asking.withoutAddress))"
            }
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#partners", banner: banner)
        } catch let errors as ValidationErrors {
            return try await renderAsk(req, meeting: meeting, form: form, errors: errors)
        }
    }

    private func renderAsk(_ req: Request, meeting: MeetingModel, form: AskForm, errors: ValidationErrors) async throws -> Response {
        let id = try meeting.recordID
        let example = AgendaRequest.suggestedItemsDue(today: try req.store.today, meetingDate: meeting.meetsOn)
        return try await req.renderForm(
            title: "Ask the partners for agenda items", caption: "\(meeting.group.name), \(meeting.meetsOn.longForm)",
            intro: "Each partner not asked yet gets an e-mail: the forum at its own address, other partners through the people they send to the group. It asks for items by the date below.",
            action: Paths.askPartners(id), submitLabel: "Send the request", cancelPath: Paths.meeting(id),
            fields: [.date("itemsDueOn", "Items due by", value: form.itemsDueOn, errors: errors,
                           hint: "Before the agenda and papers go out. For example, \(example.day) \(example.month) \(example.year)")],
            errors: errors)
    }

    // MARK: - Agreeing the agenda

    struct AgreeForm: Content {
        var organisationId: String?
    }

    func agree(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let back = Paths.meeting(try meeting.recordID) + "#partners"
        let form = try req.content.decode(AgreeForm.self)
        do {
            let partner = try await PartnerStore(try req.store).agree(for: meeting, organisationID: form.organisationId)
            return req.redirect(to: back, banner: "Recorded that \(partner.organisation.name) agrees the agenda as it stands")
        } catch let errors as ValidationErrors {
            return req.page(req.layout(title: "The agreement was not recorded"), status: .unprocessableEntity,
                            CommonPages.notDone(heading: "The agreement was not recorded", message: errors.errors.first?.message ?? "",
                                                backPath: back, backLabel: "Back to the meeting"))
        }
    }
}

extension AgendaAgreement: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .notAnswered: .grey
        case .agreedThisAgenda: .green
        case .agreedEarlierAgenda: .yellow
        }
    }
}
