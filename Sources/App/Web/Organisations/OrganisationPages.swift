extension OrganisationsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Organisations</h1>
        <p class="body">The forum, the council, the NHS, providers and everyone else in the partnership.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Add an organisation</a></p>")
        <form method="get" action="\(filterAction)" class="filter" role="search" aria-label="Find organisations">
          <div class="form-group">
            <label class="label" for="q">Name</label>
            <input class="input input--width-20" id="q" name="q" type="search" value="\(search)" autocomplete="off">
          </div>
          <div class="form-group">
            <label class="label" for="kind">Kind</label>
            <select class="select" id="kind" name="kind">
              \(kindFilter.markup { option in
                  """
                  <option value="\(option.value)"\(if: option.selected, " selected")>\(option.label)</option>

                  """
              })
            </select>
          </div>
          <div class="form-group"><button type="submit" class="button button--secondary">Show organisations</button></div>
        </form>
        \(filterDescription.map { "<p class=\"body\" role=\"status\">\($0). <a href=\"\(filterAction)\">Show every organisation</a></p>" as Markup })
        \(TableComponents.table(caption: "Organisations in the partnership", showCaption: true, [
            TableColumn("Name") { "<a href=\"\($0.href)\">\($0.name)</a>" },
            TableColumn("Kind") { "\($0.kind)" },
            TableColumn("E-mail address") { $0.email.map { "\($0)" as Markup } ?? "<span class=\"secondary-text\">Not given</span>" },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        <p class="body"><a href="\(downloadPath)" download>Download \(filterDescription == nil ? "every organisation" : "these organisations") as a spreadsheet (CSV)</a></p>
        """
    }
}

extension OrganisationsController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption">Organisation</span>
        <h1 class="heading-l">\(name)</h1>
        \(ListComponents.summaryList(details))
        \(if: isForum, "<p class=\"body\">Partners contact the forum through this e-mail address, not through its members' own addresses.</p>")
        \(if: canManage, """
        <p class="body"><a class="button button--secondary" href="\(editPath)">Change details</a> <a class="button button--warning" href="\(deletePath)">Delete organisation</a></p>
        """)
        <h2 class="heading-m">People</h2>
        \(people.isEmpty ? "<p class=\"body\">Nobody is recorded for this organisation yet.</p>" : """
        <ul class="list">
          \(people.markup { person in
              """
              <li><a href="\(person.href)">\(person.key)</a>\(if: !person.value.isEmpty, " (\(person.value))")</li>

              """
          })
        </ul>
        \(morePeoplePath.map { "<p class=\"body\"><a href=\"\($0)\">See everyone in \(name)</a></p>" as Markup })
        """ as Markup)
        <h2 class="heading-m">Co-production</h2>
        <ul class="list">
          <li><a href="\(engagementPath)">Engagement activities it was involved in</a></li>
          <li><a href="\(ladderPath)">How far families shaped its work: its ladder profile</a></li>
          \(assessments.markup { "<li><a href=\"\($0.href)\">Self-evaluation: \($0.label)</a> \(SelfEvaluationComponents.rating($0.rating))</li>" })
        </ul>
        <h2 class="heading-m">Partnership agreements</h2>
        \(agreements.isEmpty ? "<p class=\"body\">This organisation is not a partner in any agreement yet.</p>" : """
        <ul class="list">
          \(agreements.markup { agreement in
              """
              <li><a href="\(agreement.href)">\(agreement.key)</a> (\(agreement.value))</li>

              """
          })
        </ul>
        """ as Markup)
        """
    }
}

extension OrganisationsController.DeletePage: WebPage {
    var body: Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(blockers.isEmpty ? """
            <h1 class="heading-l">Are you sure you want to delete \(name)?</h1>
            <p class="body">This cannot be undone.</p>
            <form method="post" action="\(action)">
              <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
              <div class="button-group">
                <button type="submit" class="button button--warning">Yes, delete it</button>
                <a class="link" href="\(cancelPath)">No, go back</a>
              </div>
            </form>
            """ : """
            <h1 class="heading-l">You cannot delete \(name) yet</h1>
            <p class="body">Records still point to it:</p>
            <ul class="list list--bullet">
              \(blockers.markup { "<li>\($0)</li>" })
            </ul>
            <p class="body">Move or remove them first.</p>
            <p class="body"><a href="\(cancelPath)">Back to \(name)</a></p>
            """ as Markup)
          </div>
        </div>
        """
    }
}
