@testable import App
import Domain
import Fluent
import Foundation
import OpenAPIKit
import Testing
import Vapor
import VaporTesting

@Suite("Self-evaluation: assessments, ratings, action plans and the annual report")
struct AssessmentsTests {
    static let tool = FrameworkDefinition.coProductionSelfAssessment

    /// The keys of the first `count` statements at a stage.
    static func statements(stage: Int, _ count: Int) -> [String] {
        tool.statements.filter { $0.stage == stage }.prefix(count).map(\.key)
    }

    @Test("Assessing the council: choose, answer with evidence, get a rating and why; bad answers save nothing")
    func assessThroughTheForms() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let fixture = try await Fixture.make(on: app)
            let council = "organisation:\(fixture.councilID.uuidString)"
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            // Step one refuses a subject that is not the area's, and names each problem.
            let wrong = try await browser.get("/self-evaluation/new?framework=co-production-self-assessment&subject=organisation:\(UUID().uuidString)&year=2026-27")
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Select the organisation, service or project being assessed"))
            let future = try await browser.get("/self-evaluation/new?framework=co-production-self-assessment&subject=\(council)&year=2027-28")
            #expect(future.body.string.contains("Select the year the assessment is for"))
            let form = try await browser.get("/self-evaluation/new?framework=co-production-self-assessment&subject=\(council)&year=2026-27")
            #expect(form.status == .ok && form.body.string.contains("Assess Testshire Council"))

            let base = ["framework": "co-production-self-assessment", "subject": council, "year": "2026-27"]
            // Nothing ticked, and a tick with no evidence: refused, nothing saved.
            let none = try await browser.post("/self-evaluation/new", base)
            #expect(none.status == .unprocessableEntity && none.body.string.contains("Tick at least one statement that describes the way you work"))
            let bare = Self.statements(stage: 1, 1)[0]
            let noEvidence = try await browser.post("/self-evaluation/new", base, list: [("ticked[]", bare)])
            #expect(noEvidence.status == .unprocessableEntity && noEvidence.body.string.contains("Give the evidence for"))
            #expect(try await AssessmentModel.query(on: app.db).count() == 0)

