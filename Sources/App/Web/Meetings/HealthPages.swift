import Domain

extension HealthController.Page: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.meetings.url())">Meetings</a></span>
        <h1 class="heading-l">How well the agreement's promises are kept\(groupName.map { ": \($0)" } ?? "")</h1>
        <p class="body">Every meeting from \(period) is checked against the rules of the agreement each morning. A promise counts once the meeting has a final answer: kept or broken. One still at risk, such as minutes not sent yet, counts later.</p>
        <form method="get" action="\(Paths.agreementHealth.url())" class="filter">
          <div class="form-group">
            <label class="label" for="group">Show</label>
            <select class="select" id="group" name="group">
              \(groups.markup { option in
                  """
                  <option value="\(option.value)"\(if: option.value == selectedGroup, " selected")>\(option.label)</option>

                  """
              })
            </select>
          </div>
          <button type="submit" class="button button--secondary">Show</button>
        </form>
        <p class="body">\(summary)</p>
        \(clauses.isEmpty ? "<p class=\"body\">No rule of an agreement has been checked at a meeting in these twelve months.</p>" as Markup : """
        <h2 class="heading-m">Each rule</h2>
        \(HealthChart.bars(id: "rules-chart", title: "Share of meetings that kept each rule",
                           description: "A bar for each rule, by clause number, as long as the share of meetings that kept it. The table below gives the same figures.",
                           bars: clauses.map { (label: "Clause \($0.number)", percent: $0.percent) }))
        \(TableComponents.table(caption: "How often each rule was kept, \(period)", showCaption: true, [
            TableColumn("Clause") { "<a href=\"\($0.href)\">\($0.number)</a>" },
            TableColumn("Rule") { "\($0.rule)" },
            TableColumn("Kept") { "\($0.kept)" },
            TableColumn("Broken") { "\($0.broken)" },
            TableColumn("Kept, per cent") { "\($0.percent.map { "\($0)%" } ?? "No meetings yet")" },
            TableColumn("Trend") { "\($0.trend.label)" },
            TableColumn("No final answer yet") { "\($0.other)" },
        ], rows: clauses))
        <h2 class="heading-m">Month by month</h2>
        \(HealthChart.columns(id: "months-chart", title: "Share of promises kept each month, every rule together",
                              description: "A column for each month, as tall as the share of promises kept that month. The table below gives the same figures.",
                              columns: months.map { (label: String($0.month.prefix(3)), percent: $0.percent) }))
        \(TableComponents.table(caption: "Promises kept each month, every rule together", showCaption: true, [
            TableColumn("Month") { "\($0.month)" },
            TableColumn("Kept") { "\($0.kept)" },
            TableColumn("Broken") { "\($0.broken)" },
            TableColumn("Kept, per cent") { "\($0.percent.map { "\($0)%" } ?? "No meetings")" },
        ], rows: months))
        """)
        <p class="body"><a href="\(csvPath)" download>Download these figures, month by month for each rule, as a spreadsheet (CSV)</a></p>
        """
    }
}

/// Charts drawn on the server as SVG: an image with a title and a
/// description for screen readers, beside a table with the same figures.
enum HealthChart {
    /// Horizontal bars, one per rule, 0 to 100 per cent.
    static func bars(id: String, title: String, description: String, bars: [(label: String, percent: Int?)]) -> Markup {
        let rowHeight = 28, labelWidth = 110, chartWidth = 320, width = labelWidth + chartWidth + 50
        let height = bars.count * rowHeight + 10
        return """
        <figure class="chart">
          <svg class="chart__svg" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" focusable="false">
            <title id="\(id)-title">\(title)</title>
            <desc id="\(id)-desc">\(description)</desc>
            \(bars.enumerated().markup { index, bar in
                let y = index * rowHeight + 5
                let length = (bar.percent ?? 0) * chartWidth / 100
                return """
                <text x="0" y="\(y + 18)" class="chart__label">\(bar.label)</text>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(chartWidth)" height="18" class="chart__track"></rect>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(length)" height="18" class="chart__bar"></rect>
                <text x="\(labelWidth + length + 6)" y="\(y + 18)" class="chart__value">\(bar.percent.map { "\($0)%" } ?? "none")</text>

                """
            })
          </svg>
        </figure>
        """
    }

    /// Columns, one per month, 0 to 100 per cent.
    static func columns(id: String, title: String, description: String, columns: [(label: String, percent: Int?)]) -> Markup {
        let columnWidth = 36, chartHeight = 150, top = 20
        let width = columns.count * columnWidth + 10, height = top + chartHeight + 24
        return """
        <figure class="chart">
          <svg class="chart__svg" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" focusable="false">
            <title id="\(id)-title">\(title)</title>
            <desc id="\(id)-desc">\(description)</desc>
            <line x1="0" y1="\(top + chartHeight)" x2="\(width)" y2="\(top + chartHeight)" class="chart__axis"></line>
            \(columns.enumerated().markup { index, column in
                let x = index * columnWidth + 5
                let tall = (column.percent ?? 0) * chartHeight / 100
                return """
                <rect x="\(x + 4)" y="\(top + chartHeight - tall)" width="\(columnWidth - 8)" height="\(tall)" class="chart__bar"></rect>
                <text x="\(x + columnWidth / 2)" y="\(top + chartHeight - tall - 4)" class="chart__value" text-anchor="middle">\(column.percent.map { "\($0)" } ?? "")</text>
                <text x="\(x + columnWidth / 2)" y="\(top + chartHeight + 16)" class="chart__label" text-anchor="middle">\(column.label)</text>

                """
            })
          </svg>
        </figure>
        """
    }
}
