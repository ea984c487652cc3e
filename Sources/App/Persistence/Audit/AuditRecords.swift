import Crypto
import Domain
import Fluent
import Foundation

// The fields the audit log keeps for meetings and engagement records. A
// meeting's agenda items, minutes and actions are logged under the meeting,
// where people look for them, each change naming the item in its detail.

/// Eight hex digits that change with any edit of a long text, so the log shows that it changed without copying it.
func auditFingerprint(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
}

extension MeetingModel: AuditRecord {
    static let auditType = "meeting"
    var auditLabel: String { "\($group.value?.name ?? "Meeting"), \(meetsOn.longForm)" }
    var auditFields: [AuditField] {
        [AuditField("Date", meetsOn.longForm), AuditField("Starts", startsAt.spoken), AuditField("Ends", endsAt.spoken),
         AuditField("Venue", venue), AuditField("Online link", onlineLink), AuditField("Refreshments", refreshments ? "Yes" : "No"),
         AuditField("Chair", Self.name($chair.value, $chair.id)), AuditField("Named contact", Self.name($contact.value, $contact.id)),
         AuditField("Officer", Self.name($officer.value, $officer.id)), AuditField("Status", status.label),
         AuditField("Why cancelled", cancelledReason)]
    }

    /// A person's name when it was read with the record and is still the one
    /// it names, else their record's id, so a change of person always shows.
    static func name(_ loaded: PersonModel??, _ id: UUID?) -> String? {
        if let person = loaded ?? nil, person.id == id { return person.fullName }
        return id?.uuidString
    }
}

extension AgendaItemModel {
    var auditFields: [AuditField] {
        [AuditField("Agenda item", title), AuditField("Purpose", purpose.label), AuditField("What the forum is asked", forumAsk),
         AuditField("Time allowed (minutes)", minutes.map(String.init)), AuditField("Lead", MeetingModel.name($lead.value, $lead.id)),
         AuditField("Status", status.label), AuditField("Put off to", deferredTo?.longForm)]
    }
}

extension MinutesModel {
    var auditFields: [AuditField] {
        // The minutes themselves are the record, and long: the log notes their length and a fingerprint
        // that changes with any edit, not every word twice.
        return [AuditField("Minutes", "\(text.split(whereSeparator: \.isWhitespace).count) words (version \(auditFingerprint(text)))"),
                AuditField("Decisions", decisions.joined(separator: "\n")), AuditField("Minutes status", status.label)]
    }
}

extension ActionModel {
    var auditFields: [AuditField] {
        [AuditField("Action", text), AuditField("Owner", MeetingModel.name($owner.value, $owner.id)), AuditField("Due", dueOn?.longForm),
         AuditField("Action status", status.label), AuditField("Notes", notes), AuditField("Closed", closedOn?.longForm)]
    }
}

extension ServiceModel: AuditRecord {
    static let auditType = "service"
    var auditLabel: String { name }
    var auditFields: [AuditField] {
        [AuditField("Name", name), AuditField("Kind", kind.label), AuditField("Lead organisation", $leadOrganisation.id?.uuidString),
         AuditField("Summary", summary)]
    }
}

extension EngagementActivityModel: AuditRecord {
    static let auditType = "engagement-activity"
    var auditLabel: String { title }
    var auditFields: [AuditField] {
        [AuditField("Title", title), AuditField("Started", startsOn.longForm), AuditField("Ended", endsOn?.longForm),
         AuditField("Service", $service.id?.uuidString), AuditField("How", method.label),
         AuditField("Planned rung", $plannedRung.id.uuidString), AuditField("Rung reached", $achievedRung.id?.uuidString),
         AuditField("Parent carers", String(parentCarers)), AuditField("Children and young people", String(childrenAndYoungPeople)),
         AuditField("Professionals", String(professionals)), AuditField("What participants said", participantsSaid),
         AuditField("What changed", whatChanged), AuditField("Told on", toldOn?.longForm), AuditField("How they were told", howTold)]
    }
}

extension AssessmentModel {
    static let auditType = "assessment"
    var auditLabel: String { "\(subjectName), \(year.label)" }

    /// The rating and the answers, by statement: which were ticked, and a fingerprint of the evidence
    /// written, so any change shows without copying every answer twice.
    func auditFields(answers: [(key: String, ticked: Bool, evidence: String?)]) -> [AuditField] {
        let evidence = answers.compactMap { answer in answer.evidence.map { "\(answer.key)=\($0)" } }.sorted().joined(separator: "\n")
        let fingerprint = auditFingerprint(evidence)
        return [AuditField("Rating", rating?.label), AuditField("Statements ticked", answers.filter(\.ticked).map(\.key).sorted().joined(separator: ", ")),
                AuditField("Evidence", evidence.isEmpty ? nil : "\(answers.filter { $0.evidence != nil }.count) answers (version \(fingerprint))")]
    }
}

extension PlanActionModel {
    var auditFields: [AuditField] {
        [AuditField("Action", what), AuditField("Owner", MeetingModel.name($owner.value, $owner.id)), AuditField("Due", dueOn.longForm),
         AuditField("How", how), AuditField("Action status", status.label), AuditField("Progress", progress)]
    }
}

extension StoreContext {
    /// Logs a change to a self-evaluation (its answers, ideas, actions) under the assessment.
    func auditAssessment(_ assessment: AssessmentModel, _ action: AuditAction, _ detail: String?, before: [AuditField] = [],
                         after: [AuditField]) async throws {
        let changes = before.isEmpty ? AuditChanges.created(after) : AuditChanges.between(before: before, after: after)
        guard !changes.isEmpty || action == .create else { return }
        try await audit(action, subjectType: AssessmentModel.auditType, subjectID: assessment.id, subjectLabel: assessment.auditLabel,
                        detail: detail, changes: changes)
    }

    /// Logs a change to part of a meeting (an agenda item, its minutes, an action) under the meeting.
    func auditMeetingPart(_ meeting: MeetingModel, _ detail: String, before: [AuditField] = [], after: [AuditField]) async throws {
        let changes = before.isEmpty ? AuditChanges.created(after) : AuditChanges.between(before: before, after: after)
        guard !changes.isEmpty else { return }
        try await audit(.update, subjectType: MeetingModel.auditType, subjectID: meeting.id, subjectLabel: meeting.auditLabel, detail: detail,
                        changes: changes)
    }
}
