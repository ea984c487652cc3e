import Domain
import Vapor

/// Choosing one person from an area of thousands, without a drop-down of
/// every name and without JavaScript: a search box with its own Find button
/// inside the form, and the people it finds as radio buttons below it.
/// Find sends the whole form back to be shown again (`isFinding`), so what
/// was typed in the other questions is kept, and nothing is saved.
struct PersonFinder: Sendable {
    /// The most people offered at once; more means "type more of the name".
    static let maximumShown = 20

    let typed: String
    let matches: [PersonModel]
    let total: Int
    /// The person already chosen, if any, offered whether or not the search finds them.
    let chosenID: String?
    /// The field's name in the form.
    let fieldName: String
    let label: String
    /// Whether the question may be left without a person, such as who handles a complaint.
    let isOptional: Bool

    /// The name of the Find button: a form sent with it is a search, shown again, not saved.
    static let findButton = "findPerson"

    /// Whether the form was sent with Find, to search, rather than to be saved.
    static func isFinding(_ req: Request) -> Bool {
        (try? req.content.get(String.self, at: findButton)) != nil
    }

    /// Searches for `typed` (the form's `find`, or `?find=`), and looks up the chosen person.
    init(_ req: Request, typed: String?, chosenID: String?, fieldName: String = "personId", label: String,
         optional: Bool = false) async throws {
        let store = PersonStore(try req.store)
        let cleaned = String(((try? TextInput.singleLine(typed).get()) ?? "").prefix(SearchText.maximumLength))
        self.typed = cleaned
        var matches: [PersonModel] = []
        var total = 0
        let terms = SearchText.terms(cleaned)
        if !terms.isEmpty {
            (matches, total) = try await store.page(PersonStore.Filter(searchTerms: terms), ListPage(number: 1, size: Self.maximumShown))
        }
        var chosen: String?
        if let raw = TextInput.optional(chosenID), let id = UUID(uuidString: raw), let person = try await store.lookUp(id) {
            chosen = id.uuidString
            if !matches.contains(where: { $0.id == id }) { matches.insert(person, at: 0) }
        }
        self.matches = matches
        self.total = total
        self.chosenID = chosen
        self.fieldName = fieldName
        self.label = label
        self.isOptional = optional
    }

    /// The questions: the search box with its Find button, then the people
    /// it found as radio buttons. An optional question also offers "Nobody
    /// yet", so a person chosen can be taken off again.
    func fields(errors: ValidationErrors) -> [FormField] {
        [.custom("\(fieldName)-find", searchBox(errors: errors))] + [choices(errors: errors)].compactMap { $0 }
    }

    private func choices(errors: ValidationErrors) -> FormField? {
        guard !matches.isEmpty else { return nil }
        var options = matches.map { person in
            (value: person.id!.uuidString, label: person.fullName + (person.organisation.map { ", \($0.name)" } ?? ""))
        }
        if isOptional { options.append((value: "", label: "Nobody yet")) }
        let hints = Dictionary(uniqueKeysWithValues: matches.compactMap { person in person.jobTitle.map { (person.id!.uuidString, $0) } })
        let selected = chosenID.map { [$0] } ?? (isOptional ? [""] : [])
        return .choice(fieldName, label, options: options, selected: selected, errors: errors, optionHints: hints)
    }

    /// With nobody offered yet, the box takes the field's id, so an error
    /// summary's link for the field lands in it.
    private func searchBox(errors: ValidationErrors) -> Markup {
        let boxID = matches.isEmpty ? fieldName : "\(fieldName)-find"
        let error = matches.isEmpty ? errors.message(for: fieldName) : nil
        return """
        <div class="finder" role="search" aria-label="Find a person">
          <div class="form-group\(if: error != nil, " form-group--error")">
            <label class="label" for="\(boxID)">\(matches.isEmpty ? label + " Find them by name or role" : "Find someone else by name or role")</label>
            <div id="\(boxID)-hint" class="hint">Type any part of their name, then press Find and choose them from the list. If they are not in the register, add them under People first.</div>
            \(error.map { "<p id=\"\(boxID)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as Markup })
            <div class="finder__row">
              <input class="input input--width-20\(if: error != nil, " input--error")" id="\(boxID)" name="find" type="search" value="\(typed)" aria-describedby="\(boxID)-hint\(if: error != nil, " \(boxID)-error")" autocomplete="off">
              <button type="submit" name="\(Self.findButton)" value="yes" class="button button--secondary">Find</button>
            </div>
          </div>
          \(outcome)
        </div>
        """
    }

    private var outcome: Markup {
        if typed.isEmpty { return "" }
        if total == 0 { return "<p class=\"body\" role=\"status\">Nobody in the register matches \u{201C}\(typed)\u{201D}. Check the spelling, or try part of the name.</p>" }
        if total > Self.maximumShown {
            return "<p class=\"body\" role=\"status\">\(total) people match \u{201C}\(typed)\u{201D}. The first \(Self.maximumShown) are listed below: type more of the name to find fewer.</p>"
        }
        return "<p class=\"body\" role=\"status\">\(total == 1 ? "1 person matches" : "\(total) people match") \u{201C}\(typed)\u{201D}: choose from the list below.</p>"
    }
}
