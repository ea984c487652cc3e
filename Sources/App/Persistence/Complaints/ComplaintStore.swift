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
    }

    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// The complaint with the organisation it is about, or 404.
    func find(_ id: UUID) async throws -> ComplaintModel {
        guard let complaint = try await ComplaintModel.query(on: context.db).filter(\.$id == id).filter(\.$area.$id == context.areaID)
            .with(\.$aboutOrganisation).first() else { throw Abort(.notFound) }
        return complaint
    }

    /// One page of complaints, newest first: open ones only, one status, or all.
    func page(status: ComplaintStatus? = nil, openOnly: Bool = false, _ page: ListPage) async throws -> (items: [ComplaintModel], total: Int) {
        var query = ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID)
        if let status { query = query.filter(\.$status == status) }
        if openOnly { query = query.filter(\.$status != .closed) }
        return try await query.with(\.$aboutOrganisation).sort(\.$receivedOn, .descending).page(page)
    }

    /// How many complaints are still open, to be discussed at partnership meetings.
    func openCount() async throws -> Int {
        try await ComplaintModel.query(on: context.db).filter(\.$area.$id == context.areaID).filter(\.$status != .closed).count()
    }

    func create(_ input: Input) async throws -> ComplaintModel {
        let (details, organisation) = try await validate(input)
        let complaint = ComplaintModel(areaID: context.areaID, aboutOrganisationID: try organisation.requireID(), details: details)
        complaint.$aboutOrganisation.value = organisation
        try await context.write { context in
            try await complaint.create(on: context.db)
            try await context.auditCreated(complaint)
        }
        return complaint
    }

    func update(_ complaint: ComplaintModel, with input: Input) async throws {
        let (details, organisation) = try await validate(input)
        if complaint.$aboutOrganisation.value == nil { try await complaint.$aboutOrganisation.load(on: context.db) }
        let before = complaint.auditFields
        complaint.apply(details, aboutOrganisationID: try organisation.requireID())
        complaint.$aboutOrganisation.value = organisation
        try await context.write { context in
            try await complaint.save(on: context.db)
            try await context.auditUpdated(complaint, before: before)
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

    private func validate(_ input: Input) async throws -> (ComplaintDetails, OrganisationModel) {
        let organisation = try await OrganisationStore(context).lookUp(input.aboutOrganisationId)
        let details = try ComplaintDetails.validate(receivedOn: input.receivedOn, summary: input.summary, status: input.status,
                                                    hasPartner: organisation != nil, today: context.today)
        return (details, organisation!)
    }
}
