/// One row of a GOV.UK summary list: a key, its value and, if it leads
/// somewhere, a link.
struct SummaryRow: Encodable, Sendable {
    let key: String
    let value: String
    let href: String?

    init(key: String, value: String, href: String? = nil) {
        self.key = key
        self.value = value
        self.href = href
    }
}
