extension AgreementsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Partnership agreements</h1>
        <p class="body">How the forum, the council, the NHS and other partners have agreed to work together, clause by clause.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Add an agreement</a></p>")
        \(if: !rows.isEmpty, """
        <table class="table">
          <caption class="table__caption visually-hidden">Partnership agreements</caption>
          <thead><tr><th scope="col">Agreement</th><th scope="col">Status</th><th scope="col">Partners</th><th scope="col">Review by</th></tr></thead>
          <tbody>
            \(rows.markup { row in
                """
                <tr>
                  <td data-label="Agreement"><a href="\(row.href)">\(row.title)</a></td>
                  <td data-label="Status">\(row.status)</td>
                  <td data-label="Partners">\(row.partners)</td>
                  <td data-label="Review by">\(row.reviewOn)</td>
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
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change details or partners</a></p>")
        <h2 class="heading-m">Clauses</h2>
        <p class="body">\(counts)</p>
        \(if: !clauses.isEmpty, """
        <table class="table">
          <caption class="table__caption visually-hidden">Clauses of \(title)</caption>
          <thead><tr><th scope="col">Clause</th><th scope="col">Wording</th><th scope="col">Checked by</th><th scope="col">Latest</th></tr></thead>
          <tbody>
            \(clauses.markup { clause in
                let isRule = clause.kind == "Rule"
                return """
                <tr>
                  <td data-label="Clause"><a href="\(clause.href)">\(clause.number)<span class="visually-hidden">: \(clause.kind)</span></a></td>
                  <td data-label="Wording">\(clause.text)</td>
                  <td data-label="Checked by">\(isRule ? "Coproduce" : "People" as Markup)</td>
                  <td data-label="Latest">\(isRule ? "\(clause.check)" : "<strong class=\"tag tag--\(clause.colour)\">\(clause.check)</strong>" as Markup)</td>
                </tr>

                """
            })
          </tbody>
        </table>
        """)
        \(if: canManage, "<p class=\"body\"><a href=\"\(newClausePath)\">Add a clause</a></p>")
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
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change clause</a></p>")
        \(if: ruleSummary == nil, checks)
        """
    }

    private var checks: Markup {
        """
        <h2 class="heading-m">Checks</h2>
        \(assessments.isEmpty ? "<p class=\"body\">Nobody has checked this commitment yet.</p>" : """
        <table class="table">
          <caption class="table__caption visually-hidden">Checks of clause \(number), latest first</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Result</th><th scope="col">Evidence</th><th scope="col">Recorded by</th></tr></thead>
          <tbody>
            \(assessments.markup { assessment in
                """
                <tr>
                  <td data-label="Date">\(assessment.assessedOn)</td>
                  <td data-label="Result"><strong class="tag tag--\(assessment.colour)">\(assessment.status)</strong></td>
                  <td data-label="Evidence">\(assessment.evidence)</td>
                  <td data-label="Recorded by">\(assessment.recordedBy)</td>
                </tr>

                """
            })
          </tbody>
        </table>
        """ as Markup)
        \(if: canAssess, "<p class=\"body\"><a href=\"\(assessPath)\">Record a check of this clause</a></p>")
        """
    }
}
