import Domain
import OpenAPIKit
import PlainEnglish

/// JSON schemas of the API's types. A test encodes each API type and checks
/// its keys against these, so they stay in step with the Swift types.
enum APISchemas {
    static func optionalString(_ description: String? = nil, format: JSONTypeFormat.StringFormat = .unspecified) -> JSONSchema {
        .string(format: format, required: false, nullable: true, description: description)
    }

    static func oneOf<Values: CaseIterable & RawRepresentable>(_ type: Values.Type, required: Bool = true, description: String? = nil) -> JSONSchema where Values.RawValue == String {
        .string(required: required, nullable: !required, description: description, allowedValues: allowed(Values.allCases.map(\.rawValue), nullable: !required))
    }

    /// The values a string may take; null among them when it may be null, as JSON Schema's enum needs.
    static func allowed(_ values: [String], nullable: Bool) -> [AnyCodable] {
        values.map { AnyCodable($0) } + (nullable ? [AnyCodable(String?.none)] : [])
    }

    static let date = JSONSchema.string(format: .date, description: "A date written YYYY-MM-DD")
    static let optionalDate = JSONSchema.string(format: .date, required: false, nullable: true, description: "A date written YYYY-MM-DD")

    static func optionalNumber(_ description: String) -> JSONSchema {
        .number(required: false, nullable: true, description: description)
    }

