/// What a person's account lets them do in their local area.
///
/// The roles come from the partnership agreement: the forum's designated
/// officers hold its personal data (seed 000, clause 5.6), representatives
/// attend meetings for the forum, partner officers work for the council, the
/// NHS or a provider, and board members read reports.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case areaAdmin = "area-admin"
    case forumOfficer = "forum-officer"
    case forumRepresentative = "forum-representative"
    case partnerOfficer = "partner-officer"
    case boardViewer = "board-viewer"

    public var label: String {
        switch self {
        case .areaAdmin: "Area admin"
        case .forumOfficer: "Forum officer"
        case .forumRepresentative: "Forum representative"
        case .partnerOfficer: "Partner officer"
        case .boardViewer: "Board viewer"
        }
    }

    public var explanation: String {
        switch self {
        case .areaAdmin: "Runs Coproduce for the area: partners, people, accounts and settings."
        case .forumOfficer: "Forum chair, parent participation officer or committee member. Can see the forum's personal data."
        case .forumRepresentative: "A volunteer parent carer who represents the forum at meetings."
        case .partnerOfficer: "Works for the council, the NHS or a provider on the partnership."
        case .boardViewer: "Sits on a board and reads its reports."
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
