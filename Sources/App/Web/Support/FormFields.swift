import Domain
import Vapor

/// One question on a form, following the GOV.UK patterns: label, hint,
/// error message and the person's input, rendered by components/field.leaf.
struct FormField: Encodable, Sendable {
    enum Kind: String, Encodable, Sendable {
        case text, email, tel, password, number, time, textarea, select, radios, checkboxes, date, file
        /// Markup made elsewhere, placed among the questions (a person finder's search box).
        case custom
    }

    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let hint: String?
        let selected: Bool
    }

    let kind: Kind
    let name: String
    let label: String
    let hint: String?
    let error: String?
    let value: String
    let options: [Option]
    let date: DateInput?
    let autocomplete: String?
    /// Wide fields suit names; narrow ones suit numbers and times.
    let width: String?
    /// For a file field: the kinds of file it takes (".docx,.pdf").
    var accept: String? = nil
    /// For a text area: how many lines tall.
    var rows: Int? = nil
    /// For `.custom`: what to show.
    var markup: Markup? = nil
    /// Radios and checkboxes are a fieldset whose legend is the label.
    var isFieldset: Bool { kind == .radios || kind == .checkboxes || kind == .date }
    var describedBy: String? {
        let ids = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    enum CodingKeys: String, CodingKey {
        case kind, name, label, hint, error, value, options, date, autocomplete, width, accept, rows, isFieldset, describedBy
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(hint, forKey: .hint)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(value, forKey: .value)
        try container.encode(options, forKey: .options)
        try container.encodeIfPresent(date, forKey: .date)
        try container.encodeIfPresent(autocomplete, forKey: .autocomplete)
        try container.encodeIfPresent(width, forKey: .width)
        try container.encodeIfPresent(accept, forKey: .accept)
        try container.encodeIfPresent(rows, forKey: .rows)
        try container.encode(isFieldset, forKey: .isFieldset)
        try container.encodeIfPresent(describedBy, forKey: .describedBy)
    }

    static func text(_ name: String, _ label: String, value: String?, errors: ValidationErrors, hint: String? = nil,
                     kind: Kind = .text, autocomplete: String? = nil, width: String? = nil) -> FormField {
        FormField(kind: kind, name: name, label: label, hint: hint, error: errors.message(for: name), value: value ?? "",
                  options: [], date: nil, autocomplete: autocomplete, width: width)
    }

    static func choice(_ name: String, _ label: String, kind: Kind = .radios, options: [(value: String, label: String)],
                       selected: [String], errors: ValidationErrors, hint: String? = nil,
                       optionHints: [String: String] = [:]) -> FormField {
        FormField(kind: kind, name: name, label: label, hint: hint, error: errors.message(for: name), value: selected.first ?? "",
                  options: options.map { Option(value: $0.value, label: $0.label, hint: optionHints[$0.value], selected: selected.contains($0.value)) },
                  date: nil, autocomplete: nil, width: nil)
    }

    static func custom(_ name: String, _ markup: Markup) -> FormField {
        var field = FormField(kind: .custom, name: name, label: "", hint: nil, error: nil, value: "", options: [], date: nil, autocomplete: nil, width: nil)
        field.markup = markup
        return field
    }

    static func date(_ name: String, _ label: String, value: DateInput?, errors: ValidationErrors, hint: String? = "For example, 27 3 2027") -> FormField {
        FormField(kind: .date, name: name, label: label, hint: hint, error: errors.message(for: name), value: "",
                  options: [], date: value ?? DateInput(), autocomplete: nil, width: nil)
    }
}

/// The error summary at the top of a form: each message links to its field.
struct ErrorSummaryItem: Encodable, Sendable {
    let message: String
    let href: String

    static func from(_ errors: ValidationErrors, dateFields: Set<String> = []) -> [ErrorSummaryItem] {
        errors.errors.map { error in
            // A date input's first box is where the link should land.
            ErrorSummaryItem(message: error.message, href: "#\(error.field)\(dateFields.contains(error.field) ? "-day" : "")")
        }
    }
}

/// A form page: the layout, the questions and where to send the answers.
struct FormPage: Sendable {
    let layout: PageLayout
    let heading: String
    let caption: String?
    let intro: String?
    let action: String
    let submitLabel: String
    let cancelPath: String?
    let errorSummary: [ErrorSummaryItem]
    let fields: [FormField]
    /// Whether the form sends files.
    var multipart = false
    /// A link shown under the form, to a page about the same thing.
    var relatedLink: RelatedLink? = nil
    /// The form's anti-forgery token when it is not the layout's (a visitor's form).
    var formToken: String? = nil
    /// Values sent with the form that the person does not fill in, by name.
    var hidden: [String: String] = [:]
    /// Shown between the introduction and the form, such as a search that fills one of its choices.
    var preface: Markup? = nil
}

struct RelatedLink: Encodable, Sendable {
    let label: String
    let href: String
}

extension Request {
    /// Renders a form page; status 422 when it shows errors.
    func renderForm(title: String, caption: String? = nil, intro: String? = nil, action: String, submitLabel: String,
                    cancelPath: String?, fields: [FormField], errors: ValidationErrors, multipart: Bool = false,
                    relatedLink: RelatedLink? = nil, hidden: [String: String] = [:], preface: Markup? = nil,
                    visitorToken: String? = nil) async throws -> Response {
        let dateFields = Set(fields.filter { $0.kind == .date }.map(\.name))
        let layout = layout(title: title, hasErrors: !errors.isEmpty)
        var page = FormPage(layout: layout, heading: title, caption: caption,
                            intro: intro, action: action, submitLabel: submitLabel, cancelPath: cancelPath,
                            errorSummary: ErrorSummaryItem.from(errors, dateFields: dateFields), fields: fields, multipart: multipart, relatedLink: relatedLink,
                            hidden: hidden, preface: preface)
        // A form for people who are not signed in carries the visitor's token (`VisitorFormToken`); the page's
        // own forms (signing out, for someone signed in) keep the session's.
        page.formToken = visitorToken
        let response = self.page(page.layout, status: errors.isEmpty ? .ok : .unprocessableEntity, FormComponents.formPage(page))
        if let visitorToken { VisitorFormToken.set(visitorToken, on: response, for: self) }
        return response
    }
}
