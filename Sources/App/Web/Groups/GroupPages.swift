extension GroupsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Groups</h1>
        <p class="body">The partnership's meetings and boards, shown under the group each one reports to.</p>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Add a group</a></p>")
        \(tree.isEmpty ? "<p class=\"body\">There are no groups yet.</p>" : """
        <h2 class="heading-m">Who reports to whom</h2>
        <ul class="tree">
        \(tree.markup { item in
            """
            <li><a href="\(item.href)">\(item.name)</a>\(item.hasChildren ? "<ul>" : "</li>" as Markup)
            \(item.closings.markup { _ in "</ul></li>" })

            """
        })
        </ul>
        """ as Markup)
        """
    }
}

extension GroupsController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption">Group</span>
        <h1 class="heading-l">\(name)</h1>
        \(ListComponents.summaryList(details))
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change details</a></p>")
        \(if: !rules.isEmpty, """
        <h2 class="heading-m">Partnership agreement rules</h2>
        <table class="table">
          <caption class="table__caption visually-hidden">How this group keeps to the partnership agreement</caption>
          <thead><tr><th scope="col">Clause</th><th scope="col">Rule</th><th scope="col">Result</th></tr></thead>
          <tbody>
            \(rules.markup { rule in
                """
                <tr>
                  <td data-label="Clause"><a href="\(rule.href)">\(rule.clause)</a></td>
                  <td data-label="Rule">\(rule.rule)</td>
                  <td data-label="Result"><strong class="tag tag--\(rule.colour)">\(rule.status)</strong> \(rule.outcome)</td>
                </tr>

                """
            })
          </tbody>
        </table>
        """)
        <h2 class="heading-m">Members</h2>
        \(members.isEmpty ? "<p class=\"body\">No members yet.</p>" : membersTable)
        \(if: canManage, "<p class=\"body\"><a href=\"\(membersPath)\">Add a member</a></p>")
        <h2 class="heading-m">Terms of reference</h2>
        \(currentTerms.map { terms in
            """
            <p class="body">Version \(terms.version), agreed on \(terms.agreedOn).</p>
            <p class="prose">\(terms.text)</p>
            <h3 class="heading-s">Who attends</h3>
            <ul class="list list--bullet">
              \(terms.attendees.markup { "<li>\($0)</li>" })
            </ul>
            """ as Markup
        } ?? "<p class=\"body\">This group has no terms of reference yet.</p>")
        \(if: canManage, "<p class=\"body\"><a href=\"\(termsPath)\">Write a new version of the terms of reference</a></p>")
        \(if: !earlierTerms.isEmpty, """
        <h3 class="heading-s">Earlier versions</h3>
        \(earlierTerms.markup { terms in
            """
            <details class="details">
              <summary>Version \(terms.version), agreed on \(terms.agreedOn)</summary>
              <p class="prose">\(terms.text)</p>
              <ul class="list list--bullet">\(terms.attendees.markup { "<li>\($0)</li>" })</ul>
            </details>

            """
        })
        """)
        \(if: !reportingGroups.isEmpty, """
        <h2 class="heading-m">Groups that report to it</h2>
        <ul class="list">
          \(reportingGroups.markup { "<li><a href=\"\($0.href)\">\($0.key)</a> (meets \($0.value))</li>" })
        </ul>
        """)
        """
    }

    private var membersTable: Markup {
        """
        <table class="table">
          <caption class="table__caption visually-hidden">Members of \(name)</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Organisation</th><th scope="col">Place</th><th scope="col">Can make decisions</th><th scope="col">Volunteer agreement</th>\(if: canManage, "<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th>")</tr></thead>
          <tbody>
            \(members.markup { member in
                """
                <tr>
                  <td data-label="Name"><a href="\(member.href)">\(member.name)</a></td>
                  <td data-label="Organisation">\(member.organisation)</td>
                  <td data-label="Place">\(member.role)</td>
                  <td data-label="Can make decisions">\(member.makesDecisions)</td>
                  <td data-label="Volunteer agreement">\(member.volunteerAgreement.map { "<strong class=\"tag tag--\($0.colour)\">\($0.text)</strong>" as Markup } ?? "<span class=\"secondary-text\">Not needed</span>")</td>
                  \(if: canManage, """
                  <td>
                    <form method="post" action="\(member.removePath)">
                      <input type="hidden" name="csrfToken" value="\(csrfToken)">
                      <button type="submit" class="link-button">Remove<span class="visually-hidden"> \(member.name)</span></button>
                    </form>
                  </td>
                  """)
                </tr>

                """
            })
          </tbody>
        </table>
        """
    }
}
