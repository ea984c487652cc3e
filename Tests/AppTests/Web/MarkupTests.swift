@testable import App
import Domain
import Testing

@Suite("Pages written as Swift")
struct MarkupTests {
    @Test("Everything interpolated is escaped; literals and other markup are not")
    func escaping() {
        let name = #"<script>alert("Tom & Jerry's")</script>"#
        let link: Markup = "<a href=\"/people?q=\(name)\">\(name)</a>"
        #expect(link.description == #"<a href="/people?q=&lt;script&gt;alert(&quot;Tom &amp; Jerry&#39;s&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;Tom &amp; Jerry&#39;s&quot;)&lt;/script&gt;</a>"#)
        let inner: Markup = "<strong>\("5 > 3")</strong>"
        #expect(("<p>\(inner)</p>" as Markup).description == "<p><strong>5 &gt; 3</strong></p>")
    }

    @Test("Letters of every script, and text around the escaped characters, pass through whole")
    func unicode() {
        let text = "Zoë’s café — 👩🏽‍🦽 مرحبا <b>"
        #expect(("\(text)" as Markup).description == "Zoë’s café — 👩🏽‍🦽 مرحبا &lt;b&gt;")
        #expect(("\("")" as Markup).description == "")
        #expect(("\("&")" as Markup).description == "&amp;")
    }

    @Test("Conditions, optionals and lists")
    func composition() {
        let items = ["one", "<two>"]
        let list: Markup = "<ul>\(items.markup { "<li>\($0)</li>" })</ul>"
        #expect(list.description == "<ul><li>one</li><li>&lt;two&gt;</li></ul>")
        let missing: String? = nil
        #expect(("<p\(if: true, " hidden")\(if: false, " open")>\(missing)\(3)</p>" as Markup).description == "<p hidden>3</p>")
    }

    @Test("Tables: a caption, headings that label each cell, no label for a hidden heading, nothing for no rows")
    func tables() {
        let columns: [TableColumn<(String, ComplaintStatus)>] = [
            TableColumn("Name") { "\($0.0)" },
            TableColumn("Status") { TableComponents.tag($0.1) },
            TableColumn("Actions", hidden: true) { _ in "<button>Remove</button>" },
        ]
        let html = TableComponents.table(caption: "Complaints <all>", columns, rows: [("Tom & Jerry", .beingInvestigated)]).description
        #expect(html.contains(#"<caption class="table__caption visually-hidden">Complaints &lt;all&gt;</caption>"#))
        #expect(html.contains(#"<th scope="col">Name</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th>"#))
        #expect(html.contains(#"<td data-label="Name">Tom &amp; Jerry</td>"#))
        #expect(html.contains(#"<td data-label="Status"><strong class="tag tag--yellow">Being looked into</strong></td>"#))
        #expect(html.contains("<td><button>Remove</button></td>"))
        #expect(TableComponents.table(caption: "Empty", columns, rows: []).description.isEmpty)
        #expect(TableComponents.table(caption: "Shown", showCaption: true, columns, rows: [("a", .closed)]).description
            .contains(#"<caption class="table__caption">Shown</caption>"#))
    }

    @Test("Every status has its own tag colour")
    func tagColours() {
        #expect(Set(ComplaintStatus.allCases.map(\.tagColour)).count == ComplaintStatus.allCases.count)
        #expect(Set(CommitmentStatus.allCases.map(\.tagColour)).count == CommitmentStatus.allCases.count)
        #expect(VolunteerAgreementStatus.missing.tagColour == .red && VolunteerAgreementStatus.current(expiresOn: nil).tagColour == .green)
    }

    @Test("The home page says who is signed in, in plain words")
    func homeSentence() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(on: app)
            let admin = try await TestBrowser.signedIn(app, email: fixture.emails[.areaAdmin]!)
            #expect(try await admin.get("/").body.string.contains("You are signed in as an area admin."))
            let officer = try await TestBrowser.signedIn(app, email: fixture.emails[.forumOfficer]!)
            #expect(try await officer.get("/").body.string.contains("You are signed in as a forum officer."))
        }
    }
}
