import Domain
import Vapor

extension ListPage {
    /// The page a web list shows, from ?page=N.
    init(_ request: Request, size: Int = ListPage.defaultSize) {
        self = ListPage.lenient(page: request.query[String.self, at: "page"], size: size)
    }
}

/// Links under a list, following GOV.UK pagination: previous, the page
/// numbers around this one (`PageNumbers`), next, and "Showing 51 to 100 of 700".
struct PaginationLinks: Sendable {
    /// A page number's link, or a gap where numbers are left out.
    struct Item: Sendable {
        let number: Int?
        let href: String?
        let isCurrent: Bool
    }

    let summary: String
    let previous: String?
    let next: String?
    let items: [Item]
    let isNeeded: Bool

    init(page: ListPage, total: Int, basePath: String, extraQuery: String = "") {
        let pages = max(1, (total + page.size - 1) / page.size)
        let join = extraQuery.isEmpty ? "" : "&" + extraQuery
        let address = { (number: Int) in "\(basePath)?page=\(number)\(join)" }
        if page.number > pages {
            // An old link, or a typed address, past the end of the list.
            summary = total == 0 ? "None yet" : "There is nothing on page \(page.number): the list has \(pages) \(pages == 1 ? "page" : "pages")"
            previous = total == 0 ? nil : address(pages)
            next = nil
            items = []
            isNeeded = total > 0
            return
        }
        let first = total == 0 ? 0 : page.offset + 1
        let last = min(total, page.offset + page.size)
        summary = total == 0 ? "None yet" : "Showing \(first) to \(last) of \(total)"
        previous = page.number > 1 ? address(page.number - 1) : nil
        next = page.number < pages ? address(page.number + 1) : nil
        items = PageNumbers.visible(current: page.number, pages: pages).map { number in
            Item(number: number, href: number.map(address), isCurrent: number == page.number)
        }
        isNeeded = pages > 1
    }
}

/// A list's address with its filters, each value percent-encoded, for
/// pagination and "download as a spreadsheet" links that keep the filters.
struct ListQuery: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    mutating func add(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        pairs.append((name, value))
    }

    /// "q=okafor&organisation=…", or empty.
    var encoded: String {
        pairs.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? "")" }.joined(separator: "&")
    }

    /// The path with the query, if there is one.
    func url(_ path: String) -> String { pairs.isEmpty ? path : path + "?" + encoded }

    private static let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
}
