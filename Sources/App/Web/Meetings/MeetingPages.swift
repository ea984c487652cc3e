import Domain

extension MeetingsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">\(heading)</h1>
        <p class="body">\(intro) \(showingPast
            ? "<a href=\"\(togglePath)\">Show upcoming meetings</a>"
            : "<a href=\"\(togglePath)\">Show past meetings</a>" as Markup)</p>
        \(groupPath.map { "<p class=\"body\"><a href=\"\($0)\">Back to the group</a></p>" as Markup })
        \(narrowed.map { "<p class=\"body\">\($0.description) <a href=\"\($0.clearPath)\">Show all meetings</a></p>" as Markup })
        \(rows.isEmpty ? "<p class=\"body\">\(showingPast ? "No past meetings." : "No meetings arranged from today on.")</p>" as Markup
            : TableComponents.table(caption: showingPast ? "Past meetings, latest first" : "Upcoming meetings, soonest first", [
                TableColumn("When") { "<a href=\"\($0.href)\">\($0.when)<span class=\"visually-hidden\">: \($0.group)</span></a>" },
                TableColumn("Group") { "\($0.group)" },
                TableColumn("Where") { "\($0.place)" },
                TableColumn("Status") { TableComponents.tag($0.status) },
            ], rows: rows))
        \(ListComponents.pagination(pagination))
        """
    }
}

extension MeetingsController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(groupHref)">\(groupName)</a></span>
        <h1 class="heading-l">\(heading)</h1>
        \(if: status == .cancelled, """
        <div class="banner banner--warning" role="region" aria-labelledby="cancelled-title">
          <h2 class="banner__title" id="cancelled-title">This meeting was cancelled</h2>
          <p class="banner__content">\(cancelledReason ?? "")</p>
        </div>
        """)
        \(ListComponents.summaryList(details))
        \(onlineLink.map { "<p class=\"body\">Join online: <a href=\"\($0)\" rel=\"noopener noreferrer\">\($0)</a></p>" as Markup })
        \(if: canManage, """
        <div class="button-group">
          <a class="button button--secondary" href="\(editPath)">Change this meeting</a>
          \(if: hasStarted, "<a class=\"button button--secondary\" href=\"\(attendancePath)\">Record who came</a>")
          <a class="link" href="\(cancelPath)">Cancel this meeting</a>
        </div>
        """)
        <h2 class="heading-m">Partnership agreement rules</h2>
        \(rules.isEmpty ? "<p class=\"body\">No rule of an agreement in force on the day covers this meeting.</p>" as Markup
            : TableComponents.table(caption: "How this meeting keeps to the partnership agreement", [
                TableColumn("Clause") { "<a href=\"\($0.href)\">\($0.clause)</a>" },
                TableColumn("Rule") { "\($0.rule)" },
                TableColumn("Result") { "\(TableComponents.tag($0.result)) \($0.evidence)" },
            ], rows: rules))
        \(if: !waitingRules.isEmpty, """
        <h3 class="heading-s">Rules to check by hand for now</h3>
        <p class="body">Coproduce checks these once the meeting's agenda and papers are kept here. Until then, check them yourself:</p>
        <ul class="list list--bullet">
          \(waitingRules.markup { "<li><a href=\"\($0.href ?? "")\">Clause \($0.key)</a>: \($0.value)</li>" })
        </ul>
        """)
        <h2 class="heading-m">Who came</h2>
        \(attendance.map { rows in
            TableComponents.table(caption: "Who came to this meeting", [
                TableColumn("Name") { "\($0.name)" },
                TableColumn("Organisation") { "\($0.organisation)" },
                TableColumn("Attendance") { TableComponents.tag($0.status) },
                TableColumn("Could make decisions") { "\($0.makesDecisions)" },
            ], rows: rows)
        } ?? (hasStarted ? "<p class=\"body\">Nobody has recorded who came yet.</p>" : "<p class=\"body\">Recorded after the meeting.</p>"))
        """
    }
}

extension MeetingStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .scheduled: .blue
        case .cancelled: .grey
        }
    }
}

extension MeetingRuleCheck.Result: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .met: .green
        case .notMet: .red
        case .atRisk: .yellow
        case .notYetDue, .notApplicable: .grey
        }
    }
}

extension AttendanceStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .attended: .green
        case .apologies: .blue
        case .absent: .grey
        }
    }
}
