import Crypto
import Domain
import Fluent
import Foundation
import Vapor

/// The only place a meeting's partners (asked for items, agreeing the final
/// agenda) and the complaints it discusses are read and written. Every
/// meeting it is handed was found in the actor's area.
struct PartnerStore {
    /// A partner organisation and where it stands on this meeting's agenda.
    struct Partner: Sendable {
        let organisation: OrganisationModel
        let row: AgendaPartnerModel?
        let agreement: AgendaAgreement

        var askedOn: CalendarDate? { row?.askedAt.map { CalendarDate($0) } }
    }

    /// A complaint due at this meeting, and whether its minutes record it as discussed.
    struct Complaint: Sendable {
        let complaint: ComplaintModel
        let discussed: Bool

        /// "Received 3 March 2027, about Riverside Council"; the organisation must have been loaded.
        var described: String { "Received \(complaint.receivedOn.longForm), about \(complaint.aboutOrganisation.name)" }
    }

    /// What came of asking the partners for items.
    struct Asking: Sendable {
        let asked: [String]
        /// Partners with nowhere to send the request.
        let withoutAddress: [String]
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    // MARK: Partners

    /// The meeting's partners: the organisations that signed the agreements
    /// whose rules cover it; with no such agreement, the organisations its
    /// group's members come from. The forum comes first, then by name.
    /// - Parameters:
    ///   - clauses: the rules covering the meeting, as `MeetingStore.clauses(for:)` found them.
    ///   - items: the meeting's items, to tell whether a partner agreed the agenda as it stands.
    func partners(of meeting: MeetingModel, clauses: [ClauseModel], items: [AgendaItemModel]) async throws -> [Partner] {
        let agreementIDs = Array(Set(clauses.map(\.$agreement.id)))
        var organisationIDs: [UUID]
        if agreementIDs.isEmpty {
            organisationIDs = try await GroupStore(context).memberships(of: meeting.group).compactMap(\.person.$organisation.id)
        } else {
            organisationIDs = try await AgreementPartnerModel.query(on: context.db).filter(\.$agreement.$id ~~ agreementIDs).all().map(\.$organisation.id)
        }
        organisationIDs = Array(Set(organisationIDs))
        guard !organisationIDs.isEmpty else { return [] }
        let organisations = try await OrganisationModel.query(on: context.db).filter(\.$id ~~ organisationIDs)
            .filter(\.$area.$id == context.areaID).all()
        let rows = try await AgendaPartnerModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).all()
        let byOrganisation = Dictionary(rows.map { ($0.$organisation.id, $0) }, uniquingKeysWith: { first, _ in first })
        let current = Self.digest(of: items)
        return organisations.map { organisation in
            let row = byOrganisation[organisation.id!]
            let agreement: AgendaAgreement = switch (row?.agreedAgenda, row?.agreedAt) {
            case (current?, _): .agreedThisAgenda
            case (_, _?): .agreedEarlierAgenda
            default: .notAnswered
            }
            return Partner(organisation: organisation, row: row, agreement: agreement)
        }
        .sorted { ($0.organisation.kind == .parentCarerForum ? 0 : 1, $0.organisation.sortName) < ($1.organisation.kind == .parentCarerForum ? 0 : 1, $1.organisation.sortName) }
    }

    /// The parent carer forum among the meeting's partners, if one is.
    func forumPartner(of meeting: MeetingModel, items: [AgendaItemModel]) async throws -> Partner? {
        let clauses = try await MeetingStore(context).clauses(for: meeting)
        return try await partners(of: meeting, clauses: clauses, items: items).first { $0.organisation.kind == .parentCarerForum }
    }

