import Domain
import Fluent
import Foundation
import SQLKit

final class ComplaintModel: Model, @unchecked Sendable {
    static let schema = "complaints"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Parent(key: "about_organisation_id") var aboutOrganisation: OrganisationModel
    @Field(key: "received_on") var receivedOn: CalendarDate
    @Field(key: "summary") var summary: String
    @Field(key: "status") var status: ComplaintStatus
    /// The date of the latest meeting whose minutes record it as discussed;
    /// kept by the meetings part (`PartnerStore`), so a partnership meeting
    /// finds the complaints due at it with one indexed query.
    @OptionalField(key: "discussed_through") var discussedThrough: CalendarDate?
    /// "C-2026-0012", unique in the area.
    @OptionalField(key: "reference") var reference: String?
    /// Who in the partnership is handling it.
    @OptionalParent(key: "owner_id") var owner: PersonModel?
    @OptionalField(key: "response_due_on") var responseDueOn: CalendarDate?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "lessons_learned") var lessonsLearned: String?
    /// The themes' raw values, comma-separated, in `ComplaintTheme` order.
    @OptionalField(key: "themes") var themeList: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID, aboutOrganisationID: UUID, details: ComplaintDetails, responseDays: Int = ComplaintHandling.defaultResponseDays) {
        self.$area.id = areaID
        apply(details, aboutOrganisationID: aboutOrganisationID, responseDays: responseDays)
    }

    /// Applies the details; a response date left blank is the area's standard after the day received.
    func apply(_ details: ComplaintDetails, aboutOrganisationID: UUID, responseDays: Int = ComplaintHandling.defaultResponseDays) {
        $aboutOrganisation.id = aboutOrganisationID
        receivedOn = details.receivedOn
        summary = details.summary
        status = details.status
        responseDueOn = details.responseDueOn ?? details.receivedOn.adding(days: responseDays)
        outcome = details.outcome
        lessonsLearned = details.lessonsLearned
        themes = details.themes
    }

    var themes: [ComplaintTheme] {
        get { (themeList ?? "").split(separator: ",").compactMap { ComplaintTheme(rawValue: String($0)) } }
        set { themeList = newValue.isEmpty ? nil : newValue.map(\.rawValue).joined(separator: ",") }
    }

    /// The day the response is due: the stored one, or for a complaint from before due dates were kept, the default standard.
    var dueOn: CalendarDate { responseDueOn ?? receivedOn.adding(days: ComplaintHandling.defaultResponseDays) }

    func isOverdue(today: CalendarDate) -> Bool {
        ComplaintHandling.isOverdue(status: status, responseDueOn: dueOn, today: today)
    }

}

extension ComplaintModel: AuditRecord {
    static let auditType = "complaint"
    var auditLabel: String { reference.map { "Complaint \($0)" } ?? "Complaint received \(receivedOn.longForm)" }
    var auditFields: [AuditField] {
        [AuditField("Reference", reference), AuditField("Received on", receivedOn.longForm),
         AuditField("About", $aboutOrganisation.value?.name ?? $aboutOrganisation.id.uuidString),
         // Free text may describe a family: the log says it changed, never what it says.
         AuditField("Summary", summary, sensitive: true), AuditField("Status", status.label),
         AuditField("Handled by", $owner.value.flatMap { $0?.fullName } ?? $owner.id?.uuidString),
         AuditField("Response due by", responseDueOn?.longForm), AuditField("Outcome", outcome, sensitive: true),
         AuditField("What was learned", lessonsLearned, sensitive: true), AuditField("Themes", themes.map(\.label).joined(separator: "; "))]
    }
}

/// Each time a complaint's status changed: when, to what, and by whom.
final class ComplaintStatusChangeModel: Model, @unchecked Sendable {
    static let schema = "complaint_status_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "complaint_id") var complaint: ComplaintModel
    @Field(key: "status") var status: ComplaintStatus
    @Field(key: "changed_on") var changedOn: CalendarDate
    @Field(key: "changed_by") var changedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(complaintID: UUID, status: ComplaintStatus, changedOn: CalendarDate, changedBy: String) {
        self.$complaint.id = complaintID
        self.status = status
        self.changedOn = changedOn
        self.changedBy = changedBy
    }
}

/// An area's complaint handling standard.
final class ComplaintSettingsModel: Model, @unchecked Sendable {
    static let schema = "complaint_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @Field(key: "response_days") var responseDays: Int

    init() {}

    init(areaID: UUID, responseDays: Int) {
        self.$area.id = areaID
        self.responseDays = responseDays
    }
}

/// References, owners, response dates, outcomes, lessons and themes; the history of status changes; the area's standard.
struct ExtendComplaints: AsyncMigration {
    var name: String { "ExtendComplaints" }

    func prepare(on database: any Database) async throws {
        for (field, type) in [("reference", DatabaseSchema.DataType.string), ("response_due_on", .string), ("outcome", .string),
                              ("lessons_learned", .string), ("themes", .string)] {
            try await database.schema("complaints").field(.string(field), type).update()
        }
        try await database.schema("complaints").field("owner_id", .uuid, .references("people", "id", onDelete: .setNull)).update()
        try await database.createIndex("idx_complaints_owner", on: "complaints", columns: ["owner_id"])
        try await database.schema("complaint_status_changes")
            .id()
            .field("complaint_id", .uuid, .required, .references("complaints", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("changed_on", .string, .required)
            .field("changed_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_complaint_status_changes_complaint", on: "complaint_status_changes", columns: ["complaint_id", "created_at"])
        try await database.schema("complaint_settings")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("response_days", .int, .required)
            .unique(on: "area_id")
            .create()
        // Complaints already kept get a reference in the order received, and the default standard's due date.
        guard let sql = database as? any SQLDatabase else { return }
        struct Row: Decodable { let id: UUID; let area_id: UUID; let received_on: String }
        var numbers: [String: Int] = [:]
        var after: (String, UUID)?
        while true {
            var query = sql.select().column("id").column("area_id").column("received_on").from("complaints")
                .orderBy("received_on").orderBy("id").limit(500)
            if let after {
                query = query.where { $0.where("received_on", .greaterThan, after.0).orWhere { $0.where("received_on", .equal, after.0).where("id", .greaterThan, after.1) } }
            }
            let rows = try await query.all(decoding: Row.self)
            guard let last = rows.last else { break }
            after = (last.received_on, last.id)
            for row in rows {
                guard let received = CalendarDate(iso8601: row.received_on) else { continue }
                let key = "\(row.area_id)-\(received.year)"
                numbers[key, default: 0] += 1
                try await sql.update("complaints")
                    .set("reference", to: ComplaintHandling.reference(year: received.year, number: numbers[key]!))
                    .set("response_due_on", to: received.adding(days: ComplaintHandling.defaultResponseDays).iso8601)
                    .where("id", .equal, row.id).run()
            }
        }
        try await sql.create(index: "uq_complaints_area_reference").unique().on("complaints").column("area_id").column("reference").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complaint_settings").delete()
        try await database.schema("complaint_status_changes").delete()
        for field in ["reference", "owner_id", "response_due_on", "outcome", "lessons_learned", "themes"] {
            try await database.schema("complaints").deleteField(.string(field)).update()
        }
    }
}
