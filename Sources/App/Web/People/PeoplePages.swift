import Domain

extension PeopleController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">\(heading)</h1>
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newPath)\">Add a person</a></p>")
        <form method="get" action="\(filterAction)" class="filter filter--grid" role="search" aria-label="Find people">
          <div class="form-group form-group--wide">
            <label class="label" for="q">Name or role</label>
            <div id="q-hint" class="hint">Any part of a name or job title</div>
            <input class="input input--width-20" id="q" name="q" type="search" value="\(search)" aria-describedby="q-hint" autocomplete="off">
          </div>
          \(FormComponents.filterSelect(name: "organisation", label: "Organisation", options: organisations, selected: selected.filter.organisationID?.uuidString ?? ""))
          \(FormComponents.filterSelect(name: "group", label: "Group", options: groups, selected: selected.filter.groupID?.uuidString ?? ""))
          \(FormComponents.filterSelect(name: "who", label: "Who", options: standings, selected: selected.filter.standing?.rawValue ?? ""))
          \(FormComponents.filterSelect(name: "order", label: "Order", options: orders, selected: selected.filter.order.rawValue))
          <div class="form-group"><button type="submit" class="button button--secondary">Show people</button></div>
        </form>
        \(filterDescription.map { "<p class=\"body\" role=\"status\">\($0). <a href=\"\(clearFilterPath)\">Show everyone</a></p>" as Markup })
        \(TableComponents.table(caption: "People in the partnership", showCaption: true, [
            TableColumn("Name") { "<a href=\"\($0.href)\">\($0.name)</a>" },
            TableColumn("Organisation") { "\($0.organisation)" },
            TableColumn("Role or job title") { "\($0.jobTitle)" },
            TableColumn("Volunteer agreement") { $0.volunteerAgreement.map(TableComponents.tag) ?? "<span class=\"secondary-text\">Not needed</span>" },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        <p class="body"><a href="\(downloadPath)" download>Download \(selected.isFiltered ? "these people" : "everyone") as a spreadsheet (CSV)</a></p>
        """
    }
}

extension PeopleController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption">Person</span>
        <h1 class="heading-l">\(name)</h1>
        \(if: isForumMember && !volunteerStatusInForce, "<p class=\"warning-text\">\(name) has no volunteer agreement in force, so should not represent the forum until one is signed.</p>")
        \(ListComponents.summaryList(details))
        \(if: contactHidden, "<p class=\"inset\">Only the forum's officers can see a forum member's contact details. Contact the forum through its own e-mail address.</p>")
        \(if: canManage, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Change details</a> <a class=\"button button--warning\" href=\"\(deletePath)\">Remove person</a></p>")
        \(if: isForumMember, volunteerAgreementSection)
        \(diversity.map { rows in
            """
            <h2 class="heading-m">Diversity monitoring</h2>
            \(ListComponents.summaryList(rows))
            <p class="body"><a href="\(diversityPath)">Change diversity monitoring<span class="visually-hidden"> for \(name)</span></a></p>
            """ as Markup
        })
        <h2 class="heading-m">Groups</h2>
        \(memberships.isEmpty ? "<p class=\"body\">Not a member of any group.</p>" : """
        <ul class="list">
          \(memberships.markup { membership in
              """
              <li><a href="\(membership.href)">\(membership.group)</a>: \(membership.role)\(if: membership.makesDecisions, ", can make decisions")</li>

              """
          })
        </ul>
        """ as Markup)
        \(if: canManageGroups, "<p class=\"body\"><a href=\"\(addToGroupPath)\">Add \(name) to a group</a></p>")
        """
    }

    private var agreementColumns: [TableColumn<PeopleController.AgreementRow>] {
        var columns: [TableColumn<PeopleController.AgreementRow>] = [
            TableColumn("Signed") { "\($0.signedOn)" },
            TableColumn("Ends") { "\($0.endsOn)" },
        ]
        if canManageVolunteerAgreements {
            columns.append(TableColumn("Actions", hidden: true) { row in
                "<a href=\"\(row.deletePath)\">Delete<span class=\"visually-hidden\"> the agreement signed on \(row.signedOn)</span></a>"
            })
        }
        return columns
    }

    private var volunteerAgreementSection: Markup {
        """
        <h2 class="heading-m">Volunteer agreement</h2>
        \(volunteerStatus.map { "<p class=\"body\">\(TableComponents.tag($0))</p>" as Markup })
        \(TableComponents.table(caption: "Volunteer agreements signed", agreementColumns, rows: volunteerAgreements))
        \(if: canManageVolunteerAgreements, "<p class=\"body\"><a href=\"\(volunteerAgreementPath)\">Record a signed volunteer agreement<span class=\"visually-hidden\"> for \(name)</span></a></p>")
        """
    }
}

extension PeopleController.DeletePage: WebPage {
    var body: Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(isSelf ? """
            <h1 class="heading-l">You cannot remove yourself</h1>
            <p class="body">Ask another area admin or forum officer to do it.</p>
            <p class="body"><a href="\(cancelPath)">Back to \(name)</a></p>
            """ : refusal.map { reason in
            """
            <h1 class="heading-l">You cannot remove \(name)</h1>
            <p class="body">\(reason)</p>
            <p class="body"><a href="\(cancelPath)">Back to \(name)</a></p>
            """ as Markup
            } ?? """
            <h1 class="heading-l">Are you sure you want to remove \(name)?</h1>
            \(if: !consequences.isEmpty, """
            <p class="body">This also removes:</p>
            <ul class="list list--bullet">\(consequences.markup { "<li>\($0)</li>" })</ul>
            """)
            <p class="body">This cannot be undone. The audit log keeps a note that you removed them.</p>
            <form method="post" action="\(action)">
              <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
              <div class="button-group">
                <button type="submit" class="button button--warning">Yes, remove \(name)</button>
                <a class="link" href="\(cancelPath)">No, go back</a>
              </div>
            </form>
            """ as Markup)
          </div>
        </div>
        """
    }
}

extension VolunteerAgreementStatus: Taggable {
    var tagLabel: String { shortLabel }
    var tagColour: TagColour {
        switch self {
        case .current: .green
        case .expiringSoon: .yellow
        case .expired, .missing: .red
        }
    }
}
