import Domain
import Fluent
import OpenAPIKit
import Vapor

// A meeting's agenda in the JSON API: items, papers and sending the pack.

extension API {
    struct AgendaItem: Content {
        let id: UUID
        let title: String
        let purpose: String
        let forumAsk: String?
        let minutes: Int?
        let leadId: UUID?
        let status: String
        let deferredFrom: String?
        let mergedIntoId: UUID?
        let papers: [Paper]
    }

    struct Paper: Content {
        let id: UUID
        let title: String
        let version: Int
        let fileName: String
        let readingAge: Int?
        let meetsPlainEnglishProfile: Bool
        let checkSummary: String
        /// ISO 8601 with its offset, like 2027-03-02T09:15:00Z.
        let firstSentAt: String?
    }

    struct AgendaItemInput: Content {
        var title: String?
        var purpose: String?
        var forumAsk: String?
        var minutes: Int?
        var leadId: String?

        func storeInput() throws -> AgendaStore.ItemInput {
            try API.refuseEmpty([("leadId", leadId, "a person's id")])
            return .init(title: title, purpose: purpose, forumAsk: forumAsk, minutes: minutes.map(String.init), leadId: leadId)
        }
    }

    struct AgendaDecision: Content {
        var decision: String?
    }

    struct AgendaMerge: Content {
        var into: String?
    }

    struct PaperUpload: Content {
        var title: String?
        var fileName: String?
        var fileContent: String?
    }

    struct PackSending: Content {
        let sentAt: String
        let recipients: Int
        let withoutAddress: [String]
    }
}

