/// Pages every part shares: errors and the accessibility statement.
enum CommonPages {
    static func error(layout: PageLayout, heading: String, message: String) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            <h1 class="heading-l">\(heading)</h1>
            <p class="body">\(message)</p>
            \(layout.signedIn
                ? "<p class=\"body\"><a href=\"\(layout.homePath)\">Go to the home page</a></p>"
                : "<p class=\"body\"><a href=\"\(layout.signInPath)\">Sign in</a></p>" as Markup)
          </div>
        </div>
        """
    }

    /// A one-button confirmation, such as "Send the agenda and papers", with the problem that stopped it, if any.
    static func confirm(layout: PageLayout, caption: String, heading: String, paragraphs: [String], problem: String?,
                        action: String, button: String, cancelPath: String) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(FormComponents.errorSummary(problem.map { [ErrorSummaryItem(message: $0, href: "#confirm")] } ?? []))
            <span class="caption">\(caption)</span>
            <h1 class="heading-l">\(heading)</h1>
            \(paragraphs.markup { "<p class=\"body\">\($0)</p>" })
            <form method="post" action="\(action)" novalidate>
              <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
              <div class="button-group">
                <button type="submit" class="button" id="confirm">\(button)</button>
                <a class="link" href="\(cancelPath)">Cancel</a>
              </div>
            </form>
          </div>
        </div>
        """
    }

    /// The GOV.UK pattern for taking something away: what else goes with it,
    /// that the audit log keeps a record, and a red button; or, when records
    /// still depend on it, what they are and the way back.
    static func confirmRemoval(layout: PageLayout, caption: String, heading: String, alsoGoes: [String], blockers: [String],
                               action: String, button: String, cancelPath: String, cancelLabel: String,
                               whenBlocked: String = "Change or remove them first.") -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            <span class="caption">\(caption)</span>
            \(blockers.isEmpty ? """
            <h1 class="heading-l">\(heading)</h1>
            \(if: !alsoGoes.isEmpty, """
            <p class="body">This also removes:</p>
            <ul class="list list--bullet">\(alsoGoes.markup { "<li>\($0)</li>" })</ul>
            """)
            <p class="body">This cannot be undone. The audit log keeps a record of what was removed, and by whom.</p>
            <form method="post" action="\(action)" novalidate>
              <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
              <div class="button-group">
                <button type="submit" class="button button--warning">\(button)</button>
                <a class="link" href="\(cancelPath)">No, go back</a>
              </div>
            </form>
            """ : """
            <h1 class="heading-l">This cannot be removed yet</h1>
            <p class="body">Other records still depend on it:</p>
            <ul class="list list--bullet">\(blockers.markup { "<li>\($0)</li>" })</ul>
            <p class="body">\(whenBlocked)</p>
            <p class="body"><a href="\(cancelPath)">\(cancelLabel)</a></p>
            """ as Markup)
          </div>
        </div>
        """
    }

    /// What could not be done, and the way back.
    static func notDone(heading: String, message: String, backPath: String, backLabel: String) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            <h1 class="heading-l">\(heading)</h1>
            <p class="body">\(message)</p>
            <p class="body"><a href="\(backPath)">\(backLabel)</a></p>
          </div>
        </div>
        """
    }

    static let accessibility: Markup = """
        <div class="grid-row">
          <div class="column-two-thirds">
            <h1 class="heading-l">Accessibility statement</h1>
            <p class="body">We want as many people as possible to be able to use Coproduce. You should be able to:</p>
            <ul class="list list--bullet">
              <li>zoom in up to 400% without the text spilling off the screen</li>
              <li>use every page with a keyboard only</li>
              <li>use every page with a screen reader</li>
              <li>use every page without JavaScript</li>
            </ul>
            <h2 class="heading-m">How we test</h2>
            <p class="body">Every page is checked in a real web browser with axe-core against the Web Content Accessibility Guidelines (WCAG) 2.2 at levels A and AA, on every change we make.</p>
            <h2 class="heading-m">Tell us about a problem</h2>
            <p class="body">If something does not work for you, tell your area admin or your forum's participation officer. They will pass it on to us and we will fix it.</p>
          </div>
        </div>
        """
}
