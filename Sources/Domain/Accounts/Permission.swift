/// Something a page or an API call needs the person to be allowed to do.
public enum Permission: String, CaseIterable, Sendable, Codable {
    /// See the partnership register: organisations, names of people, groups, agreements.
    case viewPartnership
    /// See the forum's personal data: contact details of forum members and diversity monitoring.
    case viewPersonalData
    case manageOrganisations
    case managePeople
    case manageAccounts
    case manageGroups
    /// Arrange, move and cancel meetings, decide their agendas, add papers, send packs and record who came.
    case manageMeetings
    /// Propose items for a meeting's agenda.
    case proposeAgendaItems
    case manageAgreements
    /// Record whether a free-text commitment in an agreement was met.
    case assessCommitments
    case manageVolunteerAgreements
    case viewComplaints
    case manageComplaints
    case viewAuditLog
    /// See the area's e-mail, sent and waiting, and send again what stopped.
    case manageEmail
    /// Set the area's plain English thresholds, usual profile and glossary.
    case managePlainEnglishSettings
    /// Record engagement activities and what came of them.
    case recordEngagement
    /// Add and change the area's services, strategies and projects.
    case manageServices
    /// Choose the area's ladder of participation and how soon participants are told what changed.
    case manageEngagementSettings
    /// Run self-evaluation assessments and keep their action plans.
    case selfEvaluate
}

/// Who may reach a route: anybody, only a signed-in person holding a
/// permission, or only the server's operator (their monitoring, holding the
/// token they set), never a person's account.
public enum RouteAccess: Sendable, Equatable, CustomStringConvertible {
    case anyone
    case requires(Permission)
    case operatorToken

    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .requires(let permission): permission.rawValue
        case .operatorToken: "the operator's token"
        }
    }
}
