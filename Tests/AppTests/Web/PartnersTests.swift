@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Meetings: partners asked for items, the agenda agreed jointly, complaints and minutes on time")
struct PartnersTests {
    /// The meeting's liaison group under an agreement signed by the forum, the
    /// council and the ICB, with the rules about partners, complaints and minutes.
    static func partnership(_ app: Application) async throws -> (MeetingsTests.Setting, UUID) {
        let (setting, meetingID) = try await AgendaTests.meeting(app)
        let agreement = try #require(try await AgreementModel.query(on: app.db).first())
        let agreementID = try agreement.requireID()
        let icb = try #require(try await PersonModel.find(setting.nhsPersonID, on: app.db)).$organisation.id!
        for organisation in [setting.fixture.forumID, setting.fixture.councilID, icb] {
            try await AgreementPartnerModel(agreementID: agreementID, organisationID: organisation).create(on: app.db)
        }
        let rules: [(String, ClauseRule)] = [("6.1", .partnersAskedForItems(daysBefore: 14)), ("6.1 b", .agendaAgreedJointly),
                                             ("6.3", .complaintsDiscussed), ("6.2 c", .minutesCirculatedWithin(days: 10))]
        for (offset, (number, rule)) in rules.enumerated() {
            try await ClauseModel(agreementID: agreementID, position: 20 + offset, details: ClauseDetails(number: number, text: rule.summary, rule: rule),
                                  groupID: nil).create(on: app.db)
        }
        return (setting, meetingID)
    }

    @Test("Partners are asked for items by e-mail, the forum at its own address; one with no address is named, not asked")
    func askPartners() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.partnership(app)
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            let before = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(before.contains("Ask the partners for items"))
            // Asked on 2 March for a meeting on 9 March: the 14-day promise cannot be kept now.
            #expect(before.contains("Testshire Parent Carer Forum, Testshire Council and Testshire ICB were never asked; the agreement asks for 14 days."))
            #expect(try await organiser.get("/meetings/\(meetingID)/partners/ask").status == .ok)

