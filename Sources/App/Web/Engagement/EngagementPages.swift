import Domain

extension EngagementController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">\(filter.filter.notToldOnly ? "Activities whose participants were not told what changed" : "Engagement")</h1>
        <p class="body">Every piece of work with families, placed on the \(ladderName): the rung planned, the rung reached, who took part, what changed and whether they were told.</p>
        <ul class="list">
          <li><a href="\(Paths.ladderProfile.url())">How far families shaped the work: the ladder profile</a></li>
          <li><a href="\(Paths.services.url())">Services, strategies and projects</a></li>
          \(if: canManageSettings, "<li><a href=\"\(Paths.engagementSettings.url())\">Engagement settings</a></li>")
        </ul>
        \(if: canRecord, "<p class=\"body\"><a class=\"button\" href=\"\(Paths.newActivity.url())\">Record an activity</a></p>")
        \(EngagementComponents.filterForm(filter, action: Paths.engagement.url(), showToldFilter: true))
        \(if: filter.filter.notToldOnly, "<p class=\"body\">Activities that ended more than \(daysToTell) days ago and whose participants have not been told what changed because of them.</p>")
        \(rows.isEmpty ? "<p class=\"body\">No activities match.</p>" as Markup : TableComponents.table(caption: "Engagement activities, latest first", [
            TableColumn("When") { "\($0.dates)" },
            TableColumn("Activity") { "<a href=\"\($0.href)\">\($0.title)</a>" },
            TableColumn("Rung planned") { "\($0.planned)" },
            TableColumn("Rung reached") { "\($0.achieved)" },
            TableColumn("Participants told what changed") { TableComponents.tag($0.loop) },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        \(if: !rows.isEmpty, "<p class=\"body\"><a href=\"\(Paths.activitiesCSV.url())\(filter.query.isEmpty ? "" : "?" + filter.query)\" download>Download these activities as a spreadsheet (CSV)</a></p>")
        """
    }
}

extension EngagementController.ShowPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.engagement.url())">Engagement</a></span>
        <h1 class="heading-l">\(title)</h1>
        \(ListComponents.summaryList(details))
        <h2 class="heading-m">On the ladder</h2>
        <dl class="summary-list">
          \(ListComponents.summaryRow("Rung planned", "<strong>\(planned.name)</strong>: \(planned.meaning)"))
          \(ListComponents.summaryRow("Rung reached", achieved.map { "<strong>\($0.name)</strong>: \($0.meaning)" as Markup } ?? "Not known yet"))
        </dl>
        \(verdict.map { "<p class=\"body\">\($0)</p>" as Markup })
        <p class="body secondary-text">Recorded on the \(ladderName).</p>
        <h2 class="heading-m">Who took part</h2>
        <dl class="summary-list">
          \(ListComponents.summaryRow("Parent carers", "\(participants.parentCarers)"))
          \(ListComponents.summaryRow("Children and young people", "\(participants.childrenAndYoungPeople)"))
          \(ListComponents.summaryRow("Professionals", "\(participants.professionals)"))
          \(ListComponents.summaryRow("Seldom-heard groups reached", reached.isEmpty ? "None recorded" : "\(reached.joined(separator: "; "))"))
        </dl>
        \(meetings.isEmpty ? Markup.empty : """
        <h2 class="heading-m">Meetings</h2>
        <ul class="list list--bullet">
          \(meetings.markup { "<li><a href=\"\($0.href)\">\($0.label)</a></li>" })
        </ul>
        """)
        <h2 class="heading-m">What participants said</h2>
        \(participantsSaid.map { "<div class=\"prose\">\($0)</div>" as Markup } ?? "<p class=\"body secondary-text\">Not recorded yet.</p>")
        <h2 class="heading-m">What changed</h2>
        \(whatChanged.map { "<div class=\"prose\">\($0)</div>" as Markup } ?? "<p class=\"body secondary-text\">Not recorded yet.</p>")
        <h2 class="heading-m">Were participants told?</h2>
        <p class="body">\(TableComponents.tag(loop))\(howTold.map { " \($0)" as Markup })</p>
        \(if: canRecord, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(editPath)\">Update activity</a></p>")
        """
    }

    /// Whether it reached its plan, in words.
    var verdict: String? {
        guard let achieved else { return nil }
        if achieved.standardLevel > planned.standardLevel { return "It went higher up the ladder than planned." }
        if achieved.standardLevel == planned.standardLevel { return "It reached the rung planned." }
        return "It fell short of the rung planned."
    }
}

extension EngagementLoop: Taggable {
    var tagLabel: String {
        switch self {
        case .told(let date): "Told \(date.longForm)"
        case .running: "Still running"
        case .dueBy(let date): "Due by \(date.longForm)"
        case .notTold: "Not told"
        }
    }

    var tagColour: TagColour {
        switch self {
        case .told: .green
        case .running: .grey
        case .dueBy: .yellow
        case .notTold: .red
        }
    }
}

/// Pieces shared by the engagement pages.
enum EngagementComponents {
    /// The year, service and organisation filters (and, on the list, "not told only").
    static func filterForm(_ filters: EngagementFilters, action: String, showToldFilter: Bool) -> Markup {
        """
        <form method="get" action="\(action)" class="filter">
          \(FormComponents.filterSelect(name: "year", label: "Year (April to March)", options: filters.years, selected: filters.selectedYear))
          \(FormComponents.filterSelect(name: "service", label: "Service or project", options: filters.services, selected: filters.selectedService))
          \(FormComponents.filterSelect(name: "organisation", label: "Organisation", options: filters.organisations, selected: filters.selectedOrganisation))
          \(if: showToldFilter, """
          <div class="form-group checkboxes"><div class="checkboxes__item">
            <input class="checkboxes__input" id="told" name="told" type="checkbox" value="no"\(if: filters.filter.notToldOnly, " checked")>
            <label class="checkboxes__label" for="told">Only those whose participants were not told in time</label>
          </div></div>
          """)
          <button type="submit" class="button button--secondary">Show</button>
        </form>
        """
    }
}
