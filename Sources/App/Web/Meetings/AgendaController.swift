import Domain
import Foundation
import PlainEnglish
import Vapor

/// A meeting's agenda: proposing and deciding items, papers with their plain
/// English checks and versions, the printable pack, and sending it.
struct AgendaController {
    /// A Word file with pictures can be large; the text in it is what is checked.
    static let maximumUpload: ByteCount = "20mb"

    // MARK: - Items

    struct ItemForm: Content {
        var title: String?
        var purpose: String?
        var forumAsk: String?
        var minutes: String?
        var leadId: String?

        var input: AgendaStore.ItemInput { .init(title: title, purpose: purpose, forumAsk: forumAsk, minutes: minutes, leadId: leadId) }
    }

    func newItem(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        return try await renderItemForm(req, meeting: meeting, form: ItemForm(), errors: ValidationErrors(), editing: nil)
    }

    func createItem(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let form = try req.content.decode(ItemForm.self)
        do {
            let item = try await AgendaStore(try req.store).propose(for: meeting, form.input)
            let banner = item.status == .accepted ? "\(item.title) added to the agenda" : "\(item.title) proposed. The organisers will decide whether it goes on the agenda"
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#agenda", banner: banner)
        } catch let errors as ValidationErrors {
            return try await renderItemForm(req, meeting: meeting, form: form, errors: errors, editing: nil)
        }
    }

    func editItem(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let item = try await AgendaStore(try req.store).item(req.id("itemID"), of: meeting)
        let form = ItemForm(title: item.title, purpose: item.purpose.rawValue, forumAsk: item.forumAsk, minutes: item.minutes.map(String.init),
                            leadId: item.$lead.id?.uuidString)
        return try await renderItemForm(req, meeting: meeting, form: form, errors: ValidationErrors(), editing: item)
    }

    func updateItem(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let form = try req.content.decode(ItemForm.self)
        do {
            try await store.update(item, of: meeting, with: form.input)
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#agenda", banner: "\(item.title) changed")
        } catch let errors as ValidationErrors {
            return try await renderItemForm(req, meeting: meeting, form: form, errors: errors, editing: item)
        }
    }

    private func renderItemForm(_ req: Request, meeting: MeetingModel, form: ItemForm, errors: ValidationErrors, editing: AgendaItemModel?) async throws -> Response {
        let members = try await GroupStore(try req.store).memberships(of: meeting.group)
        let meetingID = try meeting.recordID
        let fields: [FormField] = [
            .text("title", "Title", value: form.title, errors: errors),
            .choice("purpose", "What is the item for?", options: AgendaItemPurpose.allCases.map { ($0.rawValue, $0.label) },
                    selected: [form.purpose ?? ""], errors: errors),
            .text("forumAsk", "What is the forum asked to bring?", value: form.forumAsk, errors: errors,
                  hint: "For example: tell us what families say about waiting times. The agreement asks every agenda to say this.", kind: .textarea),
            .text("minutes", "Time needed, in minutes", value: form.minutes, errors: errors, hint: "Leave it blank if you are not sure", kind: .number, width: "3"),
            .choice("leadId", "Who leads it?", kind: .select,
                    options: [("", "Not decided yet")] + members.map { ($0.$person.id.uuidString, $0.person.fullName) },
                    selected: [form.leadId ?? ""], errors: errors),
        ]
        let caption = "\(meeting.group.name), \(meeting.meetsOn.longForm)"
        if let editing {
            return try await req.renderForm(title: "Change an agenda item", caption: caption,
                                            action: Paths.editAgendaItem(meeting: meetingID, item: try editing.recordID), submitLabel: "Save changes",
                                            cancelPath: Paths.meeting(meetingID), fields: fields, errors: errors)
        }
        let organiser = try req.viewer.can(.manageMeetings)
        return try await req.renderForm(title: organiser ? "Add an agenda item" : "Propose an agenda item", caption: caption,
                                        intro: organiser ? nil : "The meeting's organisers decide which items go on the agenda.",
                                        action: Paths.newAgendaItem(meetingID), submitLabel: organiser ? "Add item" : "Propose item",
                                        cancelPath: Paths.meeting(meetingID), fields: fields, errors: errors)
    }

    struct DecisionForm: Content {
        var decision: String?
        var direction: String?
    }

