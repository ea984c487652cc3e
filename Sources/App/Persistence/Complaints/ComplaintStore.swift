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
        let (details, organisationID) = try await validate(input)
        let complaint = ComplaintModel(areaID: context.areaID, aboutOrganisationID: organisationID, details: details)
        try await complaint.create(on: context.db)
        return complaint
    }

    func update(_ complaint: ComplaintModel, with input: Input) async throws {
        let (details, organisationID) = try await validate(input)
        complaint.apply(details, aboutOrganisationID: organisationID)
        try await complaint.save(on: context.db)
    }

    private func validate(_ input: Input) async throws -> (ComplaintDetails, UUID) {
        let organisationID = try await OrganisationStore(context).resolve(input.aboutOrganisationId)
        let details = try ComplaintDetails.validate(receivedOn: input.receivedOn, summary: input.summary, status: input.status,
                                                    hasPartner: organisationID != nil, today: context.today)
        return (details, organisationID!)
    }
}
