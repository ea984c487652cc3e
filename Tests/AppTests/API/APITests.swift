@testable import App
import Domain
import Fluent
import Foundation
import OpenAPIKit
import Testing
import Vapor
import VaporTesting

/// Calls the JSON API with a personal token for one role.
struct APIClient {
    let app: Application
    let token: String

    static func make(_ app: Application, _ fixture: Fixture, _ role: Role) async throws -> APIClient {
        let token = APITokens.newToken()
        let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[role]!).first())
        try await APITokenModel(accountID: try account.requireID(), tokenDigest: DatabaseSessionDriver.digest(token), label: "test").create(on: app.db)
        return APIClient(app: app, token: token)
    }

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .json
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func json(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> (HTTPStatus, [String: Any]) {
        let response = try await send(method, path, json: body)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
        return (response.status, object)
    }
}

@Suite("JSON API")
struct APITests {
    @Test("Bodies are JSON only, as the document says, and a missing record is described for a program")
    func jsonOnly() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let client = try await APIClient.make(app, fixture, .areaAdmin)
            for type in ["application/x-www-form-urlencoded", "text/plain"] {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: client.token)
                headers.replaceOrAdd(name: .contentType, value: type)
                let response = try await app.testing().sendRequest(.POST, "/api/v1/people", headers: headers, body: ByteBuffer(string: "fullName=x"))
                #expect(response.status == .unsupportedMediaType, "\(type)")
            }
            #expect(try await PersonModel.query(on: app.db).filter(\.$fullName == "x").count() == 0)
            let (missing, body) = try await client.json(.GET, "/api/v1/people/\(UUID())")
            #expect(missing == .notFound && (body["message"] as? String)?.contains("no such record") == true)
        }
    }

    @Test("A commitment people have checked cannot be turned into a rule, which would hide its checks")
    func checkedCommitmentStays() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let client = try await APIClient.make(app, fixture, .areaAdmin)
            let (created, agreement) = try await client.json(.POST, "/api/v1/agreements", """
                {"title": "PA", "startsOn": "2026-01-01", "reviewOn": "2027-01-01", "partnerIds": ["\(fixture.forumID)", "\(fixture.councilID)", "\(fixture.councilID)"]}
                """)
            #expect(created == .created)
            let agreementID = try #require(agreement["id"] as? String)
            let (_, clause) = try await client.json(.POST, "/api/v1/agreements/\(agreementID)/clauses",
                                                    #"{"number": "4.3", "text": "Support in kind.", "kind": "commitment"}"#)
            let clauseID = try #require(clause["id"] as? String)
            try await CommitmentAssessmentModel(clauseID: try #require(UUID(uuidString: clauseID)),
                                                assessment: .init(status: .met, evidence: "Rooms booked.", assessedOn: CalendarDate(year: 2026, month: 2, day: 1)!),
                                                recordedBy: "Jo").create(on: app.db)
            let (status, error) = try await client.json(.PUT, "/api/v1/agreements/\(agreementID)/clauses/\(clauseID)",
                                                        #"{"number": "4.3", "text": "Support in kind.", "kind": "rule", "ruleKind": "named-contact"}"#)
            #expect(status == .unprocessableEntity && error["field"] as? String == "kind")
            #expect(try await ClauseModel.find(UUID(uuidString: clauseID), on: app.db)?.kind == .commitment)
            // Its wording can still be corrected.
            let (changed, _) = try await client.json(.PUT, "/api/v1/agreements/\(agreementID)/clauses/\(clauseID)",
                                                     #"{"number": "4.3", "text": "Support in kind, such as rooms.", "kind": "commitment"}"#)
            #expect(changed == .ok)
        }
    }

    @Test("Organisations: create, read, update, with 422 errors naming the field")
    func organisations() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .areaAdmin)
            let (badStatus, bad) = try await api.json(.POST, "/api/v1/organisations", #"{"name": "", "kind": "castle"}"#)
            #expect(badStatus == .unprocessableEntity)
            #expect(bad["field"] as? String == "name")
            #expect((bad["errors"] as? [[String: String]])?.map { $0["field"] } == ["name", "kind"])

            let created = try await api.send(.POST, "/api/v1/organisations", json: #"{"name": "Brightpath", "kind": "provider", "email": "Hello@Brightpath.example.org"}"#)
            #expect(created.status == .created)
            let location = try #require(created.headers.first(name: .location))
            let (status, organisation) = try await api.json(.GET, location)
            #expect(status == .ok)
            #expect(organisation["email"] as? String == "hello@brightpath.example.org")

            let (updated, body) = try await api.json(.PUT, location, #"{"name": "Brightpath Short Breaks", "kind": "provider"}"#)
            #expect(updated == .ok)
            #expect(body["name"] as? String == "Brightpath Short Breaks")
            #expect(body["email"] == nil)

            let (pageStatus, page) = try await api.json(.GET, "/api/v1/organisations?perPage=2")
            #expect(pageStatus == .ok)
            #expect(page["total"] as? Int == 3)
            #expect((page["items"] as? [Any])?.count == 2)
            #expect(try await api.json(.GET, "/api/v1/organisations?perPage=500").0 == .unprocessableEntity)
        }
    }

    @Test("Broken JSON and wrong types get a clear 422")
    func badJSON() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .areaAdmin)
            let (status, body) = try await api.json(.POST, "/api/v1/organisations", "{not json")
            #expect(status == .unprocessableEntity || status == .badRequest)
            #expect(body["message"] is String)
            let (typeStatus, typeBody) = try await api.json(.POST, "/api/v1/organisations", #"{"name": 12}"#)
            #expect(typeStatus == .unprocessableEntity)
            #expect(typeBody["field"] as? String == "name")
        }
    }

    @Test("Forum members' contact details come back only for forum officers, and their reads are audited")
    func personalData() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let member = fixture.personIDs[.forumRepresentative]!
            let partner = try await APIClient.make(app, fixture, .partnerOfficer)
            let (_, hidden) = try await partner.json(.GET, "/api/v1/people/\(member)")
            #expect(hidden["contactDetailsHidden"] as? Bool == true)
            #expect(hidden["email"] == nil)
            #expect(try await AuditEventModel.query(on: app.db).count() == 0)

            let officer = try await APIClient.make(app, fixture, .forumOfficer)
            let (_, shown) = try await officer.json(.GET, "/api/v1/people/\(member)")
            #expect(shown["email"] as? String == "forum-representative@testshire.example.org")
            #expect(shown["volunteerAgreement"] as? String == "not-signed")
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "read").count() == 1)

            _ = try await officer.json(.GET, "/api/v1/people")
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "export").count() == 1)
        }
    }

    @Test("Agreements and clauses through the API, with dates checked")
    func agreementsAndClauses() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let api = try await APIClient.make(app, fixture, .partnerOfficer)
            let (badStatus, bad) = try await api.json(.POST, "/api/v1/agreements",
                                                      #"{"title": "PA", "startsOn": "2026-02-30", "reviewOn": "2027-01-01", "partnerIds": []}"#)
            #expect(badStatus == .unprocessableEntity)
            #expect((bad["errors"] as? [[String: String]])?.map { $0["field"] } == ["startsOn", "partnerIds"])
            #expect(try await AgreementModel.query(on: app.db).count() == 0)

            let created = try await api.send(.POST, "/api/v1/agreements", json: """
                {"title": "Partnership agreement", "startsOn": "2026-01-01", "reviewOn": "2027-01-01",
                 "partnerIds": ["\(fixture.forumID)", "\(fixture.councilID)"]}
                """)
            #expect(created.status == .created)
            let agreement = try #require(created.headers.first(name: .location))
            let clause = try await api.send(.POST, agreement + "/clauses", json: """
                {"number": "4.6 d", "text": "Papers go out 7 days before.", "kind": "rule", "ruleKind": "papers-notice-days", "noticeDays": 7}
                """)
            #expect(clause.status == .created)
            let (badClause, clauseError) = try await api.json(.POST, agreement + "/clauses",
                                                              #"{"number": "4.6 a", "text": "Hours.", "kind": "rule", "ruleKind": "meeting-time-window", "windowFrom": "14:00", "windowTo": "10:00"}"#)
            #expect(badClause == .unprocessableEntity)
            #expect(clauseError["field"] as? String == "windowTo")
            let list = try await api.send(.GET, agreement + "/clauses")
            let clauses = try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [[String: Any]]
            #expect(clauses?.count == 1)
            #expect((clauses?.first?["rule"] as? [String: Any])?["noticeDays"] as? Int == 7)
        }
    }

    @Test("Complaints: board viewers cannot see them; others in another area get 404")
    func complaints() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let other = try await Fixture.make(on: app, slug: "otherton", name: "Otherton")
            let officer = try await APIClient.make(app, fixture, .forumOfficer)
            let created = try await officer.send(.POST, "/api/v1/complaints", json: """
                {"receivedOn": "2026-01-05", "aboutOrganisationId": "\(fixture.councilID)", "summary": "Late papers.", "status": "received"}
                """)
            #expect(created.status == .created)
            let location = try #require(created.headers.first(name: .location))
            #expect(try await APIClient.make(app, fixture, .boardViewer).send(.GET, location).status == .forbidden)
            let outsider = try await APIClient.make(app, other, .areaAdmin)
            #expect(try await outsider.send(.GET, location).status == .notFound)
            let (_, page) = try await outsider.json(.GET, "/api/v1/complaints")
            #expect(page["total"] as? Int == 0)
            // A complaint about another area's organisation is refused.
            let (crossStatus, cross) = try await outsider.json(.POST, "/api/v1/complaints", """
                {"receivedOn": "2026-01-05", "aboutOrganisationId": "\(fixture.councilID)", "summary": "x", "status": "received"}
                """)
            #expect(crossStatus == .unprocessableEntity)
            #expect(cross["field"] as? String == "aboutOrganisationId")
        }
    }

    @Test("A wrong or revoked token is refused")
    func tokens() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let bogus = APIClient(app: app, token: "cpd_nonsense")
            let response = try await bogus.send(.GET, "/api/v1/organisations")
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: "WWW-Authenticate") == "Bearer")
            let api = try await APIClient.make(app, fixture, .boardViewer)
            #expect(try await api.send(.GET, "/api/v1/organisations").status == .ok)
            try await APITokenModel.query(on: app.db).delete()
            #expect(try await api.send(.GET, "/api/v1/organisations").status == .unauthorized)
        }
    }
}

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("The document lists exactly the API routes the app serves")
    func matchesRoutes() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(response.body.readableBytesView))
            #expect(document.openAPIVersion.rawValue.hasPrefix("3.1"))
            var documented: Set<String> = []
            for (path, item) in document.paths {
                guard case .b(let item) = item else { continue }
                for endpoint in item.endpoints {
                    documented.insert("\(endpoint.method.rawValue.uppercased()) \(path.rawValue)")
                }
            }
            let served = Set(app.routes.all.filter(\.isAPI).map { route in
                "\(route.method.rawValue) /" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            })
            #expect(documented == served)
            // The document's own operation, and every operation each part registers.
            #expect(served.count == Site.apiOperations.count)
        }
    }

    @Test("Each schema names exactly the keys its Swift type sends")
    func schemasMatchTypes() throws {
        func keys<T: Encodable>(_ value: T) throws -> Set<String> {
            let encoder = JSONEncoder()
            let object = try JSONSerialization.jsonObject(with: try encoder.encode(value)) as! [String: Any]
            return Set(object.keys)
        }
        func schemaKeys(_ name: String) -> Set<String> {
            Set(APIDocument.schemas[OpenAPI.ComponentKey(rawValue: name)!]?.objectContext?.properties.keys ?? [])
        }
        let id = UUID()
        // Every optional is filled, so every key appears.
        #expect(try keys(API.Person(id: id, fullName: "A", organisationId: id, jobTitle: "B", email: "c@d.e", phone: "1",
                                    contactDetailsHidden: false, volunteerAgreement: "in-force")) == schemaKeys("Person"))
        #expect(try keys(API.PersonInput(fullName: "", organisationId: "", jobTitle: "", email: "", phone: "")) == schemaKeys("PersonInput"))
        #expect(try keys(API.OrganisationInput(name: "", kind: "", email: "", phone: "")) == schemaKeys("OrganisationInput"))
        #expect(try keys(API.Group(id: id, name: "", purpose: "", cadence: "", reportsToId: id, members: [],
                                   termsOfReference: .init(version: 1, text: "", attendees: [], agreedOn: ""))) == schemaKeys("Group"))
        #expect(try keys(API.GroupInput(name: "", purpose: "", cadence: "", reportsToId: "")) == schemaKeys("GroupInput"))
        #expect(try keys(API.Member(personId: id, fullName: "", role: "", makesDecisions: true)) == schemaKeys("Member"))
        #expect(try keys(API.Agreement(id: id, title: "", startsOn: "", endsOn: "", reviewOn: "", status: "", partnerIds: [])) == schemaKeys("Agreement"))
        #expect(try keys(API.AgreementInput(title: "", startsOn: "", endsOn: "", reviewOn: "", partnerIds: [])) == schemaKeys("AgreementInput"))
        #expect(try keys(API.ClauseInput(number: "", text: "", kind: "", ruleKind: "", windowFrom: "", windowTo: "", noticeDays: 1,
                                         organisationKind: "", cadence: "", groupId: "")) == schemaKeys("ClauseInput"))
        #expect(try keys(API.Rule(kind: "", summary: "", windowFrom: "", windowTo: "", noticeDays: 1, organisationKind: "", cadence: "", groupId: id)) == schemaKeys("Rule"))
        #expect(try keys(API.Check(status: "", evidence: "", assessedOn: "", recordedBy: "")) == schemaKeys("Check"))
        #expect(try keys(API.ComplaintInput(receivedOn: "", aboutOrganisationId: "", summary: "", status: "", ownerId: "", responseDueOn: "",
                                            outcome: "", lessonsLearned: "", themes: [])) == schemaKeys("ComplaintInput"))
        #expect(try keys(API.AuditChangeLine(field: "", before: "", after: "")) == schemaKeys("AuditChange"))
        #expect(try keys(API.MeetingInput(date: "", startsAt: "", endsAt: "", venue: "", onlineLink: "", refreshments: true, chairId: "",
                                          contactId: "", officerId: "", count: 1)) == schemaKeys("MeetingInput"))
        #expect(try keys(API.MeetingRule(clauseId: id, clauseNumber: "", kind: "", summary: "", result: "", evidence: "")) == schemaKeys("MeetingRule"))
        #expect(try keys(API.Attendance(personId: id, organisationId: id, status: "", makesDecisions: true)) == schemaKeys("Attendance"))
        #expect(try keys(API.ScheduledMeetings(meetings: [])) == schemaKeys("ScheduledMeetings"))
        #expect(try keys(API.MeetingCancellation(reason: "")) == schemaKeys("MeetingCancellation"))
        #expect(try keys(API.AttendanceInput(attendance: [])) == schemaKeys("AttendanceInput"))
        let meeting = MeetingModel(areaID: id, groupID: id, seriesID: id,
                                   details: MeetingDetails(date: CalendarDate(iso8601: "2027-03-09")!, startsAt: TimeOfDay("10:00")!, endsAt: TimeOfDay("12:00")!,
                                                           venue: "Hub", onlineLink: "https://meet.example.org", refreshments: true),
                                   people: MeetingPeople(chairID: id, contactID: id, officerID: id))
        meeting.id = id
        meeting.cancelledReason = "Flooded"
        let minutes = API.Minutes(text: "", decisions: [], status: "", circulatedAt: "", approvedAt: "", approvedAtMeetingId: id)
        let action = API.Action(id: id, meetingId: id, text: "", ownerId: id, dueOn: "", status: "", notes: "", overdue: false)
        let partner = API.MeetingPartner(organisationId: id, name: "", askedOn: "", itemsDueOn: "", agreement: "", agreedAt: "")
        let complaint = API.MeetingComplaint(complaintId: id, receivedOn: "", organisationId: id, discussed: true)
        #expect(try keys(API.Meeting(meeting, rules: [], attendance: [], agenda: [], minutes: minutes, actions: [action], partners: [partner],
                                     complaints: [complaint])) == schemaKeys("Meeting"))
        #expect(try keys(partner) == schemaKeys("MeetingPartner"))
        #expect(try keys(complaint) == schemaKeys("MeetingComplaint"))
        #expect(try keys(API.PartnerRequestInput(itemsDueOn: "")) == schemaKeys("PartnerRequestInput"))
        #expect(try keys(API.PartnerRequest(asked: [], withoutAddress: [])) == schemaKeys("PartnerRequest"))
        #expect(try keys(minutes) == schemaKeys("Minutes"))
        #expect(try keys(action) == schemaKeys("Action"))
        #expect(try keys(API.MinutesInput(text: "", decisions: [], complaintsDiscussed: [])) == schemaKeys("MinutesInput"))
        #expect(try keys(API.ActionInput(text: "", ownerId: "", dueOn: "", notes: "", status: "")) == schemaKeys("ActionInput"))
        #expect(try keys(API.AgendaItem(id: id, title: "", purpose: "", forumAsk: "", minutes: 1, leadId: id, status: "", deferredFrom: "",
                                        mergedIntoId: id, papers: [])) == schemaKeys("AgendaItem"))
        #expect(try keys(API.AgendaMerge(into: "")) == schemaKeys("AgendaMerge"))
        #expect(try keys(API.Paper(id: id, title: "", version: 1, fileName: "", readingAge: 9, meetsPlainEnglishProfile: true, checkSummary: "",
                                   firstSentAt: "")) == schemaKeys("Paper"))
        #expect(try keys(API.AgendaItemInput(title: "", purpose: "", forumAsk: "", minutes: 1, leadId: "")) == schemaKeys("AgendaItemInput"))
        #expect(try keys(API.AgendaDecision(decision: "")) == schemaKeys("AgendaDecision"))
        #expect(try keys(API.PaperUpload(title: "", fileName: "", fileContent: "")) == schemaKeys("PaperUpload"))
        #expect(try keys(API.PackSending(sentAt: "", recipients: 1, withoutAddress: [])) == schemaKeys("PackSending"))
        #expect(try keys(ErrorPagesMiddleware.APIError(message: "", field: "", errors: [])) == schemaKeys("Error"))
        #expect(schemaKeys("Organisation") == ["id", "name", "kind", "email", "phone"])
        #expect(schemaKeys("Complaint") == ["id", "reference", "receivedOn", "aboutOrganisationId", "summary", "status", "ownerId", "responseDueOn",
                                            "responseOverdue", "outcome", "lessonsLearned", "themes"])
        #expect(schemaKeys("AuditEntry") == ["id", "occurredAt", "actorName", "action", "subjectType", "subjectId", "subjectLabel", "detail", "views", "changes"])
        #expect(schemaKeys("Clause") == ["id", "agreementId", "position", "number", "text", "kind", "rule", "latestCheck"])
    }
}

