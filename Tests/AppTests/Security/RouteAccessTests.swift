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
    /// Real records for every path parameter, so an allowed request reaches the handler.
    static func parameters(app: Application, fixture: Fixture) async throws -> [String: String] {
        let db = app.db
        let group = GroupModel(areaID: fixture.areaID, details: .init(name: "Liaison", purpose: nil, cadence: .monthly), reportsToID: nil)
        try await group.create(on: db)
        let membership = MembershipModel(groupID: try group.requireID(), personID: fixture.personIDs[.forumRepresentative]!, role: .member, makesDecisions: false)
        try await membership.create(on: db)
        let agreement = AgreementModel(areaID: fixture.areaID, details: .init(title: "Agreement", startsOn: CalendarDate(year: 2025, month: 1, day: 1)!,
                                                                              endsOn: nil, reviewOn: CalendarDate(year: 2099, month: 1, day: 1)!))
        try await agreement.create(on: db)
        try await AgreementPartnerModel(agreementID: try agreement.requireID(), organisationID: fixture.forumID).create(on: db)
        let clause = ClauseModel(agreementID: try agreement.requireID(), position: 1, details: .init(number: "4.3", text: "Support in kind.", rule: nil), groupID: nil)
        try await clause.create(on: db)
        let complaint = ComplaintModel(areaID: fixture.areaID, aboutOrganisationID: fixture.councilID,
                                       details: .init(receivedOn: CalendarDate(year: 2026, month: 1, day: 1)!, summary: "Late papers.", status: .received))
        try await complaint.create(on: db)
        let account = try #require(try await AccountModel.query(on: db).filter(\.$email == fixture.emails[.boardViewer]!).first())
        // A forum member with no account: removing them signs nobody out.
        let member = PersonModel(areaID: fixture.areaID, organisationID: fixture.forumID, details: .init(fullName: "Walk Member"))
        try await member.create(on: db)
        return [
            "organisationID": fixture.councilID.uuidString,
            "personID": try member.requireID().uuidString,
            "groupID": try group.requireID().uuidString,
            "membershipID": try membership.requireID().uuidString,
            "agreementID": try agreement.requireID().uuidString,
            "clauseID": try clause.requireID().uuidString,
            "complaintID": try complaint.requireID().uuidString,
            "accountID": try account.requireID().uuidString,
        ]
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
            let fixture = try await Fixture.make(on: app)
            let parameters = try await Self.parameters(app: app, fixture: fixture)
            var browsers: [Role: TestBrowser] = [:]
            var tokens: [Role: String] = [:]
            for role in Role.allCases {
                browsers[role] = try await TestBrowser.signedIn(app, email: fixture.emails[role]!)
                _ = try await browsers[role]!.get("/")
                let token = APITokens.newToken()
                let account = try #require(try await AccountModel.query(on: app.db).filter(\.$email == fixture.emails[role]!).first())
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
                    if AccessPolicy.allows(role, access) {
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
