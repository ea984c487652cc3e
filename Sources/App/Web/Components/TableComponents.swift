import Domain

/// The colours a tag comes in (see the stylesheet's .tag--*).
enum TagColour: String, Sendable {
    case green, yellow, red, blue, grey
}

/// Anything shown as a coloured tag. The colour belongs to the status, so a
/// status looks the same on every page.
protocol Taggable {
    var tagLabel: String { get }
    var tagColour: TagColour { get }
}

/// A tag for something that is not a stored status, such as a rule's result.
struct Tag: Taggable {
    let tagLabel: String
    let tagColour: TagColour
}

/// One column of a table: its heading and how a row fills its cell. The
/// heading also labels the cell on narrow screens, where each row is shown as a card.
struct TableColumn<Row> {
    let heading: String
    let headingHidden: Bool
    let cell: (Row) -> Markup

    init(_ heading: String, hidden: Bool = false, _ cell: @escaping (Row) -> Markup) {
        self.heading = heading
        self.headingHidden = hidden
        self.cell = cell
    }
}

/// Tables and tags, written one way for every page.
enum TableComponents {
    static func tag(_ status: some Taggable) -> Markup {
        "<strong class=\"tag tag--\(status.tagColour.rawValue)\">\(status.tagLabel)</strong>"
    }

    /// A table with a caption (read out by screen readers; shown when `showCaption`).
    /// Nothing is drawn for no rows: the page says so in its own words.
    static func table<Row>(caption: String, showCaption: Bool = false, _ columns: [TableColumn<Row>], rows: [Row]) -> Markup {
        guard !rows.isEmpty else { return "" }
        return """
        <table class="table">
          <caption class="table__caption\(if: !showCaption, " visually-hidden")">\(caption)</caption>
          <thead><tr>\(columns.markup { column in
              column.headingHidden ? "<th scope=\"col\"><span class=\"visually-hidden\">\(column.heading)</span></th>" : "<th scope=\"col\">\(column.heading)</th>"
          })</tr></thead>
          <tbody>
            \(rows.markup { row in
                """
                <tr>
                  \(columns.markup { column in
                      // A column whose heading is hidden (actions) needs no label on narrow screens either.
                      column.headingHidden ? "<td>\(column.cell(row))</td>\n" : "<td data-label=\"\(column.heading)\">\(column.cell(row))</td>\n"
                  })
                </tr>

                """
            })
          </tbody>
        </table>
        """
    }
}