@Suite("Spreadsheet downloads through the API")
struct APIDownloadTests {
    @Test("Each list downloads as CSV with a token, as the document says, and only for roles that may see it")
    func downloads() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let admin = try await APIClient.make(app, fixture, .areaAdmin)
            let board = try await APIClient.make(app, fixture, .boardViewer)
            let document = try await admin.send(.GET, "/api/v1/openapi.json").body.string
            for (path, operation, column) in [("/api/v1/people.csv", "downloadPeople", "Name"), ("/api/v1/organisations.csv", "downloadOrganisations", "Name"),
                                              ("/api/v1/groups.csv", "downloadGroups", "Group"), ("/api/v1/agreements.csv", "downloadAgreements", "Agreement"),
                                              ("/api/v1/complaints.csv", "downloadComplaints", "Reference"), ("/api/v1/audit-log.csv", "downloadAuditLog", "When (UTC)")] {
                #expect(document.contains(#""operationId":"\#(operation)""#) || document.contains(#""operationId" : "\#(operation)""#), "\(operation)")
                let response = try await admin.send(.GET, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.contentType?.subType == "csv", "\(path)")
                let table = try CSVTable(response.body.string)
                #expect(table.header.contains(column), "\(path): \(table.header)")
            }
            let people = try CSVTable(try await admin.send(.GET, "/api/v1/people.csv").body.string)
            #expect(people.records.contains { $0["Name"] == "Forum officer of Testshire" })
            // A board viewer reads the register but not complaints or the log.
            #expect(try await board.send(.GET, "/api/v1/people.csv").status == .ok)
            #expect(try await board.send(.GET, "/api/v1/complaints.csv").status == .forbidden)
            #expect(try await board.send(.GET, "/api/v1/audit-log.csv").status == .forbidden)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: "not-a-token")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/people.csv", headers: headers).status == .unauthorized)
        }
    }
}
