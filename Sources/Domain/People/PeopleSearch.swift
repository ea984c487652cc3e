/// What the people list can narrow to, besides a name and an organisation:
/// the part a person plays in the partnership.
public enum PersonStanding: String, CaseIterable, Sendable {
    /// Anyone whose organisation is a parent carer forum.
    case forumMembers = "forum-members"
    /// Forum members with a place in at least one group.
    case forumRepresentatives = "forum-representatives"
    /// Forum representatives with no volunteer agreement in force.
    case noVolunteerAgreement = "no-volunteer-agreement"
    /// Forum representatives whose volunteer agreement ends within `VolunteerAgreementStatus.warningDays`.
    case volunteerAgreementEndsSoon = "volunteer-agreement-ends-soon"
    /// Chairs of at least one group.
    case chairs
    /// People in no group at all.
    case inNoGroup = "in-no-group"
    /// People who can sign in.
    case withAccount = "with-account"

    public var label: String {
        switch self {
        case .forumMembers: "Forum members"
        case .forumRepresentatives: "Forum representatives (forum members in a group)"
        case .noVolunteerAgreement: "Forum representatives with no volunteer agreement in force"
        case .volunteerAgreementEndsSoon: "Forum representatives whose volunteer agreement ends in the next \(VolunteerAgreementStatus.warningDays) days"
        case .chairs: "Chairs of a group"
        case .inNoGroup: "People in no group"
        case .withAccount: "People who can sign in"
        }
    }
}

/// The orders the people list can be read in.
public enum PeopleOrder: String, CaseIterable, Sendable {
    case name
    case organisation
    /// Most recently added first.
    case newest

    public var label: String {
        switch self {
        case .name: "Name"
        case .organisation: "Organisation, then name"
        case .newest: "Most recently added"
        }
    }

    /// From a web address: anything unknown reads as the usual order, by name.
    public static func lenient(_ raw: String?) -> PeopleOrder {
        raw.flatMap(PeopleOrder.init(rawValue:)) ?? .name
    }
}
