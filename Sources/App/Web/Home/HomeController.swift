import Domain
import Fluent
import Vapor

/// The first page after sign-in: what needs attention in the area today.
struct HomeController {
    struct HomePage {
        let layout: PageLayout
        let areaName: String
        /// "an area admin", "a forum officer".
        let roleLabel: String
        let roleExplanation: String
        let attention: [AttentionItem]
        let links: [PageLayout.NavItem]
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.viewer
        var attention: [AttentionItem] = []
        for part in Site.parts {
            attention += try await part.attention(try req.store)
        }

        let page = HomePage(layout: req.layout(title: "Home"), areaName: viewer.areaName, roleLabel: (viewer.role == .areaAdmin ? "an " : "a ") + viewer.role.label.lowercased(),
                            roleExplanation: viewer.role.explanation, attention: attention,
                            links: PageLayout.navigation(for: viewer, currentPath: ""))
        return req.page(page)
    }

    func accessibility(req: Request) async throws -> Response {
        req.page(req.layout(title: "Accessibility statement"), CommonPages.accessibility)
    }

    /// For load balancers and monitors: 200 "ok" when the database answers and
    /// the stylesheet can be read; 503 saying which is missing otherwise.
    func healthz(req: Request) async throws -> Response {
        var problems: [String] = []
        do {
            // One cheap query proves the database answers.
            _ = try await AreaModel.query(on: req.db).limit(1).count()
        } catch {
            req.logger.error("Health check: the database did not answer: \(String(reflecting: error))")
            problems.append("the database does not answer")
        }
        if req.application.resourceFolder?.isComplete != true {
            problems.append("the stylesheet cannot be read")
        }
        let healthy = problems.isEmpty
        return Response(status: healthy ? .ok : .serviceUnavailable, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"],
                        body: .init(string: healthy ? "ok\n" : "unhealthy: \(problems.joined(separator: "; "))\n"))
    }
}
