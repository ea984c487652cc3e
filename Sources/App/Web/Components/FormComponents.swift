import Domain

/// The GOV.UK form patterns: the error summary, one field of any kind, and a
/// whole form page.
enum FormComponents {
    /// "There is a problem", each message linking to its field; nothing when there are no errors.
    static func errorSummary(_ items: [ErrorSummaryItem]) -> Markup {
        guard !items.isEmpty else { return .empty }
        return """
        <div class="error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">
          <h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>
          <ul class="error-summary__list">
            \(items.markup { item in
                """
                <li><a href="\(item.href)">\(item.message)</a></li>

                """
            })
          </ul>
        </div>
        """
    }

    /// One question: label (or legend), hint, error message and the input.
    static func field(_ field: FormField) -> Markup {
        if field.kind == .custom { return field.markup ?? "" }
        let describedBy = field.describedBy
        let hint: Markup? = field.hint.map { "<div id=\"\(field.name)-hint\" class=\"hint\">\($0)</div>" }
        let error: Markup? = field.error.map { "<p id=\"\(field.name)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" }
        let describedByAttribute: Markup? = describedBy.map { " aria-describedby=\"\($0)\"" }
        let hasError = field.error != nil
        let body: Markup
        if field.isFieldset {
            body = """
              <fieldset class="fieldset"\(describedByAttribute)>
                <legend class="fieldset__legend">\(field.label)</legend>
                \(hint)
                \(error)
                \(fieldsetContent(field, hasError: hasError))
              </fieldset>
            """
        } else {
            body = """
              <label class="label" for="\(field.name)">\(field.label)</label>
              \(hint)
              \(error)
              \(input(field, hasError: hasError, describedBy: describedByAttribute))
            """
        }
        return """
        <div class="form-group\(if: hasError, " form-group--error")">
        \(body)
        </div>

        """
    }

    private static func fieldsetContent(_ field: FormField, hasError: Bool) -> Markup {
        switch field.kind {
        case .date:
            let date = field.date ?? DateInput()
            let part: (String, String, String, String) -> Markup = { suffix, label, value, width in
                """
                <div class="date-input__item">
                  <label class="label" for="\(field.name)-\(suffix)">\(label)</label>
                  <input class="input input--width-\(width)\(if: hasError, " input--error")" id="\(field.name)-\(suffix)" name="\(field.name)[\(suffix)]" type="text" inputmode="numeric" value="\(value)">
                </div>

                """
            }
            return """
            <div class="date-input">
              \(part("day", "Day", date.day, "2"))\(part("month", "Month", date.month, "2"))\(part("year", "Year", date.year, "4"))
            </div>
            """
        case .radios:
            return """
            <div class="radios">
              \(field.options.enumerated().markup { index, option in
                  let id: Markup = index == 0 ? "\(field.name)" : "\(field.name)-\(index)"
                  return """
                  <div class="radios__item">
                    <input class="radios__input" id="\(id)" name="\(field.name)" type="radio" value="\(option.value)"\(if: option.selected, " checked")>
                    <label class="radios__label" for="\(id)">\(option.label)</label>
                    \(option.hint.map { "<div class=\"hint radios__hint\">\($0)</div>" as Markup })
                  </div>

                  """
              })
            </div>
            """
        default:
            return """
            <div class="checkboxes">
              \(field.options.enumerated().markup { index, option in
                  let id: Markup = index == 0 ? "\(field.name)" : "\(field.name)-\(index)"
                  return """
                  <div class="checkboxes__item">
                    <input class="checkboxes__input" id="\(id)" name="\(field.name)[]" type="checkbox" value="\(option.value)"\(if: option.selected, " checked")>
                    <label class="checkboxes__label" for="\(id)">\(option.label)</label>
                    \(option.hint.map { "<div class=\"hint checkboxes__hint\">\($0)</div>" as Markup })
                  </div>

                  """
              })
            </div>
            """
        }
    }

    private static func input(_ field: FormField, hasError: Bool, describedBy: Markup?) -> Markup {
        switch field.kind {
        case .textarea:
            return """
            <textarea class="textarea\(if: hasError, " textarea--error")" id="\(field.name)" name="\(field.name)" rows="\(field.rows ?? 6)"\(describedBy)>\(field.value)</textarea>
            """
        case .file:
            return """
            <input class="file-upload\(if: hasError, " file-upload--error")" id="\(field.name)" name="\(field.name)" type="file"\(field.accept.map { " accept=\"\($0)\"" as Markup })\(describedBy)>
            """
        case .select:
            return """
            <select class="select\(if: hasError, " select--error")" id="\(field.name)" name="\(field.name)"\(describedBy)>
              \(field.options.markup { option in
                  """
                  <option value="\(option.value)"\(if: option.selected, " selected")>\(option.label)</option>

                  """
              })
            </select>
            """
        default:
            return """
            <input class="input\(field.width.map { " input--width-\($0)" as Markup })\(if: hasError, " input--error")" id="\(field.name)" name="\(field.name)" type="\(field.kind.rawValue)" value="\(field.value)"\(field.autocomplete.map { " autocomplete=\"\($0)\"" as Markup })\(if: field.kind == .email, " spellcheck=\"false\"")\(describedBy)>
            """
        }
    }

    /// A page that is one form.
    static func formPage(_ page: FormPage) -> Markup {
        """
        <div class="grid-row">
          <div class="column-two-thirds">
            \(errorSummary(page.errorSummary))
            \(page.caption.map { "<span class=\"caption\">\($0)</span>" as Markup })
            <h1 class="heading-l">\(page.heading)</h1>
            \(page.intro.map { "<p class=\"body\">\($0)</p>" as Markup })
            \(page.preface)
            <form method="post" action="\(page.action)"\(if: page.multipart, " enctype=\"multipart/form-data\"") novalidate>
              <input type="hidden" name="csrfToken" value="\(page.formToken ?? page.layout.csrfToken)">
              \(page.hidden.sorted { $0.key < $1.key }.markup { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\($0.value)\">" })
              \(page.fields.markup(field))
              <div class="button-group">
                <button type="submit" class="button">\(page.submitLabel)</button>
                \(page.cancelPath.map { "<a class=\"link\" href=\"\($0)\">Cancel</a>" as Markup })
              </div>
            </form>
            \(page.relatedLink.map { "<p class=\"body\"><a class=\"link\" href=\"\($0.href)\">\($0.label)</a></p>" as Markup })
          </div>
        </div>
        """
    }

    /// One drop-down of a list's filter form (a GET form, so it needs no anti-forgery token).
    static func filterSelect(name: String, label: String, options: [(value: String, label: String)], selected: String) -> Markup {
        """
        <div class="form-group">
          <label class="label" for="\(name)">\(label)</label>
          <select class="select" id="\(name)" name="\(name)">
            \(options.markup { option in
                """
                <option value="\(option.value)"\(if: option.value == selected, " selected")>\(option.label)</option>

                """
            })
          </select>
        </div>
        """
    }
}
