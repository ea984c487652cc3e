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
            for finding in analysis.findings {
                let marker = finding.severity == .problem ? "problem" : "advice"
                lines.append("\(file):\(finding.line):\(finding.column): \(marker): \(finding.kind.title): \(finding.message)")
                if let suggestion = finding.suggestion { lines.append("    \(suggestion)") }
            }
            lines.append("")
            let counts = Dictionary(grouping: analysis.findings, by: \.kind).sorted { $0.key < $1.key }
            lines.append("Summary: " + counts.map { "\($0.key.title.lowercased()) \($0.value.count)" }.joined(separator: ", "))
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
