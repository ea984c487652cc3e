import CSV
import Foundation
import Vapor

/// A table as a CSV file that Excel and other spreadsheets open cleanly:
/// UTF-8 with the byte-order mark Excel looks for, CRLF line ends, and no
/// cell a spreadsheet would run as a formula.
enum CSVDownload {
    static func response(fileName: String, header: [String], rows: [[String]]) throws -> Response {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header.map(cell))
        for row in rows { try writer.write(row: row.map(cell)) }
        stream.close()
        let written = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        var body = Data([0xEF, 0xBB, 0xBF])
        body.append(written)
        body.append(contentsOf: [0x0D, 0x0A])
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }

    /// Text a spreadsheet would read as a formula (=, +, -, @, or a tab or return first) starts with an
    /// apostrophe instead, so a clause's wording can never run as one. Numbers stay numbers.
    static func cell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil else { return text }
        return "'" + text
    }

    /// A record's name as part of a download's file name: lower-case ASCII letters, digits and dashes.
    static func fileNamePart(_ name: String) -> String {
        let words = name.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }
        return String(String(words).split(separator: "-").joined(separator: "-").prefix(60))
    }
}
