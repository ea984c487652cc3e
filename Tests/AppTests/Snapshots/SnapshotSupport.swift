import Foundation
import Testing

/// Compares a page's HTML with the copy kept in __Snapshots__, after
/// replacing what changes from run to run (ids, tokens). A missing copy is
/// written and the test fails, so a new snapshot is always looked at before
/// it is committed. Set RECORD_SNAPSHOTS=1 to rewrite them after a deliberate change.
func expectSnapshot(_ html: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = folder.appendingPathComponent("\(name).html")
    let normalised = normalise(html)
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !record, let kept = try? String(contentsOf: file, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try normalised.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name).html: look at it, then run the tests again", sourceLocation: sourceLocation)
        return
    }
    if kept != normalised {
        let keptLines = kept.split(separator: "\n", omittingEmptySubsequences: false)
        let newLines = normalised.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(keptLines, newLines).enumerated().first { $0.element.0 != $0.element.1 }
        let line = first?.offset ?? min(keptLines.count, newLines.count)
        Issue.record("""
            Snapshot \(name).html differs at line \(line + 1):
              kept: \(line < keptLines.count ? String(keptLines[line]) : "(end)")
              now:  \(line < newLines.count ? String(newLines[line]) : "(end)")
            """, sourceLocation: sourceLocation)
    }
}

private func normalise(_ html: String) -> String {
    var text = html
    let patterns = [
        (#"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"#, "ID"),
        (#"name="csrfToken" value="[^"]*""#, #"name="csrfToken" value="TOKEN""#),
    ]
    for (pattern, replacement) in patterns {
        text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    // Blank lines left by template tags say nothing about the page.
    return text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
        .joined(separator: "\n") + "\n"
}
