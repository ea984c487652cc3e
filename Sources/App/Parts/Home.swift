import Domain
import Vapor

extension Paths {
    static let home = PathTemplate()
    static let healthz = PathTemplate("healthz")
    /// For the operator's Prometheus, with the operator's token (COPRODUCE_METRICS_TOKEN).
    static let metrics = PathTemplate("metrics")
    static let accessibility = PathTemplate("accessibility")
}

/// The home page, with what needs attention from every part, and the accessibility statement.
struct HomePart: ProductPart {
    let name = "Home"

    func pages(_ web: any RoutesBuilder) {
        let home = HomeController()
        web.get(Paths.home, .requires(.viewPartnership), use: home.show)
        web.get(Paths.accessibility, .anyone, use: home.accessibility)
    }
}
