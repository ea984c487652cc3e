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
        <p class="body"><a href="\(downloadPath)" download>Download every group, with its chair, members and terms of reference, as a spreadsheet (CSV)</a></p>
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
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change details</a> <a class=\"button button--warning\" href=\"\(deletePath)\">Delete group</a></p>")
        \(if: !rules.isEmpty, """
        <h2 class="heading-m">Partnership agreement rules</h2>
        \(TableComponents.table(caption: "How this group keeps to the partnership agreement", [
            TableColumn("Clause") { "<a href=\"\($0.href)\">\($0.clause)</a>" },
            TableColumn("Rule") { "\($0.rule)" },
            TableColumn("Result") { "\(TableComponents.tag($0.result)) \($0.outcome)" },
        ], rows: rules))
        """)
        <h2 class="heading-m">Meetings</h2>
        \(nextMeetings.isEmpty ? "<p class=\"body\">No meetings arranged from today on.</p>" as Markup : """
        <ul class="list">
          \(nextMeetings.markup { "<li><a href=\"\($0.href ?? "")\">\($0.key)</a>: \($0.value)</li>" })
        </ul>
        """)
        <p class="body"><a href="\(meetingsPath)">All upcoming meetings of this group</a> or <a href="\(pastMeetingsPath)">past meetings</a></p>
        \(newMeetingPath.map { "<p class=\"body\"><a class=\"button button--secondary\" href=\"\($0)\">Arrange a meeting</a></p>" as Markup })
        \(if: !overdueActions.isEmpty, """
        <h3 class="heading-s">Overdue actions</h3>
        <ul class="list">
          \(overdueActions.markup { "<li><a href=\"\($0.href ?? "")\">\($0.key)</a>: \($0.value)</li>" })
        </ul>
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
            \(if: canManage, "<p class=\"body\"><a href=\"\(terms.deletePath)\">Delete version \(terms.version)<span class=\"visually-hidden\"> of the terms of reference</span></a> if it was recorded in error</p>")
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
              \(if: canManage, "<p class=\"body\"><a href=\"\(terms.deletePath)\">Delete version \(terms.version)<span class=\"visually-hidden\"> of the terms of reference</span></a></p>")
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
        var columns: [TableColumn<GroupsController.MemberRow>] = [
            TableColumn("Name") { "<a href=\"\($0.href)\">\($0.name)</a>" },
            TableColumn("Organisation") { "\($0.organisation)" },
            TableColumn("Place") { "\($0.role)" },
            TableColumn("Can make decisions") { "\($0.makesDecisions)" },
            TableColumn("Volunteer agreement") { $0.volunteerAgreement.map(TableComponents.tag) ?? "<span class=\"secondary-text\">Not needed</span>" },
        ]
        if canManage {
            // Removing asks first, on a page of its own.
            columns.append(TableColumn("Actions", hidden: true) { member in
                "<a href=\"\(member.removePath)\">Remove<span class=\"visually-hidden\"> \(member.name)</span></a>"
            })
        }
        return TableComponents.table(caption: "Members of \(name)", columns, rows: members)
    }
}

extension GroupsController.PromisesPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Groups not meeting a promise of the agreement</h1>
        <p class="body">The partnership agreement asks every group for some things its own record shows: terms of reference that say who attends, a chair from the right partner, people who can make decisions, and forum representatives with a volunteer agreement. Open a group to put it right.</p>
        \(rows.isEmpty ? "<p class=\"body\">Every group meets these promises.</p>" : TableComponents.table(caption: "Promises not met", showCaption: false, [
            TableColumn("Group") { "<a href=\"\($0.href)\">\($0.group)</a>" },
            TableColumn("Clause") { "<a href=\"\($0.clauseHref)\">\($0.clause)</a>" },
            TableColumn("What is wrong") { "\($0.explanation)" },
        ], rows: rows))
        <p class="body"><a href="\(groupsPath)">All groups</a></p>
        """
    }
}
