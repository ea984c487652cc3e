/// Checks the agreement's rules that can be judged from a group's own
/// record: its terms of reference, chair, members and planned frequency.
/// Rules about meetings and papers are checked by the meetings part.
public enum GroupRuleCheck {
    public struct Member: Sendable, Equatable {
        public let name: String
        public let organisationName: String?
        public let organisationKind: OrganisationKind?
        public let role: MembershipRole
        public let makesDecisions: Bool
        /// Nil for people who are not forum members.
        public let volunteerAgreementInForce: Bool?

        public init(name: String, organisationName: String?, organisationKind: OrganisationKind?, role: MembershipRole,
                    makesDecisions: Bool, volunteerAgreementInForce: Bool?) {
            self.name = name
            self.organisationName = organisationName
            self.organisationKind = organisationKind
            self.role = role
            self.makesDecisions = makesDecisions
            self.volunteerAgreementInForce = volunteerAgreementInForce
        }
    }

    public struct Facts: Sendable, Equatable {
        public let cadence: Cadence
        public let currentAttendees: [String]?
        public let members: [Member]

        public init(cadence: Cadence, currentAttendees: [String]?, members: [Member]) {
            self.cadence = cadence
            self.currentAttendees = currentAttendees
            self.members = members
        }
    }

    public enum Outcome: Sendable, Equatable {
        case met(String)
        case notMet(String)
        /// Judged elsewhere, such as at each meeting.
        case checkedElsewhere(String)

        public var isMet: Bool? {
            switch self {
            case .met: true
            case .notMet: false
            case .checkedElsewhere: nil
            }
        }

        public var explanation: String {
            switch self {
            case .met(let text), .notMet(let text), .checkedElsewhere(let text): text
            }
        }
    }

    public static func check(_ rule: ClauseRule, against facts: Facts) -> Outcome {
        switch rule {
        case .termsOfReferenceWithAttendees:
            guard let attendees = facts.currentAttendees else { return .notMet("The group has no terms of reference yet.") }
            return attendees.isEmpty ? .notMet("The terms of reference do not say who attends.")
                                     : .met("The terms of reference list \(attendees.count) \(attendees.count == 1 ? "attendee" : "attendees").")
        case .chairFrom(let kind):
            let chairs = facts.members.filter { $0.role == .chair }
            guard !chairs.isEmpty else { return .notMet("The group has no chair recorded.") }
            if chairs.contains(where: { $0.organisationKind == kind }) {
                return .met("Chaired by \(chairs.filter { $0.organisationKind == kind }.map(\.name).joined(separator: " and ")).")
            }
            return .notMet("Chaired by \(chairs.map(\.name).joined(separator: " and ")), who \(chairs.count == 1 ? "is" : "are") not from the \(kind.label.lowercased()).")
        case .decisionMakersAttend:
            var organisations: [String: Bool] = [:]
            for member in facts.members where member.role != .observer {
                guard let name = member.organisationName else { continue }
                organisations[name] = (organisations[name] ?? false) || member.makesDecisions
            }
            guard !organisations.isEmpty else { return .notMet("The group has no members from any organisation.") }
            let missing = organisations.filter { !$0.value }.keys.sorted()
            return missing.isEmpty ? .met("Every organisation on the group has a member who can make decisions.")
                                   : .notMet("No member who can make decisions for: \(missing.joined(separator: ", ")).")
        case .volunteerAgreementsForRepresentatives:
            let representatives = facts.members.filter { $0.volunteerAgreementInForce != nil }
            let without = representatives.filter { $0.volunteerAgreementInForce == false }.map(\.name).sorted()
            if representatives.isEmpty { return .met("No forum representatives sit on this group.") }
            return without.isEmpty ? .met("Every forum representative on the group has a volunteer agreement in force.")
                                   : .notMet("No volunteer agreement in force for: \(without.joined(separator: ", ")).")
        case .meetingCadence(let required):
            guard let needed = required.longestGapInDays else { return .met("The rule asks for meetings only when needed.") }
            guard let planned = facts.cadence.longestGapInDays else {
                return .notMet("The group meets only when needed, but the agreement asks for meetings \(required.label.lowercased()).")
            }
            return planned <= needed ? .met("The group plans to meet \(facts.cadence.label.lowercased()).")
                                     : .notMet("The group plans to meet \(facts.cadence.label.lowercased()), but the agreement asks for \(required.label.lowercased()).")
        case .meetingTimeWindow, .papersNoticeDays, .plainEnglishPapers, .namedContact, .agendaAgreedJointly, .complaintsDiscussed, .refreshmentsOffered,
             .agendaStatesForumAsk, .partnersAskedForItems, .minutesCirculatedWithin, .communicationThroughForumAddress:
            return .checkedElsewhere("Checked for each meeting.")
        case .personalDataForDesignatedForumRoles:
            return .checkedElsewhere("Applies to the whole partnership, not one group.")
        }
    }
}
