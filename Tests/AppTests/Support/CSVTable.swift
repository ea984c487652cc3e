import CSV
import Foundation
import Testing

/// A CSV download read back with a real CSV parser, as a spreadsheet reads it.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(_ body: String) throws {
        // Excel's byte-order mark starts the file; the parser wants the text after it.
        #expect(body.hasPrefix("\u{FEFF}"), "a CSV download starts with the byte-order mark Excel expects")
        let reader = try CSVReader(string: String(body.drop { $0 == "\u{FEFF}" }), hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() {
            // The blank line that ends the file is not a row.
            if row.count == 1 && row[0].isEmpty { continue }
            rows.append(row)
        }
        header = reader.headerRow ?? []
        self.rows = rows
    }

    /// The rows as dictionaries by column name.
    var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0).map { ($0, $1) }) }
    }
}
