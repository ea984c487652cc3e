extension HomeController.HomePage: WebPage {
    var body: Markup {
        """
        <span class="caption">\(areaName)</span>
        <h1 class="heading-l">Home</h1>
        <p class="body">You are signed in as \(roleLabel). \(roleExplanation)</p>
        <h2 class="heading-m">Needs attention</h2>
        \(attention.isEmpty ? "<p class=\"body\">Nothing needs attention today.</p>" : """
        <ul class="list list--bullet">
          \(attention.markup { item in
              """
              <li>\(item.href.map { "<a href=\"\($0)\">\(item.text)</a>" as Markup } ?? "\(item.text)")</li>

              """
          })
        </ul>
        """ as Markup)
        <h2 class="heading-m">Parts of Coproduce</h2>
        <ul class="list">
          \(links.markup { link in
              """
              <li><a href="\(link.href)">\(link.label)</a></li>

              """
          })
        </ul>
        """
    }
}
