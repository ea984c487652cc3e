@testable import App
import Domain
import Fluent
import Foundation
import OpenAPIKit
import Testing
import Vapor
import VaporTesting

@Suite("Engagement: activities on the ladder, the profile, settings and services")
struct EngagementTests {
    /// A sound activity's form, linked to the fixture's forum and council and to a meeting.
    static func form(_ setting: MeetingsTests.Setting, meetingID: UUID, change: (inout [String: String]) -> Void = { _ in })
        -> (fields: [String: String], list: [(String, String)]) {
        var fields = [
            "title": "Short breaks review workshop", "startsOn[day]": "1", "startsOn[month]": "2", "startsOn[year]": "2027",
            "endsOn[day]": "", "endsOn[month]": "", "endsOn[year]": "", "serviceId": "", "method": "workshop",
            "plannedRung": "co-design", "achievedRung": "consultation", "parentCarers": "14", "childrenAndYoungPeople": "3", "professionals": "5",
            "participantsSaid": "More weekend sessions.", "whatChanged": "", "toldOn[day]": "", "toldOn[month]": "", "toldOn[year]": "", "howTold": "",
        ]
        change(&fields)
        let list = [("organisationIds[]", setting.fixture.forumID.uuidString), ("organisationIds[]", setting.fixture.councilID.uuidString),
                    ("groupIds[]", setting.groupID.uuidString), ("meetingIds[]", meetingID.uuidString),
                    ("reached[]", "fathers"), ("reached[]", "rural")]
        return (fields, list)
    }

    static func counts(_ app: Application) async throws -> [Int] {
        [try await EngagementActivityModel.query(on: app.db).count(), try await ActivityOrganisationModel.query(on: app.db).count(),
         try await ActivityGroupModel.query(on: app.db).count(), try await ActivityMeetingModel.query(on: app.db).count(),
         try await ActivityReachModel.query(on: app.db).count()]
    }

