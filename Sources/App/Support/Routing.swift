import Domain
import Vapor

extension Route {
    private static let accessKey = "coproduce.access"

    /// Who may reach this route. Routes without one are refused to everybody.
    var access: RouteAccess? {
        get { userInfo[Route.accessKey] as? RouteAccess }
        set { userInfo[Route.accessKey] = newValue }
    }

    /// The largest body this route takes, when it is larger than the usual limit.
    var bodyLimit: ByteCount? {
        get { userInfo[Route.bodyLimitKey] as? ByteCount }
        set { userInfo[Route.bodyLimitKey] = newValue }
    }

    private static let bodyLimitKey = "coproduce.bodyLimit"

    /// Whether this route belongs to the JSON API rather than the web pages.
    var isAPI: Bool { path.first?.description == "api" }
}

extension RoutesBuilder {
    /// Registers a route together with who may reach it, so no route exists without a rule.
    /// `body` raises the usual size limit for routes that take files.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathTemplate, _ access: RouteAccess, body maximumSize: ByteCount? = nil,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let route = maximumSize.map { self.on(method, path.route, body: .collect(maxSize: $0), use: handler) }
            ?? self.on(method, path.route, use: handler)
        route.access = access
        route.bodyLimit = maximumSize
        return route
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ path: PathTemplate, _ access: RouteAccess, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, path, access, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: PathTemplate, _ access: RouteAccess, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path, access, use: handler)
    }

    /// A form post that takes a file: its body may be larger than the usual limit.
    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: PathTemplate, _ access: RouteAccess, body maximumSize: ByteCount,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path, access, body: maximumSize, use: handler)
    }
}

extension Request {
    /// A UUID from the path, or a 404 when it is not one: a mistyped address is "not found".
    func id(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }
}
