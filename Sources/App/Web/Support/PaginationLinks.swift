import Domain
import Vapor

extension ListPage {
    /// The page a web list shows, from ?page=N.
    init(_ request: Request, size: Int = ListPage.defaultSize) {
        self = ListPage.lenient(page: request.query[String.self, at: "page"], size: size)
    }
}

/// Links under a list: previous, next and "page 2 of 9", following GOV.UK pagination.
struct PaginationLinks: Encodable, Sendable {
    let summary: String
    let previous: String?
    let next: String?
    let isNeeded: Bool

    init(page: ListPage, total: Int, basePath: String, extraQuery: String = "") {
        let pages = max(1, (total + page.size - 1) / page.size)
        let join = extraQuery.isEmpty ? "" : "&" + extraQuery
        if page.number > pages {
            // An old link, or a typed address, past the end of the list.
            summary = total == 0 ? "None yet" : "There is nothing on page \(page.number): the list has \(pages) \(pages == 1 ? "page" : "pages")"
            previous = total == 0 ? nil : "\(basePath)?page=\(pages)\(join)"
            next = nil
            isNeeded = total > 0
            return
        }
        let first = total == 0 ? 0 : page.offset + 1
        let last = min(total, page.offset + page.size)
        summary = total == 0 ? "None yet" : "Showing \(first) to \(last) of \(total)"
        previous = page.number > 1 ? "\(basePath)?page=\(page.number - 1)\(join)" : nil
        next = page.number < pages ? "\(basePath)?page=\(page.number + 1)\(join)" : nil
        isNeeded = pages > 1
    }
}