    /// A digest of the agenda as it stands (items on it, in order, with what each is for); nil when nothing is on it.
    static func digest(of items: [AgendaItemModel]) -> String? {
        let onAgenda = items.filter { $0.status == .accepted }.sorted { $0.position < $1.position }
        guard !onAgenda.isEmpty else { return nil }
        let text = AgendaAgreement.fingerprint(of: onAgenda.map { ($0.id?.uuidString ?? "", $0.title, $0.purpose) })
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Asks every partner not yet asked for agenda items, by e-mail: the forum
    /// through its own address (seed 000, 4.6 b), other partners through the
    /// people they send to the group, or their own address when none has one.
    func ask(for meeting: MeetingModel, itemsDue input: DateInput, siteAddress: String) async throws -> Asking {
        try ensureBeforeMeeting(meeting, field: "itemsDueOn")
        let itemsDueOn = try AgendaRequest.validateItemsDue(input, today: context.today, meetingDate: meeting.meetsOn)
        let clauses = try await MeetingStore(context).clauses(for: meeting)
        let partners = try await partners(of: meeting, clauses: clauses, items: AgendaStore(context).items(of: meeting))
        guard !partners.isEmpty else {
            throw ValidationErrors(field: "itemsDueOn", message: "This meeting has no partner organisations to ask: add members from them to the group first")
        }
        let waiting = partners.filter { $0.row?.askedAt == nil }
        guard !waiting.isEmpty else { throw ValidationErrors(field: "itemsDueOn", message: "Every partner has been asked for items already") }

        let members = try await GroupStore(context).memberships(of: meeting.group).map(\.person)
        let meetingID = try meeting.requireID()
        let organiser = meeting.officer.map { officer in officer.email.map { "\(officer.fullName) (\($0))" } ?? officer.fullName } ?? "the meeting's organiser"
        var sends: [(partner: Partner, addresses: [String])] = []
        var withoutAddress: [String] = []
        for partner in waiting {
            let own = partner.organisation.email.flatMap { EmailMessage.isAddress($0) ? $0 : nil }
            let addresses: [String]
            if partner.organisation.kind == .parentCarerForum {
                addresses = own.map { [$0] } ?? []
            } else {
                let people = members.filter { $0.$organisation.id == partner.organisation.id }.compactMap(\.email).filter(EmailMessage.isAddress)
                addresses = people.isEmpty ? (own.map { [$0] } ?? []) : Array(Set(people)).sorted()
            }
            if addresses.isEmpty { withoutAddress.append(partner.organisation.name) } else { sends.append((partner, addresses)) }
        }
        guard !sends.isEmpty else {
            throw ValidationErrors(field: "itemsDueOn", message: "No partner still to ask has an e-mail address: add the organisation's address, or its members' addresses, first")
        }
        let now = context.now
        let link = siteAddress + Paths.meeting(try meeting.recordID)
        let toSend = sends
        try await context.write { context in
            for (partner, addresses) in toSend {
                let message = AgendaRequestMessage(groupName: meeting.group.name, start: meeting.details.start, partner: partner.organisation.name,
                                                   itemsDueOn: itemsDueOn, organiser: organiser, meetingLink: link)
                for address in addresses { try await context.queueEmail(to: address, subject: message.subject, body: message.body) }
                let row = try partner.row ?? AgendaPartnerModel(meetingID: meetingID, organisationID: partner.organisation.requireID())
                row.askedAt = now
                row.itemsDueOn = itemsDueOn
                row.askedAddresses = addresses.count
                try await row.save(on: context.db)
            }
        }
        return Asking(asked: sends.map(\.partner.organisation.name), withoutAddress: withoutAddress)
    }

    /// Records that a partner agreed the agenda as it stands now. Organisers
    /// record it for any partner; a member of the group records it for their
    /// own organisation.
    func agree(for meeting: MeetingModel, organisationID raw: String?) async throws -> Partner {
        try ensureBeforeMeeting(meeting, field: "organisationId")
        guard let organisationID = UUID(uuidString: TextInput.clean(raw)) else {
            throw ValidationErrors(field: "organisationId", message: "Select the partner that agrees the agenda")
        }
        let items = try await AgendaStore(context).items(of: meeting)
        guard let digest = Self.digest(of: items) else {
            throw ValidationErrors(field: "organisationId", message: "Nothing is on the agenda yet, so there is nothing to agree")
        }
        let partners = try await partners(of: meeting, clauses: MeetingStore(context).clauses(for: meeting), items: items)
        guard let partner = partners.first(where: { $0.organisation.id == organisationID }) else {
            throw ValidationErrors(field: "organisationId", message: "Select one of this meeting's partners")
        }
        let right = try await agreeRight(in: meeting)
        guard right.allows(partner.organisation) else { throw Abort(.forbidden) }
        let belongs = try await actorBelongs(to: partner.organisation)
        let onBehalf = right == .anyPartner && !belongs
        let row = try partner.row ?? AgendaPartnerModel(meetingID: meeting.requireID(), organisationID: organisationID)
        row.agreedAt = context.now
        row.agreedBy = onBehalf ? "\(context.actor.name), for \(partner.organisation.name)" : context.actor.name
        row.agreedAgenda = digest
        try await row.save(on: context.db)
        return Partner(organisation: partner.organisation, row: row, agreement: .agreedThisAgenda)
    }

    /// Whose agreement the person signed in may record.
    enum AgreeRight: Equatable, Sendable {
        /// Organisers record it for any partner.
        case anyPartner
        /// A member of the group, for their own organisation.
        case only(UUID)
        case noPartner

        func allows(_ organisation: OrganisationModel) -> Bool {
            switch self {
            case .anyPartner: true
            case .only(let id): organisation.id == id
            case .noPartner: false
            }
        }
    }

    /// Read once for a page, whatever the number of partners.
    func agreeRight(in meeting: MeetingModel) async throws -> AgreeRight {
        if context.actor.can(.manageMeetings) { return .anyPartner }
        guard context.actor.can(.proposeAgendaItems),
              let organisationID = try await PersonModel.find(context.actor.personID, on: context.db)?.$organisation.id,
              try await MembershipModel.query(on: context.db).filter(\.$group.$id == meeting.$group.id)
                  .filter(\.$person.$id == context.actor.personID).first() != nil
        else { return .noPartner }
        return .only(organisationID)
    }

    private func actorBelongs(to organisation: OrganisationModel) async throws -> Bool {
        guard let person = try await PersonModel.find(context.actor.personID, on: context.db) else { return false }
        return person.$organisation.id == organisation.id
    }

    private func ensureBeforeMeeting(_ meeting: MeetingModel, field: String) throws {
        guard meeting.status == .scheduled else { throw Abort(.notFound) }
        try meeting.ensureNotStarted(now: context.now, field: field, message: "The meeting has started, so its agenda can no longer be asked for or agreed")
    }

    // MARK: Complaints

    /// The complaints due at a partnership meeting (seed 000, 6.3): those about
    /// its partners received by the meeting's day and not discussed at an
    /// earlier meeting, that are still open or were discussed at this one or later.
    /// A complaint closed without ever being discussed is not counted: without
    /// a history of its status, when it closed is not known.
    func complaints(for meeting: MeetingModel, partnerIDs: [UUID]) async throws -> [Complaint] {
        guard !partnerIDs.isEmpty else { return [] }
        let meetingID = try meeting.requireID()
        let candidates = try await ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$aboutOrganisation.$id ~~ partnerIDs).filter(\.$receivedOn <= meeting.meetsOn)
            .group(.or) { $0.filter(\.$status != .closed).filter(\.$discussedThrough >= meeting.meetsOn) }
            .with(\.$aboutOrganisation).sort(\.$receivedOn).limit(Self.mostComplaints).all()
        guard !candidates.isEmpty else { return [] }
        let discussions = try await ComplaintDiscussionModel.query(on: context.db).filter(\.$complaint.$id ~~ candidates.compactMap(\.id))
            .filter(\.$meetsOn <= meeting.meetsOn).all()
        var earlier = Set<UUID>(), here = Set<UUID>()
        for discussion in discussions {
            if discussion.$meeting.id == meetingID { here.insert(discussion.$complaint.id) }
            else if discussion.meetsOn < meeting.meetsOn { earlier.insert(discussion.$complaint.id) }
        }
        return candidates.filter { !earlier.contains($0.id!) }.map { Complaint(complaint: $0, discussed: here.contains($0.id!)) }
    }

