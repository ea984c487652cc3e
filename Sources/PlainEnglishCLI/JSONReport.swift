import Foundation
import PlainEnglish

/// The JSON `coproduce check --json` prints: byte for byte what JSONEncoder
/// writes (pretty-printed, keys sorted), but with the findings written one
/// at a time. A long paper has tens of thousands of findings, and encoding
/// them as one value held the report in memory several times over.
enum JSONReport {
    static func write(_ reports: [PlainEnglishCommandLine.FileReport], to output: inout some TextOutputStream) {
        // Everything but the findings is small: JSONEncoder writes it, with an
        // empty list of findings in each report for the findings to go into.
        let outlines = reports.map { report in
            var outline = report.analysis
            outline.findings = []
            return PlainEnglishCommandLine.FileReport(file: report.file, analysis: outline)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let value: any Encodable = outlines.count == 1 ? outlines[0] : outlines
        // Encoding plain structs of strings and numbers cannot fail.
        let skeleton = Array((try? encoder.encode(value)) ?? Data())

        var writer = ByteWriter()
        var copied = 0
        for report in reports {
            // `"findings" : [` cannot occur inside a JSON string, whose quotes are escaped.
            guard let key = skeleton.firstRange(of: Array(#""findings" : ["#.utf8), in: copied..<skeleton.count) else { break }
            let indent = key.lowerBound - (skeleton[..<key.lowerBound].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
            // The empty list is "[", a blank line, the indent and "]".
            guard let closing = skeleton[key.upperBound...].firstIndex(of: UInt8(ascii: "]")) else { break }
            writer.append(skeleton[copied..<key.upperBound], flushingTo: &output)
            copied = key.upperBound
            guard !report.analysis.findings.isEmpty else { continue }
            for (offset, finding) in report.analysis.findings.enumerated() {
                writer.append(offset == 0 ? "\n" : ",\n")
                write(finding, indent: indent + 2, to: &writer)
                writer.flushIfFull(to: &output)
            }
            writer.append("\n")
            writer.appendSpaces(indent)
            copied = closing
        }
        writer.append(skeleton[copied...], flushingTo: &output)
        writer.append("\n")
        writer.flush(to: &output)
    }

    /// One finding, its keys in sorted order as JSONEncoder writes them.
    private static func write(_ finding: Finding, indent: Int, to writer: inout ByteWriter) {
        writer.appendSpaces(indent)
        writer.append("{\n")
        let inner = indent + 2
        writer.key("column", indent: inner); writer.appendDecimal(finding.column); writer.append(",\n")
        writer.key("excerpt", indent: inner); writer.appendJSONString(finding.excerpt); writer.append(",\n")
        writer.key("kind", indent: inner); writer.appendJSONString(finding.kind.rawValue); writer.append(",\n")
        writer.key("line", indent: inner); writer.appendDecimal(finding.line); writer.append(",\n")
        writer.key("message", indent: inner); writer.appendJSONString(finding.message); writer.append(",\n")
        writer.key("range", indent: inner); writer.append("{\n")
        writer.key("end", indent: inner + 2); writer.appendDecimal(finding.range.end); writer.append(",\n")
        writer.key("start", indent: inner + 2); writer.appendDecimal(finding.range.start); writer.append("\n")
        writer.appendSpaces(inner); writer.append("},\n")
        writer.key("severity", indent: inner); writer.appendJSONString(finding.severity.rawValue)
        if let suggestion = finding.suggestion {
            writer.append(",\n")
            writer.key("suggestion", indent: inner); writer.appendJSONString(suggestion)
        }
        writer.append("\n")
        writer.appendSpaces(indent)
        writer.append("}")
    }
}

/// Output put together as bytes and written in large pieces: a report of
/// tens of thousands of lines costs no String for each line.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []
    private static let pieceSize = 1 << 16

    init() {
        bytes.reserveCapacity(Self.pieceSize + 4096)
    }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends a large run of bytes a piece at a time.
    mutating func append(_ run: ArraySlice<UInt8>, flushingTo output: inout some TextOutputStream) {
        var start = run.startIndex
        while start < run.endIndex {
            let end = min(run.endIndex, start + Self.pieceSize)
            bytes.append(contentsOf: run[start..<end])
            start = end
            flushIfFull(to: &output)
        }
    }

    mutating func appendSpaces(_ count: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    mutating func appendDecimal(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) } // lowest digit was first
        }
    }

    mutating func key(_ name: StaticString, indent: Int) {
        appendSpaces(indent)
        append(UInt8(ascii: "\""))
        append(name)
        append("\" : ")
    }

    /// A JSON string, escaped as JSONEncoder escapes it (slashes left alone).
    mutating func appendJSONString(_ text: String) {
        var text = text
        append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var plainStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                plainStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "\r"): append("\\r")
                case UInt8(ascii: "\t"): append("\\t")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    append("\\u00")
                    append(hex[Int(byte >> 4)])
                    append(hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
        append(UInt8(ascii: "\""))
    }

    mutating func flushIfFull(to output: inout some TextOutputStream) {
        if bytes.count >= Self.pieceSize { flush(to: &output) }
    }

    mutating func flush(to output: inout some TextOutputStream) {
        guard !bytes.isEmpty else { return }
        output.write(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}
