import Domain

extension Rating: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .red: .red
        case .amber: .yellow
        case .green: .green
        }
    }
}

extension PlanActionStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .notStarted: .grey
        case .underWay: .blue
        case .done: .green
        }
    }
}

enum SelfEvaluationComponents {
    static func rating(_ rating: Rating?) -> Markup {
        rating.map { TableComponents.tag($0) } ?? "<span class=\"secondary-text\">No rating</span>"
    }

    static func actionStatus(_ action: PlanActionModel, today: CalendarDate) -> Markup {
        action.isOverdue(today: today) ? TableComponents.tag(Tag(tagLabel: "Overdue", tagColour: .red)) : TableComponents.tag(action.status)
    }

    static let links: Markup = """
    <ul class="list">
      <li><a href="/self-evaluation/report">The annual co-production report</a></li>
      <li><a href="/self-evaluation/actions">Open actions from the action plans</a></li>
      <li><a href="/self-evaluation/frameworks">The frameworks, their statements and how ratings are given</a></li>
    </ul>
    """
}

extension SelfEvaluationController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">Self-evaluation</h1>
        <p class="body">Each organisation, service or project looks honestly at how well it co-produces, once a year: which statements describe the way it works, with the evidence, a red, amber or green rating, and an action plan.</p>
        \(SelfEvaluationComponents.links)
        \(if: overdue > 0, "<p class=\"body\"><a href=\"\(Paths.selfEvaluationActions.url())\">\(overdue) \(overdue == 1 ? "action is" : "actions are") overdue</a>.</p>")
        \(if: canAssess, "<p class=\"body\"><a class=\"button\" href=\"\(Paths.newAssessment.url())\">Start an assessment</a></p>")
        <form method="get" action="\(Paths.selfEvaluation.url())" class="filter">
          \(FormComponents.filterSelect(name: "year", label: "Year (April to March)", options: years, selected: selectedYear))
          <button type="submit" class="button button--secondary">Show</button>
        </form>
        \(rows.isEmpty ? "<p class=\"body\">No assessments yet.</p>" as Markup : TableComponents.table(caption: "Assessments, the latest year first", [
            TableColumn("Assessed") { "<a href=\"\($0.href)\">\($0.subject)</a>" },
            TableColumn("Framework") { "\($0.framework)" },
            TableColumn("Year") { "\($0.year)" },
            TableColumn("Rating") { SelfEvaluationComponents.rating($0.rating) },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        """
    }
}

extension SelfEvaluationController.FrameworksPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.selfEvaluation.url())">Self-evaluation</a></span>
        <h1 class="heading-l">Self-evaluation frameworks</h1>
        \(frameworks.markup { framework in
            """
            <h2 class="heading-m">\(framework.name)</h2>
            <p class="body">\(framework.summary)</p>
            <p class="body secondary-text">From \(framework.source).</p>
            <h3 class="heading-s">How the rating is given</h3>
            <ul class="list list--bullet">\(framework.rule.explanation(stages: framework.stages).markup { "<li>\($0)</li>" })</ul>
            \(framework.keyIdeas.markup { idea in
                """
                <h3 class="heading-s">\(idea.name)</h3>
                <p class="body">\(idea.about)</p>
                \(framework.stages.isEmpty ? """
                <ul class="list list--bullet">\(idea.statements.markup { "<li>\($0.text)</li>" })</ul>
                """ as Markup : framework.stages.enumerated().markup { index, stage in
                    """
                    <h4 class="heading-s">\(stage.name) if…</h4>
                    <ul class="list list--bullet">\(idea.statements.filter { $0.stage == index }.markup { "<li>\($0.text)</li>" })</ul>
                    """
                })
                """
            })
            """
        })
        """
    }
}

extension SelfEvaluationController.ChoosePage: WebPage {
    var body: Markup {
        """
        <div class="grid-row"><div class="column-two-thirds">
        \(FormComponents.errorSummary(ErrorSummaryItem.from(errors)))
        <span class="caption"><a href="\(Paths.selfEvaluation.url())">Self-evaluation</a></span>
        <h1 class="heading-l">Start a self-evaluation</h1>
        \(existing.map { "<p class=\"body\"><a href=\"\($0.href)\">Update the assessment already made</a></p>" as Markup })
        <form method="get" action="\(Paths.newAssessment.url())" novalidate>
          \(FormComponents.field(.choice("framework", "Which framework?", options: frameworks.map { ($0.key, $0.name) }, selected: [selected.framework],
                                         errors: errors, optionHints: Dictionary(uniqueKeysWithValues: frameworks.map { ($0.key, $0.summary) }))))
          \(FormComponents.field(.choice("subject", "What is being assessed?", kind: .select,
                                         options: [("", "Choose an organisation, service or project")]
                                            + subjects.map { ($0.value, "\($0.name)\($0.kind == .service ? " (service or project)" : "")") },
                                         selected: [selected.subject], errors: errors,
                                         hint: "A whole organisation, or one service or project. Add services on the services page first.")))
          \(FormComponents.field(.choice("year", "Which year is it for?", kind: .select, options: years.map { ($0.shortLabel, $0.label) },
                                         selected: [selected.year], errors: errors)))
          <div class="button-group"><button type="submit" class="button">Continue</button>
          <a class="link" href="\(Paths.selfEvaluation.url())">Cancel</a></div>
        </form>
        </div></div>
        """
    }
}

extension SelfEvaluationController.AnswersPage: WebPage {
    var body: Markup {
        let ticked = Set(form.ticked ?? [])
        // A problem with what is assessed (someone else assessed it a moment ago) has no field here: it links to the heading.
        let summary = ErrorSummaryItem.from(errors).map { item in
            item.href.hasPrefix("#evidence-") || item.href == "#answers" ? item : ErrorSummaryItem(message: item.message, href: "#assessment-heading")
        }
        return """
        \(FormComponents.errorSummary(summary))
        <span class="caption">\(caption)</span>
        <h1 class="heading-l" id="assessment-heading" tabindex="-1">\(heading)</h1>
        <p class="body">Tick each statement that describes the way you really work, and give an example that shows it: what people do or say. It is not a box-ticking exercise, so tell the whole truth.</p>
        \(errors.message(for: "answers").map { "<p class=\"error-message\" id=\"answers\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as Markup })
        <form method="post" action="\(action)" novalidate>
          <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
          \(hidden.sorted { $0.key < $1.key }.markup { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\($0.value)\">" })
          \(framework.keyIdeas.markup { idea in
              """
              <h2 class="heading-m">\(idea.name)</h2>
              <p class="body">\(idea.about)</p>
              \(framework.stages.isEmpty ? """
              <fieldset class="fieldset"><legend class="visually-hidden">\(idea.name)</legend>
              \(statements(idea.statements, ticked: ticked))
              </fieldset>
              """ as Markup : framework.stages.enumerated().markup { index, stage in
                  """
                  <fieldset class="fieldset">
                    <legend class="fieldset__legend heading-s">\(stage.name) if…<span class="visually-hidden"> (\(idea.name))</span></legend>
                    \(statements(idea.statements.filter { $0.stage == index }, ticked: ticked))
                  </fieldset>
                  """
              })
              """
          })
          <div class="button-group">
            <button type="submit" class="button">\(submitLabel)</button>
            <a class="link" href="\(cancelPath)">Cancel</a>
          </div>
        </form>
        """
    }

    func statements(_ statements: [FrameworkDefinition.Statement], ticked: Set<String>) -> Markup {
        statements.markup { statement in
            let key = statement.key
            let field = AssessmentAnswers.evidenceField(key)
            let error = errors.message(for: field)
            let kept = form.links?[key] ?? []
            return """
            <div class="statement\(if: error != nil, " form-group--error")">
              <div class="checkboxes__item">
                <input class="checkboxes__input" id="tick-\(key)" name="ticked[]" type="checkbox" value="\(key)"\(if: ticked.contains(key), " checked")>
                <label class="checkboxes__label" for="tick-\(key)">\(statement.text)</label>
              </div>
              <div class="statement__evidence">
                <label class="label" for="\(field)">Evidence<span class="visually-hidden"> for: \(statement.text)</span></label>
                \(error.map { "<p id=\"\(field)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as Markup })
                <textarea class="textarea\(if: error != nil, " textarea--error")" id="\(field)" name="evidence[\(key)]" rows="2"\(error.map { _ in " aria-describedby=\"\(field)-error\"" as Markup })>\(form.evidence?[key] ?? "")</textarea>
                \(kept.isEmpty ? Markup.empty : """
                <fieldset class="fieldset"><legend class="fieldset__legend">Linked<span class="visually-hidden"> to: \(statement.text)</span></legend>
                \(kept.enumerated().markup { index, link in
                    """
                    <div class="checkboxes__item">
                      <input class="checkboxes__input" id="link-\(key)-\(index)" name="links[\(key)][]" type="checkbox" value="\(link)" checked>
                      <label class="checkboxes__label" for="link-\(key)-\(index)">\(linkLabels[link] ?? "A record that is no longer there")</label>
                    </div>
                    """
                })
                </fieldset>
                """)
                \(activities.isEmpty ? Markup.empty : select(name: "addActivity[\(key)]", id: "activity-\(key)", label: "Link an activity", statement: statement.text,
                                                            empty: "No activity", options: activities))
                \(meetings.isEmpty ? Markup.empty : select(name: "addMeeting[\(key)]", id: "meeting-\(key)", label: "Link a meeting", statement: statement.text,
                                                          empty: "No meeting", options: meetings))
              </div>
            </div>

            """
        }
    }

    func select(name: String, id: String, label: String, statement: String, empty: String, options: [(value: String, label: String)]) -> Markup {
        """
        <div class="statement__link">
          <label class="label" for="\(id)">\(label) (optional)<span class="visually-hidden"> for: \(statement)</span></label>
          <select class="select" id="\(id)" name="\(name)">
            <option value="">\(empty)</option>
            \(options.markup { "<option value=\"\($0.value)\">\($0.label)</option>" })
          </select>
        </div>
        """
    }
}

extension SelfEvaluationController.ShowPage: WebPage {
    var body: Markup {
        let answers = Dictionary(uniqueKeysWithValues: assessment.answers.map { ($0.statementKey, $0) })
        return """
        <span class="caption"><a href="\(Paths.selfEvaluation.url())">Self-evaluation</a></span>
        <h1 class="heading-l">\(assessment.subjectName)</h1>
        <dl class="summary-list">
          \(ListComponents.summaryRow("Assessed", "<a href=\"\(subjectHref)\">\(assessment.subjectName)</a>"))
          \(ListComponents.summaryRow("Framework", "<a href=\"\(Paths.selfEvaluationFrameworks.url())\">\(framework.name)</a>"))
          \(ListComponents.summaryRow("Year", "\(assessment.year.label)"))
          \(ListComponents.summaryRow("Rating", SelfEvaluationComponents.rating(result.rating)))
          \(ListComponents.summaryRow("Since the year before", "\(movement.label)"))
          \(ListComponents.summaryRow("Last saved", "\(assessment.assessedOn.longForm) by \(assessment.recordedBy)"))
        </dl>
        <p class="body">\(result.reason)</p>
        \(if: canAssess, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(Paths.editAssessment(RecordID(assessment.id!)))\">Update the assessment</a></p>")
        <h2 class="heading-m">Where the evidence sits</h2>
        \(framework.stages.isEmpty ? Markup.empty : """
        \(HealthChart.bars(id: "stages-chart", title: "Statements ticked at each stage",
                           description: "A bar for each stage, as long as its share of the statements ticked. The table below gives the same figures.",
                           bars: framework.stages.enumerated().map { index, stage in
                               (label: "Stage \(index + 1)", percent: result.ticked == 0 ? nil : result.byStage[index] * 100 / result.ticked)
                           }))
        \(TableComponents.table(caption: "Statements ticked at each stage", showCaption: true, [
            TableColumn("Stage") { "\($0.name)" },
            TableColumn("Statements ticked") { "\($0.count)" },
        ], rows: framework.stages.enumerated().map { (name: "Stage \($0.offset + 1): \($0.element.name)", count: result.byStage[$0.offset]) }))
        """)
        \(TableComponents.table(caption: "Statements ticked under each \(framework.stages.isEmpty ? "cornerstone" : "key idea")", showCaption: true, [
            TableColumn(framework.stages.isEmpty ? "Cornerstone" : "Key idea") { "\($0.name)" },
            TableColumn("Ticked") { "\($0.ticked) of \($0.of)" },
        ], rows: zip(framework.keyIdeas, result.byKeyIdea).map { (name: $0.0.name, ticked: $0.1.ticked, of: $0.1.of) }))
        <details class="details"><summary>How the rating is given</summary>
          <ul class="list list--bullet">\(framework.rule.explanation(stages: framework.stages).markup { "<li>\($0)</li>" })</ul>
        </details>
        \(history.count > 1 ? """
        <h2 class="heading-m">Year by year</h2>
        \(TableComponents.table(caption: "This assessment and earlier ones", showCaption: true, [
            TableColumn("Year") { row in row.href.map { "<a href=\"\($0)\">\(row.year)</a>" as Markup } ?? "\(row.year) (this one)" },
            TableColumn("Rating") { SelfEvaluationComponents.rating($0.rating) },
            TableColumn("Statements ticked") { "\($0.result.ticked)" },
        ] + (framework.stages.isEmpty ? [] : framework.stages.indices.map { index in
            TableColumn("Stage \(index + 1)") { "\($0.result.byStage[index])" }
        }), rows: history))
        """ as Markup : "")
        \(framework.keyIdeas.markup { idea in
            let ticked = idea.statements.filter { answers[$0.key]?.ticked == true }
            return """
            <h2 class="heading-m print-page">\(idea.name)</h2>
            \(ticked.isEmpty ? "<p class=\"body\">No statement ticked.</p>" as Markup : """
            <dl class="summary-list">
              \(ticked.markup { statement in
                  let answer = answers[statement.key]!
                  let stage: Markup = statement.stage.map { "<span class=\"secondary-text\">\(framework.stages[$0].name)</span><br>" } ?? ""
                  let links: Markup = answer.links.markup { link in
                      if let activity = link.activity, let id = activity.id {
                          return "<br><a href=\"\(Paths.activity(RecordID(id)))\">Activity: \(activity.title)</a>"
                      }
                      if let meeting = link.meeting, let id = meeting.id {
                          return "<br><a href=\"\(Paths.meeting(RecordID(id)))\">Meeting: \(meeting.group.name), \(meeting.meetsOn.longForm)</a>"
                      }
                      return ""
                  }
                  return ListComponents.summaryRow(statement.text, "\(stage)\(answer.evidence ?? "")\(links)")
              })
            </dl>
            """)
            """
        })
        <h2 class="heading-m" id="ideas">What do you want to change? Ideas</h2>
        <p class="body">First gather as many ideas as you can, with a group of people: nothing is too silly or too impossible.</p>
        \(ideas.isEmpty ? "<p class=\"body\">No ideas written down yet.</p>" as Markup : """
        <ul class="list list--bullet">\(ideas.markup { idea in
            "<li>\(idea.text) <span class=\"secondary-text\">(\(idea.addedBy))</span>\(if: canAssess, " <a href=\"\(Paths.newPlanAction(RecordID(assessment.id!)))?what=\(idea.text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")\">Make it an action<span class=\"visually-hidden\">: \(idea.text)</span></a>")</li>"
        })</ul>
        """)
        \(if: canAssess, """
        <form method="post" action="\(Paths.assessmentIdeas(RecordID(assessment.id!)))" novalidate>
          <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
          <div class="form-group">
            <label class="label" for="idea">Add an idea</label>
            <textarea class="textarea" id="idea" name="idea" rows="2"></textarea>
          </div>
          <button type="submit" class="button button--secondary">Add idea</button>
        </form>
        """)
        <h2 class="heading-m" id="actions">Action plan</h2>
        <p class="body">Then choose two or three things that would really make a difference, and plan each: what, who, when and how.</p>
        \(actions.isEmpty ? "<p class=\"body\">No actions chosen yet.</p>" as Markup : TableComponents.table(caption: "The action plan", [
            TableColumn("What") { action in "\(action.what)<br><span class=\"secondary-text\">How: \(action.how)</span>\(action.progress.map { "<br><span class=\"secondary-text\">Progress: \($0)</span>" as Markup })" },
            TableColumn("Who") { "\($0.owner?.fullName ?? "Nobody: choose someone")" },
            TableColumn("When") { "\($0.dueOn.longForm)" },
            TableColumn("Status") { SelfEvaluationComponents.actionStatus($0, today: today) },
            TableColumn("Change", hidden: true) { action in
                canAssess ? "<a href=\"\(Paths.editPlanAction(assessment: RecordID(assessment.id!), action: RecordID(action.id!)))\">Update<span class=\"visually-hidden\">: \(action.what)</span></a>" : ""
            },
        ], rows: actions))
        \(if: canAssess, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(Paths.newPlanAction(RecordID(assessment.id!)))\">Add an action</a></p>")
        """
    }
}

