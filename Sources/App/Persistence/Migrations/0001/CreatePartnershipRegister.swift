import Fluent

// The first batch: areas, the partnership register, accounts and the audit log.
// Written with string literals so later model changes cannot change history.

struct CreateAreas: AsyncMigration {
    var name: String { "CreateAreas" }

    func prepare(on database: any Database) async throws {
        try await database.schema("areas")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("areas").delete()
    }
}

struct CreateOrganisations: AsyncMigration {
    var name: String { "CreateOrganisations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("sort_name", .string, .required)
            .field("kind", .string, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "area_id", "sort_name", name: "uq_organisations_area_name")
            .create()
        try await database.createIndex("idx_organisations_area_kind", on: "organisations", columns: ["area_id", "kind"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}

struct CreatePeople: AsyncMigration {
    var name: String { "CreatePeople" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .restrict))
            .field("full_name", .string, .required)
            .field("sort_name", .string, .required)
            .field("job_title", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("ethnic_group", .string)
            .field("disabled", .string)
            .field("main_language", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_people_area_sort_name", on: "people", columns: ["area_id", "sort_name"])
        try await database.createIndex("idx_people_organisation", on: "people", columns: ["organisation_id", "sort_name"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}

struct CreateAccounts: AsyncMigration {
    var name: String { "CreateAccounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("disabled_at", .datetime)
            .field("last_signed_in_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "email")
            .unique(on: "person_id")
            .create()
        try await database.createIndex("idx_accounts_area", on: "accounts", columns: ["area_id", "email"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").delete()
    }
}

struct CreateAPITokens: AsyncMigration {
    var name: String { "CreateAPITokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("label", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_digest")
            .create()
        try await database.createIndex("idx_api_tokens_account", on: "api_tokens", columns: ["account_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}

struct CreateSignInFailures: AsyncMigration {
    var name: String { "CreateSignInFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_sign_in_failures_email", on: "sign_in_failures", columns: ["email", "failed_at"])
        try await database.createIndex("idx_sign_in_failures_address", on: "sign_in_failures", columns: ["address", "failed_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}

struct CreateSessions: AsyncMigration {
    var name: String { "CreateSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token", .string, .required)
            .field("data", .dictionary(of: .string), .required)
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .unique(on: "token")
            .create()
        try await database.createIndex("idx_sessions_expires_at", on: "sessions", columns: ["expires_at"])
        try await database.createIndex("idx_sessions_account", on: "sessions", columns: ["account_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}

struct CreateAuditEvents: AsyncMigration {
    var name: String { "CreateAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("actor_account_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid)
            .field("subject_label", .string, .required)
            .field("detail", .string)
            .field("occurred_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_audit_events_area_time", on: "audit_events", columns: ["area_id", "occurred_at"])
        try await database.createIndex("idx_audit_events_subject", on: "audit_events", columns: ["subject_id", "occurred_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}

struct CreateGroups: AsyncMigration {
    var name: String { "CreateGroups" }

    func prepare(on database: any Database) async throws {
        try await database.schema("groups")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("sort_name", .string, .required)
            .field("purpose", .string)
            .field("cadence", .string, .required)
            .field("reports_to_id", .uuid, .references("groups", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "area_id", "sort_name", name: "uq_groups_area_name")
            .create()
        try await database.createIndex("idx_groups_reports_to", on: "groups", columns: ["reports_to_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("groups").delete()
    }
}

struct CreateTermsOfReference: AsyncMigration {
    var name: String { "CreateTermsOfReference" }

    func prepare(on database: any Database) async throws {
        try await database.schema("terms_of_reference")
            .id()
            .field("group_id", .uuid, .required, .references("groups", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("attendees", .array(of: .string), .required)
            .field("agreed_on", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "group_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("terms_of_reference").delete()
    }
}

struct CreateGroupMemberships: AsyncMigration {
    var name: String { "CreateGroupMemberships" }

    func prepare(on database: any Database) async throws {
        try await database.schema("group_memberships")
            .id()
            .field("group_id", .uuid, .required, .references("groups", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("makes_decisions", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "group_id", "person_id")
            .create()
        try await database.createIndex("idx_group_memberships_person", on: "group_memberships", columns: ["person_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("group_memberships").delete()
    }
}

struct CreateAgreements: AsyncMigration {
    var name: String { "CreateAgreements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("agreements")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("review_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_agreements_area_start", on: "agreements", columns: ["area_id", "starts_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agreements").delete()
    }
}

struct CreateAgreementPartners: AsyncMigration {
    var name: String { "CreateAgreementPartners" }

    func prepare(on database: any Database) async throws {
        try await database.schema("agreement_partners")
            .id()
            .field("agreement_id", .uuid, .required, .references("agreements", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .unique(on: "agreement_id", "organisation_id")
            .create()
        try await database.createIndex("idx_agreement_partners_organisation", on: "agreement_partners", columns: ["organisation_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agreement_partners").delete()
    }
}

struct CreateClauses: AsyncMigration {
    var name: String { "CreateClauses" }

    func prepare(on database: any Database) async throws {
        try await database.schema("clauses")
            .id()
            .field("agreement_id", .uuid, .required, .references("agreements", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("number", .string, .required)
            .field("text", .string, .required)
            .field("kind", .string, .required)
            .field("rule_kind", .string)
            .field("window_from", .string)
            .field("window_to", .string)
            .field("notice_days", .int)
            .field("organisation_kind", .string)
            .field("cadence", .string)
            .field("group_id", .uuid, .references("groups", "id", onDelete: .setNull))
            .create()
        try await database.createIndex("idx_clauses_agreement_position", on: "clauses", columns: ["agreement_id", "position"])
        try await database.createIndex("idx_clauses_rule_kind", on: "clauses", columns: ["rule_kind"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("clauses").delete()
    }
}

struct CreateCommitmentAssessments: AsyncMigration {
    var name: String { "CreateCommitmentAssessments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("commitment_assessments")
            .id()
            .field("clause_id", .uuid, .required, .references("clauses", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("evidence", .string, .required)
            .field("assessed_on", .string, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_commitment_assessments_clause", on: "commitment_assessments", columns: ["clause_id", "assessed_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("commitment_assessments").delete()
    }
}

struct CreateVolunteerAgreements: AsyncMigration {
    var name: String { "CreateVolunteerAgreements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("volunteer_agreements")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("signed_on", .string, .required)
            .field("expires_on", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_volunteer_agreements_person", on: "volunteer_agreements", columns: ["person_id", "signed_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("volunteer_agreements").delete()
    }
}

struct CreateComplaints: AsyncMigration {
    var name: String { "CreateComplaints" }

    func prepare(on database: any Database) async throws {
        try await database.schema("complaints")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id", onDelete: .cascade))
            .field("about_organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("received_on", .string, .required)
            .field("summary", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_complaints_area_received", on: "complaints", columns: ["area_id", "received_on"])
        try await database.createIndex("idx_complaints_organisation", on: "complaints", columns: ["about_organisation_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complaints").delete()
    }
}
