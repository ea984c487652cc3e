import Vapor

/// Every page's frame: skip link, header with who is signed in, navigation,
/// the confirmation banner, the page's own content and the footer.
enum Layout {
    static func page(_ layout: PageLayout, _ content: Markup) -> Markup {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <title>\(layout.documentTitle)</title>
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <link rel="stylesheet" href="/css/app.css">
        </head>
        <body>
          <a href="#main-content" class="skip-link">Skip to main content</a>
          <header class="header">
            <div class="width-container header__inner">
              <a href="\(layout.homePath)" class="header__service">Coproduce</a>
              \(if: layout.signedIn, account(layout))
            </div>
          </header>
          \(if: layout.signedIn, navigation(layout))
          <div class="width-container">
            <main class="main" id="main-content" tabindex="-1">
              \(layout.banner.map(banner))
              \(content)
              \(layout.historyPath.map { "<p class=\"body no-print\"><a href=\"\($0)\">History of changes to this record</a></p>" as Markup })
            </main>
          </div>
          <footer class="footer">
            <div class="width-container">
              <ul class="footer__links">
                <li><a href="\(layout.accessibilityPath)">Accessibility statement</a></li>
              </ul>
              <p>Coproduce helps parent carer forums, councils and the NHS plan services for children with special educational needs and disabilities together.</p>
            </div>
          </footer>
        </body>
        </html>
        """
    }

    private static func account(_ layout: PageLayout) -> Markup {
        """
        <div class="header__account">
          <span class="header__who">\(layout.viewerName), \(layout.viewerRole), \(layout.areaName)</span>
          <a class="header__link" href="\(layout.changePasswordPath)">Change password</a>
          <form method="post" action="\(layout.signOutPath)" class="header__sign-out">
            <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
            <button type="submit" class="link-button">Sign out</button>
          </form>
        </div>
        """
    }

    /// On a narrow screen the links fold into a "Menu" that opens without
    /// JavaScript (a details element), so the page's heading is not pushed
    /// down by rows of links; on a wide screen they sit in one row. Only one
    /// of the two is ever displayed, so a screen reader meets the links once.
    private static func navigation(_ layout: PageLayout) -> Markup {
        let links = layout.navigation.markup { item in
            """
            <li class="service-nav__item"><a class="service-nav__link" href="\(item.href)"\(if: item.current, " aria-current=\"page\"")>\(item.label)</a></li>

            """
        }
        let current = layout.navigation.first(where: \.current)?.label
        return """
        <nav class="service-nav" aria-label="Main">
          <div class="width-container">
            <details class="service-nav__menu">
              <summary class="service-nav__toggle">Menu\(current.map { "<span class=\"service-nav__current\">: \($0)</span>" as Markup })</summary>
              <ul class="service-nav__list service-nav__list--folded">
                \(links)
              </ul>
            </details>
            <ul class="service-nav__list service-nav__list--wide">
              \(links)
            </ul>
          </div>
        </nav>
        """
    }

    private static func banner(_ message: String) -> Markup {
        """
        <div class="banner banner--success" role="alert" aria-labelledby="banner-title">
          <h2 class="banner__title" id="banner-title">Success</h2>
          <p class="banner__content">\(message)</p>
        </div>
        """
    }
}

/// A page: its layout (title, who is signed in, navigation) and its own content.
protocol WebPage {
    var layout: PageLayout { get }
    var body: Markup { get }
}

extension Request {
    /// A page in the layout, with its status: 422 when it shows a form's errors.
    func page(_ layout: PageLayout, status: HTTPResponseStatus = .ok, _ content: Markup) -> Response {
        Response(status: status, html: Layout.page(layout, content))
    }

    func page(_ page: some WebPage, status: HTTPResponseStatus = .ok) -> Response {
        self.page(page.layout, status: status, page.body)
    }
}