    static let all: OpenAPI.ComponentDictionary<JSONSchema> = [
        "PlainEnglishCheckInput": .object(description: "Send text, or a file as fileName and fileContent.", properties: [
            "text": optionalString("The text to check"),
            "fileName": optionalString("The file's name; its extension (.txt, .md, .html, .docx, .pdf) says its kind"),
            "fileContent": optionalString("The file in base64, up to 20 MB before encoding"),
            "profile": .string(required: false, nullable: true, description: "Who the text is for; the area's usual profile if not given",
                               allowedValues: allowed(PlainEnglish.Profile.Name.allCases.map(\.rawValue), nullable: true)),
        ]),
        "PlainEnglishAnalysis": .object(properties: [
            "profile": oneOf(PlainEnglish.Profile.Name.self),
            "targetReadingAge": .integer(description: "The highest reading age the profile aims at"),
            "meetsProfile": .boolean(description: "False while any reason is given"),
            "reasons": .array(items: .string(description: "Why the text does not meet the profile, in plain words")),
            "readingAge": .integer(required: false, nullable: true, description: "Flesch-Kincaid grade + 5, in years; null when there are no words"),
            "sentences": .integer(description: "Sentences, headings and list items"),
            "words": .integer,
            "syllables": .integer,
            "fleschReadingEase": optionalNumber("206.835 - 1.015 words a sentence - 84.6 syllables a word"),
            "fleschKincaidGrade": optionalNumber("0.39 words a sentence + 11.8 syllables a word - 15.59"),
            "gunningFog": optionalNumber("0.4 (words a sentence + 100 complex words / words)"),
            "smog": optionalNumber("1.043 √(polysyllables × 30 / sentences) + 3.1291"),
            "colemanLiau": optionalNumber("0.0588 letters per 100 words - 0.296 sentences per 100 words - 15.8"),
            "automatedReadabilityIndex": optionalNumber("4.71 characters a word + 0.5 words a sentence - 21.43"),
            "findings": .array(description: "The first \(API.PlainEnglishAnalysis.findingsListed) findings, in the order they appear in the text",
                               items: .reference(.component(named: "PlainEnglishFinding"))),
            "findingsTotal": .integer(description: "How many findings there are in all"),
            "findingsByKind": .object(description: "How many findings of each kind there are in all",
                                      additionalProperties: .b(.integer(minimum: (1, exclusive: false)))),
        ]),
        "PlainEnglishFinding": .object(properties: [
            "kind": oneOf(FindingKind.self),
            "title": .string,
            "severity": .string(description: "problem: the text does not meet the profile while it is there; advice: worth changing",
                                allowedValues: [AnyCodable("problem"), AnyCodable("advice")]),
            "start": .integer(description: "UTF-8 byte offset in the text (for a file: in the text read from it)"),
            "end": .integer(description: "UTF-8 byte offset just after the words"),
            "line": .integer,
            "column": .integer(description: "In characters, from 1"),
            "excerpt": .string(description: "The words the finding is about; more than \(API.PlainEnglishAnalysis.excerptCharacters) characters are cut short with …"),
            "message": .string,
            "suggestion": optionalString("A plain alternative, when there is one"),
        ]),
        "Error": .object(description: "What went wrong, in plain English.", properties: [
            "message": .string,
            "field": optionalString("The field at fault, if one is"),
            "errors": .array(required: false, nullable: true, items: .object(properties: ["field": .string, "message": .string])),
        ]),
        "Organisation": .object(properties: [
            "id": .string(format: .uuid),
            "name": .string,
            "kind": oneOf(OrganisationKind.self),
            "email": optionalString(format: .email),
            "phone": optionalString(),
        ]),
        "OrganisationInput": .object(properties: [
            "name": .string(maxLength: OrganisationDetails.maximumNameLength),
            "kind": oneOf(OrganisationKind.self),
            "email": optionalString("For a parent carer forum, its own address: partners contact the forum only through it", format: .email),
            "phone": optionalString(),
        ]),
        "Person": .object(properties: [
            "id": .string(format: .uuid),
            "fullName": .string,
            "organisationId": optionalString(format: .uuid),
            "jobTitle": optionalString(),
            "email": optionalString("Null when the caller may not see this person's contact details", format: .email),
            "phone": optionalString("Null when the caller may not see this person's contact details"),
            "contactDetailsHidden": .boolean(description: "True when the caller may not see this person's contact details"),
            "volunteerAgreement": .string(required: false, nullable: true, description: "Forum members only",
                                          allowedValues: allowed(["in-force", "ends-soon", "ended", "not-signed"], nullable: true)),
        ]),
        "PersonInput": .object(properties: [
            "fullName": .string(maxLength: PersonDetails.maximumNameLength),
            "organisationId": optionalString(format: .uuid),
            "jobTitle": optionalString(),
            "email": optionalString(format: .email),
            "phone": optionalString(),
        ]),
        "Member": .object(properties: [
            "personId": .string(format: .uuid),
            "fullName": .string,
            "role": oneOf(MembershipRole.self),
            "makesDecisions": .boolean(description: "Whether they can make decisions for their organisation"),
        ]),
        "TermsOfReference": .object(properties: [
            "version": .integer,
            "text": .string,
            "attendees": .array(items: .string),
            "agreedOn": date,
        ]),
        "Group": .object(properties: [
            "id": .string(format: .uuid),
            "name": .string,
            "purpose": optionalString(),
            "cadence": oneOf(Cadence.self),
            "reportsToId": optionalString(format: .uuid),
            "members": .array(required: false, nullable: true, description: "Only when one group is asked for", items: .reference(.component(named: "Member"))),
            "termsOfReference": .one(of: [.reference(.component(named: "TermsOfReference")), .null()], core: .init(required: false)),
        ]),
        "GroupInput": .object(properties: [
            "name": .string(maxLength: 200),
            "purpose": optionalString(),
            "cadence": oneOf(Cadence.self),
            "reportsToId": optionalString(format: .uuid),
        ]),
        "Agreement": .object(properties: [
            "id": .string(format: .uuid),
            "title": .string,
            "startsOn": date,
            "endsOn": optionalDate,
            "reviewOn": date,
            "status": .string(allowedValues: ["not-started", "in-force", "review-due", "ended"].map { AnyCodable($0) }),
            "partnerIds": .array(items: .string(format: .uuid)),
        ]),
        "AgreementInput": .object(properties: [
            "title": .string(maxLength: 300),
            "startsOn": date,
            "endsOn": optionalDate,
            "reviewOn": date,
            "partnerIds": .array(description: "At least 2 organisations, one of them the parent carer forum", items: .string(format: .uuid)),
        ]),
        "Rule": .object(properties: [
            "kind": oneOf(ClauseRule.Kind.self),
            "summary": .string,
            "windowFrom": optionalString("HH:MM"),
            "windowTo": optionalString("HH:MM"),
            "noticeDays": .integer(required: false, nullable: true),
            "organisationKind": oneOf(OrganisationKind.self, required: false),
            "cadence": oneOf(Cadence.self, required: false),
            "groupId": optionalString("The group it applies to; null for every group the forum sits on", format: .uuid),
        ]),
        "Check": .object(properties: [
            "status": oneOf(CommitmentStatus.self),
            "evidence": .string,
            "assessedOn": date,
            "recordedBy": .string,
        ]),
        "Clause": .object(properties: [
            "id": .string(format: .uuid),
            "agreementId": .string(format: .uuid),
            "position": .integer,
            "number": .string,
            "text": .string,
            "kind": oneOf(ClauseKind.self),
            "rule": .one(of: [.reference(.component(named: "Rule")), .null()], core: .init(required: false)),
            "latestCheck": .one(of: [.reference(.component(named: "Check")), .null()], core: .init(required: false)),
        ]),
        "ClauseInput": .object(properties: [
            "number": .string(maxLength: 20),
            "text": .string(maxLength: 5000),
            "kind": oneOf(ClauseKind.self),
            "ruleKind": oneOf(ClauseRule.Kind.self, required: false, description: "Needed when kind is rule"),
            "windowFrom": optionalString("HH:MM, for meeting-time-window"),
            "windowTo": optionalString("HH:MM, for meeting-time-window"),
            "noticeDays": .integer(required: false, nullable: true, description: "1 to 60, for papers-notice-days"),
            "organisationKind": oneOf(OrganisationKind.self, required: false, description: "For chair-from"),
            "cadence": oneOf(Cadence.self, required: false, description: "For meeting-cadence"),
            "groupId": optionalString("The group a rule applies to; leave out for every group the forum sits on", format: .uuid),
        ]),
        "Complaint": .object(properties: [
            "id": .string(format: .uuid),
            "receivedOn": date,
            "aboutOrganisationId": .string(format: .uuid),
            "summary": .string,
            "status": oneOf(ComplaintStatus.self),
        ]),
        "ComplaintInput": .object(properties: [
            "receivedOn": date,
            "aboutOrganisationId": .string(format: .uuid),
            "summary": .string(description: "Leave out names and anything else that could identify a family", maxLength: 5000),
            "status": oneOf(ComplaintStatus.self),
        ]),
    ]
}
