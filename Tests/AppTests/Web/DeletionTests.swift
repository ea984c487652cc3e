@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Deleting what was recorded in error: asked first, what else goes said, kept in the audit log")
struct DeletionTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 18 November 2026

    static func group(_ app: Application, _ fixture: Fixture, _ name: String, reportsTo: UUID? = nil) async throws -> UUID {
        let group = GroupModel(areaID: fixture.areaID, details: .init(name: name, purpose: nil, cadence: .monthly), reportsToID: reportsTo)
        try await group.create(on: app.db)
        return try group.requireID()
    }

    @Test("A group with meetings is kept; one without goes with its members' places and terms, and the groups under it report to nobody")
    func groups() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let board = try await Self.group(app, fixture, "Board")
            let liaison = try await Self.group(app, fixture, "Liaison", reportsTo: board)
            let busy = try await Self.group(app, fixture, "Busy")
            try await MembershipModel(groupID: board, personID: fixture.personIDs[.forumOfficer]!, role: .chair, makesDecisions: true).create(on: app.db)
            for version in 1...2 {
                try await TermsOfReferenceModel(groupID: board, version: version, details: .init(text: "v\(version)", attendees: ["Forum"],
                                                                                                 agreedOn: CalendarDate(year: 2026, month: version, day: 1)!)).create(on: app.db)
            }
            try await MeetingModel(areaID: fixture.areaID, groupID: busy, seriesID: nil,
                                   details: MeetingDetails(date: CalendarDate(year: 2026, month: 12, day: 1)!, startsAt: TimeOfDay("10:00")!, endsAt: TimeOfDay("12:00")!,
                                                           venue: "Town hall", onlineLink: nil, refreshments: true),
                                   people: MeetingPeople(chairID: nil, contactID: nil, officerID: nil)).create(on: app.db)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)

            let kept = try await officer.get("/groups/\(busy)/delete").body.string
            #expect(kept.contains("This cannot be removed yet") && kept.contains("it has 1 meeting on record"))
            _ = try await officer.post("/groups/\(busy)/delete")
            #expect(try await GroupModel.find(busy, on: app.db) != nil)

            // A version of the terms recorded in error: the one before becomes current again.
            let termsQuestion = try await officer.get("/groups/\(board)/terms-of-reference/2/delete").body.string
            #expect(termsQuestion.contains("version 1, agreed on 1 January 2026, becomes current again"))
            #expect(try await officer.get("/groups/\(board)/terms-of-reference/9/delete").status == .notFound)
            #expect(try await officer.get("/groups/\(board)/terms-of-reference/x/delete").status == .notFound)
            #expect(try await officer.post("/groups/\(board)/terms-of-reference/2/delete").status == .seeOther)
            #expect(try await officer.get("/groups/\(board)").body.string.contains("Version 1, agreed on 1 January 2026."))

            let question = try await officer.get("/groups/\(board)/delete").body.string
            #expect(question.contains("Are you sure you want to delete Board?"))
            #expect(question.contains("its list of 1 member (the people stay in the register)"))
            #expect(question.contains("1 version of its terms of reference"))
            #expect(question.contains("its place above 1 group that reports to it, which will then report to no group"))
            #expect(try await GroupModel.find(board, on: app.db) != nil, "asking changes nothing")
            #expect(try await officer.post("/groups/\(board)/delete").status == .seeOther)
            #expect(try await GroupModel.find(board, on: app.db) == nil)
            #expect(try await MembershipModel.query(on: app.db).count() == 0)
            #expect(try await PersonModel.find(fixture.personIDs[.forumOfficer]!, on: app.db) != nil)
            #expect(try await GroupModel.find(liaison, on: app.db)?.$reportsTo.id == nil)
            let deleted = try #require(try await AuditEventModel.query(on: app.db).filter(\.$subjectID == board).filter(\.$action == "delete").first())
            #expect(deleted.changes.map(\.summary).contains("Name: was Board"))
            // Someone who may not manage groups is not asked.
            let board2 = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            #expect(try await board2.get("/groups/\(liaison)/delete").status == .forbidden)
        }
    }

    @Test("An agreement goes with its clauses and checks; a clause with its checks; each said first and kept in the log")
    func agreements() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "PA", startsOn: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                                                  endsOn: nil, reviewOn: CalendarDate(year: 2028, month: 1, day: 1)!))
            try await agreement.create(on: app.db)
            let agreementID = try agreement.requireID()
            var clauseIDs: [UUID] = []
            for (position, number) in ["4.3", "4.6 g"].enumerated() {
                let clause = ClauseModel(agreementID: agreementID, position: position + 1, details: .init(number: number, text: "Clause \(number).", rule: nil), groupID: nil)
                try await clause.create(on: app.db)
                clauseIDs.append(try clause.requireID())
                try await CommitmentAssessmentModel(clauseID: try clause.requireID(), assessment: .init(status: .met, evidence: "Seen", assessedOn: CalendarDate(year: 2026, month: 11, day: 1)!),
                                                    recordedBy: "Someone").create(on: app.db)
            }
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.partnerOfficer]!)
            let clauseQuestion = try await officer.get("/agreements/\(agreementID)/clauses/\(clauseIDs[0])/delete").body.string
            #expect(clauseQuestion.contains("Are you sure you want to delete clause 4.3?") && clauseQuestion.contains("1 check of it by hand"))
            #expect(try await officer.post("/agreements/\(agreementID)/clauses/\(clauseIDs[0])/delete").status == .seeOther)
            #expect(try await ClauseModel.query(on: app.db).count() == 1)
            #expect(try await CommitmentAssessmentModel.query(on: app.db).count() == 1)
            let clauseEntry = try #require(try await AuditEventModel.query(on: app.db).filter(\.$detail == "Clause 4.3 deleted").first())
            #expect(clauseEntry.changes.map(\.summary).contains("Wording: was Clause 4.3."))

            let question = try await officer.get("/agreements/\(agreementID)/delete").body.string
            #expect(question.contains("its 1 clause") && question.contains("1 check of its commitments by hand"))
            #expect(try await officer.post("/agreements/\(agreementID)/delete").status == .seeOther)
            #expect(try await AgreementModel.query(on: app.db).count() == 0)
            #expect(try await ClauseModel.query(on: app.db).count() == 0)
            #expect(try await CommitmentAssessmentModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$subjectID == agreementID).filter(\.$action == "delete").count() == 1)
            let board = try await TestBrowser.signedIn(app, email: fixture.emails[.boardViewer]!)
            #expect(try await board.get("/agreements/\(agreementID)/delete").status == .forbidden)
        }
    }

    @Test("A complaint and a volunteer agreement recorded in error can be deleted, after a question")
    func complaintsAndVolunteerAgreements() async throws {
        try await withTestApp(now: Self.now) { app in
            let fixture = try await Fixture.make(on: app)
            let complaint = ComplaintModel(areaID: fixture.areaID, aboutOrganisationID: fixture.councilID,
                                           details: .init(receivedOn: CalendarDate(year: 2026, month: 11, day: 1)!, summary: "Typed twice", status: .received))
            try await complaint.create(on: app.db)
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            let question = try await officer.get("/complaints/\(complaint.requireID())/delete").body.string
            #expect(question.contains("Are you sure you want to delete this complaint, received on 1 November 2026?"))
            #expect(try await officer.post("/complaints/\(complaint.requireID())/delete").status == .seeOther)
            #expect(try await ComplaintModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "delete").first()?.changes.map(\.summary).contains("Summary: was (not shown)") == true)

            let person = fixture.personIDs[.forumRepresentative]!
            let agreement = VolunteerAgreementModel(areaID: fixture.areaID, personID: person,
                                                    agreement: .init(signedOn: CalendarDate(year: 2026, month: 1, day: 1)!, expiresOn: nil))
            try await agreement.create(on: app.db)
            let path = "/people/\(person)/volunteer-agreements/\(try agreement.requireID())/delete"
            #expect(try await officer.get("/people/\(person)").body.string.contains(path))
            #expect(try await officer.get(path).body.string.contains("signed on 1 January 2026"))
            #expect(try await officer.post(path).status == .seeOther)
            #expect(try await VolunteerAgreementModel.query(on: app.db).count() == 0)
            // Another person's agreement is not found through this person.
            let other = VolunteerAgreementModel(areaID: fixture.areaID, personID: fixture.personIDs[.forumOfficer]!,
                                                agreement: .init(signedOn: CalendarDate(year: 2026, month: 1, day: 1)!, expiresOn: nil))
            try await other.create(on: app.db)
            #expect(try await officer.post("/people/\(person)/volunteer-agreements/\(try other.requireID())/delete").status == .notFound)
        }
    }
}
