import Domain
import Vapor

/// What every page's layout needs: title, who is signed in, navigation,
/// the anti-forgery token for forms, and any confirmation banner.
struct PageLayout: Encodable, Sendable {
    struct NavItem: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    /// The <title>: "Error: " comes first when the page shows form errors.
    let documentTitle: String
    let signedIn: Bool
    let viewerName: String?
    let viewerRole: String?
    let areaName: String?
    let navigation: [NavItem]
    let csrfToken: String?
    let banner: String?
    let signOutPath: String
    let changePasswordPath: String
    let signInPath: String
    let accessibilityPath: String
    let homePath: String
    /// The audit log's history of the record the page shows, for those who may read the log.
    var historyPath: String? = nil

    static let serviceName = "Coproduce"

    /// Navigation for what the viewer may see, in the order of the product's parts.
    static func navigation(for viewer: Viewer?, currentPath: String) -> [NavItem] {
        Site.navigation(for: viewer).map { entry in
            let href = entry.path.url()
            return NavItem(label: entry.label, href: href, current: currentPath == href || currentPath.hasPrefix(href + "/"))
        }
    }
}

extension Request {
    /// Builds the layout for a page. Pass `hasErrors` when the page shows a
    /// form's errors, and `record` on a record's own page: those who may
    /// read the audit log get a link to its history under the page.
    func layout(title: String, hasErrors: Bool = false, record: UUID? = nil) -> PageLayout {
        let viewer = auth.get(Viewer.self)
        // Signed-in pages have a session for the anti-forgery token already;
        // anonymous visitors get one only where there is a form (sign-in asks
        // for its token itself), so passing robots do not fill the session table.
        let token: String? = viewer != nil || hasSession ? csrfToken() : nil
        return PageLayout(
            documentTitle: (hasErrors ? "Error: " : "") + title + " - " + PageLayout.serviceName,
            signedIn: viewer != nil,
            viewerName: viewer?.name,
            viewerRole: viewer?.role.label,
            areaName: viewer?.areaName,
            navigation: PageLayout.navigation(for: viewer, currentPath: url.path),
            csrfToken: token,
            banner: takeBanner(),
            signOutPath: Paths.signOut.url(),
            changePasswordPath: Paths.changePassword.url(),
            signInPath: Paths.signIn.url(),
            accessibilityPath: Paths.accessibility.url(),
            homePath: Paths.home.url(),
            historyPath: record.flatMap { id in viewer?.can(.viewAuditLog) == true ? Paths.history(of: id) : nil }
        )
    }

    /// Shows a confirmation banner on the next page the person sees.
    func setBanner(_ message: String) {
        session.data[SessionKeys.banner] = message
    }

    private func takeBanner() -> String? {
        guard hasSession, let message = session.data[SessionKeys.banner] else { return nil }
        session.data[SessionKeys.banner] = nil
        return message
    }

    /// Redirects after a successful form, with a banner saying what happened.
    func redirect(to path: String, banner: String) -> Response {
        setBanner(banner)
        return redirect(to: path, redirectType: .normal)
    }
}