    func decide(req: Request) async throws -> Response {
        // A cancelled meeting's items can still be put off to the next meeting.
        let meeting = try await req.meeting()
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let form = try req.content.decode(DecisionForm.self)
        let back = Paths.meeting(try meeting.recordID) + "#agenda"
        do {
            let movedTo = try await store.decide(item, of: meeting, form.decision)
            let banner = switch item.status {
            case .accepted: "\(item.title) is on the agenda"
            case .withdrawn: "\(item.title) withdrawn"
            case .merged: "\(item.title) merged"
            default: "\(item.title) put off to the meeting on \(movedTo?.meetsOn.longForm ?? "")"
            }
            return req.redirect(to: back, banner: banner)
        } catch let errors as ValidationErrors {
            return req.page(req.layout(title: "The item was not changed"), status: .unprocessableEntity,
                            CommonPages.notDone(heading: "The item was not changed", message: errors.errors.first?.message ?? "",
                                                backPath: back, backLabel: "Back to the meeting"))
        }
    }

    struct MergeForm: Content {
        var into: String?
    }

    func confirmMerge(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let item = try await AgendaStore(try req.store).item(req.id("itemID"), of: meeting)
        return try await renderMerge(req, meeting: meeting, item: item, chosen: nil, errors: ValidationErrors())
    }

