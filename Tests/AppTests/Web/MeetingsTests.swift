@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Meetings")
struct MeetingsTests {
    /// Tuesday 2 March 2027, 9am on the UK clock (GMT).
    static let now = Date(timeIntervalSince1970: 1_803_978_000)

    /// A liaison group with the forum officer as chair and the partner officer
    /// as a member, under an agreement in force with the meeting rules.
    struct Setting {
        let fixture: Fixture
        let groupID: UUID
        let chairID: UUID
        let officerID: UUID
        let nhsPersonID: UUID
    }

    static func setting(_ app: Application, cadence: Cadence = .monthly) async throws -> Setting {
        #expect(CalendarDate(now) == CalendarDate(iso8601: "2027-03-02"))
        let fixture = try await Fixture.make(on: app)
        let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison Meeting", purpose: nil, cadence: cadence), reportsToID: nil)
        try await group.create(on: app.db)
        let groupID = try group.requireID()
        let nhs = OrganisationModel(areaID: fixture.areaID, details: .init(name: "Testshire ICB", kind: .nhsCommissioner))
        try await nhs.create(on: app.db)
        let nhsPerson = PersonModel(areaID: fixture.areaID, organisationID: try nhs.requireID(),
                                    details: .init(fullName: "Nadia Hussain", jobTitle: nil, email: nil, phone: nil))
        try await nhsPerson.create(on: app.db)
        let chairID = fixture.personIDs[.forumOfficer]!, officerID = fixture.personIDs[.partnerOfficer]!
        for (person, role, decides) in [(chairID, MembershipRole.chair, true), (officerID, .member, true), (try nhsPerson.requireID(), .member, true)] {
            try await MembershipModel(groupID: groupID, personID: person, role: role, makesDecisions: decides).create(on: app.db)
        }
        let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "Partnership agreement", startsOn: CalendarDate(iso8601: "2026-01-01")!,
                                                                             endsOn: nil, reviewOn: CalendarDate(iso8601: "2028-01-01")!))
        try await agreement.create(on: app.db)
        let rules: [(String, ClauseRule)] = [
            ("4.6 a", .meetingTimeWindow(from: TimeOfDay("10:00")!, to: TimeOfDay("14:00")!)), ("4.6 d", .papersNoticeDays(7)),
            ("4.6 f", .namedContact), ("4.6 g", .refreshmentsOffered), ("6.2", .chairFrom(.parentCarerForum)), ("6.2 b", .decisionMakersAttend),
            ("4.6 e", .plainEnglishPapers), ("4.6 d2", .agendaStatesForumAsk),
        ]
        for (position, (number, rule)) in rules.enumerated() {
            try await ClauseModel(agreementID: try agreement.requireID(), position: position + 1,
                                  details: ClauseDetails(number: number, text: rule.summary, rule: rule), groupID: nil).create(on: app.db)
        }
        return Setting(fixture: fixture, groupID: groupID, chairID: chairID, officerID: officerID, nhsPersonID: try nhsPerson.requireID())
    }

    static func form(date: String = "9 3 2027", startsAt: String = "10am", endsAt: String = "12pm", venue: String = "Testshire Hub",
                     chair: UUID? = nil, contact: UUID? = nil, count: String = "1", refreshments: String = "yes") -> [String: String] {
        let parts = date.split(separator: " ").map(String.init)
        return ["date[day]": parts[0], "date[month]": parts[1], "date[year]": parts[2], "startsAt": startsAt, "endsAt": endsAt, "venue": venue,
                "onlineLink": "", "refreshments": refreshments, "chairId": chair?.uuidString ?? "", "contactId": contact?.uuidString ?? "",
                "officerId": "", "count": count]
    }

    @Test("A monthly series keeps the second Tuesday, and each meeting shows what is at risk and by when")
    func arrangeSeries() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            let page = try await browser.get("/groups/\(setting.groupID)/meetings/new")
            #expect(page.status == .ok)
            let response = try await browser.post("/groups/\(setting.groupID)/meetings/new",
                                                  Self.form(startsAt: "9:30am", chair: setting.chairID, count: "3"))
            #expect(response.status == .seeOther)
            let meetings = try await MeetingModel.query(on: app.db).sort(\.$meetsOn).all()
            #expect(meetings.map(\.meetsOn.iso8601) == ["2027-03-09", "2027-04-13", "2027-05-11"])
            #expect(Set(meetings.map(\.seriesID)).count == 1 && meetings[0].seriesID != nil)
            #expect(response.headers.first(name: .location) == "/meetings/\(try meetings[0].requireID())")

            let html = try await browser.get("/meetings/\(try meetings[0].requireID())").body.string
            #expect(html.contains("Tuesday 9 March 2027"))
            #expect(html.contains("It is set for 9:30am to midday; move it to between 10am and 2pm to keep the promise."))
            #expect(html.contains("Name someone to meet and welcome forum representatives before Tuesday 9 March 2027."))
            #expect(html.contains("Forum officer of Testshire (Testshire Parent Carer Forum) chairs the meeting."))
            #expect(html.contains("Checked from who came, once the meeting has happened."))
            #expect(html.contains("Send the agenda and papers by Tuesday 2 March 2027 to keep the 7-day promise."))

            let group = try await browser.get("/groups/\(setting.groupID)").body.string
            #expect(group.contains("Tuesday 9 March 2027, 9:30am to midday"))
            let list = try await browser.get("/meetings").body.string
            #expect(list.contains("Tuesday 13 April 2027"))
            #expect(!(try await browser.get("/meetings?when=past").body.string).contains("Tuesday 13 April 2027"))
        }
    }

    @Test("Bad input is explained at each field and nothing is saved", arguments: [
        (["endsAt": "9am"], "endsAt", "End time must be after the start time"),
        (["startsAt": "half nine"], "startsAt", "Enter the start time like 10am, 2:30pm or 14:30"),
        (["venue": ""], "venue", "Enter the venue, an online meeting link, or both"),
        (["count": "0"], "count", "Enter how many meetings to arrange, from 1 to 24"),
        (["count": "25"], "count", "Enter how many meetings to arrange, from 1 to 24"),
        (["chairId": "00000000-0000-0000-0000-000000000001"], "chairId", "Select the chair from the members of Liaison Meeting"),
        (["date[day]": "31", "date[month]": "2"], "date", "Date must be a real date"),
    ])
    func badInput(change: [String: String], field: String, message: String) async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/groups/\(setting.groupID)/meetings/new")
            let response = try await browser.post("/groups/\(setting.groupID)/meetings/new", Self.form().merging(change) { $1 })
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("href=\"#\(field)\(field == "date" ? "-day" : "")\">\(message.replacingOccurrences(of: "'", with: "&#39;"))</a>"))
            #expect(try await MeetingModel.query(on: app.db).count() == 0)
        }
    }

    @Test("A group that meets when needed arranges one meeting at a time; the clocks going forward are caught in a series")
    func seriesLimits() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app, cadence: .asNeeded)
            let store = MeetingStore(try await Self.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            var input = Self.input(count: "2")
            await #expect(throws: ValidationErrors(field: "count", message: "Liaison Meeting meets when needed, so arrange its meetings one at a time")) {
                _ = try await store.schedule(for: group, input)
            }
            group.cadence = .weekly
            try await group.save(on: app.db)
            // Weekly on Sundays at 1:30am from 21 March 2027 reaches 28 March, when 1:30am does not happen.
            input = Self.input(date: "2027-03-21", startsAt: "1:30am", endsAt: "3am", count: "3")
            await #expect(throws: ValidationErrors(field: "startsAt", message: "The clocks go forward at 1am on 28 March 2027, so 1:30am does not happen that day. Choose another time")) {
                _ = try await store.schedule(for: group, input)
            }
            #expect(try await MeetingModel.query(on: app.db).count() == 0)
        }
    }

    static func context(_ app: Application, _ setting: Setting, role: Role = .forumOfficer) async throws -> StoreContext {
        let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == setting.fixture.emails[role]!).first())
        let viewer = Viewer(accountID: try account.requireID(), personID: account.$person.id, areaID: setting.fixture.areaID, areaName: "Testshire",
                            name: "Test", email: account.email, role: role)
        return StoreContext(db: app.db, actor: viewer, now: now, channel: nil, logger: app.logger, mailFrom: "coproduce@example.org")
    }

    static func input(date: String = "2027-03-09", startsAt: String = "10am", endsAt: String = "12pm", count: String = "1") -> MeetingStore.Input {
        MeetingStore.Input(date: DateInput(CalendarDate(iso8601: date)!), startsAt: startsAt, endsAt: endsAt, venue: "Hub", onlineLink: nil,
                           refreshments: "yes", count: count)
    }

    @Test("Moving one meeting of a series moves that one only; cancelling needs a reason and ends changes")
    func moveAndCancel() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/groups/\(setting.groupID)/meetings/new")
            _ = try await browser.post("/groups/\(setting.groupID)/meetings/new", Self.form(count: "2"))
            let meetings = try await MeetingModel.query(on: app.db).sort(\.$meetsOn).all()
            let first = try meetings[0].requireID()
            _ = try await browser.get("/meetings/\(first)/edit")
            let moved = try await browser.post("/meetings/\(first)/edit", Self.form(date: "10 3 2027", startsAt: "11am", endsAt: "1pm"))
            #expect(moved.status == .seeOther)
            let after = try await MeetingModel.query(on: app.db).sort(\.$meetsOn).all()
            #expect(after.map(\.meetsOn.iso8601) == ["2027-03-10", "2027-04-13"])
            #expect(after[0].startsAt == TimeOfDay("11:00") && after[0].sequence == 1 && after[1].sequence == 0)

            _ = try await browser.get("/meetings/\(first)/cancel")
            let noReason = try await browser.post("/meetings/\(first)/cancel", ["reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Enter why the meeting is cancelled, so members know"))
            #expect(try await MeetingModel.find(first, on: app.db)?.status == .scheduled)
            let cancelled = try await browser.post("/meetings/\(first)/cancel", ["reason": "The room is flooded"])
            #expect(cancelled.status == .seeOther)
            let page = try await browser.get("/meetings/\(first)").body.string
            #expect(page.contains("This meeting was cancelled") && page.contains("The room is flooded"))
            #expect(page.contains("The meeting was cancelled."))
            #expect(!page.contains("Change this meeting"))
            #expect(try await browser.get("/meetings/\(first)/edit").status == .notFound)
            #expect(try await MeetingModel.find(after[1].requireID(), on: app.db)?.status == .scheduled)

            // Each is in the audit log with what changed, before and after.
            let log = try await AuditEventModel.query(on: app.db).filter(\.$subjectID == first).sort(\.$occurredAt).all()
            #expect(log.map(\.action) == ["create", "update", "update"])
            #expect(log[0].detail == "One of a series of 2")
            let move = log[1].changes
            #expect(move.contains(AuditChange(field: "Date", before: "9 March 2027", after: "10 March 2027")))
            #expect(move.contains(AuditChange(field: "Starts", before: "10am", after: "11am")))
            #expect(log[2].detail == "Cancelled")
            #expect(log[2].changes.contains(AuditChange(field: "Why cancelled", before: nil, after: "The room is flooded")))
        }
    }

    @Test("Who came: every member answered for, after the meeting starts; decision-makers are checked from it")
    func attendance() async throws {
        let meetingDay = Date(timeIntervalSince1970: 1_803_978_000 + 7 * 86_400 + 3 * 3600) // Tuesday 9 March 2027, noon
        try await withTestApp(now: meetingDay) { app in
            let setting = try await Self.setting(app)
            let context = try await Self.context(app, setting)
            let store = MeetingStore(StoreContext(db: app.db, actor: context.actor, now: Self.now, channel: nil, logger: app.logger, mailFrom: context.mailFrom))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            let scheduled = try await store.schedule(for: group, Self.input(date: "2027-03-16"))
            let later = try scheduled[0].requireID()
            let today = try await store.schedule(for: group, Self.input(date: "2027-03-09"))[0].requireID()

            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/meetings/\(later)/attendance")
            let early = try await browser.post("/meetings/\(later)/attendance", ["status-\(setting.chairID)": "attended"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("Record who came once the meeting has started, on Tuesday 16 March 2027 at 10am"))

            _ = try await browser.get("/meetings/\(today)/attendance")
            let partial = try await browser.post("/meetings/\(today)/attendance", [
                "status-\(setting.chairID)": "attended", "decides-\(setting.chairID)": "yes",
            ])
            #expect(partial.status == .unprocessableEntity)
            #expect(partial.body.string.contains("Not answered: Nadia Hussain, Partner officer of Testshire"))
            #expect(try await AttendanceModel.query(on: app.db).count() == 0)

            let saved = try await browser.post("/meetings/\(today)/attendance", [
                "status-\(setting.chairID)": "attended", "decides-\(setting.chairID)": "yes",
                "status-\(setting.officerID)": "attended", "decides-\(setting.officerID)": "yes",
                "status-\(setting.nhsPersonID)": "apologies", "decides-\(setting.nhsPersonID)": "yes",
                "status-\(UUID())": "attended",
            ])
            #expect(saved.status == .seeOther)
            #expect(try await AttendanceModel.query(on: app.db).count() == 3)
            let page = try await browser.get("/meetings/\(today)").body.string
            #expect(page.contains("Nobody who could make decisions came for Testshire ICB."))
            #expect(page.contains("Sent apologies"))

            // Answering again replaces the record.
            _ = try await browser.post("/meetings/\(today)/attendance", [
                "status-\(setting.chairID)": "attended", "decides-\(setting.chairID)": "yes",
                "status-\(setting.officerID)": "attended", "decides-\(setting.officerID)": "yes",
                "status-\(setting.nhsPersonID)": "attended", "decides-\(setting.nhsPersonID)": "yes",
            ])
            #expect(try await AttendanceModel.query(on: app.db).count() == 3)
            #expect(try await browser.get("/meetings/\(today)").body.string.contains("Someone who could make decisions came for each of the 3 partners."))
        }
    }

    @Test("The JSON API arranges, reads with rule results, moves, records attendance and cancels")
    func api() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let client = try await APIClient.make(app, setting.fixture, .partnerOfficer)
            let (badStatus, bad) = try await client.json(.POST, "/api/v1/groups/\(setting.groupID)/meetings",
                                                         #"{"date":"2027-03-09","startsAt":"14:00","endsAt":"10:00","venue":"Hub","refreshments":true}"#)
            #expect(badStatus == .unprocessableEntity && bad["field"] as? String == "endsAt")
            let (emptyStatus, _) = try await client.json(.POST, "/api/v1/groups/\(setting.groupID)/meetings",
                                                         #"{"date":"2027-03-09","startsAt":"10:00","endsAt":"12:00","venue":"Hub","refreshments":true,"chairId":""}"#)
            #expect(emptyStatus == .unprocessableEntity)

            let (status, created) = try await client.json(.POST, "/api/v1/groups/\(setting.groupID)/meetings",
                                                          #"{"date":"2027-03-09","startsAt":"10:00","endsAt":"12:00","venue":"Hub","refreshments":false,"chairId":"\#(setting.chairID)","count":2}"#)
            #expect(status == .created)
            let meetings = try #require(created["meetings"] as? [[String: Any]])
            #expect(meetings.compactMap { $0["date"] as? String } == ["2027-03-09", "2027-04-13"])
            let id = try #require(meetings.first?["id"] as? String)

            let (_, one) = try await client.json(.GET, "/api/v1/meetings/\(id)")
            let rules = try #require(one["rules"] as? [[String: Any]])
            let refreshments = try #require(rules.first { $0["kind"] as? String == "refreshments-offered" })
            #expect(refreshments["result"] as? String == "at-risk")
            #expect(refreshments["evidence"] as? String == "Arrange refreshments before Tuesday 9 March 2027.")
            #expect(rules.first { $0["kind"] as? String == "chair-from" }?["result"] as? String == "met")
            #expect(rules.first { $0["kind"] as? String == "papers-notice-days" }?["evidence"] as? String
                    == "Send the agenda and papers by Tuesday 2 March 2027 to keep the 7-day promise.")

            let (movedStatus, moved) = try await client.json(.PUT, "/api/v1/meetings/\(id)",
                                                             #"{"date":"2027-03-09","startsAt":"10am","endsAt":"2pm","venue":"Hub","refreshments":true}"#)
            #expect(movedStatus == .ok && moved["endsAt"] as? String == "14:00" && moved["chairId"] == nil)

            let (earlyStatus, _) = try await client.json(.PUT, "/api/v1/meetings/\(id)/attendance",
                                                         #"{"attendance":[{"personId":"\#(setting.chairID)","status":"attended","makesDecisions":true}]}"#)
            #expect(earlyStatus == .unprocessableEntity)

            let (_, list) = try await client.json(.GET, "/api/v1/meetings?when=upcoming&perPage=1")
            #expect(list["total"] as? Int == 2 && (list["items"] as? [Any])?.count == 1)
            let (whenStatus, _) = try await client.json(.GET, "/api/v1/meetings?when=tomorrow")
            #expect(whenStatus == .unprocessableEntity)

            let (cancelStatus, cancelled) = try await client.json(.POST, "/api/v1/meetings/\(id)/cancel", #"{"reason":"Room flooded"}"#)
            #expect(cancelStatus == .ok && cancelled["status"] as? String == "cancelled")
            let (againStatus, _) = try await client.json(.POST, "/api/v1/meetings/\(id)/cancel", #"{"reason":"Again"}"#)
            #expect(againStatus == .unprocessableEntity)

            let board = try await APIClient.make(app, setting.fixture, .boardViewer)
            #expect(try await board.json(.GET, "/api/v1/meetings/\(id)").0 == .ok)
            #expect(try await board.json(.POST, "/api/v1/meetings/\(id)/cancel", #"{"reason":"x"}"#).0 == .forbidden)
        }
    }

    @Test("Another area's meetings are not found, and a person's removal leaves the meeting on record")
    func areasAndRemoval() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let store = MeetingStore(try await Self.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            var input = Self.input()
            input.chairId = setting.nhsPersonID.uuidString
            let id = try await store.schedule(for: group, input)[0].requireID()

            let other = try await Fixture.make(on: app, slug: "elsewhere", name: "Elsewhere")
            let outsider = try await TestBrowser.signedIn(app, email: other.emails[.areaAdmin]!)
            #expect(try await outsider.get("/meetings/\(id)").status == .notFound)
            #expect(try await outsider.get("/meetings?group=\(setting.groupID)").status == .notFound)

            let admin = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.areaAdmin]!)
            _ = try await admin.get("/people/\(setting.nhsPersonID)/delete")
            let removed = try await admin.post("/people/\(setting.nhsPersonID)/delete", ["confirm": "yes"])
            #expect(removed.status == .seeOther)
            let meeting = try #require(try await MeetingModel.find(id, on: app.db))
            #expect(meeting.$chair.id == nil)
            #expect(try await admin.get("/meetings/\(id)").body.string.contains("No chair is named yet"))
        }
    }

    @Test("The home page points at meetings with no one named to chair or welcome, and at meetings nobody recorded")
    func attention() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let store = MeetingStore(try await Self.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            var named = Self.input(date: "2027-03-05")
            named.chairId = setting.chairID.uuidString
            named.contactId = setting.officerID.uuidString
            let fifth = try await store.schedule(for: group, named)[0]
            try await PackSendingModel(meetingID: try fifth.requireID(), sentAt: Self.now, sentBy: "Test", recipients: 1, withoutAddress: []).create(on: app.db)
            _ = try await store.schedule(for: group, Self.input(date: "2027-03-16"))
            _ = try await store.schedule(for: group, Self.input(date: "2027-03-10"))
            _ = try await store.schedule(for: group, Self.input(date: "2027-04-20"))
            _ = try await store.schedule(for: group, Self.input(date: "2027-02-23"))
            _ = try await store.schedule(for: group, Self.input(date: "2026-11-03"))

            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            let home = try await browser.get("/").body.string
            #expect(home.contains("<a href=\"/meetings?needs=people\">2 meetings in the next 2 weeks have no chair or no named contact</a>"))
            #expect(home.contains("<a href=\"/meetings?needs=attendance&amp;when=past\">1 meeting in the last 60 days needs a record of who came</a>"))
            #expect(home.contains("<a href=\"/meetings?needs=pack\">2 meetings in the next 2 weeks have not had the agenda and papers sent</a>"))
            let unsent = try await browser.get("/meetings?needs=pack").body.string
            #expect(unsent.contains("Tuesday 16 March 2027") && unsent.contains("Wednesday 10 March 2027") && !unsent.contains("Friday 5 March 2027"))
            let people = try await browser.get("/meetings?needs=people").body.string
            #expect(people.contains("Tuesday 16 March 2027") && people.contains("Wednesday 10 March 2027"))
            // 17 March is the fifteenth day from today, outside the two weeks.
            _ = try await store.schedule(for: group, Self.input(date: "2027-03-17"))
            #expect(!people.contains("Friday 5 March 2027") && !people.contains("20 April 2027"))
            #expect(!(try await browser.get("/meetings?needs=people").body.string).contains("17 March 2027"))
            let unrecorded = try await browser.get("/meetings?needs=attendance&when=past").body.string
            #expect(unrecorded.contains("Tuesday 23 February 2027") && unrecorded.contains("Held: who came not recorded"))
            #expect(!unrecorded.contains("3 November 2026"))
            // A board member reads the meetings but is not asked to fix them.
            let board = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.boardViewer]!)
            #expect(!(try await board.get("/").body.string).contains("needs a record of who came"))
        }
    }

    @Test("Calendar files: one meeting's, and a private address that works without a sign-in until it is renewed or stopped")
    func calendars() async throws {
        try await withTestApp(now: Self.now) { app in
            let setting = try await Self.setting(app)
            let store = MeetingStore(try await Self.context(app, setting))
            let group = try await GroupModel.find(setting.groupID, on: app.db)!
            // 11 May 2027 is in British Summer Time; the file still says 10am, in London.
            let meeting = try await store.schedule(for: group, Self.input(date: "2027-05-11"))[0]
            let id = try meeting.requireID()
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            let file = try await browser.get("/meetings/\(id)/calendar")
            #expect(file.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            #expect(file.body.string.contains("DTSTART;TZID=Europe/London:20270511T100000\r\n"))
            #expect(file.body.string.contains("UID:\(id.uuidString.lowercased())@coproduce\r\n"))

            #expect(try await browser.get("/account/calendar").body.string.contains("You have not made a calendar address yet."))
            let made = try await browser.post("/account/calendar").body.string
            let address = try #require(made.range(of: #"http://127\.0\.0\.1:8080(/calendar/[A-Za-z0-9_-]+\.ics)"#, options: .regularExpression).map { String(made[$0]) })
            let path = String(address.dropFirst("http://127.0.0.1:8080".count))
            let anonymous = TestBrowser(app: app)
            let feed = try await anonymous.get(path)
            #expect(feed.status == .ok && feed.body.string.contains("UID:\(id.uuidString.lowercased())@coproduce"))
            #expect(feed.body.string.contains("SEQUENCE:0"))

            try await store.cancel(try await store.find(id), reason: "Room flooded")
            let afterCancelling = try await anonymous.get(path).body.string
            #expect(afterCancelling.contains("STATUS:CANCELLED") && afterCancelling.contains("SEQUENCE:1"))

            _ = try await browser.get("/account/calendar")
            let renewed = try await browser.post("/account/calendar").body.string
            #expect(try await anonymous.get(path).status == .notFound)
            let newPath = try #require(renewed.range(of: #"/calendar/[A-Za-z0-9_-]+\.ics"#, options: .regularExpression).map { String(renewed[$0]) })
            #expect(try await anonymous.get(newPath).status == .ok)
            _ = try await browser.post("/account/calendar/stop")
            #expect(try await anonymous.get(newPath).status == .notFound)
            #expect(try await anonymous.get("/calendar/x.ics").status == .notFound)
        }
    }
}
