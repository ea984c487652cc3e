import Domain

extension ComplaintsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">\(listing == .overdue ? "Complaints with an overdue response" : "Complaints")</h1>
        <p class="body">Complaints about any partner. Each is answered within \(responseDays) days of being received unless another date is agreed, and open complaints are discussed at partnership meetings until they are closed.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Record a complaint</a> <a href=\"\(settingsPath)\">Change how long the partnership takes to respond</a></p>")
        <ul class="list">
          <li>\(listing == .open ? "Open complaints (showing)" : "<a href=\"/complaints\">Open complaints</a>" as Markup)</li>
          <li>\(listing == .overdue ? "Responses overdue (showing)" : "<a href=\"/complaints?show=overdue\">Responses overdue</a>" as Markup)</li>
          <li>\(listing == .all ? "Every complaint, closed ones too (showing)" : "<a href=\"/complaints?show=all\">Every complaint, closed ones too</a>" as Markup)</li>
        </ul>
        \(rows.isEmpty ? "<p class=\"body\">None.</p>" : TableComponents.table(caption: "Complaints, newest first", [
            TableColumn("Reference") { "<a href=\"\($0.href)\">\($0.reference.isEmpty ? $0.receivedOn : $0.reference)<span class=\"visually-hidden\">: complaint about \($0.about)</span></a>" },
            TableColumn("Received") { "\($0.receivedOn)" },
            TableColumn("About") { "\($0.about)" },
            TableColumn("Summary") { "\($0.summary)" },
            TableColumn("Response due") { row in "\(row.due)\(if: row.overdue, " <strong class=\"tag tag--red\">Overdue</strong>")" },
            TableColumn("Status") { TableComponents.tag($0.status) },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        <p class="body"><a href="\(downloadPath)" download>Download these complaints as a spreadsheet (CSV)</a></p>
        """
    }
}

extension ComplaintsController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption">Complaint</span>
        <h1 class="heading-l">\(heading)</h1>
        \(overdueOn.map { "<p class=\"warning-text\">The response was due by \($0) and has not been sent.</p>" as Markup })
        \(ListComponents.summaryList(details))
        <dl class="summary-list">
          \(ListComponents.summaryRow("Status", TableComponents.tag(status)))
          <div class="summary-list__row"><dt class="summary-list__key">Summary</dt><dd class="summary-list__value prose">\(summary)</dd></div>
          \(outcome.map { "<div class=\"summary-list__row\"><dt class=\"summary-list__key\">Outcome</dt><dd class=\"summary-list__value prose\">\($0)</dd></div>" as Markup })
          \(lessonsLearned.map { "<div class=\"summary-list__row\"><dt class=\"summary-list__key\">What was learned</dt><dd class=\"summary-list__value prose\">\($0)</dd></div>" as Markup })
        </dl>
        \(if: isOpen, "<p class=\"body\">This complaint is open, so it goes on the agenda of the next partnership meeting.</p>")
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Update complaint</a> <a class=\"button button--warning\" href=\"\(deletePath)\">Delete complaint</a></p>")
        <h2 class="heading-m">How it has progressed</h2>
        \(history.isEmpty ? "<p class=\"body\">No changes recorded yet.</p>" : TableComponents.table(caption: "Status changes, oldest first", [
            TableColumn("Date") { "\($0.on)" },
            TableColumn("Status") { TableComponents.tag($0.status) },
            TableColumn("By") { "\($0.by)" },
        ], rows: history))
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
