import Foundation
import Leaf
import Plot
import Vapor

/// How long the People page (50 rows) takes to render: with Leaf, as the app
/// renders it today (its own templates, cached, through `req.view`), and with
/// Plot, the same markup as compiled Swift. Run by scripts/bench-rendering.
@main
struct RenderBenchmark {
    static func main() async throws {
        let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath
        let runs = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 2000 : 2000
        let app = try await Application.make(.production)
        app.directory = DirectoryConfiguration(workingDirectory: root + "/")
        app.views.use(.leaf)
        app.leaf.cache.isEnabled = true
        let page = PeoplePage.sample

        let leafBytes = try await app.view.render("people/index", page).get().data.readableBytes
        let plotBytes = PeoplePage.plot(page).utf8.count
        let writtenBytes = PeoplePage.written(page).utf8.count
        print("Page sizes: Leaf \(leafBytes) bytes, Plot \(plotBytes), written \(writtenBytes) (the last two write no spaces between tags).")
        let leaf = try await measure("Leaf, templates cached", runs: runs) {
            try await app.view.render("people/index", page).get().data.readableBytes
        }
        let plot = try await measure("Plot, compiled Swift", runs: runs) { PeoplePage.plot(page).utf8.count }
        let written = try await measure("Strings written directly", runs: runs) { PeoplePage.written(page).utf8.count }
        print(String(format: "Plot renders this page %.1f times as fast as Leaf; strings written directly, %.1f times.", leaf / plot, leaf / written))
        try await app.asyncShutdown()
    }

    /// Microseconds a render, the median of 5 rounds.
    static func measure(_ name: String, runs: Int, _ body: @Sendable () async throws -> Int) async throws -> Double {
        for _ in 0..<max(10, runs / 20) { _ = try await body() }
        var rounds: [Double] = []
        for _ in 0..<5 {
            let start = ContinuousClock.now
            for _ in 0..<runs { _ = try await body() }
            let elapsed = ContinuousClock.now - start
            rounds.append((Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(runs))
        }
        let median = rounds.sorted()[2]
        print(String(format: "%@: %.1f µs a page (median of 5 rounds of %d; fastest %.1f, slowest %.1f)",
                     name, median, runs, rounds.min()!, rounds.max()!))
        return median
    }
}

/// The data the People page gets from its controller, with 50 rows.
struct PeoplePage: Encodable {
    struct NavItem: Encodable { let label: String; let href: String; let current: Bool }
    struct Layout: Encodable {
        let documentTitle = "People - Coproduce"
        let signedIn = true
        let viewerName = "Amara Okafor"
        let viewerRole = "Forum officer"
        let areaName = "Riverside"
        let navigation: [NavItem] = ["Organisations", "People", "Groups", "Agreements", "Complaints", "Check a document"].map {
            NavItem(label: $0, href: "/" + $0.lowercased().replacingOccurrences(of: " ", with: "-"), current: $0 == "People")
        }
        let csrfToken = "Zx8v3y5KqP0m1Ab2Cd3Ef4Gh5Ij6Kl7Mn8Op9Qr0St"
        let banner: String? = nil
        let signOutPath = "/sign-out"
        let changePasswordPath = "/account/password"
        let signInPath = "/sign-in"
        let accessibilityPath = "/accessibility"
        let homePath = "/"
    }
    struct Tag: Encodable { let text: String; let colour: String }
    struct Row: Encodable { let name: String; let href: String; let organisation: String; let jobTitle: String; let volunteerAgreement: Tag? }
    struct Pagination: Encodable { let summary: String; let previous: String?; let next: String?; let isNeeded: Bool }

    let layout = Layout()
    let heading = "People"
    let rows: [Row]
    let pagination = Pagination(summary: "Showing 51 to 100 of 760", previous: "/people?page=1", next: "/people?page=3", isNeeded: true)
    let canManage = true
    let newPath = "/people/new"
    let filterAction = "/people"
    let search = ""
    let filterDescription: String? = nil
    let clearFilterPath = "/people"

    static let sample = PeoplePage(rows: (0..<50).map { index in
        Row(name: "Parent Carer \(index) O'Brien & Sons <Ltd>", href: "/people/\(UUID())", organisation: "Riverside Parent Carer Forum",
            jobTitle: index % 3 == 0 ? "Forum representative" : "", volunteerAgreement: index % 2 == 0 ? Tag(text: "In force", colour: "green") : nil)
    })

