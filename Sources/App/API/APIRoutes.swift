import Domain
import Foundation
import OpenAPIKit
import Vapor

/// Every endpoint of the JSON API under /api/v1.
enum APIRoutes {
    static func operations() -> [APIOperation] {
        let partnership = PartnershipAPIController()
        let plainEnglish = PlainEnglishAPIController()
        let view = RouteAccess.requires(.viewPartnership)
        return [
            APIOperation("getOpenAPIDocument", .GET, Paths.API.openAPI, .anyone, tag: "Documentation",
                         summary: "This OpenAPI 3.1 document", reply: .document, handler: { _ in openAPIResponse() }),

            APIOperation("listOrganisations", .GET, Paths.API.organisations, view, tag: "Organisations",
                         summary: "List the area's organisations, by name", reply: .page("Organisation"), handler: partnership.listOrganisations),
            APIOperation("createOrganisation", .POST, Paths.API.organisations, .requires(.manageOrganisations), tag: "Organisations",
                         summary: "Add an organisation", body: "OrganisationInput", reply: .created("Organisation"), handler: partnership.createOrganisation),
            APIOperation("getOrganisation", .GET, Paths.API.organisation, view, tag: "Organisations",
                         summary: "One organisation", reply: .one("Organisation"), handler: partnership.getOrganisation),
            APIOperation("updateOrganisation", .PUT, Paths.API.organisation, .requires(.manageOrganisations), tag: "Organisations",
                         summary: "Replace an organisation's details", body: "OrganisationInput", reply: .one("Organisation"), handler: partnership.updateOrganisation),

            APIOperation("listPeople", .GET, Paths.API.people, view, tag: "People",
                         summary: "List the area's people, by name", reply: .page("Person"), handler: partnership.listPeople),
            APIOperation("createPerson", .POST, Paths.API.people, .requires(.managePeople), tag: "People",
                         summary: "Add a person", body: "PersonInput", reply: .created("Person"), handler: partnership.createPerson),
            APIOperation("getPerson", .GET, Paths.API.person, view, tag: "People",
                         summary: "One person", reply: .one("Person"), handler: partnership.getPerson),
            APIOperation("updatePerson", .PUT, Paths.API.person, .requires(.managePeople), tag: "People",
                         summary: "Replace a person's details", body: "PersonInput", reply: .one("Person"), handler: partnership.updatePerson),

            APIOperation("listGroups", .GET, Paths.API.groups, view, tag: "Groups",
                         summary: "List the area's groups, by name", reply: .page("Group"), handler: partnership.listGroups),
            APIOperation("createGroup", .POST, Paths.API.groups, .requires(.manageGroups), tag: "Groups",
                         summary: "Add a group", body: "GroupInput", reply: .created("Group"), handler: partnership.createGroup),
            APIOperation("getGroup", .GET, Paths.API.group, view, tag: "Groups",
                         summary: "One group, with its members and current terms of reference", reply: .one("Group"), handler: partnership.getGroup),
            APIOperation("updateGroup", .PUT, Paths.API.group, .requires(.manageGroups), tag: "Groups",
                         summary: "Replace a group's details", body: "GroupInput", reply: .one("Group"), handler: partnership.updateGroup),

            APIOperation("listAgreements", .GET, Paths.API.agreements, view, tag: "Agreements",
                         summary: "List the area's partnership agreements, newest first", reply: .page("Agreement"), handler: partnership.listAgreements),
            APIOperation("createAgreement", .POST, Paths.API.agreements, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Add a partnership agreement", body: "AgreementInput", reply: .created("Agreement"), handler: partnership.createAgreement),
            APIOperation("getAgreement", .GET, Paths.API.agreement, view, tag: "Agreements",
                         summary: "One partnership agreement", reply: .one("Agreement"), handler: partnership.getAgreement),
            APIOperation("updateAgreement", .PUT, Paths.API.agreement, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Replace an agreement's details and partners", body: "AgreementInput", reply: .one("Agreement"), handler: partnership.updateAgreement),

            APIOperation("listClauses", .GET, Paths.API.clauses, view, tag: "Agreements",
                         summary: "Every clause of an agreement, in order", reply: .list("Clause"), handler: partnership.listClauses),
            APIOperation("createClause", .POST, Paths.API.clauses, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Add a clause at the end of an agreement", body: "ClauseInput", reply: .created("Clause"), handler: partnership.createClause),
            APIOperation("getClause", .GET, Paths.API.clause, view, tag: "Agreements",
                         summary: "One clause, with the latest hand check of a commitment", reply: .one("Clause"), handler: partnership.getClause),
            APIOperation("updateClause", .PUT, Paths.API.clause, .requires(.manageAgreements), tag: "Agreements",
                         summary: "Replace a clause", body: "ClauseInput", reply: .one("Clause"), handler: partnership.updateClause),

            APIOperation("listComplaints", .GET, Paths.API.complaints, .requires(.viewComplaints), tag: "Complaints",
                         summary: "List complaints, newest first; ?status= filters", reply: .page("Complaint"), handler: partnership.listComplaints),
            APIOperation("createComplaint", .POST, Paths.API.complaints, .requires(.manageComplaints), tag: "Complaints",
                         summary: "Record a complaint", body: "ComplaintInput", reply: .created("Complaint"), handler: partnership.createComplaint),
            APIOperation("getComplaint", .GET, Paths.API.complaint, .requires(.viewComplaints), tag: "Complaints",
                         summary: "One complaint", reply: .one("Complaint"), handler: partnership.getComplaint),
            APIOperation("updateComplaint", .PUT, Paths.API.complaint, .requires(.manageComplaints), tag: "Complaints",
                         summary: "Replace a complaint's details", body: "ComplaintInput", reply: .one("Complaint"), handler: partnership.updateComplaint),

            APIOperation("checkPlainEnglish", .POST, Paths.API.plainEnglishCheck, view, tag: "Plain English",
                         summary: "Check text or a file (.txt, .md, .html, .docx, .pdf) against plain English, with the area's settings",
                         body: "PlainEnglishCheckInput", bodyLimit: PlainEnglishAPIController.maximumBody,
                         reply: .one("PlainEnglishAnalysis"), handler: plainEnglish.check),
        ]
    }

    /// The document, encoded once.
    static let documentJSON: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(OpenAPIDocument.make(operations()))
    }()

    static func openAPIResponse() -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: documentJSON))
    }
}
