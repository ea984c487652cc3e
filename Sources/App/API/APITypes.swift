import Domain
import Foundation
import Vapor

/// What the JSON API sends and receives. Field names match the web forms,
/// so an error's `field` means the same thing in both.
enum API {
    struct Page<Item: Content>: Content {
        let items: [Item]
        let page: Int
        let perPage: Int
        let total: Int
    }

    struct Organisation: Content {
        let id: UUID
        let name: String
        let kind: String
        let email: String?
        let phone: String?

        init(_ model: OrganisationModel) throws {
            id = try model.requireID()
            name = model.name
            kind = model.kindRaw
            email = model.email
            phone = model.phone
        }
    }

    struct OrganisationInput: Content {
        var name: String?
        var kind: String?
        var email: String?
        var phone: String?
    }

    struct Person: Content {
        let id: UUID
        let fullName: String
        let organisationId: UUID?
        let jobTitle: String?
        /// Nil when the caller may not see this person's contact details.
        let email: String?
        let phone: String?
        let contactDetailsHidden: Bool
        /// For forum members only: in-force, ends-soon, ended or not-signed.
        let volunteerAgreement: String?
    }

    struct PersonInput: Content {
        var fullName: String?
        var organisationId: String?
        var jobTitle: String?
        var email: String?
        var phone: String?
    }

    struct Member: Content {
        let personId: UUID
        let fullName: String
        let role: String
        let makesDecisions: Bool
    }

    struct TermsOfReference: Content {
        let version: Int
        let text: String
        let attendees: [String]
        let agreedOn: String
    }

    struct Group: Content {
        let id: UUID
        let name: String
        let purpose: String?
        let cadence: String
        let reportsToId: UUID?
        /// Only when one group is asked for.
        let members: [Member]?
        let termsOfReference: TermsOfReference?
    }

    struct GroupInput: Content {
        var name: String?
        var purpose: String?
        var cadence: String?
        var reportsToId: String?
    }

    struct Agreement: Content {
        let id: UUID
        let title: String
        let startsOn: String
        let endsOn: String?
        let reviewOn: String
        let status: String
        let partnerIds: [UUID]
    }

    struct AgreementInput: Content {
        var title: String?
        var startsOn: String?
        var endsOn: String?
        var reviewOn: String?
        var partnerIds: [String]?
    }

    struct Rule: Content {
        let kind: String
        let summary: String
        let windowFrom: String?
        let windowTo: String?
        let noticeDays: Int?
        let organisationKind: String?
        let cadence: String?
        let groupId: UUID?
    }

    struct Check: Content {
        let status: String
        let evidence: String
        let assessedOn: String
        let recordedBy: String
    }

    struct Clause: Content {
        let id: UUID
        let agreementId: UUID
        let position: Int
        let number: String
        let text: String
        let kind: String
        let rule: Rule?
        let latestCheck: Check?

        init(_ model: ClauseModel, latest: CommitmentAssessmentModel?) throws {
            id = try model.requireID()
            agreementId = model.$agreement.id
            position = model.position
            number = model.number
            text = model.text
            kind = model.kindRaw
            rule = model.rule.map { rule in
                let settings = rule.settings
                return Rule(kind: rule.kind.rawValue, summary: rule.summary, windowFrom: settings.windowFrom?.description,
                            windowTo: settings.windowTo?.description, noticeDays: settings.noticeDays,
                            organisationKind: settings.organisationKind?.rawValue, cadence: settings.cadence?.rawValue, groupId: model.$group.id)
            }
            latestCheck = latest.map { Check(status: $0.statusRaw, evidence: $0.evidence, assessedOn: $0.assessedOn, recordedBy: $0.recordedBy) }
        }
    }

    struct ClauseInput: Content {
        var number: String?
        var text: String?
        var kind: String?
        var ruleKind: String?
        var windowFrom: String?
        var windowTo: String?
        var noticeDays: Int?
        var organisationKind: String?
        var cadence: String?
        var groupId: String?

        var storeInput: ClauseStore.Input {
            .init(number: number, text: text, kind: kind, ruleKind: ruleKind, windowFrom: windowFrom, windowTo: windowTo,
                  noticeDays: noticeDays.map(String.init), organisationKind: organisationKind, cadence: cadence, groupId: groupId)
        }
    }

    struct Complaint: Content {
        let id: UUID
        let receivedOn: String
        let aboutOrganisationId: UUID
        let summary: String
        let status: String

        init(_ model: ComplaintModel) throws {
            id = try model.requireID()
            receivedOn = model.receivedOn
            aboutOrganisationId = model.$aboutOrganisation.id
            summary = model.summary
            status = model.statusRaw
        }
    }

    struct ComplaintInput: Content {
        var receivedOn: String?
        var aboutOrganisationId: String?
        var summary: String?
        var status: String?
    }

    /// An ISO date from the API as the three boxes the domain checks, or a
    /// clear error naming the field.
    static func dateInput(_ text: String?, field: String) throws -> DateInput {
        guard let text = TextInput.optional(text) else { return DateInput() }
        guard let date = CalendarDate(iso8601: text) else {
            throw ValidationErrors(field: field, message: "\(field) must be a real date written YYYY-MM-DD, like 2027-03-31")
        }
        return DateInput(date)
    }

    /// ?page= (1 to 1,000,000) and ?perPage= (1 to 200, 50 unless asked), checked strictly.
    static func pageRequest(_ req: Request) throws -> ListPage {
        try ListPage.strict(page: try queryParameter(req, "page"), perPage: try queryParameter(req, "perPage"))
    }

    /// One of the API's own query parameters, read strictly: given once, with
    /// sound % codes and no NUL. Other parameters are not the API's and are
    /// not read, however odd, so one strange name cannot spoil a request.
    static func queryParameter(_ req: Request, _ name: String) throws -> String? {
        guard let query = req.url.query else { return nil }
        var found: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding == name else { continue }
            guard found == nil else { throw ValidationErrors(field: name, message: "\(name) must be given once") }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            guard let value = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding, !value.utf8.contains(0) else {
                throw ValidationErrors(field: name, message: "\(name) has a broken % code or a hidden character")
            }
            found = value.precomposedStringWithCanonicalMapping
        }
        return found
    }

    /// An optional id or e-mail address: null or left out means none; an
    /// empty string is neither a value of its format nor null, so it is refused.
    static func refuseEmpty(_ fields: [(name: String, value: String?, meaning: String)]) throws {
        var errors = ValidationErrors()
        for field in fields where field.value == "" {
            errors.add(field: field.name, message: "\(field.name) must be \(field.meaning), or null")
        }
        try errors.throwIfAny()
    }
}

extension Response {
    /// 201 Created with a Location header, for a new record.
    static func created<Body: Content>(_ body: Body, at location: String, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }
}
