import Domain
import Vapor

/// Enforces each route's declared access using `AccessPolicy`, the one place
/// where permissions are decided. A route with no declared access is refused.
struct AuthorizationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else { return try await next.respond(to: request) }
        guard let access = route.access else {
            request.logger.critical("Route \(route.description) has no declared access; refusing it")
            throw Abort(.forbidden)
        }
        if access == .operatorToken {
            guard request.auth.has(OperatorAccess.self) else {
                throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"],
                            reason: "Send the operator's token (COPRODUCE_METRICS_TOKEN): Authorization: Bearer <token>")
            }
            return try await next.respond(to: request)
        }
        let viewer = request.auth.get(Viewer.self)
        if AccessPolicy.allows(viewer?.role, access) {
            return try await next.respond(to: request)
        }
        if viewer == nil {
            if route.isAPI {
                throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Sign in with a personal API token: send the header Authorization: Bearer <token>")
            }
            // Send the person to sign in, then back to where they were going.
            let target = request.method == .GET ? request.url.path : Paths.home.url()
            let query = "next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
            return request.redirect(to: Paths.signIn.url() + "?" + query, redirectType: .normal)
        }
        throw Abort(.forbidden, reason: "Your account does not allow this. Ask your area admin if you need it.")
    }
}
