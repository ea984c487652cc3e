import Domain
import Foundation
import Testing

@Suite("The audit log's before and after")
struct AuditTrailTests {
    @Test("A change lists only the fields that differ, each with its value before and after")
    func between() {
        let before = [AuditField("Full name", "Jo Smith"), AuditField("E-mail address", "jo@example.org"), AuditField("Phone", nil)]
        let after = [AuditField("Full name", "Jo Smith-Jones"), AuditField("E-mail address", "jo@example.org"), AuditField("Phone", "07700 900 001")]
        #expect(AuditChanges.between(before: before, after: after) == [
            AuditChange(field: "Full name", before: "Jo Smith", after: "Jo Smith-Jones"),
            AuditChange(field: "Phone", before: nil, after: "07700 900 001"),
        ])
        #expect(AuditChanges.between(before: after, after: after) == [])
        // A field that is gone is listed as removed.
        #expect(AuditChanges.between(before: before, after: [AuditField("Full name", "Jo Smith")]) == [
            AuditChange(field: "E-mail address", before: "jo@example.org", after: nil),
        ])
    }

    @Test("Created and deleted records keep every value they had; sensitive values are never copied")
    func createdAndDeleted() {
        let fields = [AuditField("Full name", "Dani"), AuditField("Phone", ""), AuditField("Ethnic group", "White", sensitive: true)]
        #expect(AuditChanges.created(fields) == [AuditChange(field: "Full name", before: nil, after: "Dani"),
                                                 AuditChange(field: "Ethnic group", before: nil, after: AuditChanges.notShown)])
        #expect(AuditChanges.deleted(fields).map(\.before) == ["Dani", AuditChanges.notShown])
        let changed = AuditChanges.between(before: fields, after: [AuditField("Full name", "Dani"), AuditField("Phone", ""),
                                                                   AuditField("Ethnic group", "Mixed", sensitive: true)])
        #expect(changed == [AuditChange(field: "Ethnic group", before: AuditChanges.notShown, after: AuditChanges.notShown)])
        #expect(changed[0].summary == "Ethnic group: (not shown) → (not shown)")
    }

    @Test("Repeated views of one record by one person within half an hour are one entry, for at most a working day")
    func viewGrouping() {
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(AuditViewGrouping.extends(firstSeen: first, lastSeen: first, now: first.addingTimeInterval(29 * 60)))
        #expect(!AuditViewGrouping.extends(firstSeen: first, lastSeen: first, now: first.addingTimeInterval(31 * 60)))
        let late = first.addingTimeInterval(7.9 * 3600)
        #expect(AuditViewGrouping.extends(firstSeen: first, lastSeen: late, now: late.addingTimeInterval(60)))
        #expect(!AuditViewGrouping.extends(firstSeen: first, lastSeen: late, now: late.addingTimeInterval(20 * 60)))
        // A clock that went backwards never extends an entry.
        #expect(!AuditViewGrouping.extends(firstSeen: first, lastSeen: first, now: first.addingTimeInterval(-1)))
    }
}
