/// Decides which parts of a person's record a viewer may see.
///
/// The forum holds the personal data of its members; only its designated
/// roles may read it (seed 000, clause 5.6). Partners talk to the forum
/// through the forum's own address (clause 5.4), so they never need a forum
/// member's own e-mail address or phone number. The work contact details of
/// council, NHS and provider staff are not forum-held and anyone signed in to
/// the area may see them. Diversity monitoring is collected only for forum
/// members (clause 5.3) and is always forum-held.
public enum PersonalDataPolicy {
    public static func canSeeContactDetails(viewer: Role, subjectIsForumMember: Bool) -> Bool {
        subjectIsForumMember ? AccessPolicy.allows(viewer, .viewPersonalData) : AccessPolicy.allows(viewer, .viewPartnership)
    }

    public static func canSeeDiversityMonitoring(viewer: Role, subjectIsForumMember: Bool) -> Bool {
        subjectIsForumMember && AccessPolicy.allows(viewer, .viewPersonalData)
    }

    /// Whether showing this person's record to this viewer reveals forum-held
    /// personal data, and so must be written to the audit log.
    public static func revealsForumHeldData(viewer: Role, subjectIsForumMember: Bool) -> Bool {
        subjectIsForumMember && AccessPolicy.allows(viewer, .viewPersonalData)
    }
}
