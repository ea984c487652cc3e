@testable import App
import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

/// Walks every registered route as every role and as a signed-out visitor,
/// and proves each gets in exactly where `AccessPolicy` says.
@Suite("Authorisation of every route")
struct RouteAccessTests {
    /// Real records for every path parameter, so an allowed request reaches
    /// the handler: each part names records of its own in the demonstration area.
    static func parameters(app: Application, areaID: UUID) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        for part in Site.parts {
            let own = try await part.pathParameters(areaID: areaID, on: app.db)
            for (name, value) in own {
                #expect(parameters[name] == nil, "Two parts give a value for :\(name)")
                parameters[name] = value
            }
        }
        return parameters
    }

    static func fill(_ route: Route, _ parameters: [String: String]) throws -> String {
        "/" + (try route.path.map { component -> String in
            switch component {
            case .constant(let text): return text
            case .parameter(let name):
                guard let value = parameters[name] else { throw Abort(.internalServerError, reason: "No test value for :\(name)") }
                return value
            default: throw Abort(.internalServerError, reason: "Unexpected path component in \(route)")
            }
        }).joined(separator: "/")
    }

    @Test("Every route declares who may reach it")
    func everyRouteDeclaresAccess() async throws {
        try await withTestApp { app in
            let missing = app.routes.all.filter { $0.access == nil }.map(\.description)
            #expect(missing.isEmpty, "Routes without declared access: \(missing)")
            #expect(app.routes.all.count > 40)
        }
    }

    @Test("Each role and signed-out visitors get in only where the policy allows")
    func walkEveryRoute() async throws {
        try await withTestApp { app in
            #expect(try await DemoArea.load(on: app.db, hash: { try app.password.hash($0) }, today: CalendarDate(app.timeSource.now())) == .loaded)
            let area = try #require(try await AreaModel.query(on: app.db).filter(\.$slug == DemoArea.slug).first())
            let parameters = try await Self.parameters(app: app, areaID: try area.requireID())
            var browsers: [Role: TestBrowser] = [:]
            var tokens: [Role: String] = [:]
            for role in Role.allCases {
                let email = try #require(DemoArea.logins.first { $0.role == role }?.email)
                browsers[role] = try await TestBrowser.signedIn(app, email: email, password: DemoArea.password)
                _ = try await browsers[role]!.get("/")
                let token = APITokens.newToken()
                let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == email).first())
                try await APITokenModel(accountID: try account.requireID(), tokenDigest: DatabaseSessionDriver.digest(token), label: "walk").create(on: app.db)
                tokens[role] = token
            }
            let anonymous = TestBrowser(app: app)
            _ = try await anonymous.get("/sign-in")

            // Removing records and signing out change what later requests see, so they go last.
            func lateness(_ route: Route) -> Int {
                let path = route.path.map(\.description).joined(separator: "/")
                if path.contains("sign-out") { return 2 }
                return path.hasSuffix("delete") || path.hasSuffix("remove") ? 1 : 0
            }
            let routes = app.routes.all.sorted { lateness($0) < lateness($1) }
            var checked = 0
            for route in routes {
                let access = try #require(route.access, "\(route) has no declared access")
                let path = try Self.fill(route, parameters)
                for role in [Role?.none] + Role.allCases.map(Optional.some) {
                    let response: TestingHTTPResponse
                    if route.isAPI {
                        var headers = HTTPHeaders()
                        if let role { headers.bearerAuthorization = BearerAuthorization(token: tokens[role]!) }
                        headers.contentType = .json
                        response = try await app.testing().sendRequest(route.method, path, headers: headers,
                                                                       body: route.method == .GET ? nil : ByteBuffer(string: "{}"))
                    } else {
                        let browser = role.map { browsers[$0]! } ?? anonymous
                        response = route.method == .GET ? try await browser.get(path) : try await browser.post(path)
                    }
                    checked += 1
                    let who = role?.rawValue ?? "signed out"
                    let status = response.status
                    #expect(status.code < 500, "\(route.method) \(path) as \(who) failed with \(status)")
                    if access == .operatorToken {
                        // No account reaches the operator's pages, signed in or not: only their token does.
                        #expect(status == .unauthorized, "\(route.method) \(path) as \(who) should be 401 without the operator's token, got \(status)")
                    } else if AccessPolicy.allows(role, access) {
                        #expect(status != .forbidden && status != .unauthorized, "\(route.method) \(path) should let \(who) in, got \(status)")
                        if access != .anyone {
                            #expect(!(response.location ?? "").hasPrefix("/sign-in"), "\(route.method) \(path) sent \(who) to sign in")
                        }
                        if route.method == .GET && !route.isAPI {
                            #expect(status == .ok || status == .seeOther, "GET \(path) as \(who) gave \(status)")
                        }
                    } else if role == nil {
                        if route.isAPI {
                            #expect(status == .unauthorized, "\(route.method) \(path) signed out should be 401, got \(status)")
                        } else {
                            #expect(status == .seeOther && (response.location ?? "").hasPrefix("/sign-in"),
                                    "\(route.method) \(path) signed out should go to sign-in, got \(status)")
                        }
                    } else {
                        #expect(status == .forbidden, "\(route.method) \(path) should refuse \(who), got \(status)")
                    }
                }
            }
            #expect(checked == routes.count * (Role.allCases.count + 1))
        }
    }
}