struct AgendaAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "AgendaItem": .object(properties: [
            "id": .string(format: .uuid),
            "title": .string,
            "purpose": oneOf(AgendaItemPurpose.self),
            "forumAsk": optionalString("What the forum is asked to bring"),
            "minutes": .integer(required: false, nullable: true),
            "leadId": optionalString(format: .uuid),
            "status": oneOf(AgendaItemStatus.self),
            "deferredFrom": optionalString("The date of the meeting it was put off from", format: .date),
            "mergedIntoId": optionalString("The item it was merged into, which took its papers", format: .uuid),
            "papers": .array(items: .reference(.component(named: "Paper"))),
        ]),
        "Paper": .object(properties: [
            "id": .string(format: .uuid),
            "title": .string,
            "version": .integer(description: "The current version"),
            "fileName": .string,
            "readingAge": .integer(required: false, nullable: true),
            "meetsPlainEnglishProfile": .boolean(description: "Whether it meets the area's usual plain English profile"),
            "checkSummary": .string,
            "firstSentAt": .string(format: .dateTime, required: false, nullable: true, description: "When this version first went out; null until it has"),
        ]),
        "AgendaItemInput": .object(properties: [
            "title": .string(maxLength: 200),
            "purpose": oneOf(AgendaItemPurpose.self),
            "forumAsk": optionalString("What the forum is asked to bring"),
            "minutes": .integer(required: false, nullable: true, minimum: (1, exclusive: false)),
            "leadId": optionalString("A member of the group", format: .uuid),
        ]),
        "AgendaDecision": .object(properties: [
            "decision": .string(allowedValues: AgendaStore.Decision.allCases.map { AnyCodable($0.rawValue) }),
        ]),
        "AgendaMerge": .object(properties: [
            "into": .string(format: .uuid, description: "Another item of the same meeting, proposed or on the agenda"),
        ]),
        "PaperUpload": .object(properties: [
            "title": .string(required: false, nullable: true, description: "Needed for a new paper; not used for a new version", maxLength: 200),
            "fileName": .string(description: "Its extension says the kind: .txt, .md, .html, .docx or .pdf"),
            "fileContent": .string(description: "The file in base64, up to 20 MB before encoding"),
        ]),
        "PackSending": .object(properties: [
            "sentAt": .string(format: .dateTime),
            "recipients": .integer,
            "withoutAddress": .array(items: .string),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = AgendaAPI()
        let manage = RouteAccess.requires(.manageMeetings)
        return [
            APIOperation("proposeAgendaItem", .POST, Paths.API.agendaItems, .requires(.proposeAgendaItems), tag: "Meetings",
                         summary: "Propose an item; an organiser's item goes straight on the agenda", body: "AgendaItemInput",
                         reply: .created("AgendaItem"), handler: api.propose),
            APIOperation("updateAgendaItem", .PUT, Paths.API.agendaItem, manage, tag: "Meetings",
                         summary: "Replace an item's details", body: "AgendaItemInput", reply: .one("AgendaItem"), handler: api.update),
            APIOperation("decideAgendaItem", .POST, Paths.API.agendaItemDecision, manage, tag: "Meetings",
                         summary: "Put an item on the agenda, put it off to the group's next meeting, or withdraw it",
                         body: "AgendaDecision", reply: .one("AgendaItem"), handler: api.decide),
            APIOperation("mergeAgendaItem", .POST, Paths.API.mergeAgendaItem, manage, tag: "Meetings",
                         summary: "Merge an item into another of the same meeting before it starts; the other takes its papers. Answers the merged item",
                         body: "AgendaMerge", reply: .one("AgendaItem"), handler: api.merge),
            APIOperation("addPaper", .POST, Paths.API.itemPapers, manage, tag: "Meetings",
                         summary: "Add a paper to an item; it is read and checked for plain English", body: "PaperUpload",
                         bodyLimit: PlainEnglishAPI.maximumBody, reply: .created("Paper"), handler: api.addPaper),
            APIOperation("addPaperVersion", .POST, Paths.API.paperVersions, manage, tag: "Meetings",
                         summary: "Upload a new version of a paper; earlier versions are kept", body: "PaperUpload",
                         bodyLimit: PlainEnglishAPI.maximumBody, reply: .created("Paper"), handler: api.addVersion),
            APIOperation("sendAgendaPack", .POST, Paths.API.agendaPack, manage, tag: "Meetings",
                         summary: "E-mail the agenda and links to its papers to every member of the group; refused (422) before anything is on the agenda or once the meeting has started",
                         mayRefuse: true, reply: .one("PackSending"),
                         handler: api.sendPack),
        ]
    }

    func propose(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let input = try req.content.decode(API.AgendaItemInput.self)
        let item = try await AgendaStore(try req.store).propose(for: meeting, try input.storeInput())
        return try await .created(try await Self.item(item, meeting: meeting, req: req),
                                  at: Paths.API.agendaItem.url(try meeting.recordID, try item.recordID), for: req)
    }

    func update(req: Request) async throws -> API.AgendaItem {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let input = try req.content.decode(API.AgendaItemInput.self)
        try await store.update(item, of: meeting, with: try input.storeInput())
        return try await Self.item(item, meeting: meeting, req: req)
    }

    func decide(req: Request) async throws -> API.AgendaItem {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let input = try req.content.decode(API.AgendaDecision.self)
        let movedTo = try await store.decide(item, of: meeting, input.decision)
        return try await Self.item(item, meeting: movedTo ?? meeting, req: req)
    }

    func merge(req: Request) async throws -> API.AgendaItem {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let input = try req.content.decode(API.AgendaMerge.self)
        _ = try await store.merge(item, of: meeting, into: input.into)
        return try await Self.item(item, meeting: meeting, req: req)
    }

    func addPaper(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let item = try await store.item(req.id("itemID"), of: meeting)
        let (title, upload) = try await read(req, store: store)
        let paper = try await store.addPaper(to: item, of: meeting, title: title, upload: upload)
        return try await .created(try await Self.paper(paper, meeting: meeting, req: req),
                                  at: Paths.paper(meeting: try meeting.recordID, paper: try paper.recordID), for: req)
    }

    func addVersion(req: Request) async throws -> Response {
        let meeting = try await req.meeting(goingAhead: true)
        let store = AgendaStore(try req.store)
        let paper = try await store.paper(req.id("paperID"), of: meeting)
        let (_, upload) = try await read(req, store: store)
        _ = try await store.replace(paper, of: meeting, upload: upload)
        return try await .created(try await Self.paper(paper, meeting: meeting, req: req),
                                  at: Paths.paper(meeting: try meeting.recordID, paper: try paper.recordID), for: req)
    }

    func sendPack(req: Request) async throws -> API.PackSending {
        let meeting = try await req.meeting(goingAhead: true)
        let sending = try await AgendaStore(try req.store).sendPack(for: meeting, siteAddress: req.application.appConfig.siteAddress)
        return API.PackSending(sentAt: API.instant(sending.sentAt), recipients: sending.recipients, withoutAddress: sending.withoutAddress)
    }

    /// The upload, decoded and read on the document threads.
    private func read(_ req: Request, store: AgendaStore) async throws -> (String?, AgendaStore.ReadPaper) {
        let work = req.application.documentWork
        let input = try await work.run { try req.content.decode(API.PaperUpload.self) }
        guard let fileName = TextInput.optional(input.fileName) else {
            throw ValidationErrors(field: "fileName", message: "fileName is needed: its extension says what kind of file it is")
        }
        guard let content = input.fileContent, let data = try await work.run({ Data(base64Encoded: content, options: .ignoreUnknownCharacters) }) else {
            throw ValidationErrors(field: "fileContent", message: "fileContent must be the file in base64")
        }
        do {
            return (input.title, try await store.read(file: (fileName, data), work: work))
        } catch let errors as ValidationErrors {
            throw ValidationErrors(field: "fileContent", message: errors.errors.first?.message ?? "fileContent could not be read")
        }
    }


    static func item(_ item: AgendaItemModel, meeting: MeetingModel, req: Request) async throws -> API.AgendaItem {
        try Self.item(item, papers: try await AgendaStore(try req.store).papers(of: meeting))
    }

    /// An item with its papers, picked from the meeting's papers already read.
    static func item(_ item: AgendaItemModel, papers: [AgendaStore.PaperSummary]) throws -> API.AgendaItem {
        API.AgendaItem(id: try item.requireID(), title: item.title, purpose: item.purpose.rawValue, forumAsk: item.forumAsk,
                           minutes: item.minutes, leadId: item.$lead.id, status: item.status.rawValue, deferredFrom: item.deferredFrom?.iso8601,
                           mergedIntoId: item.$mergedInto.id, papers: try papers.filter { $0.paper.$item.id == item.id }.map(Self.paper))
    }

    static func paper(_ summary: AgendaStore.PaperSummary) throws -> API.Paper {
        API.Paper(id: try summary.paper.requireID(), title: summary.paper.title, version: summary.current.version, fileName: summary.current.fileName,
                  readingAge: summary.current.readingAge, meetsPlainEnglishProfile: summary.current.meetsProfile,
                  checkSummary: summary.current.checkSummary, firstSentAt: summary.current.firstSentAt.map(API.instant))
    }

    private static func paper(_ paper: PaperModel, meeting: MeetingModel, req: Request) async throws -> API.Paper {
        guard let summary = try await AgendaStore(try req.store).papers(of: meeting).first(where: { $0.paper.id == paper.id }) else { throw Abort(.notFound) }
        return try Self.paper(summary)
    }
}
