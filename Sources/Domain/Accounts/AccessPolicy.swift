/// The single place that decides who may do what.
///
/// Every route declares a `RouteAccess`; the web and API layers ask this
/// policy and nothing else. A test walks every registered route against it.
public enum AccessPolicy {
    /// The permissions each role holds. Area admins hold every permission.
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .areaAdmin:
            return Set(Permission.allCases)
        case .forumOfficer:
            return [
                .viewPartnership, .viewPersonalData, .managePeople, .manageGroups, .manageMeetings, .proposeAgendaItems,
                .manageAgreements, .assessCommitments, .manageVolunteerAgreements,
                .viewComplaints, .manageComplaints, .managePlainEnglishSettings,
                .recordEngagement, .manageServices, .manageEngagementSettings, .selfEvaluate,
            ]
        case .forumRepresentative:
            return [.viewPartnership, .viewComplaints, .proposeAgendaItems, .recordEngagement]
        case .partnerOfficer:
            return [
                .viewPartnership, .manageGroups, .manageMeetings, .proposeAgendaItems, .manageAgreements, .assessCommitments,
                .viewComplaints, .manageComplaints, .recordEngagement, .manageServices, .selfEvaluate,
            ]
        case .boardViewer:
            return [.viewPartnership]
        }
    }

    public static func allows(_ role: Role?, _ permission: Permission) -> Bool {
        guard let role else { return false }
        return permissions(of: role).contains(permission)
    }

    public static func allows(_ role: Role?, _ access: RouteAccess) -> Bool {
        switch access {
        case .anyone: true
        case .requires(let permission): allows(role, permission)
        // No role reaches the operator's pages: their token does, checked by the authorisation middleware.
        case .operatorToken: false
        }
    }
}
