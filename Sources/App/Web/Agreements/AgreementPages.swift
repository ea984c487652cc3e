import Domain

extension AgreementsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Partnership agreements</h1>
        <p class="body">How the forum, the council, the NHS and other partners have agreed to work together, clause by clause.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Add an agreement</a></p>")
        \(TableComponents.table(caption: "Partnership agreements", [
            TableColumn("Agreement") { "<a href=\"\($0.href)\">\($0.title)</a>" },
            TableColumn("Status") { "\($0.status)" },
            TableColumn("Partners") { "\($0.partners)" },
            TableColumn("Review by") { "\($0.reviewOn)" },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        \(if: !rows.isEmpty, "<p class=\"body\"><a href=\"\(downloadPath)\" download>Download every agreement, clause by clause with its latest result, as a spreadsheet (CSV)</a></p>")
        """
    }
}

extension AgreementsController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption">Partnership agreement</span>
        <h1 class="heading-l">\(title)</h1>
        \(ListComponents.summaryList(details))
        <h2 class="heading-m">Partners</h2>
        <ul class="list">
          \(partners.markup { "<li><a href=\"\($0.href)\">\($0.key)</a> (\($0.value))</li>" })
        </ul>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change details or partners</a> <a class=\"button button--warning\" href=\"\(deletePath)\">Delete agreement</a></p>")
        <h2 class="heading-m">Clauses</h2>
        <p class="body">\(counts)</p>
        \(TableComponents.table(caption: "Clauses of \(title)", [
            TableColumn("Clause") { "<a href=\"\($0.href)\">\($0.number)<span class=\"visually-hidden\">: \($0.kind)</span></a>" },
            TableColumn("Wording") { "\($0.text)" },
            TableColumn("Checked by") { $0.rule == nil ? "People" : "Coproduce" },
            TableColumn("Latest result") { clause in clause.latest.map { TableComponents.tag($0) } ?? "" },
        ], rows: clauses))
        \(if: canManage, "<p class=\"body\"><a href=\"\(newClausePath)\">Add a clause</a></p><p class=\"body\"><a href=\"\(copyClausesPath)\">Copy clauses from another agreement</a></p>")
        """
    }
}

extension AgreementsController.ClausePage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(agreementPath)">\(agreementTitle)</a></span>
        <h1 class="heading-l">Clause \(number)</h1>
        <p class="inset">\(text)</p>
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt class="summary-list__key">How it is checked</dt>
            <dd class="summary-list__value">\(kind)</dd>
          </div>
          \(ruleSummary.map { summary in
              """
              <div class="summary-list__row">
                <dt class="summary-list__key">Rule</dt>
                <dd class="summary-list__value">\(summary)</dd>
              </div>
              <div class="summary-list__row">
                <dt class="summary-list__key">Applies to</dt>
                <dd class="summary-list__value">\(appliesTo)</dd>
              </div>
              """ as Markup
          })
        </dl>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change clause</a> <a class=\"button button--warning\" href=\"\(deletePath)\">Delete clause</a></p>")
        \(if: ruleSummary == nil, checks)
        """
    }

    private var checks: Markup {
        """
        <h2 class="heading-m">Checks</h2>
        \(assessments.isEmpty ? "<p class=\"body\">Nobody has checked this commitment yet.</p>" : TableComponents.table(caption: "Checks of clause \(number), latest first", [
            TableColumn("Date") { "\($0.assessedOn)" },
            TableColumn("Result") { TableComponents.tag($0.status) },
            TableColumn("Evidence") { "\($0.evidence)" },
            TableColumn("Recorded by") { "\($0.recordedBy)" },
        ], rows: assessments))
        \(if: canAssess, "<p class=\"body\"><a href=\"\(assessPath)\">Record a check of this clause</a></p>")
        """
    }
}

extension CommitmentStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .met: .green
        case .partlyMet: .yellow
        case .notMet: .red
        }
    }
}
