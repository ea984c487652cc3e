import Domain

extension MeetingsController.IndexPage: WebPage {
    var body: Markup {
        """
        <h1 class="heading-l">\(heading)</h1>
        <p class="body">\(intro) \(showingPast
            ? "<a href=\"\(togglePath)\">Show upcoming meetings</a>"
            : "<a href=\"\(togglePath)\">Show past meetings</a>" as Markup)</p>
        <p class="body"><a href="\(calendarPath)">Put your meetings in your own calendar</a></p>
        <p class="body"><a href="\(Paths.agreementHealth.url())">How well the agreement's promises are kept at meetings</a></p>
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
        \(onlineLink.map { "<p class=\"body break-anywhere\">Join online: <a href=\"\($0)\" rel=\"noopener noreferrer\">\($0)</a></p>" as Markup })
        <p class="body"><a href="\(calendarPath)">Add this meeting to your calendar</a> (a calendar file)</p>
        \(if: canManage, """
        <div class="button-group">
          <a class="button button--secondary" href="\(editPath)">Change this meeting</a>
          \(if: hasStarted, "<a class=\"button button--secondary\" href=\"\(attendancePath)\">Record who came</a>")
          <a class="link" href="\(cancelPath)">Cancel this meeting</a>
        </div>
        """)
        \(if: !mattersArising.isEmpty, """
        <h2 class="heading-m" id="matters-arising">Matters arising</h2>
        <p class="body">Actions agreed at earlier meetings of this group that are still open.</p>
        \(actionsTable(mattersArising, caption: "Matters arising: open actions from earlier meetings", showAgreedAt: true))
        """)
        \(agendaSection)
        \(status == .cancelled ? Markup.empty : partnersSection)
        <h2 class="heading-m">Partnership agreement rules</h2>
        \(rules.isEmpty ? "<p class=\"body\">No rule of an agreement in force on the day covers this meeting.</p>" as Markup
            : TableComponents.table(caption: "How this meeting keeps to the partnership agreement", [
                TableColumn("Clause") { "<a href=\"\($0.href)\">\($0.clause)</a>" },
                TableColumn("Rule") { "\($0.rule)" },
                TableColumn("Result") { "\(TableComponents.tag($0.result)) \($0.evidence)" },
            ], rows: rules))
        \(status == .cancelled ? Markup.empty : afterwards)
        """
    }

    /// Who came, the minutes and the actions: nothing to record for a cancelled meeting.
    private var afterwards: Markup {
        """
        <h2 class="heading-m">Who came</h2>
        \(attendance.map { rows in
            TableComponents.table(caption: "Who came to this meeting", [
                TableColumn("Name") { "\($0.name)" },
                TableColumn("Organisation") { "\($0.organisation)" },
                TableColumn("Attendance") { TableComponents.tag($0.status) },
                TableColumn("Could make decisions") { "\($0.makesDecisions)" },
            ], rows: rows)
        } ?? (hasStarted ? "<p class=\"body\">Nobody has recorded who came yet.</p>" : "<p class=\"body\">Recorded after the meeting.</p>"))
        \(minutesSection)
        """
    }
}

extension MeetingsController.ShowPage {
    var minutesSection: Markup {
        let token = layout.csrfToken
        let button: (String, String) -> Markup = { action, label in
            """
            <form method="post" action="\(action)" class="inline-form">
              <input type="hidden" name="csrfToken" value="\(token)">
              <button type="submit" class="button button--secondary">\(label)</button>
            </form>
            """
        }
        return """
        <h2 class="heading-m" id="minutes">Minutes</h2>
        \(minutes.map { minutes in
            """
            <p class="body">\(TableComponents.tag(minutes.status)) \(minutes.record)</p>
            <p class="prose">\(minutes.text)</p>
            \(if: !minutes.decisions.isEmpty, """
            <h3 class="heading-s">Decisions</h3>
            <ul class="list list--bullet">\(minutes.decisions.markup { "<li>\($0)</li>" })</ul>
            """)
            """ as Markup
        } ?? (hasStarted ? "<p class=\"body\">No minutes yet.</p>" : "<p class=\"body\">Written after the meeting.</p>"))
        \(if: canManage && hasStarted, """
        <div class="button-group">
          \(if: minutes?.status != .approved, "<a class=\"button button--secondary\" href=\"\(minutesPath)\">\(minutes == nil ? "Write the minutes" : "Change the minutes")</a>")
          \(if: minutes?.status == .draft, button(circulatePath, "Send the minutes to members"))
          \(if: minutes?.status == .circulated, button(approvePath, "Record that the next meeting approved them"))
        </div>
        """)
        <h2 class="heading-m" id="actions">Actions agreed</h2>
        \(actions.isEmpty ? "<p class=\"body\">No actions agreed at this meeting.</p>" as Markup
            : actionsTable(actions, caption: "Actions agreed at this meeting", showAgreedAt: false))
        \(if: canManage && hasStarted, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newActionPath)\">Add an action</a></p>")
        <h2 class="heading-m" id="engagement">Engagement with families</h2>
        \(engagement.isEmpty ? "<p class=\"body\">This meeting is not part of any engagement activity recorded yet.</p>" as Markup : """
        <ul class="list list--bullet">
          \(engagement.markup { "<li><a href=\"\($0.href)\">\($0.title)</a>: \($0.rung)</li>" })
        </ul>
        """)
        \(if: canRecordEngagement, "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(newActivityPath)\">Record an engagement activity from this meeting</a></p>")
        """
    }

