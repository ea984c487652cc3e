@testable import App
import Domain
import Testing
import Vapor

/// Who may reach each route, written out a second time. Changing a route's
/// access means changing it here too, so it is never changed by accident.
@Suite("The site map")
struct SiteMapTests {
    static let expected = """
    GET / viewPartnership
    GET /accessibility anyone
    GET /account/calendar viewPartnership
    GET /account/password viewPartnership
    GET /actions viewPartnership
    GET /admin/accounts manageAccounts
    GET /admin/accounts/:accountID manageAccounts
    GET /admin/accounts/:accountID/password manageAccounts
    GET /admin/accounts/new manageAccounts
    GET /admin/audit-log viewAuditLog
    GET /admin/email manageEmail
    GET /admin/email/:emailID manageEmail
    GET /agreement-health viewPartnership
    GET /agreement-health.csv viewPartnership
    GET /agreements viewPartnership
    GET /agreements/:agreementID viewPartnership
    GET /agreements/:agreementID/clauses/:clauseID viewPartnership
    GET /agreements/:agreementID/clauses/:clauseID/assessments assessCommitments
    GET /agreements/:agreementID/clauses/:clauseID/edit manageAgreements
    GET /agreements/:agreementID/clauses/new manageAgreements
    GET /agreements/:agreementID/edit manageAgreements
    GET /agreements/new manageAgreements
    GET /api/v1/agreements viewPartnership
    GET /api/v1/agreements/:agreementID viewPartnership
    GET /api/v1/agreements/:agreementID/clauses viewPartnership
    GET /api/v1/agreements/:agreementID/clauses/:clauseID viewPartnership
    GET /api/v1/complaints viewComplaints
    GET /api/v1/complaints/:complaintID viewComplaints
    GET /api/v1/groups viewPartnership
    GET /api/v1/groups/:groupID viewPartnership
    GET /api/v1/groups/:groupID/meetings viewPartnership
    GET /api/v1/meetings viewPartnership
    GET /api/v1/meetings/:meetingID viewPartnership
    GET /api/v1/openapi.json anyone
    GET /api/v1/organisations viewPartnership
    GET /api/v1/organisations/:organisationID viewPartnership
    GET /api/v1/people viewPartnership
    GET /api/v1/people/:personID viewPartnership
    GET /calendar/:token anyone
    GET /complaints viewComplaints
    GET /complaints/:complaintID viewComplaints
    GET /complaints/:complaintID/edit manageComplaints
    GET /complaints/new manageComplaints
    GET /groups viewPartnership
    GET /groups/:groupID viewPartnership
    GET /groups/:groupID/edit manageGroups
    GET /groups/:groupID/meetings/new manageMeetings
    GET /groups/:groupID/members manageGroups
    GET /groups/:groupID/terms-of-reference manageGroups
    GET /groups/new manageGroups
    GET /healthz anyone
    GET /meetings viewPartnership
    GET /meetings/:meetingID viewPartnership
    GET /meetings/:meetingID/actions/:actionID/edit manageMeetings
    GET /meetings/:meetingID/actions/new manageMeetings
    GET /meetings/:meetingID/attendance manageMeetings
    GET /meetings/:meetingID/calendar viewPartnership
    GET /meetings/:meetingID/cancel manageMeetings
    GET /meetings/:meetingID/edit manageMeetings
    GET /meetings/:meetingID/items/:itemID/edit manageMeetings
    GET /meetings/:meetingID/items/:itemID/papers/new manageMeetings
    GET /meetings/:meetingID/items/new proposeAgendaItems
    GET /meetings/:meetingID/minutes manageMeetings
    GET /meetings/:meetingID/pack viewPartnership
    GET /meetings/:meetingID/pack/send manageMeetings
    GET /meetings/:meetingID/papers/:paperID viewPartnership
    GET /meetings/:meetingID/papers/:paperID/check viewPartnership
    GET /meetings/:meetingID/papers/:paperID/replace manageMeetings
    GET /meetings/:meetingID/papers/:paperID/versions/:version viewPartnership
    GET /meetings/:meetingID/partners/ask manageMeetings
    GET /organisations viewPartnership
    GET /organisations/:organisationID viewPartnership
    GET /organisations/:organisationID/delete manageOrganisations
    GET /organisations/:organisationID/edit manageOrganisations
    GET /organisations/new manageOrganisations
    GET /people viewPartnership
    GET /people/:personID viewPartnership
    GET /people/:personID/delete managePeople
    GET /people/:personID/diversity viewPersonalData
    GET /people/:personID/edit managePeople
    GET /people/:personID/volunteer-agreements manageVolunteerAgreements
    GET /people/new managePeople
    GET /plain-english viewPartnership
    GET /plain-english/settings managePlainEnglishSettings
    GET /sign-in anyone
    POST /account/calendar viewPartnership
    POST /account/calendar/stop viewPartnership
    POST /account/password viewPartnership
    POST /admin/accounts/:accountID manageAccounts
    POST /admin/accounts/:accountID/password manageAccounts
    POST /admin/accounts/new manageAccounts
    POST /admin/email/:emailID/send-again manageEmail
    POST /admin/email/settings manageEmail
    POST /agreements/:agreementID/clauses/:clauseID/assessments assessCommitments
    POST /agreements/:agreementID/clauses/:clauseID/edit manageAgreements
    POST /agreements/:agreementID/clauses/new manageAgreements
    POST /agreements/:agreementID/edit manageAgreements
    POST /agreements/new manageAgreements
    POST /api/v1/agreements manageAgreements
    POST /api/v1/agreements/:agreementID/clauses manageAgreements
    POST /api/v1/complaints manageComplaints
    POST /api/v1/groups manageGroups
    POST /api/v1/groups/:groupID/meetings manageMeetings
    POST /api/v1/meetings/:meetingID/actions manageMeetings
    POST /api/v1/meetings/:meetingID/cancel manageMeetings
    POST /api/v1/meetings/:meetingID/items proposeAgendaItems
    POST /api/v1/meetings/:meetingID/items/:itemID/decision manageMeetings
    POST /api/v1/meetings/:meetingID/items/:itemID/papers manageMeetings
    POST /api/v1/meetings/:meetingID/minutes/approve manageMeetings
    POST /api/v1/meetings/:meetingID/minutes/circulate manageMeetings
    POST /api/v1/meetings/:meetingID/pack manageMeetings
    POST /api/v1/meetings/:meetingID/papers/:paperID/versions manageMeetings
    POST /api/v1/meetings/:meetingID/partners/:organisationID/agreement proposeAgendaItems
    POST /api/v1/meetings/:meetingID/partners/ask manageMeetings
    POST /api/v1/organisations manageOrganisations
    POST /api/v1/people managePeople
    POST /api/v1/plain-english/check viewPartnership
    POST /complaints/:complaintID/edit manageComplaints
    POST /complaints/new manageComplaints
    POST /groups/:groupID/edit manageGroups
    POST /groups/:groupID/meetings/new manageMeetings
    POST /groups/:groupID/members manageGroups
    POST /groups/:groupID/members/:membershipID/remove manageGroups
    POST /groups/:groupID/terms-of-reference manageGroups
    POST /groups/new manageGroups
    POST /meetings/:meetingID/actions/:actionID/edit manageMeetings
    POST /meetings/:meetingID/actions/new manageMeetings
    POST /meetings/:meetingID/attendance manageMeetings
    POST /meetings/:meetingID/cancel manageMeetings
    POST /meetings/:meetingID/edit manageMeetings
    POST /meetings/:meetingID/items/:itemID/decision manageMeetings
    POST /meetings/:meetingID/items/:itemID/edit manageMeetings
    POST /meetings/:meetingID/items/:itemID/move manageMeetings
    POST /meetings/:meetingID/items/:itemID/papers/new manageMeetings
    POST /meetings/:meetingID/items/new proposeAgendaItems
    POST /meetings/:meetingID/minutes manageMeetings
    POST /meetings/:meetingID/minutes/approve manageMeetings
    POST /meetings/:meetingID/minutes/circulate manageMeetings
    POST /meetings/:meetingID/pack/send manageMeetings
    POST /meetings/:meetingID/papers/:paperID/replace manageMeetings
    POST /meetings/:meetingID/partners/agree proposeAgendaItems
    POST /meetings/:meetingID/partners/ask manageMeetings
    POST /organisations/:organisationID/delete manageOrganisations
    POST /organisations/:organisationID/edit manageOrganisations
    POST /organisations/new manageOrganisations
    POST /people/:personID/delete managePeople
    POST /people/:personID/diversity viewPersonalData
    POST /people/:personID/edit managePeople
    POST /people/:personID/volunteer-agreements manageVolunteerAgreements
    POST /people/new managePeople
    POST /plain-english viewPartnership
    POST /plain-english/settings managePlainEnglishSettings
    POST /sign-in anyone
    POST /sign-out anyone
    PUT /api/v1/agreements/:agreementID manageAgreements
    PUT /api/v1/agreements/:agreementID/clauses/:clauseID manageAgreements
    PUT /api/v1/complaints/:complaintID manageComplaints
    PUT /api/v1/groups/:groupID manageGroups
    PUT /api/v1/meetings/:meetingID manageMeetings
    PUT /api/v1/meetings/:meetingID/actions/:actionID manageMeetings
    PUT /api/v1/meetings/:meetingID/attendance manageMeetings
    PUT /api/v1/meetings/:meetingID/items/:itemID manageMeetings
    PUT /api/v1/meetings/:meetingID/minutes manageMeetings
    PUT /api/v1/organisations/:organisationID manageOrganisations
    PUT /api/v1/people/:personID managePeople
    """

    @Test("Every route's access matches the reviewed site map")
    func siteMap() async throws {
        try await withTestApp { app in
            let actual = app.routes.all
                .map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/")) \($0.access?.description ?? "NONE")" }
                .sorted().joined(separator: "\n")
            #expect(actual == Self.expected)
        }
    }
}
