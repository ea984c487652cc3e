import Foundation
import PlainEnglish

/// The readable report `coproduce check` prints.
enum TextReport {
    /// Writes the report line by line: a long paper has thousands of findings.
    static func write(_ analysis: Analysis, file: String, to output: inout some TextOutputStream) {
        var lines = Lines(output: output)
        defer { output = lines.output }
        let verdict = analysis.meetsProfile ? "meets" : "does not meet"
        lines.append("\(file): \(verdict) the \(analysis.profile.name.title.lowercased()) profile")
        for reason in analysis.reasons { lines.append("  - \(reason)") }
        lines.append("")

        let statistics = analysis.statistics
        lines.append("\(count(statistics.words, "word")), \(count(statistics.sentences, "sentence")), \(String(format: "%.1f", statistics.wordsPerSentence)) words a sentence")
        if let scores = analysis.scores {
            lines.append("Reading age:                \(scores.readingAge) (aim: \(analysis.profile.targetReadingAge) or under)")
            lines.append("Flesch reading ease:        \(format(scores.fleschReadingEase)) (60 or more is plain English)")
            lines.append("Flesch-Kincaid grade:       \(format(scores.fleschKincaidGrade))")
            lines.append("Gunning Fog:                \(format(scores.gunningFog))")
            lines.append("SMOG:                       \(format(scores.smog))")
            lines.append("Coleman-Liau:               \(format(scores.colemanLiau))")
            lines.append("Automated readability index: \(format(scores.automatedReadabilityIndex))")
        } else {
            lines.append("No words to score.")
        }
        lines.append("")

        if analysis.findings.isEmpty {
            lines.append("No findings.")
        } else {
            // A long paper has tens of thousands of findings: each line is put together
            // as bytes and written in large pieces, not made into a String of its own.
            var writer = ByteWriter()
            var counts: [FindingKind: Int] = [:]
            for finding in analysis.findings {
                counts[finding.kind, default: 0] += 1
                writer.append(file)
                writer.append(UInt8(ascii: ":"))
                writer.appendDecimal(finding.line)
                writer.append(UInt8(ascii: ":"))
                writer.appendDecimal(finding.column)
                writer.append(finding.severity == .problem ? ": problem: " : ": advice: ")
                writer.append(finding.kind.title)
                writer.append(": ")
                writer.append(finding.message)
                writer.append(UInt8(ascii: "\n"))
                if let suggestion = finding.suggestion {
                    writer.append("    ")
                    writer.append(suggestion)
                    writer.append(UInt8(ascii: "\n"))
                }
                writer.flushIfFull(to: &lines.output)
            }
            writer.flush(to: &lines.output)
            lines.append("")
            let summary = counts.sorted { $0.key < $1.key }
            lines.append("Summary: " + summary.map { "\($0.key.title.lowercased()) \($0.value)" }.joined(separator: ", "))
        }
    }

    /// Collects nothing: each appended line goes straight to the output.
    private struct Lines<Output: TextOutputStream> {
        var output: Output
        mutating func append(_ line: String) {
            output.write(line)
            output.write("\n")
        }
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
