import Vapor

/// A path on the site with named parameters, such as /organisations/:organisationID/edit.
/// Routes are registered from these and links are built from them, so the two cannot drift.
struct PathTemplate: Sendable, CustomStringConvertible {
    let components: [String]

    init(_ components: String...) { self.components = components }

    /// The components Vapor's router registers.
    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }

    var description: String { "/" + components.joined(separator: "/") }

    /// The address of this path with its parameters filled in, in order.
    func url(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        let filled = components.map { component -> String in
            guard component.hasPrefix(":") else { return component }
            guard let value = remaining.next() else { preconditionFailure("\(self) needs a value for \(component)") }
            return value.description.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value.description
        }
        return "/" + filled.joined(separator: "/")
    }
}

/// Every address on the site, grouped by part of the product.
enum Paths {
    static let home = PathTemplate()
    static let healthz = PathTemplate("healthz")
    static let signIn = PathTemplate("sign-in")
    static let signOut = PathTemplate("sign-out")
    static let accessibility = PathTemplate("accessibility")
    static let changePassword = PathTemplate("account", "password")

    // Partnership register
    static let organisations = PathTemplate("organisations")
    static let newOrganisation = PathTemplate("organisations", "new")
    static let organisation = PathTemplate("organisations", ":organisationID")
    static let editOrganisation = PathTemplate("organisations", ":organisationID", "edit")
    static let deleteOrganisation = PathTemplate("organisations", ":organisationID", "delete")

    static let people = PathTemplate("people")
    static let newPerson = PathTemplate("people", "new")
    static let person = PathTemplate("people", ":personID")
    static let editPerson = PathTemplate("people", ":personID", "edit")
    static let personDiversity = PathTemplate("people", ":personID", "diversity")
    static let personVolunteerAgreements = PathTemplate("people", ":personID", "volunteer-agreements")
    static let deletePerson = PathTemplate("people", ":personID", "delete")

    static let groups = PathTemplate("groups")
    static let newGroup = PathTemplate("groups", "new")
    static let group = PathTemplate("groups", ":groupID")
    static let editGroup = PathTemplate("groups", ":groupID", "edit")
    static let groupTermsOfReference = PathTemplate("groups", ":groupID", "terms-of-reference")
    static let groupMembers = PathTemplate("groups", ":groupID", "members")
    static let groupMember = PathTemplate("groups", ":groupID", "members", ":membershipID", "remove")

    static let agreements = PathTemplate("agreements")
    static let newAgreement = PathTemplate("agreements", "new")
    static let agreement = PathTemplate("agreements", ":agreementID")
    static let editAgreement = PathTemplate("agreements", ":agreementID", "edit")
    static let newClause = PathTemplate("agreements", ":agreementID", "clauses", "new")
    static let clause = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID")
    static let editClause = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID", "edit")
    static let clauseAssessments = PathTemplate("agreements", ":agreementID", "clauses", ":clauseID", "assessments")

    // Plain English
    static let plainEnglish = PathTemplate("plain-english")
    static let plainEnglishSettings = PathTemplate("plain-english", "settings")

    static let complaints = PathTemplate("complaints")
    static let newComplaint = PathTemplate("complaints", "new")
    static let complaint = PathTemplate("complaints", ":complaintID")
    static let editComplaint = PathTemplate("complaints", ":complaintID", "edit")

    // Administration
    static let accounts = PathTemplate("admin", "accounts")
    static let newAccount = PathTemplate("admin", "accounts", "new")
    static let account = PathTemplate("admin", "accounts", ":accountID")
    static let accountPassword = PathTemplate("admin", "accounts", ":accountID", "password")
    static let auditLog = PathTemplate("admin", "audit-log")

    // JSON API
    enum API {
        static let openAPI = PathTemplate("api", "v1", "openapi.json")
        static let organisations = PathTemplate("api", "v1", "organisations")
        static let organisation = PathTemplate("api", "v1", "organisations", ":organisationID")
        static let people = PathTemplate("api", "v1", "people")
        static let person = PathTemplate("api", "v1", "people", ":personID")
        static let groups = PathTemplate("api", "v1", "groups")
        static let group = PathTemplate("api", "v1", "groups", ":groupID")
        static let agreements = PathTemplate("api", "v1", "agreements")
        static let agreement = PathTemplate("api", "v1", "agreements", ":agreementID")
        static let clauses = PathTemplate("api", "v1", "agreements", ":agreementID", "clauses")
        static let clause = PathTemplate("api", "v1", "agreements", ":agreementID", "clauses", ":clauseID")
        static let complaints = PathTemplate("api", "v1", "complaints")
        static let plainEnglishCheck = PathTemplate("api", "v1", "plain-english", "check")
        static let complaint = PathTemplate("api", "v1", "complaints", ":complaintID")
    }
}
