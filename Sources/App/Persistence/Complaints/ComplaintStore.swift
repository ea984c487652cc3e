import Domain
import Fluent
import Foundation
import Vapor

/// The only place complaints are read and written, always within the actor's area.
struct ComplaintStore {
    /// A complaint as typed into the form or sent to the API.
    struct Input: Sendable {
        var receivedOn = DateInput()
        var aboutOrganisationId: String?
        var summary: String?
        var status: String?
        var ownerId: String?
        var responseDueOn = DateInput()
        var outcome: String?
        var lessonsLearned: String?
        var themes: [String] = []
    }

    /// Which complaints a list shows.
    enum Listing: String, Sendable {
        case open, all, overdue
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// The complaint with the organisation it is about and who handles it, or 404.
    func find(_ id: UUID) async throws -> ComplaintModel {
        guard let complaint = try await ComplaintModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$aboutOrganisation).with(\.$owner).first() else { throw Abort(.notFound) }
        return complaint
    }

    /// One page of complaints, newest first: open ones only, overdue ones, one status, or all.
    func page(status: ComplaintStatus? = nil, openOnly: Bool = false, overdueOnly: Bool = false, _ page: ListPage) async throws -> (items: [ComplaintModel], total: Int) {
        var query = ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let status { query = query.filter(\.$status == status) }
        if openOnly { query = query.filter(\.$status != .closed) }
        if overdueOnly { query = overdue(query) }
        return try await query.with(\.$aboutOrganisation).with(\.$owner).sort(\.$receivedOn, .descending).sort(\.$id).page(page)
    }

    /// Complaints still being worked on after their response was due.
    private func overdue(_ query: QueryBuilder<ComplaintModel>) -> QueryBuilder<ComplaintModel> {
        query.filter(\.$status ~~ [.received, .beingInvestigated]).filter(\.$responseDueOn < context.today)
    }

