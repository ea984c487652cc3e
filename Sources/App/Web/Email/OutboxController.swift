import Domain
import Fluent
import Vapor

/// The area admin's view of e-mail: what is waiting, what failed and why,
/// what went, and each message as it was written. With no mail set up
/// (the demonstration), it is where the messages can be read.
struct OutboxController {
    struct Row {
        let queued: String
        let href: String
        let to: String
        let subject: String
        let state: String
        let reason: String?
    }

    struct IndexPage {
        let csrfToken: String?
        let errorSummary: [ErrorSummaryItem]
        let papersField: FormField
        let settingsPath: String
        let destination: String?
        let counts: OutboxStore.Counts
        let listing: OutboxStore.Listing
        let otherListingPath: String
        let rows: [Row]
        let pagination: PaginationLinks
    }

    func index(req: Request) async throws -> Response {
        try await render(req, papersInEmail: nil, errors: ValidationErrors())
    }

    struct SettingsForm: Content {
        var papersInEmail: String?
    }

    func saveSettings(req: Request) async throws -> Response {
        let form = try req.content.decode(SettingsForm.self)
        do {
            try await EmailSettingsStore(try req.store).setPapersInEmail(form.papersInEmail)
            return req.redirect(to: Paths.outbox.url(), banner: "E-mail settings saved")
        } catch let errors as ValidationErrors {
            return try await render(req, papersInEmail: form.papersInEmail, errors: errors)
        }
    }

    private func render(_ req: Request, papersInEmail: String?, errors: ValidationErrors) async throws -> Response {
        let listing = OutboxStore.Listing(rawValue: req.query[String.self, at: "show"] ?? "") ?? .notSent
        let page = ListPage(req)
        let store = OutboxStore(try req.store)
        let counts = try await store.counts()
        let (emails, total) = try await store.page(listing, page)
        let rows = try emails.map { email in
            Row(queued: UKDateTime(email.createdAt).longForm, href: Paths.email(try email.recordID), to: email.toAddress,
                subject: email.subject, state: email.state, reason: email.problem)
        }
        let saved = try await EmailSettingsStore(try req.store).papersInEmail()
        let chosen = papersInEmail ?? saved.rawValue
        let papersField = FormField.choice("papersInEmail", "How do a meeting's papers go with its agenda e-mail?",
                                           options: PapersInEmail.allCases.map { ($0.rawValue, $0.label) }, selected: [chosen], errors: errors,
                                           optionHints: Dictionary(uniqueKeysWithValues: PapersInEmail.allCases.map { ($0.rawValue, $0.hint) }))
        let layout = req.layout(title: "E-mail", hasErrors: !errors.isEmpty)
        return req.page(layout, status: errors.isEmpty ? .ok : .unprocessableEntity, Self.indexPage(IndexPage(
            csrfToken: layout.csrfToken, errorSummary: ErrorSummaryItem.from(errors), papersField: papersField, settingsPath: Paths.emailSettings.url(),
            destination: req.application.mailTransport.destination, counts: counts, listing: listing,
            otherListingPath: Paths.outbox.url() + (listing == .notSent ? "?show=\(OutboxStore.Listing.sent.rawValue)" : ""), rows: rows,
            pagination: PaginationLinks(page: page, total: total, basePath: Paths.outbox.url(),
                                        extraQuery: listing == .notSent ? "" : "show=\(listing.rawValue)"))))
    }

