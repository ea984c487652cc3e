import Domain
import Fluent
import SQLKit
import Foundation
import PlainEnglish
import Vapor

/// The only place a meeting's agenda items, papers and pack sendings are
/// read and written. Every meeting it is handed was found in the actor's area.
struct AgendaStore {
    /// An item as typed into the form or sent to the API.
    struct ItemInput: Sendable {
        var title: String?
        var purpose: String?
        var forumAsk: String?
        var minutes: String?
        var leadId: String?
    }

    /// A paper's current version, with its title and item.
    struct PaperSummary: Sendable {
        let paper: PaperModel
        let current: PaperVersionModel
        let versions: Int
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    // MARK: Items

    /// The meeting's items: those on the agenda in order, then proposed, put off and withdrawn ones.
    func items(of meeting: MeetingModel) async throws -> [AgendaItemModel] {
        try await AgendaItemModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).with(\.$lead)
            .sort(\.$position).limit(500).all()
            .sorted { (Self.order($0.status), $0.position) < (Self.order($1.status), $1.position) }
    }

    private static func order(_ status: AgendaItemStatus) -> Int {
        switch status {
        case .accepted: 0
        case .proposed: 1
        case .deferred: 2
        case .withdrawn: 3
        case .merged: 4
        }
    }

    func item(_ id: UUID, of meeting: MeetingModel) async throws -> AgendaItemModel {
        guard let item = try await AgendaItemModel.query(on: context.db).filter(\.$id == id).filter(\.$meeting.$id == meeting.requireID())
            .with(\.$lead).first() else { throw Abort(.notFound) }
        return item
    }

    /// Adds an item. The organisers' items go straight on the agenda; members' are proposed for the organisers to decide.
    func propose(for meeting: MeetingModel, _ input: ItemInput) async throws -> AgendaItemModel {
        try ensureOpen(meeting)
        let (details, leadID) = try await validate(input, meeting: meeting)
        let status: AgendaItemStatus = context.actor.can(.manageMeetings) ? .accepted : .proposed
        let meetingID = try meeting.requireID()
        let proposedBy = context.actor.name
        return try await context.write { context in
            let last = try await AgendaItemModel.query(on: context.db).filter(\.$meeting.$id == meetingID).max(\.$position) ?? 0
            let item = AgendaItemModel(meetingID: meetingID, position: last + 1, details: details, leadID: leadID, status: status, proposedBy: proposedBy)
            try await item.create(on: context.db)
            try await context.auditMeetingPart(meeting, status == .accepted ? "Agenda item added: \(item.title)" : "Agenda item proposed: \(item.title)",
                                               after: item.auditFields)
            return item
        }
    }

    func update(_ item: AgendaItemModel, of meeting: MeetingModel, with input: ItemInput) async throws {
        try ensureOpen(meeting)
        try ensureAgendaOpen(meeting, field: "title")
        let (details, leadID) = try await validate(input, meeting: meeting)
        let before = item.auditFields
        item.apply(details, leadID: leadID)
        try await context.write { context in
            try await item.save(on: context.db)
            try await context.auditMeetingPart(meeting, "Agenda item changed: \(item.title)", before: before, after: item.auditFields)
        }
    }

    enum Decision: String, CaseIterable, Sendable {
        case accept, defer_ = "defer", withdraw
    }

