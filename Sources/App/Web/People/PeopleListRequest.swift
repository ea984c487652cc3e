import Domain
import Vapor

/// The people list's filters as a web address gives them: read forgivingly
/// (an unknown value is ignored, never an error page), each checked to be
/// the area's own, and kept to carry into page links and the download.
struct PeopleListRequest: Sendable {
    /// The search as typed, cleaned, to show back in the box.
    let typed: String
    let filter: PersonStore.Filter
    let organisationName: String?
    let groupName: String?
    /// The filters to carry into links, in a fixed order.
    let query: ListQuery

    init(_ req: Request) async throws {
        let context = try req.store
        var filter = PersonStore.Filter()
        var query = ListQuery()
        let raw = (try? TextInput.singleLine(req.query[String.self, at: "q"]).get()) ?? ""
        typed = String(raw.prefix(SearchText.maximumLength))
        filter.searchTerms = SearchText.terms(typed)
        if !filter.searchTerms.isEmpty { query.add("q", typed) }
        let organisation = try await OrganisationStore(context).lookUp(req.query[String.self, at: "organisation"])
        filter.organisationID = organisation?.id
        organisationName = organisation?.name
        query.add("organisation", organisation?.id?.uuidString)
        var group: GroupModel?
        if let id = req.query[String.self, at: "group"].flatMap(UUID.init(uuidString:)) { group = try await GroupStore(context).lookUp(id) }
        filter.groupID = group?.id
        groupName = group?.name
        query.add("group", group?.id?.uuidString)
        // "filter" is the older name the home page's links used.
        filter.standing = (req.query[String.self, at: "who"] ?? req.query[String.self, at: "filter"]).flatMap(PersonStanding.init(rawValue:))
        query.add("who", filter.standing?.rawValue)
        filter.order = PeopleOrder.lenient(req.query[String.self, at: "order"])
        if filter.order != .name { query.add("order", filter.order.rawValue) }
        self.filter = filter
        self.query = query
    }

    var isFiltered: Bool {
        !filter.searchTerms.isEmpty || filter.organisationID != nil || filter.groupID != nil || filter.standing != nil
    }

    /// What the list is narrowed to, in a sentence, or nil when it shows everyone.
    func description(total: Int) -> String? {
        guard isFiltered else { return nil }
        var parts: [String] = []
        if let standing = filter.standing { parts.append(standing.label.lowercased()) }
        if !filter.searchTerms.isEmpty { parts.append("with \u{201C}\(typed)\u{201D} in their name or role") }
        if let organisationName { parts.append("in \(organisationName)") }
        if let groupName { parts.append("in the group \(groupName)") }
        let found = total == 1 ? "1 person" : "\(total) people"
        return "\(found) found: " + parts.joined(separator: ", ")
    }
}