    static func indexPage(_ page: IndexPage) -> Markup {
        let how: Markup = if let destination = page.destination {
            "<p class=\"body\">E-mail goes out through \(destination). A message that fails is tried again, after 1, 4, 9, 16... minutes, up to 8 times; then again every six hours for a week.</p>"
        } else {
            """
            <div class="panel panel--attention">
              <h2 class="panel__title">E-mail is not set up, so nothing is sent</h2>
              <p class="body">Messages are kept here instead. They go out once whoever runs Coproduce sets up a mail server (see "E-mail and background jobs" in the operations guide).</p>
            </div>
            """
        }
        return """
        \(FormComponents.errorSummary(page.errorSummary))
        <h1 class="heading-l">E-mail</h1>
        \(how)
        <dl class="summary-list">
          \(ListComponents.summaryRow("Waiting to be sent", "\(page.counts.waiting)"))
          \(ListComponents.summaryRow("Stopped: failed, refused or not set up", "\(page.counts.stopped)"))
          \(ListComponents.summaryRow("Sent in the last 7 days", "\(page.counts.sentThisWeek)"))
        </dl>
        <p class="body">\(page.listing == .notSent
            ? "Showing messages not sent yet. <a href=\"\(page.otherListingPath)\">Show sent messages</a>"
            : "Showing sent messages. <a href=\"\(page.otherListingPath)\">Show messages not sent yet</a>" as Markup)</p>
        \(TableComponents.table(caption: "\(page.listing.label), newest first", [
            TableColumn("Written") { "<a href=\"\($0.href)\">\($0.queued)<span class=\"visually-hidden\">: e-mail to \($0.to)</span></a>" },
            TableColumn("To") { "\($0.to)" },
            TableColumn("Subject") { "\($0.subject)" },
            TableColumn("Where it stands") { row in
                "\(row.state)\(if: row.reason != nil, "<br><span class=\"hint\">\(row.reason ?? "")</span>")"
            },
        ], rows: page.rows))
        \(ListComponents.pagination(page.pagination))
        <h2 class="heading-m">Settings</h2>
        <form method="post" action="\(page.settingsPath)" novalidate>
          <input type="hidden" name="csrfToken" value="\(page.csrfToken)">
          \(FormComponents.field(page.papersField))
          <button type="submit" class="button">Save settings</button>
        </form>
        """
    }

    struct ShowPage {
        let csrfToken: String?
        let email: OutboxEmailModel
        let attachments: [String]
        let sendAgainPath: String
        let canSendAgain: Bool
        let backPath: String
    }

    func show(req: Request) async throws -> Response {
        let store = OutboxStore(try req.store)
        guard let email = try await store.read(req.id("emailID")) else { throw Abort(.notFound) }
        let attachments = try await store.attachments(of: email).map { "\($0.fileName) (\(ByteCountFormatter.string(fromByteCount: Int64($0.byteCount), countStyle: .file)))" }
        let layout = req.layout(title: "E-mail to \(email.toAddress)")
        return req.page(layout, Self.showPage(ShowPage(
            csrfToken: layout.csrfToken, email: email, attachments: attachments, sendAgainPath: Paths.sendEmailAgain(try email.recordID),
            canSendAgain: email.sentAt == nil && email.gaveUpAt != nil && req.application.mailTransport.destination != nil, backPath: Paths.outbox.url())))
    }

    static func showPage(_ page: ShowPage) -> Markup {
        let email = page.email
        return """
        <span class="caption">E-mail</span>
        <h1 class="heading-l">\(email.subject)</h1>
        <dl class="summary-list">
          \(ListComponents.summaryRow("To", "\(email.toAddress)"))
          \(ListComponents.summaryRow("From", "\(email.fromAddress)"))
          \(ListComponents.summaryRow("Written", "\(UKDateTime(email.createdAt).longForm)"))
          \(ListComponents.summaryRow("Where it stands", "\(email.state)"))
          \(ListComponents.summaryRow("Tries", email.attempts == 0 ? "None yet" : "\(email.attempts)\(if: email.lastAttemptAt != nil, ", the last on \(UKDateTime(email.lastAttemptAt ?? email.createdAt).longForm)")"))
          \(if: email.problem != nil, ListComponents.summaryRow("What the mail server said", "\(email.problem ?? "")<br><span class=\"hint\">The technical reason, for whoever looks after Coproduce's e-mail.</span>"))
          \(if: !page.attachments.isEmpty, ListComponents.summaryRow("Attached", "<ul class=\"list\">\(page.attachments.map { "<li>\($0)</li>" as Markup })</ul>"))
        </dl>
        \(if: page.canSendAgain, """
        <form method="post" action="\(page.sendAgainPath)" novalidate>
          <input type="hidden" name="csrfToken" value="\(page.csrfToken)">
          <button type="submit" class="button button--secondary">Send it again</button>
          <p class="hint">If the address was wrong, correct the person's record and send them what they need again instead.</p>
        </form>
        """)
        <h2 class="heading-m">The message</h2>
        <pre class="email-text">\(email.shownBody)</pre>
        <p class="body"><a href="\(page.backPath)">Back to e-mail</a></p>
        """
    }

    func sendAgain(req: Request) async throws -> Response {
        let id: UUID = try req.id("emailID")
        switch try await OutboxStore(try req.store).sendAgain(id) {
        case .notFound: throw Abort(.notFound)
        case .notStopped: return req.redirect(to: Paths.email(RecordID(id)), banner: "That message is not stopped: it was sent, or it is still being tried")
        case .queued: return req.redirect(to: Paths.email(RecordID(id)), banner: "The message will be sent again in the next minute")
        }
    }
}