    /// Puts a proposed item on the agenda, puts it off to the group's next
    /// meeting, or withdraws it. Answers where a put-off item went.
    @discardableResult
    func decide(_ item: AgendaItemModel, of meeting: MeetingModel, _ raw: String?) async throws -> MeetingModel? {
        guard let decision = Decision(rawValue: TextInput.clean(raw)) else {
            throw ValidationErrors(field: "decision", message: "Choose to put the item on the agenda, put it off or withdraw it")
        }
        // A cancelled meeting's items can still go to the next meeting, and nothing else.
        if meeting.status == .cancelled, decision != .defer_ { throw Abort(.notFound) }
        switch (decision, item.status) {
        case (_, .deferred), (_, .withdrawn), (_, .merged):
            throw ValidationErrors(field: "decision", message: "\(item.title) was \(item.status.label.lowercased()) already, so it cannot be changed here")
        case (.accept, .accepted):
            throw ValidationErrors(field: "decision", message: "\(item.title) is on the agenda already")
        default:
            break
        }
        let before = item.auditFields
        switch decision {
        case .accept:
            try ensureAgendaOpen(meeting, field: "decision")
            item.status = .accepted
            try await context.write { context in
                try await item.save(on: context.db)
                try await context.auditMeetingPart(meeting, "Agenda item accepted: \(item.title)", before: before, after: item.auditFields)
            }
            return nil
        case .withdraw:
            item.status = .withdrawn
            try await context.write { context in
                try await item.save(on: context.db)
                try await context.auditMeetingPart(meeting, "Agenda item withdrawn: \(item.title)", before: before, after: item.auditFields)
            }
            return nil
        case .defer_:
            guard let next = try await MeetingModel.query(on: context.db).filter(\.$area.$id == context.areaID)
                .filter(\.$group.$id == meeting.$group.id).filter(\.$status == .scheduled)
                .group(.or, { later in
                    later.filter(\.$meetsOn > meeting.meetsOn)
                        .group(.and) { $0.filter(\.$meetsOn == meeting.meetsOn).filter(\.$startsAt > meeting.startsAt) }
                })
                .sort(\.$meetsOn).sort(\.$startsAt).first() else {
                throw ValidationErrors(field: "decision", message: "Arrange \(meeting.group.name)'s next meeting first, so the item has somewhere to go")
            }
            let nextID = try next.requireID()
            let from = meeting.meetsOn
            try await context.write { context in
                let last = try await AgendaItemModel.query(on: context.db).filter(\.$meeting.$id == nextID).max(\.$position) ?? 0
                // The item moves with its papers; the old meeting keeps a note of it.
                let note = AgendaItemModel(meetingID: try meeting.requireID(), position: item.position,
                                           details: AgendaItemDetails(title: item.title, purpose: item.purpose, forumAsk: item.forumAsk, minutes: item.minutes),
                                           leadID: item.$lead.id, status: .deferred, proposedBy: item.proposedBy)
                note.deferredTo = next.meetsOn
                note.$lead.value = item.$lead.value
                try await note.create(on: context.db)
                item.$meeting.id = nextID
                item.position = last + 1
                item.status = .proposed
                item.deferredFrom = from
                try await item.save(on: context.db)
                try await PaperModel.query(on: context.db).filter(\.$item.$id == item.requireID()).set(\.$meeting.$id, to: nextID).update()
                try await context.auditMeetingPart(meeting, "Agenda item put off to \(next.meetsOn.longForm): \(item.title)", before: before,
                                                   after: note.auditFields)
            }
            return next
        }
    }

    /// The items another can be merged into: the meeting's others that are proposed or on the agenda.
    func mergeTargets(for item: AgendaItemModel, of meeting: MeetingModel) async throws -> [AgendaItemModel] {
        try await items(of: meeting).filter { $0.id != item.id && [.proposed, .accepted].contains($0.status) }
    }

