import Domain
import OpenAPIKit
import PlainEnglish

/// A part's API (`OrganisationsAPI`, `MeetingsAPI`...) writes its JSON
/// schemas beside its Swift types with these helpers, and lists its
/// operations. A test encodes each API type and checks its keys against its
/// schema, so the two stay in step.
protocol APIPart {
    /// The JSON schemas of the part's types, by name.
    static var schemas: OpenAPI.ComponentDictionary<JSONSchema> { get }
    /// Every endpoint of the part.
    static func operations() -> [APIOperation]
}

extension APIPart {
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

    static var date: JSONSchema { .string(format: .date, description: "A date written YYYY-MM-DD") }
    static var optionalDate: JSONSchema { .string(format: .date, required: false, nullable: true, description: "A date written YYYY-MM-DD") }

    static func optionalNumber(_ description: String) -> JSONSchema {
        .number(required: false, nullable: true, description: description)
    }
}

/// Schemas every part's operations share.
enum APISchemas {
    static let shared: OpenAPI.ComponentDictionary<JSONSchema> = [
        "Error": .object(description: "What went wrong, in plain English.", properties: [
            "message": .string,
            "field": .string(required: false, nullable: true, description: "The field at fault, if one is"),
            "errors": .array(required: false, nullable: true, items: .object(properties: ["field": .string, "message": .string])),
        ]),
    ]
}
