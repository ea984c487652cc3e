import Foundation
import Testing
@testable import PlainEnglish

/// The benchmark's hand-counted documents, split exactly as counted.
@Suite struct HandCountedDocumentTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Benchmarks/plain-english").standardized

    @Test(arguments: ["council-paper.txt", "meeting-minutes.txt", "parent-letter.txt"])
    func sentenceCountsMatchTheHandCount(name: String) throws {
        let counts = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("sentence-counts.json"))) as? [String: Any]
        let expected = try #require(counts?["documents/\(name)"] as? Int)
        let text = try String(contentsOf: Self.folder.appendingPathComponent("documents/\(name)"), encoding: .utf8)
        let document = Document(plainText: text)
        let units = document.sentences.map { document.text(of: $0.range) }
        #expect(units.count == expected, "\(units.joined(separator: "\n"))")
    }
}