    func merge(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let form = try req.content.decode(MergeForm.self)
        do {
            let target = try await store.merge(item, of: meeting, into: form.into)
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#agenda",
                                banner: "\(item.title) merged into \(target.title). Change \(target.title) if its title or time should say more")
        } catch let errors as ValidationErrors {
            return try await renderMerge(req, meeting: meeting, item: item, chosen: form.into, errors: errors)
        }
    }

    private func renderMerge(_ req: Request, meeting: MeetingModel, item: AgendaItemModel, chosen: String?, errors: ValidationErrors) async throws -> Response {
        let meetingID = try meeting.recordID
        let targets = try await AgendaStore(try req.store).mergeTargets(for: item, of: meeting)
        guard !targets.isEmpty else {
            return req.page(req.layout(title: "Nothing to merge into"), status: errors.isEmpty ? .ok : .unprocessableEntity,
                            CommonPages.notDone(heading: "Nothing to merge into", message: "The meeting has no other item proposed or on the agenda to merge \(item.title) into.",
                                                backPath: Paths.meeting(meetingID) + "#agenda", backLabel: "Back to the meeting"))
        }
        let fields: [FormField] = [
            .choice("into", "Which item should \(item.title) join?", options: try targets.map { (try $0.requireID().uuidString, $0.title) },
                    selected: [chosen ?? ""], errors: errors,
                    optionHints: Dictionary(uniqueKeysWithValues: try targets.map { (try $0.requireID().uuidString, "\($0.status.label). \($0.about)") })),
        ]
        return try await req.renderForm(
            title: "Merge \(item.title) into another item", caption: "\(meeting.group.name), \(meeting.meetsOn.longForm)",
            intro: "The item you choose takes its papers. \(item.title) stays listed as merged, so whoever proposed it can see where it went.",
            action: Paths.mergeAgendaItem(meeting: meetingID, item: try item.recordID), submitLabel: "Merge items",
            cancelPath: Paths.meeting(meetingID) + "#agenda", fields: fields, errors: errors)
    }

    func move(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let form = try req.content.decode(DecisionForm.self)
        let back = Paths.meeting(try meeting.recordID) + "#agenda"
        do {
            try await store.move(item, of: meeting, form.direction)
        } catch let errors as ValidationErrors {
            return req.page(req.layout(title: "The item was not moved"), status: .unprocessableEntity,
                            CommonPages.notDone(heading: "The item was not moved", message: errors.errors.first?.message ?? "",
                                                backPath: back, backLabel: "Back to the meeting"))
        }
        return req.redirect(to: back, banner: "\(item.title) moved \(form.direction == "up" ? "up" : "down")")
    }

    // MARK: - Papers

    struct PaperForm: Content {
        var title: String?
        var document: File?
    }

    func newPaper(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let item = try await AgendaStore(try req.store).item(req.id("itemID"), of: meeting)
        return try await renderPaperForm(req, meeting: meeting, item: item, paper: nil, title: nil, errors: ValidationErrors())
    }

    func createPaper(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let work = req.application.documentWork
        let form = try await work.run { try req.content.decode(PaperForm.self) }
        do {
            var errors = ValidationErrors()
            if TextInput.clean(form.title).isEmpty { errors.add(field: "title", message: "Enter the paper's title") }
            var upload: AgendaStore.ReadPaper?
            do { upload = try await store.read(file: form.document.map { ($0.filename, Data(buffer: $0.data)) }, work: work) }
            catch let found as ValidationErrors { errors.add(field: "document", message: found.errors.first?.message ?? "") }
            try errors.throwIfAny()
            let paper = try await store.addPaper(to: item, of: meeting, title: form.title, upload: upload!)
            return req.redirect(to: Paths.paper(meeting: try meeting.recordID, paper: try paper.recordID), banner: "Paper added and checked")
        } catch let errors as ValidationErrors {
            return try await renderPaperForm(req, meeting: meeting, item: item, paper: nil, title: form.title, errors: errors)
        }
    }

    func newVersion(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let paper = try await store.paper(req.id("paperID"), of: meeting)
        return try await renderPaperForm(req, meeting: meeting, item: paper.item, paper: paper, title: nil, errors: ValidationErrors())
    }

    func createVersion(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let paper = try await store.paper(req.id("paperID"), of: meeting)
        let work = req.application.documentWork
        let form = try await work.run { try req.content.decode(PaperForm.self) }
        do {
            let upload = try await store.read(file: form.document.map { ($0.filename, Data(buffer: $0.data)) }, work: work)
            let version = try await store.replace(paper, of: meeting, upload: upload)
            let sent = try await store.sendings(of: meeting).isEmpty == false
            return req.redirect(to: Paths.paper(meeting: try meeting.recordID, paper: try paper.recordID),
                                banner: "Version \(version) uploaded and checked" + (sent ? ". Send the agenda and papers again so members have it" : ""))
        } catch let errors as ValidationErrors {
            return try await renderPaperForm(req, meeting: meeting, item: paper.item, paper: paper, title: nil, errors: errors)
        }
    }

    private func renderPaperForm(_ req: Request, meeting: MeetingModel, item: AgendaItemModel, paper: PaperModel?, title: String?,
                                 errors: ValidationErrors) async throws -> Response {
        var file = FormField.text("document", paper == nil ? "File" : "New version", value: nil, errors: errors,
                                  hint: "A Word file (.docx), PDF, web page (.html), Markdown (.md) or text file (.txt), up to 20 MB. It is checked for plain English with your area's settings.",
                                  kind: .file)
        file.accept = PlainEnglishController.acceptedFiles
        let meetingID = try meeting.recordID
        if let paper {
            let paperID = try paper.recordID
            return try await req.renderForm(title: "Upload a new version of \(paper.title)", caption: item.title,
                                            intro: "Earlier versions are kept. Members get the new version when the agenda and papers are next sent.",
                                            action: Paths.replacePaper(meeting: meetingID, paper: paperID), submitLabel: "Upload and check",
                                            cancelPath: Paths.paper(meeting: meetingID, paper: paperID), fields: [file], errors: errors, multipart: true)
        }
        return try await req.renderForm(title: "Add a paper", caption: item.title,
                                        action: Paths.newPaper(meeting: meetingID, item: try item.recordID), submitLabel: "Upload and check",
                                        cancelPath: Paths.meeting(meetingID),
                                        fields: [.text("title", "Title", value: title, errors: errors), file], errors: errors, multipart: true)
    }

    struct VersionRow {
        let version: Int
        let fileName: String
        let size: String
        let uploaded: String
        let sent: String
        let check: Tag
        let summary: String
        let href: String
    }

    struct PaperPage {
        let layout: PageLayout
        let title: String
        let meetingName: String
        let meetingHref: String
        let itemTitle: String
        let current: VersionRow
        let earlier: [VersionRow]
        let checkHref: String
        let replaceHref: String?
    }

    func showPaper(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let store = AgendaStore(try req.store)
        guard let paper = try await store.lookUpPaper(req.id("paperID"), of: meeting) else { return try await relocated(req, store: store) }
        let meetingID = try meeting.recordID, paperID = try paper.recordID
        let rows = try await store.versions(of: paper).map { version in
            VersionRow(version: version.version, fileName: version.fileName, size: Self.size(version.byteCount),
                       uploaded: "\(UKDateTime(version.uploadedAt).longForm) by \(version.uploadedBy)",
                       sent: version.firstSentAt.map { UKDateTime($0).longForm } ?? "Not sent yet",
                       check: Self.checkTag(meetsProfile: version.meetsProfile, readingAge: version.readingAge), summary: version.checkSummary,
                       href: Paths.paperFile(meeting: meetingID, paper: paperID, version: version.version))
        }
        guard let current = rows.first else { throw Abort(.notFound) }
        return req.page(PaperPage(
            layout: req.layout(title: paper.title), title: paper.title, meetingName: "\(meeting.group.name), \(meeting.meetsOn.longForm)",
            meetingHref: Paths.meeting(meetingID), itemTitle: paper.item.title, current: current, earlier: Array(rows.dropFirst()),
            checkHref: Paths.paperCheck(meeting: meetingID, paper: paperID),
            replaceHref: try req.viewer.can(.manageMeetings) && meeting.status == .scheduled ? Paths.replacePaper(meeting: meetingID, paper: paperID) : nil))
    }

    /// The full plain English check of the current version, as the checker shows it.
    func checkPaper(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let store = AgendaStore(try req.store)
        let paper = try await store.paper(req.id("paperID"), of: meeting)
        guard let current = try await store.versions(of: paper).first else { throw Abort(.notFound) }
        let settings = try await PlainEnglishSettingsStore(try req.store).settings()
        let work = req.application.documentWork
        let layout = req.layout(title: "Plain English check: \(paper.title)")
        let text = current.text
        let back = Paths.paper(meeting: try meeting.recordID, paper: try paper.recordID)
        let page = try await work.run {
            let document = Document(plainText: text)
            return PlainEnglishResultPage(layout: layout, source: "\(paper.title), version \(current.version)",
                                          analysis: PlainEnglishChecker(settings: settings).check(document, profile: settings.defaultProfile),
                                          document: document, checkAgainPath: back)
        }
        let html = try await work.run { Layout.page(page.layout, page.body) }
        return Response(html: html)
    }

    /// The file as uploaded, always as a download: a paper is never shown as a page of this site.
    func download(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let store = AgendaStore(try req.store)
        guard let paper = try await store.lookUpPaper(req.id("paperID"), of: meeting) else { return try await relocated(req, store: store) }
        guard let raw = req.parameters.get("version"), let number = Int(raw), number > 0 else { throw Abort(.notFound) }
        let (version, data) = try await store.file(of: paper, version: number)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .binary
        response.headers.replaceOrAdd(name: .contentDisposition, value: Self.attachment(version.fileName))
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }

    /// A paper whose item was put off to a later meeting moved with it: links already e-mailed lead there.
    private func relocated(_ req: Request, store: AgendaStore) async throws -> Response {
        guard let paper = try await store.paperAnywhere(req.id("paperID")) else { throw Abort(.notFound) }
        var path = Paths.paper(meeting: paper.$meeting.recordID, paper: try paper.recordID)
        if let version = req.parameters.get("version") { path += "/versions/" + (version.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        return req.redirect(to: path, redirectType: .normal)
    }

    /// `attachment; filename="..."` with a plain fallback and the real name in UTF-8 (RFC 6266).
    static func attachment(_ fileName: String) -> String {
        let fallback = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar.value != 0x7F ? Character(scalar) : "_"
        })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? "paper"
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : bytes < 1_048_576 ? "\(bytes / 1024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    static func checkTag(meetsProfile: Bool, readingAge: Int?) -> Tag {
        let age = readingAge.map { ", reading age \($0)" } ?? ""
        return meetsProfile ? Tag(tagLabel: "Plain English\(age)", tagColour: .green) : Tag(tagLabel: "Hard to read\(age)", tagColour: .red)
    }

    // MARK: - The pack

    struct PackItem {
        let number: Int
        let title: String
        let about: String
        let forumAsk: String?
        let papers: [(title: String, text: String)]
    }

    struct PackPage {
        let layout: PageLayout
        let groupName: String
        let when: String
        let place: String
        let onlineLink: String?
        let chair: String?
        let contact: String?
        let items: [PackItem]
        /// The complaints due, described without their details.
        let complaints: [String]
        let meetingHref: String
    }

    /// The agenda, then every paper's text: one page to print.
    func pack(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let store = AgendaStore(try req.store)
        let items = try await store.items(of: meeting).filter { $0.status == .accepted }
        let itemIDs = Set(items.compactMap(\.id))
        let papers = try await store.papers(of: meeting).filter { itemIDs.contains($0.paper.$item.id) }
        let texts = try await store.texts(of: papers)
        let packItems = items.enumerated().map { index, item in
            PackItem(number: index + 1, title: item.title, about: item.about, forumAsk: item.forumAsk,
                            papers: papers.filter { $0.paper.$item.id == item.id }.map { ($0.paper.title, texts[$0.paper.id!] ?? "") })
        }
        let complaints = try await PartnerStore(try req.store).complaintsDue(at: meeting)?.map(\.described) ?? []
        let layout = req.layout(title: "Agenda and papers: \(meeting.group.name), \(meeting.meetsOn.longForm)")
        let page = PackPage(layout: layout, groupName: meeting.group.name, when: meeting.when, place: meeting.venue ?? "Online only",
                            onlineLink: meeting.onlineLink, chair: meeting.chair?.fullName, contact: meeting.contact?.fullName, items: packItems,
                            complaints: complaints, meetingHref: Paths.meeting(try meeting.recordID))
        let html = try await req.application.documentWork.run { Layout.page(page.layout, page.body) }
        return Response(html: html)
    }

    struct SendForm: Content {}

    func confirmSend(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        return try await renderSend(req, meeting: meeting, errors: ValidationErrors())
    }

    func send(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        do {
            let sending = try await AgendaStore(try req.store).sendPack(for: meeting, siteAddress: req.application.appConfig.siteAddress)
            var banner = "Agenda and papers sent to \(sending.recipients) \(sending.recipients == 1 ? "member" : "members")"
            if !sending.withoutAddress.isEmpty { banner += ". No e-mail address for \(sending.withoutAddress.joined(separator: ", ")): send them a copy yourself" }
            return req.redirect(to: Paths.meeting(try meeting.recordID) + "#agenda", banner: banner)
        } catch let errors as ValidationErrors {
            return try await renderSend(req, meeting: meeting, errors: errors)
        }
    }

    private func renderSend(_ req: Request, meeting: MeetingModel, errors: ValidationErrors) async throws -> Response {
        let store = AgendaStore(try req.store)
        let (with, without) = try await store.recipients(of: meeting)
        let sendings = try await store.sendings(of: meeting)
        let meetingID = try meeting.recordID
        // Whether a forum member has an address on record is the forum's to know (clause 5.6): others see numbers.
        let seesContacts = try req.viewer.can(.viewPersonalData)
        var paragraphs = [with.isEmpty ? "No member of \(meeting.group.name) has an e-mail address Coproduce can send to."
            : "Each member with an e-mail address gets the agenda by e-mail, with links to the papers. The links need a sign-in. "
              + (seesContacts ? "It goes to: \(with.map(\.fullName).joined(separator: ", "))." : "It goes to \(with.count) \(with.count == 1 ? "member" : "members").")]
        if !without.isEmpty {
            paragraphs.append(seesContacts ? "There is no usable e-mail address for \(without.map(\.fullName).joined(separator: ", ")). Send them a copy yourself."
                : "\(without.count) \(without.count == 1 ? "member has" : "members have") no usable e-mail address. The forum can send them a copy.")
        }
        if let last = sendings.last {
            paragraphs.append("It was last sent on \(UKDateTime(last.sentAt).longForm). Sending it again includes any paper added or changed since.")
        }
        let layout = req.layout(title: "Send the agenda and papers", hasErrors: !errors.isEmpty)
        return req.page(layout, status: errors.isEmpty ? .ok : .unprocessableEntity, CommonPages.confirm(
            layout: layout, caption: "\(meeting.group.name), \(meeting.when)", heading: "Send the agenda and papers", paragraphs: paragraphs,
            problem: errors.errors.first?.message, action: Paths.sendAgendaPack(meetingID), button: "Send now", cancelPath: Paths.meeting(meetingID)))
    }

    // MARK: -

}
