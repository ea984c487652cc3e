@testable import App
import Domain
import Fluent
import Foundation
import Vapor

/// A small area with one account for every role, for tests that need people signed in.
struct Fixture {
    static let password = "correct horse battery staple"

    let areaID: UUID
    let forumID: UUID
    let councilID: UUID
    let emails: [Role: String]
    let personIDs: [Role: UUID]

    /// Creates the area "Testshire" (or another) with a forum, a council and one account per role.
    static func make(on app: Application, slug: String = "testshire", name: String = "Testshire") async throws -> Fixture {
        let db = app.db
        let area = AreaModel(slug: slug, name: name)
        try await area.create(on: db)
        let areaID = try area.requireID()
        let forum = OrganisationModel(areaID: areaID, details: .init(name: "\(name) Parent Carer Forum", kind: .parentCarerForum, email: "forum@\(slug).example.org"))
        let council = OrganisationModel(areaID: areaID, details: .init(name: "\(name) Council", kind: .localAuthority))
        try await forum.create(on: db)
        try await council.create(on: db)
        var emails: [Role: String] = [:]
        var people: [Role: UUID] = [:]
        let hash = try app.password.hash(password)
        for role in Role.allCases {
            let organisation = [.forumOfficer, .forumRepresentative].contains(role) ? forum : council
            let person = PersonModel(areaID: areaID, organisationID: try organisation.requireID(),
                                     details: .init(fullName: "\(role.label) of \(name)", jobTitle: role.label,
                                                    email: "\(role.rawValue)@\(slug).example.org", phone: "01632 960 00\(Role.allCases.firstIndex(of: role)!)"))
            try await person.create(on: db)
            let email = "\(role.rawValue)@\(slug).example.org"
            try await AccountModel(areaID: areaID, personID: try person.requireID(), email: email, passwordHash: hash, role: role).create(on: db)
            emails[role] = email
            people[role] = try person.requireID()
        }
        return Fixture(areaID: areaID, forumID: try forum.requireID(), councilID: try council.requireID(), emails: emails, personIDs: people)
    }
}