            // Mostly "you've got the basics", with one "getting there": amber.
            var list: [(String, String)] = []
            for key in Self.statements(stage: 1, 3) + Self.statements(stage: 2, 1) {
                list.append(("ticked[]", key))
                list.append(("evidence[\(key)]", "Seen at the liaison meeting in January."))
            }
            let saved = try await browser.post("/self-evaluation/new", base, list: list)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(3000))")
            let assessment = try #require(try await AssessmentModel.query(on: app.db).with(\.$answers).first())
            #expect(assessment.rating == .amber && assessment.answers.count == 4 && assessment.subjectName == "Testshire Council")
            let page = try await browser.get(try #require(saved.location)).body.string
            #expect(page.contains("Most of the evidence (3 of 4 statements) is under \u{201C}You&#39;ve got the basics\u{201D}, so the rating is amber."))
            #expect(page.contains("Seen at the liaison meeting in January."))

            // The same council, framework and year again: pointed at the one already made.
            let again = try await browser.get("/self-evaluation/new?framework=co-production-self-assessment&subject=\(council)&year=2026-27")
            #expect(again.body.string.contains("already has an assessment on \u{201C}Co-production self-assessment\u{201D} for April 2026 to March 2027"))
            #expect(try await browser.post("/self-evaluation/new", base, list: list).status == .unprocessableEntity)
            #expect(try await AssessmentModel.query(on: app.db).count() == 1)

            // Updating re-rates: now mostly "doing really well" and nothing in the first stage.
            var better: [(String, String)] = []
            for key in Self.statements(stage: 3, 3) + Self.statements(stage: 2, 1) {
                better.append(("ticked[]", key))
                better.append(("evidence[\(key)]", "The forum co-chairs the group."))
            }
            let id = try assessment.requireID().uuidString
            #expect(try await browser.post("/self-evaluation/\(id)/edit", [:], list: better).status == .seeOther)
            let updated = try #require(try await AssessmentModel.find(assessment.requireID(), on: app.db))
            #expect(updated.rating == .green)
            #expect(try await AssessmentAnswerModel.query(on: app.db).count() == 4)
            // Both are in the audit log: the rating and the statements ticked, before and after.
            let log = try await AuditEventModel.query(on: app.db).filter(\.$subjectID == assessment.requireID()).all()
            #expect(log.map(\.action).sorted() == ["create", "update"])
            let change = try #require(log.first { $0.action == "update" })
            #expect(change.changes.contains(AuditChange(field: "Rating", before: "Amber", after: "Green")))
            #expect(change.changes.contains { $0.field == "Statements ticked" })

            // A board member reads it but cannot change it.
            let board = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            #expect(try await board.get("/self-evaluation/\(id)").status == .ok)
            #expect(try await board.get("/self-evaluation/\(id)/edit").status == .forbidden)
            #expect(try await board.get("/self-evaluation/new").status == .forbidden)
        }
    }

    /// An assessment of the council for a year, made through the store.
    static func assess(_ app: Application, _ fixture: Fixture, year: String, counts: [Int]) async throws -> AssessmentModel {
        let setting = MeetingsTests.Setting(fixture: fixture, groupID: UUID(), chairID: UUID(), officerID: UUID(), nhsPersonID: UUID())
        let context = try await MeetingsTests.context(app, setting, role: .partnerOfficer)
        var input = SelfEvaluationStore.Input(framework: "co-production-self-assessment", subject: "organisation:\(fixture.councilID.uuidString)", year: year)
        for (stage, count) in counts.enumerated() {
            for key in statements(stage: stage, count) { input.answers[key] = .init(ticked: true, evidence: "Evidence for \(key)") }
        }
        return try await SelfEvaluationStore(context).create(input)
    }

    @Test("The action plan: ideas, then two or three actions with an owner; an overdue one shows on the home page")
    func actionPlan() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let fixture = try await Fixture.make(on: app)
            let assessment = try await Self.assess(app, fixture, year: "2026-27", counts: [3, 1, 0, 0])
            let id = try assessment.requireID().uuidString
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            _ = try await browser.get("/self-evaluation/\(id)")
            #expect(try await browser.post("/self-evaluation/\(id)/ideas", ["idea": "Evening meetings"]).status == .seeOther)
            #expect(try await browser.post("/self-evaluation/\(id)/ideas", ["idea": " "]).status == .unprocessableEntity)
            #expect(try await PlanIdeaModel.query(on: app.db).count() == 1)

            _ = try await browser.get("/self-evaluation/\(id)/actions/new")
            let action = ["what": "Hold every third meeting in the evening", "dueOn[day]": "1", "dueOn[month]": "2", "dueOn[year]": "2027",
                          "how": "Book the hub until 8pm", "status": "not-started"]
            var noOwner = action
            noOwner["ownerId"] = ""
            let refused = try await browser.post("/self-evaluation/\(id)/actions/new", noOwner)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Choose who will do it"))
            var withOwner = action
            withOwner["ownerId"] = fixture.personIDs[.partnerOfficer]!.uuidString
            for _ in 0..<3 { #expect(try await browser.post("/self-evaluation/\(id)/actions/new", withOwner).status == .seeOther) }
            let fourth = try await browser.post("/self-evaluation/\(id)/actions/new", withOwner)
            #expect(fourth.body.string.contains("This plan already has 3 actions open. The method is to choose two or three"))
            #expect(try await PlanActionModel.query(on: app.db).count() == 3)

            // Due on 1 February; today is 2 March: overdue, on the home page and the actions list.
            let home = try await browser.get("/").body.string
            #expect(home.contains("3 self-evaluation actions are overdue"))
            let actions = try await browser.get("/self-evaluation/actions").body.string
            #expect(actions.contains("Hold every third meeting in the evening") && actions.contains("Overdue"))

            // Done: no longer overdue.
            let first = try #require(try await PlanActionModel.query(on: app.db).first())
            var done = withOwner
            done["status"] = "done"
            done["progress"] = "Two evening meetings held; more parents came."
            #expect(try await browser.post("/self-evaluation/\(id)/actions/\(try first.requireID().uuidString)/edit", done).status == .seeOther)
            let context = try await MeetingsTests.context(app, MeetingsTests.Setting(fixture: fixture, groupID: UUID(), chairID: UUID(), officerID: UUID(),
                                                                                     nhsPersonID: UUID()))
            #expect(try await SelfEvaluationStore(context).overdueCount() == 2)
            // With three open again, the done one cannot be reopened: the plan keeps two or three open.
            #expect(try await browser.post("/self-evaluation/\(id)/actions/new", withOwner).status == .seeOther)
            let reopened = try await browser.post("/self-evaluation/\(id)/actions/\(try first.requireID().uuidString)/edit", withOwner)
            #expect(reopened.status == .unprocessableEntity && reopened.body.string.contains("finish one before opening this one again"))
            #expect(try await PlanActionModel.find(first.requireID(), on: app.db)?.status == .done)
            // The council has a self-evaluation now, so it cannot be deleted.
            let blockers = try await OrganisationStore(context).deletionBlockers(try #require(try await OrganisationModel.find(fixture.councilID, on: app.db)))
            #expect(blockers.contains("it has 1 self-evaluation"))
        }
    }

    @Test("The annual report shows each latest rating, its movement and open actions, printable and as CSV")
    func report() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let fixture = try await Fixture.make(on: app)
            _ = try await Self.assess(app, fixture, year: "2025-26", counts: [4, 1, 0, 0])
            _ = try await Self.assess(app, fixture, year: "2026-27", counts: [0, 4, 1, 0])
            let browser = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            let page = try await browser.get("/self-evaluation/report?year=2026-27").body.string
            #expect(page.contains("0 green, 1 amber, 0 red, of 1 assessment."))
            #expect(page.contains("Better"))
            let csv = try await browser.get("/self-evaluation/report.csv?year=2026-27").body.string
            #expect(csv.contains("Testshire Council,Organisation,Co-production self-assessment,2026-27,Amber,2025-26,Red,Better,0,0\r\n"))
            // A year back, the earlier one is the latest.
            let before = try await browser.get("/self-evaluation/report?year=2025-26").body.string
            #expect(before.contains("0 green, 0 amber, 1 red, of 1 assessment."))
        }
    }

    @Test("The API assesses, reads, replaces, plans and reports; refusing unknown statements, future years and other areas' subjects")
    func api() async throws {
        try await withTestApp(now: MeetingsTests.now) { app in
            let fixture = try await Fixture.make(on: app)
            let other = try await Fixture.make(on: app, slug: "elsewhere", name: "Elsewhere")
            let client = try await APIClient.make(app, fixture, .partnerOfficer)
            let (_, frameworks) = try await client.json(.GET, "/api/v1/openapi.json")
            #expect(frameworks["openapi"] != nil)
            let list = try await client.send(.GET, "/api/v1/self-evaluation/frameworks")
            #expect(list.status == .ok && list.body.string.contains("\"four-cornerstones\""))

            let commitments = FrameworkDefinition.fourCornerstones.statements.prefix(10).map(\.key)
            func body(subject: UUID = fixture.councilID, year: String = "2026-27", answers: [String]) -> String {
                let items = answers.map { #"{"statement": "\#($0)", "ticked": true, "evidence": "Shown in the minutes"}"# }.joined(separator: ", ")
                return #"{"framework": "four-cornerstones", "subjectKind": "organisation", "subjectId": "\#(subject)", "year": "\#(year)", "answers": [\#(items)]}"#
            }
            let (status, created) = try await client.json(.POST, "/api/v1/self-evaluation/assessments", body(answers: commitments))
            #expect(status == .created, "\(created)")
            #expect(created["rating"] as? String == "green" && created["reason"] as? String == "10 of 12 commitments (83%) describe the way you work, so the rating is green.")
            let id = try #require(created["id"] as? String)
            // Every key the schema names is sent when every field is filled; an answer's too.
            func schemaKeys(_ name: String) -> Set<String> {
                Set(APIDocument.schemas[OpenAPI.ComponentKey(rawValue: name)!]?.objectContext?.properties.keys ?? [])
            }
            #expect(Set(created.keys) == schemaKeys("Assessment"))
            #expect(Set(((created["answers"] as? [[String: Any]])?.first ?? [:]).keys) == schemaKeys("AssessmentAnswer"))

            #expect(try await client.json(.POST, "/api/v1/self-evaluation/assessments", body(year: "2027-28", answers: commitments)).1["field"] as? String == "year")
            // Six years back is too far, in the API as on the web.
            let (old, tooOld) = try await client.json(.POST, "/api/v1/self-evaluation/assessments", body(year: "2020-21", answers: commitments))
            #expect(old == .unprocessableEntity && tooOld["message"] as? String == "An assessment is of this year or one of the five before: 2021-22 to 2026-27")
            #expect(try await client.json(.POST, "/api/v1/self-evaluation/assessments", body(subject: other.councilID, year: "2025-26", answers: commitments)).1["field"] as? String == "subject")
            #expect(try await client.json(.PUT, "/api/v1/self-evaluation/assessments/\(id)", body(answers: ["made-up"])).0 == .unprocessableEntity)
            #expect(try await client.json(.PUT, "/api/v1/self-evaluation/assessments/\(id)", body(answers: [])).0 == .unprocessableEntity)
            let (_, replaced) = try await client.json(.PUT, "/api/v1/self-evaluation/assessments/\(id)", body(answers: Array(commitments.prefix(5))))
            #expect(replaced["rating"] as? String == "red")

            let owner = fixture.personIDs[.forumOfficer]!
            let (added, action) = try await client.json(.POST, "/api/v1/self-evaluation/assessments/\(id)/actions",
                                                        #"{"what": "Plain English letters", "ownerId": "\#(owner)", "dueOn": "2027-02-01", "how": "Rewrite them", "status": "under-way"}"#)
            #expect(added == .created && action["overdue"] as? Bool == true)
            #expect(Set(action.keys).isSubset(of: schemaKeys("PlanAction")) && schemaKeys("PlanAction").subtracting(action.keys) == ["progress"])
            let (noOwner, problem) = try await client.json(.POST, "/api/v1/self-evaluation/assessments/\(id)/actions",
                                                           #"{"what": "X", "dueOn": "2027-02-01", "how": "Y", "status": "under-way"}"#)
            #expect(noOwner == .unprocessableEntity && problem["field"] as? String == "ownerId")
            #expect(try await client.json(.POST, "/api/v1/self-evaluation/assessments/\(id)/ideas", #"{"idea": "Coffee mornings"}"#).0 == .created)

            let (_, report) = try await client.json(.GET, "/api/v1/self-evaluation/report?year=2026-27")
            let lines = try #require(report["lines"] as? [[String: Any]])
            #expect(lines.count == 1 && lines[0]["rating"] as? String == "red" && lines[0]["openActions"] as? Int == 1 && lines[0]["overdueActions"] as? Int == 1)
            let (_, page) = try await client.json(.GET, "/api/v1/self-evaluation/assessments?year=2026-27")
            #expect(page["total"] as? Int == 1)

            let board = try await APIClient.make(app, fixture, .boardViewer)
            #expect(try await board.send(.POST, "/api/v1/self-evaluation/assessments", json: body(year: "2025-26", answers: commitments)).status == .forbidden)
        }
    }
}
