import Domain

extension ComplaintsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Complaints</h1>
        <p class="body">Complaints about any partner. Open complaints are discussed at partnership meetings until they are closed.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Record a complaint</a></p>")
        <p class="body">\(showingClosed
            ? "Showing all complaints. <a href=\"\(togglePath)\">Show open complaints only</a>"
            : "Showing open complaints. <a href=\"\(togglePath)\">Show closed complaints too</a>" as Markup)</p>
        \(TableComponents.table(caption: "Complaints, newest first", [
            TableColumn("Received") { "<a href=\"\($0.href)\">\($0.receivedOn)<span class=\"visually-hidden\">: complaint about \($0.about)</span></a>" },
            TableColumn("About") { "\($0.about)" },
            TableColumn("Summary") { "\($0.summary)" },
            TableColumn("Status") { TableComponents.tag($0.status) },
        ], rows: rows))
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
          \(ListComponents.summaryRow("Status", TableComponents.tag(status)))
          <div class="summary-list__row"><dt class="summary-list__key">Summary</dt><dd class="summary-list__value prose">\(summary)</dd></div>
        </dl>
        \(if: isOpen, "<p class=\"body\">This complaint is open, so it goes on the agenda of the next partnership meeting.</p>")
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Update complaint</a> <a class=\"button button--warning\" href=\"\(deletePath)\">Delete complaint</a></p>")
        """
    }
}

extension ComplaintStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .received: .red
        case .beingInvestigated: .yellow
        case .responded: .blue
        case .closed: .grey
        }
    }
}
