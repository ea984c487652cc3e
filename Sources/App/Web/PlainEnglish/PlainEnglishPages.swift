extension PlainEnglishResultPage: WebPage {
    var body: Markup {
        """
        <span class="caption">\(source)</span>
        <h1 class="heading-l">Plain English check</h1>
        \(meetsProfile ? """
        <div class="panel panel--good">
          <h2 class="panel__title">This text meets the profile: \(profileTitle)</h2>
        </div>
        """ : """
        <div class="panel panel--attention">
          <h2 class="panel__title">This text does not meet the profile yet: \(profileTitle)</h2>
          <ul class="list list--bullet">
            \(reasons.markup { "<li>\($0)</li>\n" })
          </ul>
        </div>
        """ as Markup)
        <h2 class="heading-m">Reading age</h2>
        \(readingAge.map { "<p class=\"reading-age\"><span class=\"reading-age__number\">\($0)</span> years</p>" as Markup })
        <p class="body">\(readingAgeMeaning)</p>
        <p class="body">\(counts)</p>
        \(if: !scores.isEmpty, """
        <details class="details">
          <summary class="details__summary">What the readability scores mean</summary>
          <div class="details__text">
            <dl class="summary-list">
              \(scores.markup { score in
                  ListComponents.summaryRow(score.name, "<strong>\(score.value)</strong>. \(score.meaning)")
              })
            </dl>
          </div>
        </details>
        """)
        <h2 class="heading-m">Your text, with what to change marked</h2>
        <p class="body">Marked words are numbered: the number leads to the finding in the list below. A label before a sentence is about the whole sentence.</p>
        <div class="checked-text">
          \(blocks.markup(Self.block))
        </div>
        \(if: !textIsComplete, "<p class=\"body\">This is a long text: only its first part is shown marked. Every finding is counted and listed below.</p>")
        <h2 class="heading-m">What to change</h2>
        \(findings.isEmpty ? "<p class=\"body\">Nothing to change. Well done.</p>" : findingsList)
        <p class="body"><a class="link" href="\(checkAgainPath)">Check another text</a></p>
        """
    }

    /// A paragraph, heading or list item of the text, with its findings in place.
    static func block(_ block: Block) -> Markup {
        let pieces = block.pieces.markup { piece -> Markup in
            let number = piece.number ?? 0
            if piece.isHighlight {
                return """
                <mark class="finding-mark\(if: piece.isProblem, " finding-mark--problem")">\(piece.text)<a class="finding-mark__number" href="#finding-\(number)"><span class="visually-hidden"> (</span>\(number)<span class="visually-hidden">: \(piece.label). \(piece.message))</span></a></mark>
                """
            }
            if piece.isFlag {
                return """
                <a class="finding-flag\(if: piece.isProblem, " finding-flag--problem")" href="#finding-\(number)">\(number): \(piece.text)<span class="visually-hidden">. \(piece.message)</span></a>\u{20}
                """
            }
            return "\(piece.text)"
        }
        return """
        <p class="checked-text__block\(if: block.isHeading, " checked-text__block--heading")\(if: block.isListItem, " checked-text__block--item")">\(pieces)</p>

        """
    }

    private var findingsList: Markup {
        """
        <ul class="list list--bullet">
          \(kindCounts.markup { "<li>\($0.title): \($0.count)</li>\n" })
        </ul>
        \(if: findingsShown < findingsTotal, "<p class=\"body\">The first \(findingsShown) of \(findingsTotal) findings are listed.</p>")
        <ol class="findings">
          \(findings.markup { finding in
              """
              <li class="finding\(if: finding.isProblem, " finding--problem")" id="finding-\(finding.number)">
                <h3 class="finding__title">\(finding.number). \(finding.title) \(TableComponents.tag(Tag(tagLabel: finding.severity, tagColour: finding.isProblem ? .red : .grey)))</h3>
                <p class="finding__excerpt">“\(finding.excerpt)” <span class="finding__position">\(finding.position)</span></p>
                <p class="body">\(finding.message)</p>
                \(finding.suggestion.map { "<p class=\"body finding__suggestion\"><strong>Try:</strong> \($0)</p>" as Markup })
              </li>

              """
          })
        </ol>
        """
    }
}
