import Domain

extension LadderController.ProfilePage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.engagement.url())">Engagement</a></span>
        <h1 class="heading-l">How far families shaped the work</h1>
        <p class="body">Each engagement activity is placed on the \(profile.ladder.name) twice: the rung it set out to reach, and the rung it really reached.</p>
        \(EngagementComponents.filterForm(filters, action: Paths.ladderProfile.url(), showToldFilter: false))
        <p class="body">\(summary)</p>
        \(if: notTold > 0, "<p class=\"body\"><a href=\"\(Paths.engagement.url())?\(filters.query.isEmpty ? "" : filters.query + "&")told=no\">\(notTold) \(notTold == 1 ? "activity" : "activities") ended without the participants being told what changed</a>.</p>")
        \(profile.total == 0 ? Markup.empty : """
        <h2 class="heading-m">Planned and reached, rung by rung</h2>
        \(LadderChart.plannedAndReached(id: "ladder-chart", profile: profile))
        \(TableComponents.table(caption: "Activities at each rung, highest first", showCaption: true, [
            TableColumn("Rung") { "<strong>\($0.name)</strong>" },
            TableColumn("What it means") { "\($0.meaning)" },
            TableColumn("Planned") { "\($0.planned)" },
            TableColumn("Reached") { "\($0.achieved)" },
        ], rows: rungRows))
        <p class="body"><a href="\(csvPath("rung"))" download>Download the rung by rung figures (CSV)</a></p>
        \(yearsSection)
        <p class="body">Below, families share the decisions at co-design and co-production, influence some decisions at engagement, and are only told or asked on the lower rungs. Each ladder is compared on the 7-rung ladder.</p>
        \(section(id: "organisation", heading: "By organisation", caption: "Activities each organisation was involved in, by how far families shaped them",
                  note: "An activity with several organisations counts once for each.", slices: organisations))
        \(section(id: "service", heading: "By service or project", caption: "Activities of each service or project, by how far families shaped them",
                  note: nil, slices: services))
        """)
        """
    }

    var summary: String {
        guard profile.total > 0 else { return "No activities are recorded for this choice yet." }
        var parts = ["\(profile.total) \(profile.total == 1 ? "activity" : "activities")."]
        if profile.known > 0 {
            parts.append("Of the \(profile.known) whose rung reached is known, \(profile.sharedDecisionsPercent!)% reached a rung where families share the decisions (co-design or co-production on the 7-rung ladder).")
            parts.append("\(profile.reachedPlan) reached the rung planned or higher and \(profile.fellShort) fell short.")
        }
        if profile.notYetKnown > 0 { parts.append("\(profile.notYetKnown) not known yet.") }
        return parts.joined(separator: " ")
    }

    var rungRows: [LadderProfile.Row] {
        var rows = profile.rows.reversed().map { $0 }
        if profile.belowLadderPlanned + profile.belowLadderAchieved > 0 {
            rows.append(LadderProfile.Row(key: "", name: "Below this ladder", meaning: "Recorded on another ladder, below this one's lowest rung",
                                          planned: profile.belowLadderPlanned, achieved: profile.belowLadderAchieved))
        }
        return rows
    }

    func csvPath(_ by: String) -> String {
        Paths.ladderProfileCSV.url() + "?by=\(by)" + (csvQuery.isEmpty ? "" : "&" + csvQuery)
    }

    var yearsSection: Markup {
        guard !years.isEmpty else { return .empty }
        return """
        <h2 class="heading-m">Year by year</h2>
        \(HealthChart.bars(id: "years-chart", title: "Share of activities reaching co-design or co-production each year",
                           description: "A bar for each year from April to March, as long as the share of activities with a known rung that reached co-design or co-production. The table below gives the same figures.",
                           bars: years.map { (label: $0.shortLabel, percent: $0.profile.sharedDecisionsPercent) }))
        \(TableComponents.table(caption: "Activities each year, April to March", showCaption: true, [
            TableColumn("Year") { slice in slice.href.map { "<a href=\"\($0)\">\(slice.label)</a>" as Markup } ?? "\(slice.label)" },
            TableColumn("Activities") { "\($0.profile.total)" },
            TableColumn("Activities with a known result") { "\($0.profile.known)" },
            TableColumn("Reached co-design or co-production") { "\($0.profile.sharedDecisionsPercent.map { "\($0)%" } ?? "None known")" },
            TableColumn("Reached the rung planned") { "\($0.profile.reachedPlanPercent.map { "\($0)%" } ?? "None known")" },
            TableColumn("On the year before") { "\($0.trend?.label ?? "No year just before to compare")" },
        ], rows: years))
        <p class="body secondary-text">\(EngagementTrend.rule)</p>
        <p class="body"><a href="\(csvPath("year"))" download>Download the year by year figures (CSV)</a></p>
        """
    }

    func section(id: String, heading: String, caption: String, note: String?, slices: [LadderController.Slice]) -> Markup {
        guard !slices.isEmpty else { return .empty }
        return """
        <h2 class="heading-m">\(heading)</h2>
        \(note.map { "<p class=\"body\">\($0)</p>" as Markup })
        \(TableComponents.table(caption: caption, showCaption: true, [
            TableColumn(id == "organisation" ? "Organisation" : "Service or project") { slice in
                slice.href.map { "<a href=\"\($0)\">\(slice.label)</a>" as Markup } ?? "\(slice.label)"
            },
            TableColumn("Activities") { "\($0.profile.total)" },
            TableColumn("Families shared decisions") { "\($0.profile.sharedDecisions)" },
            TableColumn("Families influenced some decisions") { "\($0.profile.someInfluence)" },
            TableColumn("Families were only told or asked") { "\($0.profile.toldOrAsked)" },
            TableColumn("Not known yet") { "\($0.profile.notYetKnown)" },
            TableColumn("Reached the rung planned") { "\($0.profile.reachedPlanPercent.map { "\($0)%" } ?? "None known")" },
        ], rows: slices))
        <p class="body"><a href="\(csvPath(id))" download>Download these figures, rung by rung (CSV)</a></p>
        """
    }
}

/// The ladder drawn on the server: for each rung, highest first, a bar for
/// the activities planned at it and one for those that reached it.
enum LadderChart {
    static func plannedAndReached(id: String, profile: LadderProfile) -> Markup {
        let rows = profile.rows.reversed().map { $0 }
        let largest = max(1, rows.map { max($0.planned, $0.achieved) }.max() ?? 1)
        let labelWidth = 120, chartWidth = 300, rowHeight = 46, top = 30
        let width = labelWidth + chartWidth + 50, height = top + rows.count * rowHeight + 6
        return """
        <figure class="chart">
          <svg class="chart__svg" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" focusable="false">
            <title id="\(id)-title">Activities planned at and reaching each rung of the \(profile.ladder.name)</title>
            <desc id="\(id)-desc">For each rung, highest first, an outlined bar as long as the number of activities planned at it and a solid bar as long as the number that reached it. The table below gives the same figures.</desc>
            <rect x="0" y="4" width="14" height="14" class="chart__bar chart__bar--planned"></rect>
            <text x="20" y="16" class="chart__label">Planned</text>
            <rect x="100" y="4" width="14" height="14" class="chart__bar"></rect>
            <text x="120" y="16" class="chart__label">Reached</text>
            \(rows.enumerated().markup { index, row in
                let y = top + index * rowHeight
                let planned = row.planned * chartWidth / largest, reached = row.achieved * chartWidth / largest
                return """
                <text x="0" y="\(y + 26)" class="chart__label">\(row.name)</text>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(planned)" height="16" class="chart__bar chart__bar--planned"></rect>
                <text x="\(labelWidth + planned + 6)" y="\(y + 17)" class="chart__value">\(row.planned)</text>
                <rect x="\(labelWidth)" y="\(y + 22)" width="\(reached)" height="16" class="chart__bar"></rect>
                <text x="\(labelWidth + reached + 6)" y="\(y + 35)" class="chart__value">\(row.achieved)</text>

                """
            })
          </svg>
        </figure>
        """
    }
}
