/// Pagination under a list, and summary lists of key and value.
enum ListComponents {
    /// "Showing 1 to 50 of 760", with previous and next links when there is more than one page.
    static func pagination(_ links: PaginationLinks) -> Markup {
        """
        <nav class="pagination" aria-label="Pages">
          <p class="pagination__summary">\(links.summary)</p>
          \(if: links.isNeeded, """
          <ul class="pagination__list">
            \(links.previous.map { "<li class=\"pagination__prev\"><a class=\"pagination__link\" href=\"\($0)\" rel=\"prev\">Previous<span class=\"visually-hidden\"> page</span></a></li>" as Markup })
            \(links.items.markup { item in
                if let number = item.number, let href = item.href {
                    return item.isCurrent
                        ? "<li class=\"pagination__item pagination__item--current\"><a class=\"pagination__link\" href=\"\(href)\" aria-label=\"Page \(number)\" aria-current=\"page\">\(number)</a></li>"
                        : "<li class=\"pagination__item\"><a class=\"pagination__link\" href=\"\(href)\" aria-label=\"Page \(number)\">\(number)</a></li>"
                }
                return "<li class=\"pagination__item pagination__item--gap\">&ctdot;</li>"
            })
            \(links.next.map { "<li class=\"pagination__next\"><a class=\"pagination__link\" href=\"\($0)\" rel=\"next\">Next<span class=\"visually-hidden\"> page</span></a></li>" as Markup })
          </ul>
          """)
        </nav>
        """
    }

    /// A summary list of rows, each value a link when it leads somewhere.
    static func summaryList(_ rows: [SummaryRow]) -> Markup {
        """
        <dl class="summary-list">
          \(rows.markup { row in
              """
              <div class="summary-list__row">
                <dt class="summary-list__key">\(row.key)</dt>
                <dd class="summary-list__value">\(row.href.map { "<a href=\"\($0)\">\(row.value)</a>" as Markup } ?? "\(row.value)")</dd>
              </div>

              """
          })
        </dl>
        """
    }

    /// One row of a summary list, its value already written.
    static func summaryRow(_ key: String, _ value: Markup) -> Markup {
        """
        <div class="summary-list__row"><dt class="summary-list__key">\(key)</dt><dd class="summary-list__value">\(value)</dd></div>

        """
    }
}