    func actionsTable(_ rows: [MeetingsController.ActionRow], caption: String, showAgreedAt: Bool) -> Markup {
        var columns: [TableColumn<MeetingsController.ActionRow>] = [
            TableColumn("Action") { row in "\(row.text)\(row.notes.map { "<br><span class=\"secondary-text\">\($0)</span>" as Markup })" },
            TableColumn("Who") { "\($0.owner)" },
            TableColumn("Due") { "\($0.due)" },
            TableColumn("Status") { TableComponents.tag($0.status) },
        ]
        if showAgreedAt { columns.append(TableColumn("Agreed") { "<a href=\"\($0.agreedAtHref)\">\($0.agreedAt)</a>" }) }
        if canManage {
            columns.append(TableColumn("Actions", hidden: true) { "<a href=\"\($0.editPath)\">Update<span class=\"visually-hidden\">: \($0.text)</span></a>" })
        }
        return TableComponents.table(caption: caption, columns, rows: rows)
    }

    private var onAgenda: [MeetingsController.AgendaRow] { agenda.filter { $0.status == .accepted } }
    /// Merging needs a second item to join.
    private var canMerge: Bool { agenda.filter { [.accepted, .proposed].contains($0.status) }.count > 1 }
    private var proposed: [MeetingsController.AgendaRow] { agenda.filter { $0.status == .proposed } }
    private var setAside: [MeetingsController.AgendaRow] { agenda.filter { [.deferred, .withdrawn, .merged].contains($0.status) } }

    /// The complaints the agreement puts on the agenda, and the partners asked for items and agreeing it.
    var partnersSection: Markup {
        let token = layout.csrfToken
        return """
        \(partners.complaints.map { complaints in
            """
            <h3 class="heading-s" id="complaints">Complaints to discuss</h3>
            <p class="body">The partnership agreement asks for complaints about the partners to be discussed. Open complaints stay on the agenda until the minutes record them as discussed.</p>
            \(complaints.isEmpty ? "<p class=\"body\">No open complaint is waiting.</p>" as Markup : """
            <ul class="list list--bullet">
              \(complaints.markup { complaint in
                  let label: Markup = complaint.href.map { "<a href=\"\($0)\">\(complaint.described)</a>" } ?? "\(complaint.described)"
                  return "<li>\(label)\(complaint.summary.map { ": \($0)" } ?? "")\(if: complaint.discussed, " (discussed at this meeting)")</li>"
              })
            </ul>
            """)
            """ as Markup
        })
        <h2 class="heading-m" id="partners">Partners</h2>
        \(partners.partners.isEmpty ? "<p class=\"body\">This meeting has no partner organisations: none signed an agreement covering it, and no member comes from one.</p>" as Markup : """
        <p class="body">Every partner is asked for agenda items, and each agrees the final agenda. A partner that agreed an earlier agenda is asked again when it changes.</p>
        \(TableComponents.table(caption: "Partners asked for items and agreeing the agenda", [
            TableColumn("Partner") { "\($0.name)" },
            TableColumn("Asked for items") { "\($0.asked)" },
            TableColumn("Final agenda") { row in "\(TableComponents.tag(row.agreement))\(row.agreedNote.map { " <span class=\"hint\">\($0)</span>" as Markup })" },
            TableColumn("Action", hidden: true) { row in
                row.mayAgree ? """
                <form method="post" action="\(partners.agreePath)" class="inline-form">
                  <input type="hidden" name="csrfToken" value="\(token)">
                  <input type="hidden" name="organisationId" value="\(row.organisationID)">
                  <button type="submit" class="button button--secondary">Agree the agenda<span class="visually-hidden"> for \(row.name)</span></button>
                </form>
                """ : ""
            },
        ], rows: partners.partners))
        \(if: partners.canAsk, "<div class=\"button-group\"><a class=\"button button--secondary\" href=\"\(partners.askPath)\">Ask the partners for items</a></div>")
        """)
        """
    }

    var agendaSection: Markup {
        """
        <h2 class="heading-m" id="agenda">Agenda</h2>
        <p class="body">\(packNote)</p>
        \(onAgenda.isEmpty ? "<p class=\"body\">Nothing is on the agenda yet.</p>" as Markup
            : TableComponents.table(caption: "Agenda, in order", agendaColumns(numbered: true), rows: onAgenda))
        \(if: !proposed.isEmpty, """
        <h3 class="heading-s">Proposed items</h3>
        \(TableComponents.table(caption: "Items proposed for the agenda", agendaColumns(numbered: false), rows: proposed))
        """)
        \(if: !setAside.isEmpty, """
        <h3 class="heading-s">Put off, withdrawn or merged</h3>
        <ul class="list">
          \(setAside.markup { "<li>\($0.title): \($0.note ?? $0.status.label)</li>" })
        </ul>
        """)
        <div class="button-group">
          \(if: canPropose, "<a class=\"button button--secondary\" href=\"\(newItemPath)\">\(canManage ? "Add an item" : "Propose an item")</a>")
          \(if: canManage && !hasStarted && !onAgenda.isEmpty, "<a class=\"button button--secondary\" href=\"\(sendPackPath)\">Send the agenda and papers</a>")
          <a class="link" href="\(packPath)">Agenda and papers on one page, to print</a>
        </div>
        """
    }

    private func agendaColumns(numbered: Bool) -> [TableColumn<MeetingsController.AgendaRow>] {
        let token = layout.csrfToken
        var columns: [TableColumn<MeetingsController.AgendaRow>] = [
            TableColumn("Item") { row in
                """
                <strong>\(row.title)</strong><br><span class="secondary-text">\(row.about)</span>\(row.forumAsk.map { "<br>What the forum is asked to bring: \($0)" as Markup })\(row.note.map { "<br><span class=\"secondary-text\">\($0)</span>" as Markup })
                """
            },
            TableColumn("Papers") { row in
                row.papers.isEmpty ? "None" : """
                <ul class="list">\(row.papers.markup { paper in
                    "<li><a href=\"\(paper.href)\">\(paper.title)</a> \(TableComponents.tag(paper.check))\(if: paper.notSent, " <strong>Not sent yet</strong>")</li>"
                })</ul>
                """
            },
        ]
        guard canManage || canMoveOn else { return columns }
        let onlyMoveOn = !canManage
        columns.append(TableColumn("Actions", hidden: true) { row in
            let button: (String, String, String) -> Markup = { name, value, label in
                """
                <form method="post" action="\(name == "direction" ? row.movePath : row.decisionPath)" class="inline-form">
                  <input type="hidden" name="csrfToken" value="\(token)">
                  <input type="hidden" name="\(name)" value="\(value)">
                  <button type="submit" class="link-button">\(label)<span class="visually-hidden">: \(row.title)</span></button>
                </form>
                """
            }
            if onlyMoveOn { return "<div class=\"actions\">\(button("decision", "defer", "Put off to the next meeting"))</div>" }
            // Once the meeting has started its agenda is the record of what was discussed: only a proposal
            // nobody took up can still be put off to the next meeting or withdrawn.
            if hasStarted {
                return numbered ? "" : "<div class=\"actions\">\(button("decision", "defer", "Put off to the next meeting"))\(button("decision", "withdraw", "Withdraw"))</div>"
            }
            return """
            <div class="actions">
            <a href="\(row.editPath)">Change<span class="visually-hidden">: \(row.title)</span></a>
            <a href="\(row.newPaperPath)">Add a paper<span class="visually-hidden"> to \(row.title)</span></a>
            \(numbered ? "\(if: row.canMoveUp, button("direction", "up", "Move up"))\(if: row.canMoveDown, button("direction", "down", "Move down"))" as Markup
                       : "\(button("decision", "accept", "Put on the agenda"))\(button("decision", "defer", "Put off"))" as Markup)
            \(button("decision", numbered ? "defer" : "withdraw", numbered ? "Put off" : "Withdraw"))
            \(if: canMerge, "<a href=\"\(row.mergePath)\">Merge<span class=\"visually-hidden\"> \(row.title) into another item</span></a>")
            </div>
            """
        })
        return columns
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

extension MinutesStatus: Taggable {
    var tagLabel: String { label }
    var tagColour: TagColour {
        switch self {
        case .draft: .yellow
        case .circulated: .blue
        case .approved: .green
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
