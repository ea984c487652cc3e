@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Agendas, papers and the pack")
struct AgendaTests {
    static let plainPaper = Data("""
        What families told us

        We asked families about short breaks. Most said they help. Many did not know what is on offer.
        """.utf8)

    static let jargonPaper = Data("""
        Highlight report

        The WSOA workstreams have been re-baselined and the programme board has agreed that the graduated approach will be embedded across all educational settings through a holistic multi-agency offer co-ordinated by the SENCO network with input from key stakeholders including the ICB, the DCO and the LA.
        """.utf8)

    /// A meeting on Tuesday 9 March 2027 at 10am, arranged on 2 March (the last day to keep the 7-day promise).
    static func meeting(_ app: Application) async throws -> (MeetingsTests.Setting, UUID) {
        let setting = try await MeetingsTests.setting(app)
        let store = MeetingStore(try await MeetingsTests.context(app, setting))
        let group = try await GroupModel.find(setting.groupID, on: app.db)!
        var input = MeetingsTests.input()
        input.chairId = setting.chairID.uuidString
        input.contactId = setting.officerID.uuidString
        let meeting = try await store.schedule(for: group, input)[0]
        return (setting, try meeting.requireID())
    }

    @Test("A forum representative proposes; the organiser puts it on the agenda, adds papers, and the checks follow")
    func proposeAcceptAndPapers() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let representative = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumRepresentative]!)
            _ = try await representative.get("/meetings/\(meetingID)/items/new")
            let empty = try await representative.post("/meetings/\(meetingID)/items/new", ["title": " ", "purpose": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Enter the item&#39;s title"))
            let proposed = try await representative.post("/meetings/\(meetingID)/items/new", [
                "title": "Waiting times for speech and language therapy", "purpose": "discussion", "forumAsk": "", "minutes": "20",
            ])
            #expect(proposed.status == .seeOther)
            let item = try #require(try await AgendaItemModel.query(on: app.db).first())
            #expect(item.status == .proposed && item.proposedBy == "Forum representative of Testshire")
            // The representative cannot decide.
            #expect(try await representative.post("/meetings/\(meetingID)/items/\(item.requireID())/decision", ["decision": "accept"]).status == .forbidden)

            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            let page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Proposed items") && page.contains("Waiting times for speech and language therapy"))
            #expect(try await organiser.post("/meetings/\(meetingID)/items/\(item.requireID())/decision", ["decision": "accept"]).status == .seeOther)
            var agenda = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(agenda.contains("1 item does not say what the forum is asked to bring: Waiting times for speech and language therapy."))

            _ = try await organiser.get("/meetings/\(meetingID)/items/\(item.requireID())/papers/new")
            let unreadable = try await organiser.postMultipart("/meetings/\(meetingID)/items/\(item.requireID())/papers/new", ["title": "Broken"],
                                                              file: ("document", "broken.docx", Data("not a zip".utf8)))
            #expect(unreadable.status == .unprocessableEntity)
            #expect(try await PaperModel.query(on: app.db).count() == 0)
            #expect(try await PaperVersionModel.query(on: app.db).count() == 0)

            let added = try await organiser.postMultipart("/meetings/\(meetingID)/items/\(item.requireID())/papers/new", ["title": "Highlight report"],
                                                          file: ("document", "highlight.txt", Self.jargonPaper))
            #expect(added.status == .seeOther)
            let paper = try #require(try await PaperModel.query(on: app.db).first())
            let paperPage = try await organiser.get("/meetings/\(meetingID)/papers/\(paper.requireID())").body.string
            #expect(paperPage.contains("Hard to read"))
            #expect(try await organiser.get("/meetings/\(meetingID)/papers/\(paper.requireID())/check").body.string.contains("SENCO"))
            agenda = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(agenda.contains("1 of 1 paper does not meet the area&#39;s plain English profile: Highlight report."))

            // The file comes back exactly as uploaded, as a download and never as a page.
            let file = try await organiser.get("/meetings/\(meetingID)/papers/\(paper.requireID())/versions/1")
            #expect(file.status == .ok && Data(buffer: file.body) == Self.jargonPaper)
            #expect(file.headers.first(name: .contentDisposition) == "attachment; filename=\"highlight.txt\"; filename*=UTF-8''highlight.txt")
            #expect(file.headers.contentType == .binary)
            #expect(try await organiser.get("/meetings/\(meetingID)/papers/\(paper.requireID())/versions/2").status == .notFound)

            _ = try await organiser.get("/meetings/\(meetingID)/papers/\(paper.requireID())/replace")
            #expect(try await organiser.postMultipart("/meetings/\(meetingID)/papers/\(paper.requireID())/replace", [:],
                                                      file: ("document", "highlight-v2.txt", Self.plainPaper)).status == .seeOther)
            #expect(try await PaperVersionModel.query(on: app.db).count() == 2)
            agenda = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(agenda.contains("The paper meets the area&#39;s plain English profile."))
        }
    }

    @Test("Sending the pack e-mails every member with an address, marks the papers sent, and keeps the 7-day promise")
    func sendPack() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await organiser.get("/meetings/\(meetingID)/pack/send")
            let nothing = try await organiser.post("/meetings/\(meetingID)/pack/send")
            #expect(nothing.status == .unprocessableEntity)
            #expect(nothing.body.string.contains("Put at least one item on the agenda before sending it"))

            _ = try await organiser.get("/meetings/\(meetingID)/items/new")
            _ = try await organiser.post("/meetings/\(meetingID)/items/new", [
                "title": "Short breaks", "purpose": "decision", "forumAsk": "Agree what families want first", "leadId": setting.chairID.uuidString,
            ])
            let item = try #require(try await AgendaItemModel.query(on: app.db).first())
            #expect(item.status == .accepted)
            _ = try await organiser.postMultipart("/meetings/\(meetingID)/items/\(item.requireID())/papers/new", ["title": "What families told us"],
                                                  file: ("document", "families.txt", Self.plainPaper))
            let sent = try await organiser.post("/meetings/\(meetingID)/pack/send")
            #expect(sent.status == .seeOther)
            let emails = try await OutboxEmailModel.query(on: app.db).all()
            // The chair and the partner officer have addresses; Nadia Hussain has none.
            #expect(Set(emails.map(\.toAddress)) == [setting.fixture.emails[.forumOfficer]!, setting.fixture.emails[.partnerOfficer]!])
            #expect(emails.allSatisfy { $0.subject == "Agenda and papers: Liaison Meeting, Tuesday 9 March 2027" })
            let sending = try #require(try await PackSendingModel.query(on: app.db).first())
            #expect(sending.withoutAddress == ["Nadia Hussain"] && sending.recipients == 2)
            #expect(try await PaperVersionModel.query(on: app.db).all().allSatisfy { $0.firstSentAt == MeetingsTests.now })
            let page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("The agenda and papers went out 7 days before the meeting."))
            #expect(page.contains("Every item says what the forum is asked to bring."))

            let pack = try await organiser.get("/meetings/\(meetingID)/pack").body.string
            #expect(pack.contains("What families told us") && pack.contains("Most said they help."))
        }
    }

    @Test("A paper replaced after the pack went out waits to be sent, and the page says so")
    func replacedAfterSending() async throws {
        let nextDay = MeetingsTests.now.addingTimeInterval(86_400)
        try await withTestApp(now: nextDay) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let context = try await MeetingsTests.context(app, setting)
            let early = StoreContext(db: app.db, actor: context.actor, now: MeetingsTests.now, channel: nil, logger: app.logger, mailFrom: context.mailFrom)
            let meeting = try await MeetingStore(early).find(meetingID)
            let agenda = AgendaStore(early)
            let item = try await agenda.propose(for: meeting, .init(title: "Short breaks", purpose: "decision", forumAsk: "Agree", minutes: nil, leadId: nil))
            let upload = try await agenda.read(file: ("families.txt", Self.plainPaper), work: app.documentWork)
            let paper = try await agenda.addPaper(to: item, of: meeting, title: "What families told us", upload: upload)
            _ = try await agenda.sendPack(for: meeting, siteAddress: "https://coproduce.example.org")
            let emails = try await OutboxEmailModel.query(on: app.db).all()
            #expect(emails.first?.body.contains("https://coproduce.example.org/meetings/\(meetingID)/papers/\(try paper.requireID())") == true)

            // A day later, on 3 March, a new version arrives: too late for the 7-day promise until it is sent, and late when it is.
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await organiser.get("/meetings/\(meetingID)/papers/\(try paper.requireID())/replace")
            _ = try await organiser.postMultipart("/meetings/\(meetingID)/papers/\(try paper.requireID())/replace", [:],
                                                  file: ("document", "families-v2.txt", Self.plainPaper))
            var page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Not sent yet"))
            #expect(page.contains("What families told us was added after the pack went out and has not been sent."))
            _ = try await organiser.get("/meetings/\(meetingID)/pack/send")
            _ = try await organiser.post("/meetings/\(meetingID)/pack/send")
            page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("What families told us went out 6 days before the meeting; the agreement asks for 7."))
        }
    }

    @Test("An item put off goes to the group's next meeting with its papers; with no next meeting it stays")
    func deferItem() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            _ = try await organiser.get("/meetings/\(meetingID)/items/new")
            _ = try await organiser.post("/meetings/\(meetingID)/items/new", ["title": "Budget", "purpose": "information"])
            let item = try #require(try await AgendaItemModel.query(on: app.db).first())
            let nowhere = try await organiser.post("/meetings/\(meetingID)/items/\(item.requireID())/decision", ["decision": "defer"])
            #expect(nowhere.status == .unprocessableEntity)
            #expect(nowhere.body.string.contains("Arrange Liaison Meeting&#39;s next meeting first"))

            let store = MeetingStore(try await MeetingsTests.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            let next = try await store.schedule(for: group, MeetingsTests.input(date: "2027-04-13"))[0]
            #expect(try await organiser.post("/meetings/\(meetingID)/items/\(item.requireID())/decision", ["decision": "defer"]).status == .seeOther)
            let moved = try #require(try await AgendaItemModel.find(item.requireID(), on: app.db))
            #expect(moved.$meeting.id == (try next.requireID()) && moved.status == .proposed && moved.deferredFrom == CalendarDate(iso8601: "2027-03-09"))
            let left = try await AgendaItemModel.query(on: app.db).filter(\.$meeting.$id == meetingID).all()
            #expect(left.map(\.status) == [.deferred])
            #expect(try await organiser.get("/meetings/\(try next.requireID())").body.string.contains("put off from the meeting on 9 March 2027"))
        }
    }

    @Test("The API proposes, decides, uploads a paper in base64 and sends the pack")
    func api() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let client = try await APIClient.make(app, setting.fixture, .partnerOfficer)
            let (created, item) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items",
                                                        #"{"title":"Short breaks","purpose":"decision","forumAsk":"Agree","minutes":30}"#)
            #expect(created == .created && item["status"] as? String == "accepted")
            let itemID = try #require(item["id"] as? String)
            let (badPurpose, _) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items", #"{"title":"X","purpose":"gossip"}"#)
            #expect(badPurpose == .unprocessableEntity)

            let (badFile, problem) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items/\(itemID)/papers",
                                                           #"{"title":"Broken","fileName":"broken.pdf","fileContent":"bm90IGEgcGRm"}"#)
            #expect(badFile == .unprocessableEntity && problem["field"] as? String == "fileContent")
            let content = Self.plainPaper.base64EncodedString()
            let (added, paper) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items/\(itemID)/papers",
                                                       #"{"title":"What families told us","fileName":"families.txt","fileContent":"\#(content)"}"#)
            #expect(added == .created && paper["meetsPlainEnglishProfile"] as? Bool == true && paper["firstSentAt"] == nil)

            let (sentStatus, sending) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/pack")
            #expect(sentStatus == .ok && sending["recipients"] as? Int == 2 && sending["sentAt"] as? String == "2027-03-02T09:00:00Z")

            let (_, meeting) = try await client.json(.GET, "/api/v1/meetings/\(meetingID)")
            let agenda = try #require(meeting["agenda"] as? [[String: Any]])
            let papers = try #require(agenda.first?["papers"] as? [[String: Any]])
            #expect(papers.first?["firstSentAt"] as? String == "2027-03-02T09:00:00Z")
            let rules = try #require(meeting["rules"] as? [[String: Any]])
            #expect(rules.first { $0["kind"] as? String == "papers-notice-days" }?["result"] as? String == "met")

            let representative = try await APIClient.make(app, setting.fixture, .forumRepresentative)
            let (proposed, mine) = try await representative.json(.POST, "/api/v1/meetings/\(meetingID)/items", #"{"title":"Transport","purpose":"discussion"}"#)
            #expect(proposed == .created && mine["status"] as? String == "proposed")
            #expect(try await representative.json(.POST, "/api/v1/meetings/\(meetingID)/pack").0 == .forbidden)
        }
    }

    @Test("An address mail cannot go to is skipped, a proposed item's paper waits, and members who had the pack hear of a move or a cancellation")
    func packEdges() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            // Addresses the people form accepts but mail cannot carry are skipped, not a failed send.
            let nadia = try #require(try await PersonModel.find(setting.nhsPersonID, on: app.db))
            nadia.email = "siân@example.org"
            try await nadia.save(on: app.db)
            let context = try await MeetingsTests.context(app, setting)
            let meeting = try await MeetingStore(context).find(meetingID)
            let agenda = AgendaStore(context)
            let onAgenda = try await agenda.propose(for: meeting, .init(title: "Budget", purpose: "information", forumAsk: "Note it", minutes: nil, leadId: nil))
            let proposed = try await agenda.propose(for: meeting, .init(title: "Transport", purpose: "discussion", forumAsk: nil, minutes: nil, leadId: nil))
            proposed.status = .proposed
            try await proposed.save(on: app.db)
            let upload = try await agenda.read(file: ("families.txt", Self.plainPaper), work: app.documentWork)
            _ = try await agenda.addPaper(to: onAgenda, of: meeting, title: "Budget report", upload: upload)
            let waiting = try await agenda.addPaper(to: proposed, of: meeting, title: "Transport survey", upload: upload)
            let sending = try await agenda.sendPack(for: meeting, siteAddress: "https://c.example.org")
            #expect(sending.withoutAddress == ["Nadia Hussain"] && sending.recipients == 2)
            let versions = try await PaperVersionModel.query(on: app.db).all()
            #expect(versions.first { $0.$paper.id == waiting.id }?.firstSentAt == nil)
            #expect(versions.first { $0.$paper.id != waiting.id }?.firstSentAt != nil)

            // A move and then a cancellation each reach the two members who had the papers.
            var moved = MeetingsTests.input(date: "2027-03-10")
            moved.chairId = setting.chairID.uuidString
            try await MeetingStore(context).update(try await MeetingStore(context).find(meetingID), with: moved, siteAddress: "https://c.example.org")
            try await MeetingStore(context).cancel(try await MeetingStore(context).find(meetingID), reason: "Room flooded", siteAddress: "https://c.example.org")
            let subjects = try await OutboxEmailModel.query(on: app.db).all().map(\.subject)
            #expect(subjects.filter { $0 == "Changed: Liaison Meeting, now Wednesday 10 March 2027" }.count == 2)
            #expect(subjects.filter { $0 == "Cancelled: Liaison Meeting, Wednesday 10 March 2027" }.count == 2)
        }
    }

    @Test("A put-off item cannot be decided again; its papers' old links lead to where it went; papers are final once the meeting starts")
    func afterwards() async throws {
        let meetingTime = MeetingsTests.now.addingTimeInterval(7 * 86_400 + 3600) // 10am on 9 March 2027
        try await withTestApp(now: meetingTime) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let context = try await MeetingsTests.context(app, setting)
            let early = StoreContext(db: app.db, actor: context.actor, now: MeetingsTests.now, channel: nil, logger: app.logger, mailFrom: context.mailFrom)
            let meeting = try await MeetingStore(early).find(meetingID)
            let agenda = AgendaStore(early)
            let item = try await agenda.propose(for: meeting, .init(title: "Budget", purpose: "information", forumAsk: "Note it", minutes: nil, leadId: nil))
            let upload = try await agenda.read(file: ("budget.txt", Self.plainPaper), work: app.documentWork)
            let paper = try await agenda.addPaper(to: item, of: meeting, title: "Budget report", upload: upload)
            let stays = try await agenda.propose(for: meeting, .init(title: "Transport", purpose: "discussion", forumAsk: "Say", minutes: nil, leadId: nil))
            let stayingPaper = try await agenda.addPaper(to: stays, of: meeting, title: "Transport survey", upload: upload)
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            let next = try await MeetingStore(early).schedule(for: group, MeetingsTests.input(date: "2027-04-13"))[0]

            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            #expect(try await organiser.post("/meetings/\(meetingID)/items/\(item.requireID())/decision", ["decision": "defer"]).status == .seeOther)
            let note = try #require(try await AgendaItemModel.query(on: app.db).filter(\.$meeting.$id == meetingID).filter(\.$status == .deferred).first())
            #expect(note.deferredTo == CalendarDate(iso8601: "2027-04-13"))
            let again = try await organiser.post("/meetings/\(meetingID)/items/\(note.requireID())/decision", ["decision": "accept"])
            #expect(again.status == .unprocessableEntity)
            let old = try await organiser.get("/meetings/\(meetingID)/papers/\(paper.requireID())")
            let newAddress = "/meetings/\(try next.requireID())/papers/\(try paper.requireID())"
            #expect(old.status == .seeOther && old.headers.first(name: .location) == newAddress)

            // 10am on 9 March: the meeting has started, so its papers are final.
            _ = try await organiser.get("/meetings/\(meetingID)/papers/\(stayingPaper.requireID())/replace")
            let late = try await organiser.postMultipart("/meetings/\(meetingID)/papers/\(stayingPaper.requireID())/replace", [:],
                                                         file: ("document", "v2.txt", Self.plainPaper))
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("The meeting has started, so its papers are the record of what went out."))
            #expect(try await PaperVersionModel.query(on: app.db).filter(\.$paper.$id == stayingPaper.requireID()).count() == 1)
        }
    }

    @Test("Merging joins an item to another before the meeting: its papers move, it stays listed as merged; bad choices change nothing")
    func merge() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let context = try await MeetingsTests.context(app, setting)
            let meeting = try await MeetingStore(context).find(meetingID)
            let agenda = AgendaStore(context)
            let target = try await agenda.propose(for: meeting, .init(title: "Short breaks", purpose: "decision", forumAsk: "Agree", minutes: "30", leadId: nil))
            let joining = try await agenda.propose(for: meeting, .init(title: "Short breaks: holiday clubs", purpose: "discussion", forumAsk: "Say", minutes: nil, leadId: nil))
            let upload = try await agenda.read(file: ("clubs.txt", Self.plainPaper), work: app.documentWork)
            let paper = try await agenda.addPaper(to: joining, of: meeting, title: "Holiday clubs survey", upload: upload)
            let path = "/meetings/\(meetingID)/items/\(try joining.requireID())/merge"

            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            let page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("href=\"\(path)\""))
            let form = try await organiser.get(path)
            #expect(form.status == .ok && form.body.string.contains("Which item should Short breaks: holiday clubs join?"))
            // Not chosen, itself, or another meeting's item: refused, nothing moved.
            for into in ["", try joining.requireID().uuidString, UUID().uuidString] {
                let refused = try await organiser.post(path, ["into": into])
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Select the item to merge Short breaks: holiday clubs into"))
                _ = try await organiser.get(path)
            }
            #expect(try await PaperModel.find(paper.id, on: app.db)?.$item.id == joining.id)
            let representative = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumRepresentative]!)
            #expect(try await representative.post(path, ["into": try target.requireID().uuidString]).status == .forbidden)

            let merged = try await organiser.post(path, ["into": try target.requireID().uuidString])
            #expect(merged.status == .seeOther)
            let after = try #require(try await AgendaItemModel.find(joining.id, on: app.db))
            #expect(after.status == .merged && after.$mergedInto.id == target.id)
            #expect(try await PaperModel.find(paper.id, on: app.db)?.$item.id == target.id)
            let shown = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(shown.contains("Short breaks: holiday clubs: Merged into Short breaks"))
            // Merged once is final; with one item left there is nothing to merge into.
            _ = try await organiser.get(path)
            #expect(try await organiser.post(path, ["into": try target.requireID().uuidString]).status == .unprocessableEntity)
            let nothing = try await organiser.get("/meetings/\(meetingID)/items/\(try target.requireID())/merge")
            #expect(nothing.body.string.contains("Nothing to merge into"))

            // The API merges too, and answers the merged item.
            let third = try await agenda.propose(for: meeting, .init(title: "Transport", purpose: "discussion", forumAsk: nil, minutes: nil, leadId: nil))
            let client = try await APIClient.make(app, setting.fixture, .partnerOfficer)
            let (bad, problem) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items/\(try third.requireID())/merge", #"{"into":"nonsense"}"#)
            #expect(bad == .unprocessableEntity && problem["field"] as? String == "into")
            let (ok, item) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items/\(try third.requireID())/merge",
                                                   #"{"into":"\#(try target.requireID().uuidString)"}"#)
            #expect(ok == .ok && item["status"] as? String == "merged" && item["mergedIntoId"] as? String == target.id?.uuidString)
        }
    }

    @Test("Once a meeting has started, its agenda shows no controls that would rewrite it; an untaken proposal can still move on")
    func pastControls() async throws {
        let meetingTime = MeetingsTests.now.addingTimeInterval(7 * 86_400 + 3600)
        try await withTestApp(now: meetingTime) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            let context = try await MeetingsTests.context(app, setting)
            let early = StoreContext(db: app.db, actor: context.actor, now: MeetingsTests.now, channel: nil, logger: app.logger, mailFrom: context.mailFrom)
            let meeting = try await MeetingStore(early).find(meetingID)
            let agenda = AgendaStore(early)
            let organiserItem = try await agenda.propose(for: meeting, .init(title: "Budget", purpose: "information", forumAsk: "Note it", minutes: nil, leadId: nil))
            organiserItem.status = .accepted
            try await organiserItem.save(on: app.db)
            _ = try await agenda.propose(for: meeting, .init(title: "Transport", purpose: "discussion", forumAsk: "Say", minutes: nil, leadId: nil))
            _ = try await AgendaItemModel.query(on: app.db).filter(\.$title == "Transport").set(\.$status, to: .proposed).update()
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            let page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(!page.contains(">Change<span class=\"visually-hidden\">: Budget"))
            #expect(!page.contains("Add a paper<span class=\"visually-hidden\"> to Budget"))
            #expect(!page.contains("Merge<span"))
            #expect(page.contains("Put off to the next meeting<span class=\"visually-hidden\">: Transport"))
            // The pages' missing controls are refused by the server too.
            let budget = "/meetings/\(meetingID)/items/\(try organiserItem.requireID())"
            _ = try await organiser.get(budget + "/edit")
            let changed = try await organiser.post(budget + "/edit", ["title": "Budget, rewritten", "purpose": "information", "forumAsk": "Note it"])
            #expect(changed.status == .unprocessableEntity && changed.body.string.contains("The meeting has started, so its agenda is the record of what was discussed"))
            _ = try await organiser.get("/meetings/\(meetingID)")
            #expect(try await organiser.post(budget + "/move", ["direction": "down"]).status == .unprocessableEntity)
            _ = try await organiser.get("/meetings/\(meetingID)")
            let transport = try #require(try await AgendaItemModel.query(on: app.db).filter(\.$title == "Transport").first())
            #expect(try await organiser.post("/meetings/\(meetingID)/items/\(try transport.requireID())/decision", ["decision": "accept"]).status == .unprocessableEntity)
            #expect(try await AgendaItemModel.find(organiserItem.id, on: app.db)?.title == "Budget")
        }
    }

    @Test("Each area has a share of space for papers: an upload past it is refused with a clear message and nothing saved")
    func storageShare() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.meeting(app)
            app.appConfig.paperStorageLimit = Self.plainPaper.count + 100
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await organiser.get("/meetings/\(meetingID)/items/new")
            _ = try await organiser.post("/meetings/\(meetingID)/items/new", ["title": "Short breaks", "purpose": "decision", "forumAsk": "Agree"])
            let item = try #require(try await AgendaItemModel.query(on: app.db).first())
            let path = "/meetings/\(meetingID)/items/\(try item.requireID())/papers/new"
            _ = try await organiser.get(path)
            #expect(try await organiser.postMultipart(path, ["title": "First"], file: ("document", "first.txt", Self.plainPaper)).status == .seeOther)
            _ = try await organiser.get(path)
            let refused = try await organiser.postMultipart(path, ["title": "Second"], file: ("document", "second.txt", Self.plainPaper))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("This area has used its 0 MB of space for papers, so the paper was not saved."))
            #expect(try await PaperModel.query(on: app.db).count() == 1)
            #expect(try await PaperVersionModel.query(on: app.db).count() == 1)
        }
    }
}