    /// The complaints due at the meeting; nil when no rule covering it asks partnership meetings to discuss complaints.
    func complaintsDue(at meeting: MeetingModel) async throws -> [Complaint]? {
        let clauses = try await MeetingStore(context).clauses(for: meeting)
        guard clauses.contains(where: { $0.rule?.kind == .complaintsDiscussed }) else { return nil }
        let partners = try await partners(of: meeting, clauses: clauses, items: [])
        return try await complaints(for: meeting, partnerIDs: partners.compactMap(\.organisation.id))
    }

    /// More than this many complaints waiting for one meeting is a register to tidy, not an agenda.
    static let mostComplaints = 100

    /// Records, with the minutes, which of the complaints due at the meeting it discussed. Call it inside the minutes' write.
    func recordDiscussed(at meeting: MeetingModel, due: [Complaint], chosen raw: [String], on db: any Database) async throws {
        // Only complaints due at this meeting can be chosen; anything else sent is ignored, as an unticked box would be.
        let chosen = Set(raw.compactMap { UUID(uuidString: TextInput.clean($0)) })
        let meetingID = try meeting.requireID()
        for entry in due {
            let complaintID = try entry.complaint.requireID()
            if chosen.contains(complaintID) && !entry.discussed {
                try await ComplaintDiscussionModel(complaintID: complaintID, meetingID: meetingID, meetsOn: meeting.meetsOn,
                                                   recordedBy: context.actor.name).create(on: db)
            } else if !chosen.contains(complaintID) && entry.discussed {
                try await ComplaintDiscussionModel.query(on: db).filter(\.$complaint.$id == complaintID).filter(\.$meeting.$id == meetingID).delete()
            }
            try await Self.updateDiscussedThrough(complaintID, on: db)
        }
    }

    /// Keeps the complaint's latest discussion date, so "discussed at this meeting or later" is a column to filter on.
    private static func updateDiscussedThrough(_ complaintID: UUID, on db: any Database) async throws {
        let latest = try await ComplaintDiscussionModel.query(on: db).filter(\.$complaint.$id == complaintID).sort(\.$meetsOn, .descending).first()
        try await ComplaintModel.query(on: db).filter(\.$id == complaintID).set(\.$discussedThrough, to: latest?.meetsOn).update()
    }
}