extension SelfEvaluationController.ActionsPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.selfEvaluation.url())">Self-evaluation</a></span>
        <h1 class="heading-l">Open actions from self-evaluation</h1>
        <p class="body">Every action not done yet, from every action plan, the earliest date first, so overdue ones lead.</p>
        \(rows.isEmpty ? "<p class=\"body\">No open actions.</p>" as Markup : TableComponents.table(caption: "Open actions, earliest date first", [
            TableColumn("What") { "\($0.what)" },
            TableColumn("Plan of") { action in "<a href=\"\(Paths.assessment(RecordID(action.$assessment.id)))#actions\">\(action.assessment.subjectName), \(action.assessment.year.shortLabel)</a>" },
            TableColumn("Who") { "\($0.owner?.fullName ?? "Nobody: choose someone")" },
            TableColumn("When") { "\($0.dueOn.longForm)" },
            TableColumn("Status") { SelfEvaluationComponents.actionStatus($0, today: today) },
        ], rows: rows))
        \(ListComponents.pagination(pagination))
        """
    }
}

extension SelfEvaluationController.ReportPage: WebPage {
    var body: Markup {
        """
        <span class="caption"><a href="\(Paths.selfEvaluation.url())">Self-evaluation</a></span>
        <h1 class="heading-l">Annual co-production report, \(year.label)</h1>
        <form method="get" action="\(Paths.coProductionReport.url())" class="filter no-print">
          \(FormComponents.filterSelect(name: "year", label: "Year (April to March)", options: years, selected: year.shortLabel))
          <button type="submit" class="button button--secondary">Show</button>
        </form>
        <p class="body">Each organisation's, service's and project's latest self-evaluation up to this year, how it moved since the one before, and the actions still open. Print this page, or download it as a spreadsheet.</p>
        <h2 class="heading-m">Ratings</h2>
        \(lines.isEmpty ? "<p class=\"body\">No assessments up to this year.</p>" as Markup : """
        <p class="body">\(ratings.map { "\($0.count) \($0.rating.label.lowercased())" }.joined(separator: ", ")), of \(lines.count) \(lines.count == 1 ? "assessment" : "assessments").</p>
        \(TableComponents.table(caption: "Latest ratings, by name", showCaption: true, [
            TableColumn("Assessed") { line in "<a href=\"\(Paths.assessment(RecordID(line.assessment.id!)))\">\(line.assessment.subjectName)</a>" },
            TableColumn("Framework") { "\($0.frameworkName)" },
            TableColumn("Year") { "\($0.assessment.year.shortLabel)" },
            TableColumn("Rating") { SelfEvaluationComponents.rating($0.assessment.rating) },
            TableColumn("Before") { line in line.previous.map { "\(SelfEvaluationComponents.rating($0.rating)) \($0.year.shortLabel)" as Markup } ?? "None" },
            TableColumn("Movement") { "\($0.movement.label)" },
            TableColumn("Open actions") { line in "\(line.openActions)\(if: line.overdueActions > 0, " (\(line.overdueActions) overdue)")" },
        ], rows: lines))
        """)
        <p class="body no-print"><a href="\(Paths.coProductionReportCSV.url())?year=\(year.shortLabel)" download>Download the ratings (CSV)</a></p>
        <h2 class="heading-m print-page">Engagement this year</h2>
        <p class="body">\(engagement.total) engagement \(engagement.total == 1 ? "activity" : "activities")\(engagement.sharedDecisionsPercent.map { "; of those with a known result, \($0)% reached co-design or co-production" } ?? "")\(notTold > 0 ? "; \(notTold) without the participants told what changed in time" : ""). <a class="no-print" href="\(Paths.ladderProfile.url())?year=\(year.shortLabel)">The ladder profile for this year</a></p>
        """
    }
}
