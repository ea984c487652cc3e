import Ink
import PlainEnglish

/// Markdown read with Ink into HTML, then as HTML: headings, lists and links
/// keep their meaning and the Markdown syntax is gone.
enum MarkdownText {
    static func document(_ markdown: String, deadline: DocumentReader.Deadline) throws -> Document {
        // Ink reads quotes and lists inside each other by calling itself: a
        // file of a thousand ">" would use up the stack. Real papers nest a few levels.
        if nesting(of: markdown) > deadline.limits.maximumNesting { throw DocumentReader.ReadError.nestedTooDeeply(deadline.limits) }
        let html = MarkdownParser().html(from: markdown)
        try deadline.check()
        return try HTMLText.document(html, deadline: deadline)
    }

    /// The deepest nesting any line starts with: each ">" is a quote inside a
    /// quote, each "- " a list inside a list, and every two spaces of indent
    /// (a tab is four) one more level.
    static func nesting(of markdown: String) -> Int {
        var deepest = 0
        var markers = 0
        var indent = 0
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in markdown.utf8 {
            defer { previous = byte }
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
                markers = 0
                indent = 0
                continue
            }
            guard atLineStart else { continue }
            switch byte {
            case UInt8(ascii: ">"): markers += 1
            case UInt8(ascii: " "):
                // "- item": the dash was a list marker, not the start of the text.
                if previous == UInt8(ascii: "-") || previous == UInt8(ascii: "*") || previous == UInt8(ascii: "+") { markers += 1 } else { indent += 1 }
            case UInt8(ascii: "\t"): indent += 4
            case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"): break
            default: atLineStart = false
            }
            deepest = max(deepest, markers + indent / 2)
        }
        return deepest
    }
}