    /// How many responses are overdue, for the home page.
    func overdueCount() async throws -> Int {
        try await overdue(ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID)).count()
    }

    /// Each change of the complaint's status, oldest first.
    func history(of complaint: ComplaintModel) async throws -> [ComplaintStatusChangeModel] {
        try await ComplaintStatusChangeModel.query(on: context.db).filter(\.$complaint.$id == complaint.requireID())
            .sort(\.$createdAt).sort(\.$changedOn).limit(500).all()
    }

    /// The area's standard: days from receipt to the response.
    func responseDays() async throws -> Int {
        try await ComplaintSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID).first()?.responseDays
            ?? ComplaintHandling.defaultResponseDays
    }

    /// Sets the area's standard; complaints already recorded keep their dates.
    func setResponseDays(_ typed: String?) async throws {
        let days = try ComplaintHandling.validateResponseDays(typed)
        let before = try await responseDays()
        try await context.write { context in
            if let settings = try await ComplaintSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID).first() {
                settings.responseDays = days
                try await settings.save(on: context.db)
            } else {
                try await ComplaintSettingsModel(areaID: context.areaID, responseDays: days).create(on: context.db)
            }
            if before != days {
                try await context.audit(.update, subjectType: "complaint-settings", subjectID: nil, subjectLabel: "Complaint handling",
                                        changes: [AuditChange(field: "Days to respond", before: String(before), after: String(days))])
            }
        }
    }

    /// How many complaints are still open, to be discussed at partnership meetings.
    func openCount() async throws -> Int {
        try await ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$status != .closed).count()
    }

    /// Records a complaint with the next reference of its year. Two recorded
    /// at the same moment could take the same number: the unique index
    /// refuses the second, which tries again with the next.
    func create(_ input: Input) async throws -> ComplaintModel {
        let (details, organisation, owner) = try await validate(input)
        let days = try await responseDays()
        for attempt in 1...3 {
            let complaint = ComplaintModel(areaID: context.areaID, aboutOrganisationID: try organisation.requireID(), details: details, responseDays: days)
            complaint.$owner.id = owner?.id
            complaint.$aboutOrganisation.value = organisation
            complaint.$owner.value = owner
            do {
                try await context.write { context in
                    complaint.reference = try await ComplaintStore(context).nextReference(year: details.receivedOn.year)
                    try await complaint.create(on: context.db)
                    try await ComplaintStatusChangeModel(complaintID: try complaint.requireID(), status: details.status, changedOn: context.today,
                                                         changedBy: context.actor.name).create(on: context.db)
                    try await context.auditCreated(complaint)
                }
                return complaint
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 3 {
                continue
            }
        }
        throw Abort(.internalServerError)
    }

    func update(_ complaint: ComplaintModel, with input: Input) async throws {
        let (details, organisation, owner) = try await validate(input)
        if complaint.$aboutOrganisation.value == nil { try await complaint.$aboutOrganisation.load(on: context.db) }
        if complaint.$owner.value == nil { try await complaint.$owner.load(on: context.db) }
        let before = complaint.auditFields
        let previousStatus = complaint.status
        complaint.apply(details, aboutOrganisationID: try organisation.requireID(), responseDays: try await responseDays())
        complaint.$owner.id = owner?.id
        complaint.$aboutOrganisation.value = organisation
        complaint.$owner.value = owner
        try await context.write { context in
            try await complaint.save(on: context.db)
            if previousStatus != details.status {
                try await ComplaintStatusChangeModel(complaintID: try complaint.requireID(), status: details.status, changedOn: context.today,
                                                     changedBy: context.actor.name).create(on: context.db)
            }
            try await context.auditUpdated(complaint, before: before)
        }
    }

    /// The next reference of a year in the area: one more than the highest so far,
    /// whatever the dates received now say (a date corrected to another year keeps its reference).
    private func nextReference(year: Int) async throws -> String {
        let prefix = "C-\(year)-"
        // Every reference with the prefix sorts between it and the prefix followed by "~", after every digit: the area's unique index serves it.
        let taken = try await ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID)
            .filter(\.$reference >= prefix).filter(\.$reference < prefix + "~").all(\.$reference)
        let highest = taken.compactMap { $0.flatMap { Int($0.dropFirst(prefix.count)) } }.max() ?? 0
        return ComplaintHandling.reference(year: year, number: highest + 1)
    }

    /// Audits a download of the complaints list, whose summaries may describe families.
    func recordDownload(count: Int) async throws {
        try await context.write { context in
            try await context.audit(.export, subjectType: "complaints", subjectID: nil, subjectLabel: "Complaints list",
                                    detail: "Downloaded \(count) \(count == 1 ? "complaint" : "complaints")")
        }
    }

    /// What deleting a complaint takes with it.
    func deletionConsequences(_ complaint: ComplaintModel) async throws -> [String] {
        let discussed = try await ComplaintDiscussionModel.query(on: context.db).filter(\.$complaint.$id == complaint.requireID()).count()
        return discussed == 0 ? [] : ["the record that it was discussed at \(discussed) \(discussed == 1 ? "meeting" : "meetings")"]
    }

    /// Deletes a complaint recorded in error. The audit log keeps its details.
    func delete(_ complaint: ComplaintModel) async throws {
        try await context.write { context in
            try await complaint.delete(on: context.db)
            try await context.auditDeleted(complaint)
        }
    }

    private func validate(_ input: Input) async throws -> (ComplaintDetails, OrganisationModel, PersonModel?) {
        let organisation = try await OrganisationStore(context).lookUp(input.aboutOrganisationId)
        var owner: PersonModel?
        var problems = ValidationErrors()
        if let raw = TextInput.optional(input.ownerId) {
            if let id = UUID(uuidString: raw), let person = try await PersonStore(context).lookUp(id) { owner = person }
            else { problems.add(field: "ownerId", message: "Find the person handling it, then choose them from the list") }
        }
        do {
            let details = try ComplaintDetails.validate(receivedOn: input.receivedOn, summary: input.summary, status: input.status,
                                                        hasPartner: organisation != nil, today: context.today, responseDueOn: input.responseDueOn,
                                                        outcome: input.outcome, lessonsLearned: input.lessonsLearned, themes: input.themes)
            try problems.throwIfAny()
            return (details, organisation!, owner)
        } catch let errors as ValidationErrors {
            var all = errors
            for problem in problems.errors { all.add(field: problem.field, message: problem.message) }
            throw all.ordered(["receivedOn", "aboutOrganisationId", "summary", "ownerId", "responseDueOn", "themes", "status", "outcome", "lessonsLearned"])
        }
    }

}