    /// The same markup as Resources/Views/layouts/base.leaf and people/index.leaf.
    static func plot(_ page: PeoplePage) -> String {
        let layout = page.layout
        let content: Node<HTML.BodyContext> = .group(
            .h1(.class("heading-l"), .text(page.heading)),
            .if(page.canManage, .p(.class("body"), .a(.class("button button--secondary"), .href(page.newPath), .text("Add a person")))),
            .form(.method(.get), .action(page.filterAction), .class("filter"), .attribute(named: "role", value: "search"),
                  .div(.class("form-group"),
                       .label(.class("label"), .for("q"), .text("Find by name")),
                       .div(.id("q-hint"), .class("hint"), .text("Type the start of a name")),
                       .input(.class("input input--width-20"), .id("q"), .name("q"), .type(.search), .value(page.search),
                              .attribute(named: "aria-describedby", value: "q-hint"), .autocomplete(false))),
                  .button(.type(.submit), .class("button button--secondary"), .text("Search"))),
            .if(!page.rows.isEmpty, .table(.class("table"),
                .caption(.class("table__caption"), .text("People in the partnership")),
                .thead(.tr(.th(.text("Name")), .th(.text("Organisation")), .th(.text("Role or job title")), .th(.text("Volunteer agreement")))),
                .tbody(.forEach(page.rows) { row in
                    .tr(.td(.attribute(named: "data-label", value: "Name"), .a(.href(row.href), .text(row.name))),
                        .td(.attribute(named: "data-label", value: "Organisation"), .text(row.organisation)),
                        .td(.attribute(named: "data-label", value: "Role or job title"), .text(row.jobTitle)),
                        .td(.attribute(named: "data-label", value: "Volunteer agreement"),
                            row.volunteerAgreement.map { tag in .strong(.class("tag tag--\(tag.colour)"), .text(tag.text)) }
                                ?? .span(.class("secondary-text"), .text("Not needed"))))
                }))),
            .nav(.class("pagination"), .attribute(named: "aria-label", value: "Pages"),
                 .p(.class("pagination__summary"), .text(page.pagination.summary)),
                 .if(page.pagination.isNeeded, .ul(.class("pagination__list"),
                     .unwrap(page.pagination.previous) { .li(.a(.class("pagination__link"), .href($0), .attribute(named: "rel", value: "prev"), .text("Previous page"))) },
                     .unwrap(page.pagination.next) { .li(.a(.class("pagination__link"), .href($0), .attribute(named: "rel", value: "next"), .text("Next page"))) })))
        )
        let body: Node<HTML.BodyContext> = .group(
            .a(.href("#main-content"), .class("skip-link"), .text("Skip to main content")),
            .header(.class("header"), .div(.class("width-container header__inner"),
                .a(.href(layout.homePath), .class("header__service"), .text("Coproduce")),
                .if(layout.signedIn, .div(.class("header__account"),
                    .span(.class("header__who"), .text("\(layout.viewerName), \(layout.viewerRole), \(layout.areaName)")),
                    .a(.class("header__link"), .href(layout.changePasswordPath), .text("Change password")),
                    .form(.method(.post), .action(layout.signOutPath), .class("header__sign-out"),
                          .input(.type(.hidden), .name("csrfToken"), .value(layout.csrfToken)),
                          .button(.type(.submit), .class("link-button"), .text("Sign out"))))))),
            .if(layout.signedIn, .nav(.class("service-nav"), .attribute(named: "aria-label", value: "Main"),
                .ul(.class("width-container service-nav__list"), .forEach(layout.navigation) { item in
                    .li(.class("service-nav__item"), .a(.class("service-nav__link"), .href(item.href),
                        .if(item.current, .attribute(named: "aria-current", value: "page")), .text(item.label)))
                }))),
            .div(.class("width-container"), .main(.class("main"), .id("main-content"), .attribute(named: "tabindex", value: "-1"),
                .unwrap(layout.banner) { banner in
                    .div(.class("banner banner--success"), .attribute(named: "role", value: "alert"),
                         .h2(.class("banner__title"), .text("Success")), .p(.class("banner__content"), .text(banner)))
                },
                content)),
            .footer(.class("footer"), .div(.class("width-container"),
                .ul(.class("footer__links"), .li(.a(.href(layout.accessibilityPath), .text("Accessibility statement")))),
                .p(.text("Coproduce helps parent carer forums, councils and the NHS plan services for children with special educational needs and disabilities together."))))
        )
        return HTML(.lang(.english),
                    .head(.meta(.charset(.utf8)), .element(named: "title", text: layout.documentTitle),
                          .meta(.name("viewport"), .content("width=device-width, initial-scale=1")), .stylesheet("/css/app.css")),
                    .body(body)).render()
    }
}

extension PeoplePage {
    /// The same markup appended to one string, with text escaped: the floor any renderer is measured against.
    static func written(_ page: PeoplePage) -> String {
        var html = ""
        html.reserveCapacity(24_000)
        // Text is escaped a UTF-8 byte at a time: only five ASCII characters need it.
        func escaped(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var start = 0
                for index in 0..<bytes.count {
                    let replacement: StaticString
                    switch bytes[index] {
                    case UInt8(ascii: "&"): replacement = "&amp;"
                    case UInt8(ascii: "<"): replacement = "&lt;"
                    case UInt8(ascii: ">"): replacement = "&gt;"
                    case UInt8(ascii: "\""): replacement = "&quot;"
                    case UInt8(ascii: "'"): replacement = "&#39;"
                    default: continue
                    }
                    if index > start { html += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) }
                    html += replacement.description
                    start = index + 1
                }
                if start < bytes.count { html += String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self) }
            }
        }
        let layout = page.layout
        html += #"<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>"#
        escaped(layout.documentTitle)
        html += #"</title><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/css/app.css"></head><body>"#
        html += ##"<a href="#main-content" class="skip-link">Skip to main content</a><header class="header"><div class="width-container header__inner"><a href=""##
        escaped(layout.homePath)
        html += #"" class="header__service">Coproduce</a>"#
        if layout.signedIn {
            html += #"<div class="header__account"><span class="header__who">"#
            escaped("\(layout.viewerName), \(layout.viewerRole), \(layout.areaName)")
            html += #"</span><a class="header__link" href=""#
            escaped(layout.changePasswordPath)
            html += #"">Change password</a><form method="post" action=""#
            escaped(layout.signOutPath)
            html += #"" class="header__sign-out"><input type="hidden" name="csrfToken" value=""#
            escaped(layout.csrfToken)
            html += #""><button type="submit" class="link-button">Sign out</button></form></div>"#
        }
        html += "</div></header>"
        if layout.signedIn {
            html += #"<nav class="service-nav" aria-label="Main"><ul class="width-container service-nav__list">"#
            for item in layout.navigation {
                html += #"<li class="service-nav__item"><a class="service-nav__link" href=""#
                escaped(item.href)
                html += item.current ? #"" aria-current="page">"# : #"">"#
                escaped(item.label)
                html += "</a></li>"
            }
            html += "</ul></nav>"
        }
        html += #"<div class="width-container"><main class="main" id="main-content" tabindex="-1">"#
        if let banner = layout.banner {
            html += #"<div class="banner banner--success" role="alert"><h2 class="banner__title">Success</h2><p class="banner__content">"#
            escaped(banner)
            html += "</p></div>"
        }
        html += #"<h1 class="heading-l">"#
        escaped(page.heading)
        html += "</h1>"
        if page.canManage {
            html += #"<p class="body"><a class="button button--secondary" href=""#
            escaped(page.newPath)
            html += #"">Add a person</a></p>"#
        }
        html += #"<form method="get" action=""#
        escaped(page.filterAction)
        html += #"" class="filter" role="search"><div class="form-group"><label class="label" for="q">Find by name</label><div id="q-hint" class="hint">Type the start of a name</div><input class="input input--width-20" id="q" name="q" type="search" value=""#
        escaped(page.search)
        html += #"" aria-describedby="q-hint" autocomplete="off"></div><button type="submit" class="button button--secondary">Search</button></form>"#
        if !page.rows.isEmpty {
            html += #"<table class="table"><caption class="table__caption">People in the partnership</caption><thead><tr><th scope="col">Name</th><th scope="col">Organisation</th><th scope="col">Role or job title</th><th scope="col">Volunteer agreement</th></tr></thead><tbody>"#
            for row in page.rows {
                html += #"<tr><td data-label="Name"><a href=""#
                escaped(row.href)
                html += #"">"#
                escaped(row.name)
                html += #"</a></td><td data-label="Organisation">"#
                escaped(row.organisation)
                html += #"</td><td data-label="Role or job title">"#
                escaped(row.jobTitle)
                html += #"</td><td data-label="Volunteer agreement">"#
                if let tag = row.volunteerAgreement {
                    html += #"<strong class="tag tag--"#
                    escaped(tag.colour)
                    html += #"">"#
                    escaped(tag.text)
                    html += "</strong>"
                } else {
                    html += #"<span class="secondary-text">Not needed</span>"#
                }
                html += "</td></tr>"
            }
            html += "</tbody></table>"
        }
        html += #"<nav class="pagination" aria-label="Pages"><p class="pagination__summary">"#
        escaped(page.pagination.summary)
        html += "</p>"
        if page.pagination.isNeeded {
            html += #"<ul class="pagination__list">"#
            if let previous = page.pagination.previous {
                html += #"<li><a class="pagination__link" href=""#
                escaped(previous)
                html += #"" rel="prev">Previous page</a></li>"#
            }
            if let next = page.pagination.next {
                html += #"<li><a class="pagination__link" href=""#
                escaped(next)
                html += #"" rel="next">Next page</a></li>"#
            }
            html += "</ul>"
        }
        html += #"</nav></main></div><footer class="footer"><div class="width-container"><ul class="footer__links"><li><a href=""#
        escaped(layout.accessibilityPath)
        html += #"">Accessibility statement</a></li></ul><p>Coproduce helps parent carer forums, councils and the NHS plan services for children with special educational needs and disabilities together.</p></div></footer></body></html>"#
        return html
    }
}
