import Domain
import Foundation
import Vapor

/// What the JSON API sends and receives. Each part adds its own types in
/// `API/<Part>/`; field names match the web forms, so an error's `field`
/// means the same thing in both.
enum API {
    struct Page<Item: Content>: Content {
        let items: [Item]
        let page: Int
        let perPage: Int
        let total: Int
    }

    /// An ISO date from the API as the three boxes the domain checks, or a
    /// clear error naming the field.
    static func dateInput(_ text: String?, field: String) throws(ValidationErrors) -> DateInput {
        guard let text = TextInput.optional(text) else { return DateInput() }
        guard let date = CalendarDate(iso8601: text) else {
            throw ValidationErrors(field: field, message: "\(field) must be a real date written YYYY-MM-DD, like 2027-03-31")
        }
        return DateInput(date)
    }

    /// An instant as ISO 8601 in UTC, like 2027-03-02T09:15:00Z.
    static func instant(_ date: Date) -> String {
        date.formatted(.iso8601)
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
