import Domain
import Testing

@Suite("Who may do what")
struct AccessPolicyTests {
    @Test("Area admins hold every permission")
    func adminsHoldEverything() {
        for permission in Permission.allCases {
            #expect(AccessPolicy.allows(.areaAdmin, permission))
        }
    }

    @Test("Nobody signed out holds any permission, but anyone may reach public routes")
    func anonymous() {
        for permission in Permission.allCases {
            #expect(!AccessPolicy.allows(nil, permission))
        }
        #expect(AccessPolicy.allows(nil, .anyone))
    }

    @Test("Only forum officers and area admins see the forum's personal data (seed 000, clause 5.6)")
    func personalData() {
        let allowed = Role.allCases.filter { AccessPolicy.allows($0, .viewPersonalData) }
        #expect(allowed == [.areaAdmin, .forumOfficer])
    }

    @Test("Board viewers only read")
    func boardViewersOnlyRead() {
        #expect(AccessPolicy.permissions(of: .boardViewer) == [.viewPartnership])
    }

    @Test("Only area admins manage accounts and read the audit log")
    func adminOnly() {
        for permission in [Permission.manageAccounts, .viewAuditLog, .manageOrganisations] {
            #expect(Role.allCases.filter { AccessPolicy.allows($0, permission) } == [.areaAdmin])
        }
    }

    @Test("Partners see council and NHS staff's work details but not forum members' own")
    func contactDetails() {
        #expect(PersonalDataPolicy.canSeeContactDetails(viewer: .partnerOfficer, subjectIsForumMember: false))
        #expect(!PersonalDataPolicy.canSeeContactDetails(viewer: .partnerOfficer, subjectIsForumMember: true))
        #expect(!PersonalDataPolicy.canSeeContactDetails(viewer: .forumRepresentative, subjectIsForumMember: true))
        #expect(PersonalDataPolicy.canSeeContactDetails(viewer: .forumOfficer, subjectIsForumMember: true))
        #expect(!PersonalDataPolicy.canSeeDiversityMonitoring(viewer: .forumOfficer, subjectIsForumMember: false))
        #expect(PersonalDataPolicy.canSeeDiversityMonitoring(viewer: .areaAdmin, subjectIsForumMember: true))
        #expect(PersonalDataPolicy.revealsForumHeldData(viewer: .forumOfficer, subjectIsForumMember: true))
        #expect(!PersonalDataPolicy.revealsForumHeldData(viewer: .forumOfficer, subjectIsForumMember: false))
    }
}
