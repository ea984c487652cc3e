import Fluent
import SQLKit

extension Database {
    /// Creates a plain (non-unique) index; Fluent's schema builder has no call for it.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

    func dropIndex(_ name: String, on table: String) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        try await sql.drop(index: name).run()
    }
}

/// The migrations written before each part brought its own, in the order
/// they run. Nothing is added here now: a part lists its migrations in its
/// file in `Parts/`, and they run after these. None is ever renamed.
enum Migrations {
    static let history: [any AsyncMigration] = [
        CreateAreas(), CreateOrganisations(), CreatePeople(), CreateAccounts(), CreateAPITokens(),
        CreateSignInFailures(), CreateSessions(), CreateAuditEvents(), CreateGroups(),
        CreateTermsOfReference(), CreateGroupMemberships(), CreateAgreements(), CreateAgreementPartners(),
        CreateClauses(), CreateCommitmentAssessments(), CreateVolunteerAgreements(), CreateComplaints(),
        CreatePlainEnglishSettings(),
        UpdateAccountsEmailUniquePerArea(), CreateSignInDevices(), UpdateSortNamesToComparisonKeys(),
    ]
}