    /// Joins an item to another of the same meeting before it starts: the
    /// other takes its papers, and it stays listed as merged, so whoever
    /// proposed it can see where it went.
    func merge(_ item: AgendaItemModel, of meeting: MeetingModel, into rawTarget: String?) async throws -> AgendaItemModel {
        try ensureOpen(meeting)
        try ensureAgendaOpen(meeting, field: "into")
        guard [.proposed, .accepted].contains(item.status) else {
            throw ValidationErrors(field: "into", message: "\(item.title) was \(item.status.label.lowercased()) already, so it cannot be merged")
        }
        let targets = try await mergeTargets(for: item, of: meeting)
        guard let targetID = UUID(uuidString: TextInput.clean(rawTarget)), let target = targets.first(where: { $0.id == targetID }) else {
            throw ValidationErrors(field: "into", message: targets.isEmpty
                ? "\(meeting.group.name)'s meeting has no other item to merge \(item.title) into"
                : "Select the item to merge \(item.title) into")
        }
        let itemID = try item.requireID()
        try await context.write { context in
            // Read both again inside the write: two organisers merging A into B and B into A at once
            // must not leave every paper on a merged item.
            let open = try await AgendaItemModel.query(on: context.db).filter(\.$id ~~ [itemID, targetID])
                .filter(\.$status ~~ [.proposed, .accepted]).count()
            guard open == 2 else {
                throw ValidationErrors(field: "into", message: "\(item.title) or \(target.title) changed meanwhile. Look at the agenda again")
            }
            try await PaperModel.query(on: context.db).filter(\.$item.$id == itemID).set(\.$item.$id, to: targetID).update()
            let before = item.auditFields
            item.status = .merged
            item.$mergedInto.id = targetID
            try await item.save(on: context.db)
            try await context.auditMeetingPart(meeting, "Agenda item merged into \(target.title): \(item.title)", before: before, after: item.auditFields)
        }
        return target
    }

    /// Moves an item on the agenda one place up or down.
    func move(_ item: AgendaItemModel, of meeting: MeetingModel, _ direction: String?) async throws {
        try ensureOpen(meeting)
        try ensureAgendaOpen(meeting, field: "direction")
        guard item.status == .accepted, let up = ["up": true, "down": false][TextInput.clean(direction)] else { throw Abort(.badRequest) }
        let agenda = try await items(of: meeting).filter { $0.status == .accepted }
        guard let index = agenda.firstIndex(where: { $0.id == item.id }) else { throw Abort(.notFound) }
        let otherIndex = up ? index - 1 : index + 1
        guard agenda.indices.contains(otherIndex) else { return }
        let other = agenda[otherIndex]
        try await context.write { context in
            (item.position, other.position) = (other.position, item.position)
            try await item.save(on: context.db)
            try await other.save(on: context.db)
            try await context.audit(.update, subjectType: MeetingModel.auditType, subjectID: meeting.id, subjectLabel: meeting.auditLabel,
                                    detail: "Agenda item moved \(up ? "up" : "down"): \(item.title)")
        }
    }

    // MARK: Papers

