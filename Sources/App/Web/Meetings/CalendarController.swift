import Domain
import Foundation
import Vapor

/// Meetings in people's own calendars: a file for one meeting, and a private
/// address that Outlook or Google Calendar subscribe to.
struct CalendarController {
    /// One meeting's calendar file.
    func meetingFile(req: Request) async throws -> Response {
        let meeting = try await req.meeting()
        let file = try CalendarStore(try req.store).file(for: meeting, siteAddress: req.application.appConfig.siteAddress)
        return Self.response(file, download: "meeting-\(meeting.meetsOn.iso8601).ics")
    }

    /// The calendar address's own route: the secret in the link is the only key, so a wrong one is simply not found.
    func feed(req: Request) async throws -> Response {
        guard let raw = req.parameters.get("token") else { throw Abort(.notFound) }
        let token = raw.hasSuffix(".ics") ? String(raw.dropLast(4)) : raw
        guard let file = try await CalendarStore.feed(token: token, db: req.db, now: req.now, siteAddress: req.application.appConfig.siteAddress)
        else { throw Abort(.notFound) }
        return Self.response(file, download: nil)
    }

    static func response(_ file: CalendarFile, download: String?) -> Response {
        let response = Response(status: .ok, body: .init(string: file.text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        if let download { response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(download)\"") }
        return response
    }

    struct SettingsPage {
        let layout: PageLayout
        let madeAt: String?
        /// The address, only just after it is made: it is never shown again.
        let newAddress: String?
        let renewPath: String
        let stopPath: String
        let meetingsPath: String
    }

    func settings(req: Request) async throws -> Response {
        try await renderSettings(req, newAddress: nil)
    }

    func renew(req: Request) async throws -> Response {
        let token = try await CalendarStore(try req.store).renewFeed()
        return try await renderSettings(req, newAddress: req.application.appConfig.siteAddress + Paths.calendarFeed.url(token + ".ics"))
    }

    func stop(req: Request) async throws -> Response {
        try await CalendarStore(try req.store).stopFeed()
        return req.redirect(to: Paths.calendarSettings.url(), banner: "Your calendar address has stopped working")
    }

    private func renderSettings(_ req: Request, newAddress: String?) async throws -> Response {
        let madeAt = try await CalendarStore(try req.store).feedMadeAt()
        return req.page(SettingsPage(layout: req.layout(title: "Your meetings in your calendar"), madeAt: madeAt.map { UKDateTime($0).longForm },
                                     newAddress: newAddress, renewPath: Paths.calendarSettings.url(), stopPath: Paths.stopCalendarFeed.url(),
                                     meetingsPath: Paths.meetings.url()))
    }
}

extension CalendarController.SettingsPage: WebPage {
    var body: Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            <h1 class="heading-l">Your meetings in your calendar</h1>
            <p class="body">Outlook, Google Calendar and the calendar on your phone can show the meetings of every group you belong to, and keep them up to date when a meeting moves or is cancelled.</p>
            \(newAddress.map { address in
                """
                <div class="banner banner--success" role="region" aria-labelledby="address-title">
                  <h2 class="banner__title" id="address-title">Your calendar address</h2>
                  <p class="banner__content"><span class="break-anywhere">\(address)</span></p>
                </div>
                <p class="body">Copy it now: it is shown only once. Anyone with this address can see your meetings, so keep it to yourself.</p>
                <h2 class="heading-m">Adding it to your calendar</h2>
                <ul class="list list--bullet">
                  <li>Outlook: Add calendar, then Subscribe from web, and paste the address.</li>
                  <li>Google Calendar: Other calendars, then From URL, and paste the address.</li>
                  <li>iPhone: Settings, Calendar, Accounts, Add Account, Other, Add Subscribed Calendar.</li>
                </ul>
                """ as Markup
            } ?? (madeAt.map { "<p class=\"body\">You made your calendar address on \($0). If you have lost it, or someone else has it, make a new one: the old one stops working.</p>" as Markup }
                  ?? "<p class=\"body\">You have not made a calendar address yet.</p>"))
            <form method="post" action="\(renewPath)" novalidate>
              <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
              <button type="submit" class="button">\(madeAt == nil && newAddress == nil ? "Make my calendar address" : "Make a new address")</button>
            </form>
            \(if: madeAt != nil, """
            <form method="post" action="\(stopPath)" novalidate>
              <input type="hidden" name="csrfToken" value="\(layout.csrfToken)">
              <button type="submit" class="button button--secondary">Stop my calendar address</button>
            </form>
            """)
            <p class="body"><a href="\(meetingsPath)">Back to meetings</a></p>
          </div>
        </div>
        """
    }
}
