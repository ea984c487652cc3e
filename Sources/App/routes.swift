import Domain
import Vapor

/// The whole site map. Every route states who may reach it; `AccessPolicy`
/// decides, and the authorisation middleware enforces it.
func routes(_ app: Application) throws {
    let home = HomeController()
    let signIn = SignInController()
    let passwords = PasswordController()
    let organisations = OrganisationsController()
    let people = PeopleController()
    let groups = GroupsController()
    let agreements = AgreementsController()
    let complaints = ComplaintsController()
    let accounts = AccountsController()
    let auditLog = AuditLogController()
    let plainEnglish = PlainEnglishController()
    let plainEnglishSettings = PlainEnglishSettingsController()

    app.get(Paths.healthz, .anyone, use: home.healthz)

    // Web pages: session cookie, then authorisation, then the anti-forgery check.
    // Document uploads wait for room before their bodies are read.
    let web = app.grouped(app.sessions.middleware, SessionViewerAuthenticator(), AuthorizationMiddleware(), DocumentWorkGate(), CSRFMiddleware())

    web.get(Paths.signIn, .anyone, use: signIn.show)
    web.post(Paths.signIn, .anyone, use: signIn.signIn)
    web.post(Paths.signOut, .anyone, use: signIn.signOut)
    web.get(Paths.accessibility, .anyone, use: home.accessibility)
    web.get(Paths.home, .requires(.viewPartnership), use: home.show)
    web.get(Paths.changePassword, .requires(.viewPartnership), use: passwords.showChange)
    web.post(Paths.changePassword, .requires(.viewPartnership), use: passwords.change)

    // Partnership register
    web.get(Paths.organisations, .requires(.viewPartnership), use: organisations.index)
    web.get(Paths.newOrganisation, .requires(.manageOrganisations), use: organisations.new)
    web.post(Paths.newOrganisation, .requires(.manageOrganisations), use: organisations.create)
    web.get(Paths.organisation, .requires(.viewPartnership), use: organisations.show)
    web.get(Paths.editOrganisation, .requires(.manageOrganisations), use: organisations.edit)
    web.post(Paths.editOrganisation, .requires(.manageOrganisations), use: organisations.update)
    web.get(Paths.deleteOrganisation, .requires(.manageOrganisations), use: organisations.confirmDelete)
    web.post(Paths.deleteOrganisation, .requires(.manageOrganisations), use: organisations.delete)

    web.get(Paths.people, .requires(.viewPartnership), use: people.index)
    web.get(Paths.newPerson, .requires(.managePeople), use: people.new)
    web.post(Paths.newPerson, .requires(.managePeople), use: people.create)
    web.get(Paths.person, .requires(.viewPartnership), use: people.show)
    web.get(Paths.editPerson, .requires(.managePeople), use: people.edit)
    web.post(Paths.editPerson, .requires(.managePeople), use: people.update)
    web.get(Paths.personDiversity, .requires(.viewPersonalData), use: people.editDiversity)
    web.post(Paths.personDiversity, .requires(.viewPersonalData), use: people.updateDiversity)
    web.get(Paths.personVolunteerAgreements, .requires(.manageVolunteerAgreements), use: people.newVolunteerAgreement)
    web.post(Paths.personVolunteerAgreements, .requires(.manageVolunteerAgreements), use: people.createVolunteerAgreement)
    web.get(Paths.deletePerson, .requires(.managePeople), use: people.confirmDelete)
    web.post(Paths.deletePerson, .requires(.managePeople), use: people.delete)

    web.get(Paths.groups, .requires(.viewPartnership), use: groups.index)
    web.get(Paths.newGroup, .requires(.manageGroups), use: groups.new)
    web.post(Paths.newGroup, .requires(.manageGroups), use: groups.create)
    web.get(Paths.group, .requires(.viewPartnership), use: groups.show)
    web.get(Paths.editGroup, .requires(.manageGroups), use: groups.edit)
    web.post(Paths.editGroup, .requires(.manageGroups), use: groups.update)
    web.get(Paths.groupTermsOfReference, .requires(.manageGroups), use: groups.newTerms)
    web.post(Paths.groupTermsOfReference, .requires(.manageGroups), use: groups.createTerms)
    web.get(Paths.groupMembers, .requires(.manageGroups), use: groups.newMember)
    web.post(Paths.groupMembers, .requires(.manageGroups), use: groups.addMember)
    web.post(Paths.groupMember, .requires(.manageGroups), use: groups.removeMember)

    web.get(Paths.agreements, .requires(.viewPartnership), use: agreements.index)
    web.get(Paths.newAgreement, .requires(.manageAgreements), use: agreements.new)
    web.post(Paths.newAgreement, .requires(.manageAgreements), use: agreements.create)
    web.get(Paths.agreement, .requires(.viewPartnership), use: agreements.show)
    web.get(Paths.editAgreement, .requires(.manageAgreements), use: agreements.edit)
    web.post(Paths.editAgreement, .requires(.manageAgreements), use: agreements.update)
    web.get(Paths.newClause, .requires(.manageAgreements), use: agreements.newClause)
    web.post(Paths.newClause, .requires(.manageAgreements), use: agreements.createClause)
    web.get(Paths.clause, .requires(.viewPartnership), use: agreements.showClause)
    web.get(Paths.editClause, .requires(.manageAgreements), use: agreements.editClause)
    web.post(Paths.editClause, .requires(.manageAgreements), use: agreements.updateClause)
    web.get(Paths.clauseAssessments, .requires(.assessCommitments), use: agreements.newAssessment)
    web.post(Paths.clauseAssessments, .requires(.assessCommitments), use: agreements.createAssessment)

    web.get(Paths.complaints, .requires(.viewComplaints), use: complaints.index)
    web.get(Paths.newComplaint, .requires(.manageComplaints), use: complaints.new)
    web.post(Paths.newComplaint, .requires(.manageComplaints), use: complaints.create)
    web.get(Paths.complaint, .requires(.viewComplaints), use: complaints.show)
    web.get(Paths.editComplaint, .requires(.manageComplaints), use: complaints.edit)
    web.post(Paths.editComplaint, .requires(.manageComplaints), use: complaints.update)

    // Plain English
    web.get(Paths.plainEnglish, .requires(.viewPartnership), use: plainEnglish.show)
    web.post(Paths.plainEnglish, .requires(.viewPartnership), body: PlainEnglishController.maximumUpload, use: plainEnglish.check)
    web.get(Paths.plainEnglishSettings, .requires(.managePlainEnglishSettings), use: plainEnglishSettings.edit)
    web.post(Paths.plainEnglishSettings, .requires(.managePlainEnglishSettings), use: plainEnglishSettings.update)

    // Administration
    web.get(Paths.accounts, .requires(.manageAccounts), use: accounts.index)
    web.get(Paths.newAccount, .requires(.manageAccounts), use: accounts.new)
    web.post(Paths.newAccount, .requires(.manageAccounts), use: accounts.create)
    web.get(Paths.account, .requires(.manageAccounts), use: accounts.show)
    web.post(Paths.account, .requires(.manageAccounts), use: accounts.update)
    web.get(Paths.accountPassword, .requires(.manageAccounts), use: passwords.showSet)
    web.post(Paths.accountPassword, .requires(.manageAccounts), use: passwords.set)
    web.get(Paths.auditLog, .requires(.viewAuditLog), use: auditLog.index)

    // JSON API: personal API tokens, no cookies, so no anti-forgery token is needed.
    let api = app.grouped(BearerViewerAuthenticator(), AuthorizationMiddleware(), DocumentWorkGate())
    api.register(APIRoutes.operations())
}
