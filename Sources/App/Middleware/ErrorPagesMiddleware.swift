import Domain
import FluentKit
import Vapor

/// Turns errors into a plain-English page for people, or a JSON error for the API.
/// Nothing about the server's insides is shown; unexpected errors are logged.
struct ErrorPagesMiddleware: AsyncMiddleware {
    struct APIError: Content {
        let message: String
        let field: String?
        let errors: [ValidationErrors.FieldError]?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request: request)
        }
    }

    private func response(for error: any Error, request: Request) async -> Response {
        let status: HTTPResponseStatus
        let message: String
        var headers = HTTPHeaders()
        var fieldErrors: [ValidationErrors.FieldError]?
        switch error {
        case let validation as ValidationErrors:
            status = .unprocessableEntity
            message = validation.errors.first?.message ?? "Check what you sent"
            fieldErrors = validation.errors
        // Vapor makes DecodingError an AbortError (400); a body that does not fit is a 422 naming the field.
        case let decoding as DecodingError:
            status = .unprocessableEntity
            (message, fieldErrors) = Self.describe(decoding)
        // Two people changed the same thing at the same moment and a database
        // rule refused the second change; the stores name the field where they can.
        case let database as any DatabaseError where database.isConstraintFailure:
            status = .unprocessableEntity
            message = "Someone else changed this at the same moment, so your change was not saved. Check the details and try again."
        // A value in the database that is not one the code knows (a status a
        // later version added, a hand-edited row) is never read as something
        // else: it stops here and the log says which column, and the address which record.
        case FluentError.invalidField(let column, let type, let underlying):
            status = .internalServerError
            message = "Sorry, something went wrong on our side. Try again later."
            request.logger.critical("A stored value does not read back as \(type): column \(column), at \(request.method) \(request.url.path): \(underlying)")
        case let abort as any AbortError:
            status = abort.status
            headers = abort.headers
            message = Self.message(for: abort)
        default:
            status = .internalServerError
            message = "Sorry, something went wrong on our side. Try again later."
        }
        if status.code >= 500 {
            request.logger.report(error: error)
        }
        let isAPI = request.url.path.hasPrefix("/api/")
        let response: Response
        if isAPI {
            // The web page's advice about typed addresses means nothing to a program.
            let apiMessage = status == .notFound ? "There is no such record in your area, or no such address in the API" : message
            response = Response(status: status, headers: headers)
            try? response.content.encode(APIError(message: apiMessage, field: fieldErrors?.first?.field, errors: fieldErrors))
        } else {
            let layout = request.layout(title: Self.heading(for: status))
            response = request.page(layout, status: status, CommonPages.error(layout: layout, heading: Self.heading(for: status), message: message))
            for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        }
        return response
    }

    static func heading(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 401: "Sign in to see this page"
        case 403: "You cannot do this"
        case 404: "Page not found"
        case 405: "This address does not take that request"
        case 413: "What you sent is too large"
        case 422: "There is a problem with what you sent"
        case 429: "Too many attempts"
        case 503: "Coproduce is busy"
        case 500...: "Sorry, there is a problem with the service"
        default: "There is a problem"
        }
    }

    static func message(for abort: any AbortError) -> String {
        switch abort.status.code {
        case 404: return "If you typed the web address, check it is correct. If you pasted it, check you copied all of it."
        case 503 where abort.reason != abort.status.reasonPhrase: return abort.reason
        case 500...: return "Sorry, something went wrong on our side. Try again later."
        default:
            // Vapor's own reasons are written for developers; replace the generic ones.
            let reason = abort.reason
            return reason == abort.status.reasonPhrase ? heading(for: abort.status) : reason
        }
    }

    static func describe(_ error: DecodingError) -> (String, [ValidationErrors.FieldError]) {
        func name(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = name(context.codingPath + [key])
            return ("\(field) is missing", [.init(field: field, message: "\(field) is missing")])
        case .typeMismatch(_, let context) where context.codingPath.isEmpty, .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return ("The request body must be a JSON object", [.init(field: "body", message: "The request body must be a JSON object")])
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = name(context.codingPath)
            return ("\(field) has the wrong type", [.init(field: field, message: "\(field) has the wrong type")])
        case .dataCorrupted(let context):
            let field = name(context.codingPath)
            let message = context.codingPath.isEmpty ? "The request body is not valid JSON" : "\(field): \(context.debugDescription)"
            return (message, [.init(field: field.isEmpty ? "body" : field, message: message)])
        @unknown default:
            return ("The request could not be read", [])
        }
    }
}
