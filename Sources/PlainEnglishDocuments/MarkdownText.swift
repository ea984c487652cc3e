import Ink
import PlainEnglish

/// Markdown read with Ink into HTML, then as HTML: headings, lists and links
/// keep their meaning and the Markdown syntax is gone.
enum MarkdownText {
    static func document(_ markdown: String) throws -> Document {
        HTMLText.document(MarkdownParser().html(from: markdown))
    }
}