    /// The meeting's papers, each with its current version, in agenda order.
    func papers(of meeting: MeetingModel) async throws -> [PaperSummary] {
        let papers = try await PaperModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).sort(\.$createdAt).limit(500).all()
        guard !papers.isEmpty else { return [] }
        let versions = try await PaperVersionModel.query(on: context.db).filter(\.$paper.$id ~~ papers.compactMap(\.id))
            // Not the text: a list has no need of it.
            .field(\.$id).field(\.$paper.$id).field(\.$version).field(\.$fileName).field(\.$byteCount).field(\.$readingAge)
            .field(\.$meetsProfile).field(\.$checkSummary).field(\.$uploadedBy).field(\.$uploadedAt).field(\.$firstSentAt)
            .all()
        var latest: [UUID: PaperVersionModel] = [:]
        var counts: [UUID: Int] = [:]
        for version in versions {
            counts[version.$paper.id, default: 0] += 1
            if (latest[version.$paper.id]?.version ?? 0) < version.version { latest[version.$paper.id] = version }
        }
        return papers.compactMap { paper in
            latest[paper.id!].map { PaperSummary(paper: paper, current: $0, versions: counts[paper.id!] ?? 1) }
        }
    }

    func paper(_ id: UUID, of meeting: MeetingModel) async throws -> PaperModel {
        guard let paper = try await lookUpPaper(id, of: meeting) else { throw Abort(.notFound) }
        return paper
    }

    func lookUpPaper(_ id: UUID, of meeting: MeetingModel) async throws -> PaperModel? {
        try await PaperModel.query(on: context.db).filter(\.$id == id).filter(\.$meeting.$id == meeting.requireID()).with(\.$item).first()
    }

    /// A paper of any meeting in the area, for links to a paper that has moved with its item.
    func paperAnywhere(_ id: UUID) async throws -> PaperModel? {
        try await PaperModel.query(on: context.db).filter(\.$id == id)
            .join(MeetingModel.self, on: \PaperModel.$meeting.$id == \MeetingModel.$id).filter(MeetingModel.self, \.$area.$id == context.areaID).first()
    }

    /// Every version of a paper, newest first, with its text.
    func versions(of paper: PaperModel) async throws -> [PaperVersionModel] {
        try await PaperVersionModel.query(on: context.db).filter(\.$paper.$id == paper.requireID()).sort(\.$version, .descending).all()
    }

    /// The file of one version, as uploaded.
    func file(of paper: PaperModel, version: Int) async throws -> (PaperVersionModel, Data) {
        guard let model = try await PaperVersionModel.query(on: context.db).filter(\.$paper.$id == paper.requireID()).filter(\.$version == version)
            .first(), let file = try await PaperFileModel.query(on: context.db).filter(\.$version.$id == model.requireID()).first() else {
            throw Abort(.notFound)
        }
        return (model, file.data)
    }

    /// A document read from an upload: its text and its plain English result.
    struct ReadPaper: Sendable {
        let fileName: String
        let data: Data
        let text: String
        let check: PaperCheck
    }

    /// Reads and checks an uploaded file with the area's plain English settings, on the document threads.
    func read(file: (name: String, data: Data)?, work: DocumentWork) async throws -> ReadPaper {
        guard let file, !file.data.isEmpty else { throw ValidationErrors(field: "document", message: "Choose the paper's file") }
        let document: Document
        switch try await PlainEnglishInput.document(text: nil, file: file, work: work) {
        case .success(let read): document = read
        case .failure(.unreadableFile(let message)): throw ValidationErrors(field: "document", message: message)
        case .failure: throw ValidationErrors(field: "document", message: "Choose the paper's file")
        }
        let settings = try await PlainEnglishSettingsStore(context).settings()
        let analysis = try await work.run { PlainEnglishChecker(settings: settings).check(document, profile: settings.defaultProfile) }
        guard analysis.statistics.words > 0 else {
            throw ValidationErrors(field: "document", message: "\(file.name) has no words Coproduce can read. If it is a scan, upload the document it was made from")
        }
        return ReadPaper(fileName: Self.fileName(file.name), data: file.data, text: document.text, check: PaperCheck(analysis))
    }

    /// A file name as kept and shown: no control or direction characters, and not too long.
    static func fileName(_ raw: String) -> String {
        let kept = String(String.UnicodeScalarView(raw.unicodeScalars.filter { ![.control, .format].contains($0.properties.generalCategory) }.prefix(200)))
            .trimmingCharacters(in: .whitespaces)
        return kept.isEmpty ? "paper" : kept
    }

    /// Adds a paper to an item, as version 1.
    func addPaper(to item: AgendaItemModel, of meeting: MeetingModel, title: String?, upload: ReadPaper) async throws -> PaperModel {
        try ensureOpen(meeting)
        try ensureBeforeMeeting(meeting)
        guard item.status != .withdrawn, item.status != .deferred else { throw Abort(.notFound) }
        var errors = ValidationErrors()
        let title = errors.line(title, field: "title", label: "Title", maximum: 200)
        if title.isEmpty { errors.add(field: "title", message: "Enter the paper's title") }
        try errors.throwIfAny()
        let paper = PaperModel(meetingID: try meeting.requireID(), itemID: try item.requireID(), title: title)
        let actor = context.actor.name, now = context.now
        try await context.write { context in
            try await Self(context).ensureRoom(for: upload)
            try await paper.create(on: context.db)
            try await Self.saveVersion(1, of: paper, upload, by: actor, at: now, on: context.db)
            try await context.auditMeetingPart(meeting, "Paper added to \(item.title): \(title)",
                                               after: [AuditField("Paper", title), AuditField("File", upload.fileName), AuditField("Version", "1")])
        }
        return paper
    }

    /// Uploads a new version; earlier ones are kept. A version added after the pack went out waits to be sent.
    func replace(_ paper: PaperModel, of meeting: MeetingModel, upload: ReadPaper) async throws -> Int {
        try ensureOpen(meeting)
        try ensureBeforeMeeting(meeting)
        let actor = context.actor.name, now = context.now
        let paperID = try paper.requireID()
        return try await context.write { context in
            try await Self(context).ensureRoom(for: upload)
            let next = (try await PaperVersionModel.query(on: context.db).filter(\.$paper.$id == paperID).max(\.$version) ?? 0) + 1
            try await Self.saveVersion(next, of: paper, upload, by: actor, at: now, on: context.db)
            try await context.auditMeetingPart(meeting, "New version of a paper: \(paper.title)",
                                               before: [AuditField("Version", String(next - 1))],
                                               after: [AuditField("Version", String(next))])
            return next
        }
    }

    /// Every version of every paper is kept, so one area could fill the server's disk: each area
    /// has a share (COPRODUCE_PAPER_STORAGE_MB). Checked inside the upload's own write.
    private func ensureRoom(for upload: ReadPaper) async throws {
        guard let sql = context.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        // PostgreSQL sums integers as numeric: cast, so both stores answer a plain integer.
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(v.byte_count), 0) AS BIGINT) AS used FROM paper_versions v
            JOIN papers p ON p.id = v.paper_id JOIN meetings m ON m.id = p.meeting_id WHERE m.area_id = \(bind: context.areaID)
            """).first()
        let used = try row?.decode(column: "used", as: Int.self) ?? 0
        guard used + upload.data.count <= context.paperStorageLimit else {
            let megabytes = context.paperStorageLimit / 1_000_000
            throw ValidationErrors(field: "document", message: "This area has used its \(megabytes) MB of space for papers, so the paper was not saved. Ask whoever runs Coproduce for more space")
        }
    }

    private static func saveVersion(_ number: Int, of paper: PaperModel, _ upload: ReadPaper, by actor: String, at now: Date, on db: any Database) async throws {
        let version = PaperVersionModel(paperID: try paper.requireID(), version: number, fileName: upload.fileName, byteCount: upload.data.count,
                                        text: upload.text, check: upload.check, uploadedBy: actor, uploadedAt: now)
        try await version.create(on: db)
        try await PaperFileModel(versionID: try version.requireID(), data: upload.data).create(on: db)
    }

    // MARK: The pack

    /// When the agenda and papers went out, first to last.
    func sendings(of meeting: MeetingModel) async throws -> [PackSendingModel] {
        try await PackSendingModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).sort(\.$sentAt).limit(100).all()
    }

    /// Who the pack goes to: the group's members with an address mail can go to, and those without one.
    func recipients(of meeting: MeetingModel) async throws -> (withAddress: [PersonModel], without: [PersonModel]) {
        let people = try await GroupStore(context).memberships(of: meeting.group).map(\.person)
        let usable = people.filter { $0.email.map(EmailMessage.isAddress) ?? false }
        let ids = Set(usable.compactMap(\.id))
        return (usable, people.filter { !ids.contains($0.id!) })
    }

    /// E-mails the agenda and links to the papers to every member with an
    /// address, and marks every version not yet sent as sent now, all in one write.
    func sendPack(for meeting: MeetingModel, siteAddress: String) async throws -> PackSendingModel {
        try ensureOpen(meeting)
        try meeting.ensureNotStarted(now: context.now, field: "pack", message: "The meeting has started, so its agenda and papers can no longer be sent")
        let agenda = try await items(of: meeting).filter { $0.status == .accepted }
        guard !agenda.isEmpty else { throw ValidationErrors(field: "pack", message: "Put at least one item on the agenda before sending it") }
        let papers = try await papers(of: meeting)
        let (recipients, without) = try await recipients(of: meeting)
        // The forum hears at its own address too (seed 000, 4.6 b), unless a member already reads it there.
        let forumAddress = try await PartnerStore(context).forumPartner(of: meeting, items: agenda)?.organisation.email
            .flatMap { EmailMessage.isAddress($0) ? $0 : nil }
        let memberAddresses = Set(recipients.compactMap { $0.email?.lowercased() })
        let forumCopy = forumAddress.flatMap { memberAddresses.contains($0.lowercased()) ? nil : $0 }
        guard !recipients.isEmpty else {
            throw ValidationErrors(field: "pack", message: "No member of \(meeting.group.name) has an e-mail address. Add their addresses first")
        }
        let meetingID = try meeting.recordID
        // Only the papers of items on the agenda go out: a proposed item's paper waits until it is on.
        let agendaIDs = Set(agenda.compactMap(\.id))
        let onAgenda = papers.filter { agendaIDs.contains($0.paper.$item.id) }
        let choice = try await EmailSettingsStore(context).papersInEmail()
        let packPapers = PackPapers.decide(choice, totalBytes: onAgenda.reduce(0) { $0 + $1.current.byteCount }, paperCount: onAgenda.count)
        let attachments = packPapers == .attached ? try agenda.flatMap { item in
            try onAgenda.filter { $0.paper.$item.id == item.id }.map {
                OutboxAttachment(paperVersionID: try $0.current.requireID(), fileName: $0.current.fileName, byteCount: $0.current.byteCount)
            }
        } : []
        let message = AgendaPackMessage(
            groupName: meeting.group.name, start: meeting.details.start, endsAt: meeting.endsAt, venue: meeting.venue, onlineLink: meeting.onlineLink,
            chair: meeting.chair?.fullName, contact: meeting.contact?.fullName, organiser: meeting.officer?.fullName ?? context.actor.name,
            items: try agenda.map { item in
                AgendaPackMessage.Item(title: item.title, purpose: item.purpose, forumAsk: item.forumAsk, lead: item.lead?.fullName, minutes: item.minutes,
                                       papers: try papers.filter { $0.paper.$item.id == item.id }.map { summary in
                                           (summary.paper.title, siteAddress + Paths.paper(meeting: meetingID, paper: try summary.paper.recordID))
                                       })
            },
            complaints: try await PartnerStore(context).complaintsDue(at: meeting)?.map(\.described) ?? [],
            meetingLink: siteAddress + Paths.meeting(meetingID), papers: packPapers)
        let sending = PackSendingModel(meetingID: try meeting.requireID(), sentAt: context.now, sentBy: context.actor.name,
                                       recipients: recipients.count, withoutAddress: without.map(\.fullName))
        sending.forumAddress = forumAddress
        let unsent = onAgenda.filter { $0.current.firstSentAt == nil }.compactMap(\.current.id)
        let now = context.now
        try await context.write { context in
            for person in recipients {
                try await context.queueEmail(to: person.email!, subject: message.subject, body: message.body, attachments: attachments)
            }
            if let forumCopy {
                try await context.queueEmail(to: forumCopy, subject: message.subject, body: message.body, attachments: attachments)
            }
            try await sending.create(on: context.db)
            if !unsent.isEmpty {
                try await PaperVersionModel.query(on: context.db).filter(\.$id ~~ unsent).set(\.$firstSentAt, to: now).update()
            }
        }
        return sending
    }

    /// The text of each paper's current version on the agenda, by paper, read in one query.
    func texts(of papers: [PaperSummary]) async throws -> [UUID: String] {
        let ids = papers.compactMap(\.current.id)
        guard !ids.isEmpty else { return [:] }
        let versions = try await PaperVersionModel.query(on: context.db).filter(\.$id ~~ ids).field(\.$id).field(\.$paper.$id).field(\.$text).all()
        return Dictionary(versions.map { ($0.$paper.id, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Facts for the rules

    /// - Parameter read: the meeting's items and papers, when the caller has read them already.
    func ruleFacts(for meeting: MeetingModel, read: (items: [AgendaItemModel], papers: [PaperSummary])? = nil,
                   sendings: [PackSendingModel]? = nil) async throws -> MeetingRuleCheck.Agenda {
        let allItems = if let read { read.items } else { try await items(of: meeting) }
        let allPapers = if let read { read.papers } else { try await papers(of: meeting) }
        let accepted = allItems.filter { $0.status == .accepted }
        let acceptedIDs = Set(accepted.compactMap(\.id))
        let papers = allPapers.filter { acceptedIDs.contains($0.paper.$item.id) }
        let firstSending = if let sendings { sendings.first } else {
            try await PackSendingModel.query(on: context.db).filter(\.$meeting.$id == meeting.requireID()).sort(\.$sentAt).first()
        }
        return MeetingRuleCheck.Agenda(
            items: accepted.map { (title: $0.title, hasForumAsk: $0.forumAsk != nil) },
            packSentOn: firstSending.map { CalendarDate($0.sentAt) },
            papers: papers.map { MeetingRuleCheck.Paper(title: $0.paper.title, sentOn: $0.current.firstSentAt.map { CalendarDate($0) },
                                                         meetsPlainEnglishProfile: $0.current.meetsProfile) })
    }

    // MARK: Checks

    /// A cancelled meeting's agenda is closed.
    private func ensureOpen(_ meeting: MeetingModel) throws {
        guard meeting.status == .scheduled else { throw Abort(.notFound) }
    }

    /// Once a meeting has started, its papers are the record of what went out.
    /// Once the meeting starts its agenda is the record of what was discussed: only a proposal
    /// nobody took up can still be put off or withdrawn.
    private func ensureAgendaOpen(_ meeting: MeetingModel, field: String) throws {
        try meeting.ensureNotStarted(now: context.now, field: field, message: "The meeting has started, so its agenda is the record of what was discussed")
    }

    private func ensureBeforeMeeting(_ meeting: MeetingModel) throws {
        try meeting.ensureNotStarted(now: context.now, field: "document",
                                     message: "The meeting has started, so its papers are the record of what went out. Put any correction in the minutes")
    }

    private func validate(_ input: ItemInput, meeting: MeetingModel) async throws -> (AgendaItemDetails, UUID?) {
        var errors = ValidationErrors()
        var details: AgendaItemDetails?
        do {
            details = try AgendaItemDetails.validate(title: input.title, purpose: input.purpose, forumAsk: input.forumAsk, minutes: input.minutes)
        } catch let found as ValidationErrors { errors = found }
        var leadID: UUID?
        if let raw = TextInput.optional(input.leadId) {
            let members = Set(try await GroupStore(context).memberships(of: meeting.group).map { $0.$person.id })
            if let id = UUID(uuidString: raw), members.contains(id) { leadID = id }
            else { errors.add(field: "leadId", message: "Select the lead from the members of \(meeting.group.name)") }
        }
        try errors.ordered(["title", "purpose", "forumAsk", "minutes", "leadId"]).throwIfAny()
        return (details!, leadID)
    }
}

extension PaperCheck {
    init(_ analysis: Analysis) {
        readingAge = analysis.scores?.readingAge
        meetsProfile = analysis.meetsProfile
        if analysis.meetsProfile {
            let problems = analysis.findings.count { $0.severity == .problem }
            summary = problems == 0 ? "Meets the \(analysis.profile.name.title.lowercased()) profile."
                : "Meets the \(analysis.profile.name.title.lowercased()) profile; \(problems) \(problems == 1 ? "thing" : "things") could still be clearer."
        } else {
            summary = analysis.reasons.joined(separator: " ")
        }
    }
}
