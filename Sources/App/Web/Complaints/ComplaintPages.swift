extension ComplaintsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Complaints</h1>
        <p class="body">Complaints about any partner. Open complaints are discussed at partnership meetings until they are closed.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Record a complaint</a></p>")
        <p class="body">\(showingClosed
            ? "Showing all complaints. <a href=\"\(togglePath)\">Show open complaints only</a>"
            : "Showing open complaints. <a href=\"\(togglePath)\">Show closed complaints too</a>" as Markup)</p>
        \(if: !rows.isEmpty, """
        <table class="table">
          <caption class="table__caption visually-hidden">Complaints, newest first</caption>
          <thead><tr><th scope="col">Received</th><th scope="col">About</th><th scope="col">Summary</th><th scope="col">Status</th></tr></thead>
          <tbody>
            \(rows.markup { row in
                """
                <tr>
                  <td data-label="Received"><a href="\(row.href)">\(row.receivedOn)<span class="visually-hidden">: complaint about \(row.about)</span></a></td>
                  <td data-label="About">\(row.about)</td>
                  <td data-label="Summary">\(row.summary)</td>
                  <td data-label="Status"><strong class="tag tag--\(row.colour)">\(row.status)</strong></td>
                </tr>

                """
            })
          </tbody>
        </table>
        """)
        \(ListComponents.pagination(pagination))
        """
    }
}

extension ComplaintsController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption">Complaint</span>
        <h1 class="heading-l">\(heading)</h1>
        <dl class="summary-list">
          \(ListComponents.summaryRow("About", "<a href=\"\(aboutHref)\">\(about)</a>"))
          \(ListComponents.summaryRow("Received", "\(receivedOn)"))
          \(ListComponents.summaryRow("Status", "<strong class=\"tag tag--\(colour)\">\(status)</strong>"))
          <div class="summary-list__row"><dt class="summary-list__key">Summary</dt><dd class="summary-list__value prose">\(summary)</dd></div>
        </dl>
        \(if: isOpen, "<p class=\"body\">This complaint is open, so it goes on the agenda of the next partnership meeting.</p>")
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Update complaint</a></p>")
        """
    }
}
