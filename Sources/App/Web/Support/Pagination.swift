import Fluent
import Vapor

/// Which page of a long list to show, read from ?page=N.
struct PageRequest: Sendable {
    let number: Int
    let size: Int

    static let defaultSize = 50

    init(number: Int, size: Int = PageRequest.defaultSize) {
        self.number = max(1, number)
        self.size = size
    }

    init(_ request: Request, size: Int = PageRequest.defaultSize) {
        let number = (try? request.query.get(Int.self, at: "page")) ?? 1
        self.init(number: number, size: size)
    }

    var offset: Int { (number - 1) * size }
}

/// Links under a list: previous, next and "page 2 of 9", following GOV.UK pagination.
struct PaginationLinks: Encodable, Sendable {
    let summary: String
    let previous: String?
    let next: String?
    let isNeeded: Bool

    init(page: PageRequest, total: Int, basePath: String, extraQuery: String = "") {
        let pages = max(1, (total + page.size - 1) / page.size)
        let first = total == 0 ? 0 : page.offset + 1
        let last = min(total, page.offset + page.size)
        summary = total == 0 ? "None yet" : "Showing \(first) to \(last) of \(total)"
        let join = extraQuery.isEmpty ? "" : "&" + extraQuery
        previous = page.number > 1 ? "\(basePath)?page=\(page.number - 1)\(join)" : nil
        next = page.number < pages ? "\(basePath)?page=\(page.number + 1)\(join)" : nil
        isNeeded = pages > 1
    }
}

extension QueryBuilder {
    /// One page of results and the total, using LIMIT/OFFSET on an indexed order.
    func page(_ page: PageRequest) async throws -> (items: [Model], total: Int) {
        let total = try await self.copy().count()
        let items = try await self.copy().range(page.offset..<(page.offset + page.size)).all()
        return (items, total)
    }
}
