@testable import App
import Foundation
import Testing

/// Links take typed ids (`RecordID<ClauseModel>`), so the compiler refuses an
/// organisation's id where a person's belongs, or two ids swapped. These check
/// the addresses they build.
@Suite("Links")
struct LinksTests {
    @Test("Each id goes where its path names it; a value stays within its own segment")
    func typedLinks() {
        let agreement = RecordID<AgreementModel>(UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!)
        let clause = RecordID<ClauseModel>(UUID(uuidString: "00000000-0000-0000-0000-00000000000C")!)
        #expect(Paths.clause(agreement: agreement, clause: clause) == "/agreements/\(agreement)/clauses/\(clause)")
        #expect(Paths.editClause(agreement: agreement, clause: clause) == "/agreements/\(agreement)/clauses/\(clause)/edit")
        #expect(Paths.API.clause(agreement: agreement, clause: clause) == "/api/v1/agreements/\(agreement)/clauses/\(clause)")
        let group = RecordID<GroupModel>(UUID())
        let membership = RecordID<MembershipModel>(UUID())
        #expect(Paths.groupMember(group: group, membership: membership) == "/groups/\(group)/members/\(membership)/remove")
        #expect(PathTemplate("search", ":q").url("a b/c") == "/search/a%20b%2Fc")
    }
}