    @Test("A forum representative records an activity; its page, the list and the meeting's page show it")
    func recordThroughTheForm() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumRepresentative]!)
            let newPage = try await browser.get("/engagement/new?meeting=\(meetingID.uuidString)")
            #expect(newPage.status == .ok)
            // Started from the meeting: its date, group and the meeting itself are chosen already.
            #expect(newPage.body.string.contains("value=\"\(meetingID.uuidString)\" checked"))
            #expect(newPage.body.string.contains("name=\"startsOn[day]\" type=\"text\" inputmode=\"numeric\" value=\"9\""))

            let (fields, list) = Self.form(setting, meetingID: meetingID)
            let created = try await browser.post("/engagement/new", fields, list: list)
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            let activity = try #require(try await EngagementActivityModel.query(on: app.db).with(\.$plannedRung).with(\.$achievedRung).first())
            #expect(location == "/engagement/\(try activity.requireID().uuidString)")
            #expect(activity.plannedRung.key == "co-design" && activity.achievedRung?.key == "consultation")
            #expect(activity.reportingYear == 2026 && activity.finishedOn == CalendarDate(iso8601: "2027-02-01"))
            #expect(try await Self.counts(app) == [1, 2, 1, 1, 2])

            let page = try await browser.get(location).body.string
            #expect(page.contains("Short breaks review workshop"))
            #expect(page.contains("<strong>Co-design</strong>: People who use services take part in making the decisions."))
            #expect(page.contains("It fell short of the rung planned."))
            #expect(page.contains("Fathers and male carers; Families in rural areas"))
            // It ended on 1 February; with the usual 30 days, participants are due to hear by 3 March.
            #expect(page.contains("Due by 3 March 2027"))

            let meetingPage = try await browser.get("/meetings/\(meetingID.uuidString)").body.string
            #expect(meetingPage.contains("<a href=\"\(location)\">Short breaks review workshop</a>: reached consultation"))
            #expect(try await browser.get("/engagement").body.string.contains("Short breaks review workshop"))
        }
    }

    @Test("Bad entries come back with their messages and nothing is saved, including a record of another area")
    func badEntries() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let other = try await Fixture.make(on: app, slug: "elsewhere", name: "Elsewhere")
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/engagement/new")
            var (fields, list) = Self.form(setting, meetingID: meetingID) {
                $0["plannedRung"] = "participation"   // a rung of the four steps, not of this area's ladder
                $0["parentCarers"] = "-3"
                $0["toldOn[day]"] = "1"; $0["toldOn[month]"] = "2"; $0["toldOn[year]"] = "2027"
            }
            let response = try await browser.post("/engagement/new", fields, list: list)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("The rung planned must be one on the Ladder of participation (7 rungs)"))
            #expect(html.contains("Parent carers must be a whole number from 0 to 1,000,000"))
            #expect(html.contains("Say what changed before recording that participants were told"))
            #expect(html.contains("Say how participants were told what changed"))
            // What was typed is kept.
            #expect(html.contains("value=\"Short breaks review workshop\""))
            #expect(try await Self.counts(app) == [0, 0, 0, 0, 0])

            // An organisation of another area is refused as if it were not there.
            (fields, list) = Self.form(setting, meetingID: meetingID)
            list.append(("organisationIds[]", other.forumID.uuidString))
            let foreign = try await browser.post("/engagement/new", fields, list: list)
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.body.string.contains("Select organisations from the list"))
            // No organisation at all.
            let none = try await browser.post("/engagement/new", fields, list: [])
            #expect(none.body.string.contains("Select at least one organisation involved"))
            #expect(try await Self.counts(app) == [0, 0, 0, 0, 0])

            // A board member reads but cannot record.
            let board = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.boardViewer]!)
            #expect(try await board.get("/engagement").status == .ok)
            #expect(try await board.get("/engagement/new").status == .forbidden)
        }
    }

    @Test("The API records, reads, lists with filters and replaces activities, refusing a rung off the ladder")
    func api() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let client = try await APIClient.make(app, setting.fixture, .partnerOfficer)
            let (ladderStatus, ladder) = try await client.json(.GET, "/api/v1/engagement/ladder")
            #expect(ladderStatus == .ok && ladder["key"] as? String == "participation-7" && ladder["daysToTell"] as? Int == 30)
            #expect((ladder["rungs"] as? [[String: Any]])?.map { $0["key"] as? String } == LadderDefinition.sevenRungs.rungs.map(\.key))

            let (serviceStatus, service) = try await client.json(.POST, "/api/v1/services", #"{"name": "Short breaks", "kind": "service"}"#)
            #expect(serviceStatus == .created)
            let serviceID = try #require(service["id"] as? String)
            let body = """
            {"title": "Holiday survey", "startsOn": "2026-11-01", "endsOn": "2026-11-30", "serviceId": "\(serviceID)", "method": "survey",
             "organisationIds": ["\(setting.fixture.forumID)"], "groupIds": ["\(setting.groupID)"], "meetingIds": ["\(meetingID)"],
             "plannedRung": "engagement", "achievedRung": "engagement", "parentCarers": 80, "childrenAndYoungPeople": 10, "professionals": 0,
             "reached": ["low-income"], "participantsSaid": "Cost matters.", "whatChanged": "Cheaper sessions.", "toldOn": "2027-01-10", "howTold": "Newsletter"}
            """
            let (status, created) = try await client.json(.POST, "/api/v1/engagement/activities", body)
            #expect(status == .created, "\(created)")
            let id = try #require(created["id"] as? String)
            #expect(created["reportingYear"] as? String == "2026-27" && created["told"] as? String == "told" && created["ladder"] as? String == "participation-7")
            // Every key the schema names is sent when every field is filled.
            let schema = Set(APIDocument.schemas[OpenAPI.ComponentKey(rawValue: "EngagementActivity")!]?.objectContext?.properties.keys ?? [])
            #expect(Set(created.keys) == schema)

            let (_, listed) = try await client.json(.GET, "/api/v1/engagement/activities?year=2026-27&serviceId=\(serviceID)")
            #expect(listed["total"] as? Int == 1)
            let (_, none) = try await client.json(.GET, "/api/v1/engagement/activities?year=2025-26")
            #expect(none["total"] as? Int == 0)
            let (badFilter, problem) = try await client.json(.GET, "/api/v1/engagement/activities?year=next&told=maybe")
            #expect(badFilter == .unprocessableEntity && (problem["errors"] as? [[String: Any]])?.count == 2)

            let (_, profile) = try await client.json(.GET, "/api/v1/engagement/ladder/profile")
            #expect(profile["activities"] as? Int == 1 && profile["reachedPlan"] as? Int == 1 && profile["someInfluence"] as? Int == 1)

            // A rung of another ladder, an empty rung and a negative count are each refused, and nothing changes.
            let offLadder = body.replacingOccurrences(of: #""achievedRung": "engagement""#, with: #""achievedRung": "participation""#)
            let (refused, message) = try await client.json(.PUT, "/api/v1/engagement/activities/\(id)", offLadder)
            #expect(refused == .unprocessableEntity && message["field"] as? String == "achievedRung")
            let empty = body.replacingOccurrences(of: #""achievedRung": "engagement""#, with: #""achievedRung": """#)
            #expect(try await client.json(.PUT, "/api/v1/engagement/activities/\(id)", empty).0 == .unprocessableEntity)
            let negative = body.replacingOccurrences(of: #""parentCarers": 80"#, with: #""parentCarers": -1"#)
            #expect(try await client.json(.PUT, "/api/v1/engagement/activities/\(id)", negative).0 == .unprocessableEntity)
            let (_, unchanged) = try await client.json(.GET, "/api/v1/engagement/activities/\(id)")
            #expect(unchanged["achievedRung"] as? String == "engagement")

            // Replacing drops the links not sent again.
            let replaced = body.replacingOccurrences(of: #""meetingIds": ["\#(meetingID)"]"#, with: #""meetingIds": []"#)
            let (updated, after) = try await client.json(.PUT, "/api/v1/engagement/activities/\(id)", replaced)
            #expect(updated == .ok && (after["meetingIds"] as? [String])?.isEmpty == true)
            #expect(try await ActivityMeetingModel.query(on: app.db).count() == 0)

            // A board member's token reads but cannot write.
            let board = try await APIClient.make(app, setting.fixture, .boardViewer)
            #expect(try await board.send(.POST, "/api/v1/engagement/activities", json: body).status == .forbidden)
        }
    }

    @Test("Moving to the four steps: new activities use them, old ones keep their rungs, and the profile maps both")
    func changingLadder() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/engagement/new")
            let (fields, list) = Self.form(setting, meetingID: meetingID) { $0["achievedRung"] = "co-design" }
            #expect(try await browser.post("/engagement/new", fields, list: list).status == .seeOther)
            let old = try #require(try await EngagementActivityModel.query(on: app.db).first())

            _ = try await browser.get("/engagement/settings")
            let badSettings = try await browser.post("/engagement/settings", ["ladder": "made-up", "daysToTell": "0"])
            #expect(badSettings.status == .unprocessableEntity)
            #expect(badSettings.body.string.contains("Days to tell participants must be a whole number from 1 to 365"))
            #expect(try await browser.post("/engagement/settings", ["ladder": "four-steps", "daysToTell": "21"]).status == .seeOther)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$subjectType == "engagement-settings").all()
            #expect(audit.count == 1 && audit[0].detail == "Ladder: Four steps to co-production; tell participants within 21 days")

            // A new activity is on the four steps now: "co-design" is no longer a rung.
            _ = try await browser.get("/engagement/new")
            let refused = try await browser.post("/engagement/new", fields, list: list)
            #expect(refused.body.string.contains("The rung planned must be one on the Four steps to co-production"))
            let (fourFields, _) = Self.form(setting, meetingID: meetingID) { $0["plannedRung"] = "co-production"; $0["achievedRung"] = "participation" }
            #expect(try await browser.post("/engagement/new", fourFields, list: list).status == .seeOther)

            // The old activity's form still offers its own ladder's rungs, and it saves on them.
            let oldID = try old.requireID().uuidString
            let editPage = try await browser.get("/engagement/\(oldID)/edit").body.string
            #expect(editPage.contains("value=\"co-design\""))
            #expect(try await browser.post("/engagement/\(oldID)/edit", fields, list: list).status == .seeOther)

            // On the four steps the old co-design counts as participation, yet it still shares decisions on the standard ladder;
            // the new participation only influences them.
            let context = try await MeetingsTests.context(app, setting)
            let profile = try await EngagementStore(context).profile(EngagementFilter())
            #expect(profile.ladder.key == "four-steps")
            #expect(profile.rows.map(\.achieved) == [0, 0, 2, 0])
            #expect(profile.rows.map(\.planned) == [0, 0, 1, 1])
            #expect(profile.sharedDecisions == 1 && profile.someInfluence == 1)
            #expect(profile.reachedPlan == 1 && profile.fellShort == 1)
        }
    }

    @Test("The ladder profile page and its CSV files; participants not told show on the list and the home page")
    func profileAndNotTold() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/engagement/new")
            // Ended on 10 January 2027: by 2 March, 30 days have passed without telling anyone.
            let (fields, list) = Self.form(setting, meetingID: meetingID) { $0["startsOn[day]"] = "10"; $0["startsOn[month]"] = "1" }
            #expect(try await browser.post("/engagement/new", fields, list: list).status == .seeOther)

            let page = try await browser.get("/engagement/ladder")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("1 activity. Of the 1 whose rung reached is known, 0% reached a rung where families share the decisions"))
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("1 activity ended without the participants being told what changed"))

            let csv = try await browser.get("/engagement/ladder.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            let text = csv.body.string
            #expect(text.hasPrefix("\u{FEFF}Rung,What it means,Activities planned at this rung,Activities that reached this rung\r\n"))
            #expect(text.contains("Co-design,People who use services take part in making the decisions.,1,0\r\n"))
            #expect(text.contains("Consultation,People can give their views but may have no power to change anything.,0,1\r\n"))
            let byOrganisation = try await browser.get("/engagement/ladder.csv?by=organisation").body.string
            #expect(byOrganisation.contains("Testshire Parent Carer Forum,1,0,0,0,1,0,0,0,0,0,0,1,0\r\n"))
            #expect(try await browser.get("/engagement/ladder.csv?by=colour").status == .badRequest)

            let export = try await browser.get("/engagement.csv?told=no").body.string
            #expect(export.hasPrefix("\u{FEFF}Activity,Started,Ended,Year,"))
            #expect(export.contains("Short breaks review workshop,2027-01-10,,2026-27,,Workshop,Ladder of participation (7 rungs),Co-design,Consultation,14,3,5,Families in rural areas; Fathers and male carers,,,,\"Not told, due 2027-02-09\"\r\n"))
            let notTold = try await browser.get("/engagement?told=no").body.string
            #expect(notTold.contains("Activities whose participants were not told what changed"))
            #expect(notTold.contains("Not told"))
            let home = try await browser.get("/").body.string
            #expect(home.contains("1 engagement activity has ended without the participants being told what changed"))
        }
    }

    @Test("Services: added once per name, each with its own profile; an organisation involved in activities cannot be deleted")
    func services() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.partnerOfficer]!)
            _ = try await browser.get("/services/new")
            let added = try await browser.post("/services/new", ["name": "Short breaks", "kind": "service", "leadOrganisationId": setting.fixture.councilID.uuidString])
            #expect(added.status == .seeOther)
            let again = try await browser.post("/services/new", ["name": "short BREAKS", "kind": "service"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("There is already a service or project called short BREAKS"))
            let service = try #require(try await ServiceModel.query(on: app.db).first())

            _ = try await browser.get("/engagement/new")
            let (fields, list) = Self.form(setting, meetingID: meetingID) { $0["serviceId"] = try! service.requireID().uuidString }
            #expect(try await browser.post("/engagement/new", fields, list: list).status == .seeOther)
            let page = try await browser.get("/services/\(try service.requireID().uuidString)").body.string
            #expect(page.contains("1 activity."))
            #expect(page.contains("Short breaks review workshop"))

            let blockers = try await OrganisationStore(try await MeetingsTests.context(app, setting, role: .areaAdmin))
                .deletionBlockers(try #require(try await OrganisationModel.find(setting.fixture.councilID, on: app.db)))
            #expect(blockers.contains("it was involved in 1 engagement activity"))
        }
    }

    @Test("The activities spreadsheet holds every activity the filters pick, past a page of 200")
    func exportEveryActivity() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let (setting, meetingID) = try await AgendaTests.meeting(app)
            let browser = try await TestBrowser.signedIn(app, email: setting.fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/engagement/new")
            let (fields, list) = Self.form(setting, meetingID: meetingID)
            #expect(try await browser.post("/engagement/new", fields, list: list).status == .seeOther)
            // 249 more like it, straight into the database, spread over two years.
            let first = try #require(try await EngagementActivityModel.query(on: app.db).first())
            for number in 1..<250 {
                let copy = EngagementActivityModel(areaID: setting.fixture.areaID, ladderID: first.$ladder.id)
                copy.title = "Activity \(number)"
                copy.startsOn = CalendarDate(iso8601: "2026-01-01")!.adding(days: number)
                copy.finishedOn = copy.startsOn
                copy.reportingYear = ReportingYear(containing: copy.startsOn).startYear
                copy.method = .survey
                copy.$plannedRung.id = first.$plannedRung.id
                copy.parentCarers = 1
                copy.childrenAndYoungPeople = 0
                copy.professionals = 0
                try await copy.create(on: app.db)
            }
            let all = try await browser.get("/engagement.csv").body.string
            #expect(all.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 251)
            let oneYear = try await browser.get("/engagement.csv?year=2025-26").body.string
            #expect(oneYear.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 89)
        }
    }

    @Test("A form or an address with thousands of parts is refused before it is parsed, even before sign-in")
    func tooManyFields() async throws {
        try await withTestApp { app in
            let browser = TestBrowser(app: app)
            _ = try await browser.get("/sign-in")
            let junk = (0..<3000).map { ("j[k\($0)]", "x") }
            let started = Date()
            let signIn = try await browser.post("/sign-in", ["email": "a@example.org", "password": "x"], list: junk)
            // Refused at once: the anti-forgery check cannot read its token from such a form, so it is a 403.
            #expect(signIn.status == .forbidden)
            // Not a speed target: a loose bound that only a parse of every part (held a core for a minute) would break,
            // loose enough for a busy machine running the suites side by side.
            #expect(Date().timeIntervalSince(started) < 10)
            #expect(throws: Abort.self) {
                try FieldLimit.check(Array(repeating: UInt8(ascii: "&"), count: FieldLimit.formFields), maximum: FieldLimit.formFields, what: "This form")
            }
            #expect(throws: Never.self) {
                try FieldLimit.check(Array(repeating: UInt8(ascii: "&"), count: FieldLimit.formFields - 1), maximum: FieldLimit.formFields, what: "This form")
            }
            let query = (0..<150).map { "x[k\($0)]=1" }.joined(separator: "&")
            #expect(try await browser.get("/sign-in?\(query)").status != .internalServerError)
            // Signed in, a list page ignores the filters of an address of 150 parts: they are never parsed.
            let fixture = try await Fixture.make(on: app)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let listed = Date()
            #expect(try await officer.get("/engagement?\(query)").status == .ok)
            #expect(Date().timeIntervalSince(listed) < 10)
        }
    }
}