            for (day, message) in [("9", "The date items are due must be before the meeting on 9 March 2027"),
                                   ("1", "The date items are due must be today or later"), ("31", "must be a real date")] {
                let refused = try await organiser.post("/meetings/\(meetingID)/partners/ask", ["itemsDueOn[day]": day, "itemsDueOn[month]": day == "31" ? "2" : "3",
                                                                                            "itemsDueOn[year]": "2027"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(message))
            }
            #expect(try await AgendaPartnerModel.query(on: app.db).count() == 0)
            #expect(try await OutboxEmailModel.query(on: app.db).count() == 0)

            let asked = try await organiser.post("/meetings/\(meetingID)/partners/ask", ["itemsDueOn[day]": "5", "itemsDueOn[month]": "3", "itemsDueOn[year]": "2027"])
            #expect(asked.status == .seeOther)
            let emails = try await OutboxEmailModel.query(on: app.db).all()
            // The forum through its own address, the council through its member of the group; the ICB has no address at all.
            #expect(Set(emails.map(\.toAddress)) == ["forum@testshire.example.org", "partner-officer@testshire.example.org"])
            #expect(emails.allSatisfy { $0.subject == "Agenda items wanted by Friday 5 March 2027: Liaison Meeting, Tuesday 9 March 2027" })
            let rows = try await AgendaPartnerModel.query(on: app.db).all()
            #expect(rows.count == 2 && rows.allSatisfy { $0.itemsDueOn == CalendarDate(iso8601: "2027-03-05") && $0.askedAt != nil })

            let page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Testshire ICB was never asked"))
            #expect(page.contains("Testshire Council was asked 7 days before"))
            // Asking again reaches nobody new.
            let again = try await organiser.post("/meetings/\(meetingID)/partners/ask", ["itemsDueOn[day]": "5", "itemsDueOn[month]": "3", "itemsDueOn[year]": "2027"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("No partner still to ask has an e-mail address"))
            #expect(try await OutboxEmailModel.query(on: app.db).count() == 2)

            // A representative may not ask.
            let representative = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumRepresentative]!)
            #expect(try await representative.post("/meetings/\(meetingID)/partners/ask", ["itemsDueOn[day]": "5", "itemsDueOn[month]": "3",
                                                                                        "itemsDueOn[year]": "2027"]).status == .forbidden)
        }
    }

    @Test("Each partner agrees the agenda as it stands; a change asks them again; members agree only for their own organisation")
    func agreeAgenda() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.partnership(app)
            let context = try await MeetingsTests.context(app, setting, role: .partnerOfficer)
            let meeting = try #require(try await MeetingModel.query(on: app.db).filter(\.$id == meetingID).with(\.$group).first())
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            let council = setting.fixture.councilID.uuidString, forum = setting.fixture.forumID.uuidString

            let empty = try await organiser.post("/meetings/\(meetingID)/partners/agree", ["organisationId": council])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Nothing is on the agenda yet"))
            let item = try await AgendaStore(context).propose(for: meeting, .init(title: "Short breaks", purpose: "decision", forumAsk: "Say what families want",
                                                                                  minutes: "30", leadId: nil))
            #expect(try await organiser.post("/meetings/\(meetingID)/partners/agree", ["organisationId": council]).status == .seeOther)
            #expect(try await organiser.post("/meetings/\(meetingID)/partners/agree", ["organisationId": UUID().uuidString]).status == .unprocessableEntity)

            // A forum representative on the group agrees for the forum, and only for the forum.
            try await MembershipModel(groupID: setting.groupID, personID: setting.fixture.personIDs[.forumRepresentative]!, role: .member,
                                      makesDecisions: false).create(on: app.db)
            let representative = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumRepresentative]!)
            #expect(try await representative.post("/meetings/\(meetingID)/partners/agree", ["organisationId": council]).status == .forbidden)
            let representativePage = try await representative.get("/meetings/\(meetingID)").body.string
            #expect(representativePage.contains("Agree the agenda<span class=\"visually-hidden\"> for Testshire Parent Carer Forum"))
            #expect(!representativePage.contains("for Testshire ICB</span>"))
            let agreed = try await representative.post("/meetings/\(meetingID)/partners/agree", ["organisationId": forum])
            #expect(agreed.status == .seeOther, "\(agreed.status) \(agreed.body.string.suffix(2000))")
            let rows = try await AgendaPartnerModel.query(on: app.db).all()
            #expect(rows.count == 2)
            #expect(rows.first { $0.$organisation.id == setting.fixture.councilID }?.agreedBy == "Partner officer of Testshire")

            var page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Waiting for Testshire ICB to agree the final agenda before Tuesday 9 March 2027."))

            // Changing what an item is for changes the agenda: those who agreed are asked again.
            try await AgendaStore(context).update(item, of: meeting, with: .init(title: "Short breaks", purpose: "discussion", forumAsk: "Say what families want",
                                                                                  minutes: "30", leadId: nil))
            page = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Agreed an earlier agenda"))
            #expect(page.contains("Testshire Parent Carer Forum (who agreed it before it changed)"))
        }
    }

    @Test("Open complaints about the partners wait on partnership agendas until the minutes record them as discussed")
    func complaints() async throws {
        try await withTestApp(now: MinutesTests.dayAfter) { app in
            let (setting, meetingID) = try await Self.partnership(app)
            func complaint(_ received: String, about organisation: UUID, _ summary: String, _ status: ComplaintStatus) async throws -> UUID {
                let model = ComplaintModel(areaID: setting.fixture.areaID, aboutOrganisationID: organisation,
                                           details: .init(receivedOn: CalendarDate(iso8601: received)!, summary: summary, status: status))
                try await model.create(on: app.db)
                return try model.requireID()
            }
            let waiting = try await complaint("2027-03-01", about: setting.fixture.councilID, "Annual review went ahead without the family", .beingInvestigated)
            _ = try await complaint("2027-02-01", about: setting.fixture.councilID, "Closed long ago", .closed)
            _ = try await complaint("2027-03-09", about: setting.fixture.councilID, "Received on the meeting day", .received)
            let outsider = OrganisationModel(areaID: setting.fixture.areaID, details: .init(name: "Testshire Buses", kind: .other))
            try await outsider.create(on: app.db)
            _ = try await complaint("2027-03-01", about: try outsider.requireID(), "Not about a partner", .received)

            let officer = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            var page = try await officer.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Complaints to discuss"))
            #expect(page.contains("Received 1 March 2027, about Testshire Council</a>: Annual review went ahead without the family"))
            #expect(page.contains("Received 9 March 2027, about Testshire Council"))
            #expect(!page.contains("Closed long ago") && !page.contains("Not about a partner"))
            #expect(page.contains("The minutes do not yet record 2 of 2 open complaints as discussed"))

            let form = try await officer.get("/meetings/\(meetingID)/minutes").body.string
            #expect(form.contains("Complaints discussed at this meeting") && form.contains("name=\"complaintsListed\""))
            #expect(try await officer.post("/meetings/\(meetingID)/minutes", ["text": "We talked.", "complaintsListed": "yes"],
                                           list: [("complaintsDiscussed[]", waiting.uuidString), ("complaintsDiscussed[]", UUID().uuidString)]).status == .seeOther)
            #expect(try await ComplaintDiscussionModel.query(on: app.db).count() == 1)
            #expect(try await ComplaintModel.find(waiting, on: app.db)?.discussedThrough == CalendarDate(iso8601: "2027-03-09"))
            page = try await officer.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("(discussed at this meeting)"))
            #expect(page.contains("The minutes do not yet record 1 of 2 open complaints as discussed: Received 9 March 2027, about Testshire Council."))

            // The next meeting lists only the one not discussed.
            let store = MeetingStore(try await MeetingsTests.context(app, setting))
            var input = MeetingsTests.input(date: "2027-04-13")
            input.chairId = setting.chairID.uuidString
            let next = try await store.schedule(for: try #require(try await GroupModel.find(setting.groupID, on: app.db)), input)[0]
            let nextPage = try await officer.get("/meetings/\(next.requireID())").body.string
            #expect(nextPage.contains("Received 9 March 2027, about Testshire Council") && !nextPage.contains("Annual review went ahead"))

            // Unticking every box takes the record away again.
            #expect(try await officer.post("/meetings/\(meetingID)/minutes", ["text": "We talked.", "complaintsListed": "yes"]).status == .seeOther)
            #expect(try await ComplaintDiscussionModel.query(on: app.db).count() == 0)
            #expect(try await ComplaintModel.find(waiting, on: app.db)?.discussedThrough == nil)

            // A board viewer sees that complaints wait, not what they say.
            let board = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.boardViewer]!)
            let boardPage = try await board.get("/meetings/\(meetingID)").body.string
            #expect(boardPage.contains("Received 1 March 2027, about Testshire Council") && !boardPage.contains("Annual review went ahead"))
        }
    }

    @Test("The minutes rule counts from when they first went out, not from a corrected copy")
    func minutesOnTime() async throws {
        try await withTestApp(now: MinutesTests.dayAfter) { app in
            let (setting, meetingID) = try await Self.partnership(app)
            let officer = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            var page = try await officer.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("Send the minutes by Friday 19 March 2027 to keep the 10-day promise."))
            #expect(try await officer.post("/meetings/\(meetingID)/minutes", ["text": "We talked."]).status == .seeOther)
            #expect(try await officer.post("/meetings/\(meetingID)/minutes/circulate").status == .seeOther)
            let first = try #require(try await MinutesModel.query(on: app.db).first()?.firstCirculatedAt)
            page = try await officer.get("/meetings/\(meetingID)").body.string
            #expect(page.contains("The minutes went out 1 day after the meeting."))
            // A correction makes them a draft again; sending again keeps the first date.
            #expect(try await officer.post("/meetings/\(meetingID)/minutes", ["text": "We talked about short breaks."]).status == .seeOther)
            #expect(try await officer.post("/meetings/\(meetingID)/minutes/circulate").status == .seeOther)
            #expect(try await MinutesModel.query(on: app.db).first()?.firstCirculatedAt == first)
        }
    }

    @Test("The API asks the partners, records agreement, and shows the partners and the complaints due")
    func api() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.partnership(app)
            let client = try await APIClient.make(app, setting.fixture, .partnerOfficer)
            let (late, refused) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/partners/ask", #"{"itemsDueOn":"2027-03-09"}"#)
            #expect(late == .unprocessableEntity && "\(refused)".contains("itemsDueOn"))
            let (asked, request) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/partners/ask", #"{"itemsDueOn":"2027-03-05"}"#)
            #expect(asked == .ok && request["withoutAddress"] as? [String] == ["Testshire ICB"])
            #expect((request["asked"] as? [String])?.count == 2)

            let council = setting.fixture.councilID.uuidString
            let (nothing, _) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/partners/\(council)/agreement")
            #expect(nothing == .unprocessableEntity)
            _ = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/items", #"{"title":"Short breaks","purpose":"decision","forumAsk":"Say what families want"}"#)
            let (agreed, partner) = try await client.json(.POST, "/api/v1/meetings/\(meetingID)/partners/\(council)/agreement")
            #expect(agreed == .ok && partner["agreement"] as? String == "agreed" && partner["itemsDueOn"] as? String == "2027-03-05")

            let (_, meeting) = try await client.json(.GET, "/api/v1/meetings/\(meetingID)")
            let partners = try #require(meeting["partners"] as? [[String: Any]])
            #expect(partners.map { $0["name"] as? String } == ["Testshire Parent Carer Forum", "Testshire Council", "Testshire ICB"])
            #expect(partners.map { $0["agreement"] as? String } == ["not-answered", "agreed", "not-answered"])
            #expect((meeting["complaints"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("The forum hears at its own address: the pack goes there too, which keeps the 'through the forum's address' promise")
    func forumAddress() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await Self.partnership(app)
            let agreement = try #require(try await AgreementModel.query(on: app.db).first())
            try await ClauseModel(agreementID: try agreement.requireID(), position: 40,
                                  details: ClauseDetails(number: "4.6 b", text: "Meetings are arranged through the forum's own e-mail address.",
                                                         rule: .communicationThroughForumAddress), groupID: nil).create(on: app.db)
            let organiser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            let before = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(before.contains("Nothing about the meeting has gone to Testshire Parent Carer Forum&#39;s own address yet"))

            _ = try await organiser.get("/meetings/\(meetingID)/items/new")
            _ = try await organiser.post("/meetings/\(meetingID)/items/new", ["title": "Short breaks", "purpose": "decision", "forumAsk": "Agree"])
            #expect(try await organiser.post("/meetings/\(meetingID)/pack/send").status == .seeOther)
            let toForum = try await OutboxEmailModel.query(on: app.db).filter(\.$toAddress == "forum@testshire.example.org").all()
            #expect(toForum.count == 1 && toForum.first?.subject.hasPrefix("Agenda and papers") == true)
            #expect(try await PackSendingModel.query(on: app.db).first()?.forumAddress == "forum@testshire.example.org")
            let after = try await organiser.get("/meetings/\(meetingID)").body.string
            #expect(after.contains("The meeting is arranged through Testshire Parent Carer Forum&#39;s own address, first written to on 2 March 2027."))
        }
    }
}
