import Domain

extension AgendaController.PaperPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(meetingHref)">\(meetingName)</a></span>
        <h1 class="heading-l">\(title)</h1>
        <p class="body">A paper for: \(itemTitle)</p>
        <dl class="summary-list">
          \(ListComponents.summaryRow("Plain English", "\(TableComponents.tag(current.check)) \(current.summary)"))
          \(ListComponents.summaryRow("Version", "\(current.version)"))
          \(ListComponents.summaryRow("File", "<a href=\"\(current.href)\">\(current.fileName)<span class=\"visually-hidden\">, version \(current.version)</span></a> (\(current.size))"))
          \(ListComponents.summaryRow("Uploaded", "\(current.uploaded)"))
          \(ListComponents.summaryRow("Sent to members", "\(current.sent)"))
        </dl>
        <div class="button-group">
          <a class="button button--secondary" href="\(checkHref)">See the full plain English check</a>
          \(replaceHref.map { "<a class=\"link\" href=\"\($0)\">Upload a new version</a>" as Markup })
        </div>
        \(if: !earlier.isEmpty, """
        <h2 class="heading-m">Earlier versions</h2>
        \(TableComponents.table(caption: "Earlier versions of \(title), newest first", [
            TableColumn("Version") { "<a href=\"\($0.href)\">Version \($0.version)<span class=\"visually-hidden\">: \($0.fileName)</span></a>" },
            TableColumn("Uploaded") { "\($0.uploaded)" },
            TableColumn("Sent") { "\($0.sent)" },
            TableColumn("Plain English") { TableComponents.tag($0.check) },
        ], rows: earlier))
        """)
        """
    }
}

extension AgendaController.PackPage: WebPage {
    var body: Markup {
        """
        <div class="pack">
          <p class="body no-print"><a href="\(meetingHref)">Back to the meeting</a>. Print this page to have the agenda and every paper together.</p>
          <h1 class="heading-l">\(groupName)</h1>
          <dl class="summary-list">
            \(ListComponents.summaryRow("When", "\(when)"))
            \(ListComponents.summaryRow("Where", "\(place)"))
            \(onlineLink.map { ListComponents.summaryRow("Join online", "\($0)") })
            \(chair.map { ListComponents.summaryRow("Chair", "\($0)") })
            \(contact.map { ListComponents.summaryRow("Your contact on the day", "\($0)") })
          </dl>
          <h2 class="heading-m">Agenda</h2>
          \(items.isEmpty ? "<p class=\"body\">Nothing is on the agenda yet.</p>" as Markup : """
          <ol class="list list--numbered">
            \(items.markup { item in
                """
                <li><strong>\(item.title)</strong><br>\(item.about)\(item.forumAsk.map { "<br>What the forum is asked to bring: \($0)" as Markup })
                \(item.papers.isEmpty ? Markup.empty : "<br>Papers: \(item.papers.map(\.title).joined(separator: "; "))" as Markup)</li>

                """
            })
          </ol>
          """)
          \(if: !complaints.isEmpty, """
          <h2 class="heading-m">Complaints to discuss</h2>
          <p class="body">The partnership agreement asks for complaints about the partners to be discussed.</p>
          <ul class="list list--bullet">\(complaints.markup { "<li>\($0)</li>" })</ul>
          """)
          \(items.markup { item in
              item.papers.markup { paper in
                  """
                  <section class="pack__paper">
                    <h2 class="heading-m">Item \(item.number): \(paper.title)</h2>
                    <p class="prose">\(paper.text)</p>
                  </section>

                  """
              }
          })
        </div>
        """
    }
}

extension AgendaItemStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .accepted: .green
        case .proposed: .blue
        case .deferred, .withdrawn, .merged: .grey
        }
    }
}
