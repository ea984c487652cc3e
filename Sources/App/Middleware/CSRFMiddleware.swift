import Crypto
import Foundation
import Vapor

/// Refuses any form post that does not carry the session's anti-forgery token,
/// so another site cannot make a signed-in person's browser submit a form.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "csrfToken"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else {
            return try await next.respond(to: request)
        }
        // A large form (a file upload) arrives in pieces after the headers; gather it,
        // up to the route's own limit, before reading the token from it.
        if request.body.data == nil {
            let limit = request.route?.bodyLimit ?? request.application.routes.defaultMaxBodySize
            _ = try await request.body.collect(max: limit.value).get()
        }
        // A document upload's form is large: it is taken apart on the document threads.
        let sent: String? = request.route?.bodyLimit == nil
            ? try? request.content.get(String.self, at: Self.fieldName)
            : try await request.application.documentWork.run { try? request.content.get(String.self, at: Self.fieldName) }
        // Signed in, the token lives in the session. A visitor has no session:
        // their forms (signing in) keep the token in a cookie. A signing-in form
        // left open in a tab while signed in elsewhere carries the cookie's token.
        let sessionToken = request.hasSession ? request.session.data[SessionKeys.csrfToken] : nil
        let sessionMatches = sessionToken.map { expected in sent.map { Self.constantTimeEquals(expected, $0) } ?? false } ?? false
        let visitorMatches = (sessionToken == nil || VisitorFormToken.isVisitorForm(request.url.path)) && VisitorFormToken.matches(request, sent: sent)
        guard sessionMatches || visitorMatches else { throw CSRFRefusal() }
        return try await next.respond(to: request)
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The form was sent without a valid token: usually an old tab or a session that timed out.
struct CSRFRefusal: AbortError {
    var status: HTTPResponseStatus { .forbidden }
    var reason: String { "This form has expired. Go back, reload the page and try again." }
}

extension Request {
    /// The session's anti-forgery token, created on first use.
    func csrfToken() -> String {
        if let token = session.data[SessionKeys.csrfToken] { return token }
        let token = DatabaseSessionDriver.newToken()
        session.data[SessionKeys.csrfToken] = token
        return token
    }
}
