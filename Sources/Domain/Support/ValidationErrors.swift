/// Problems found in what someone entered, keyed by the field they belong to,
/// in the order the fields appear on the form.
public struct ValidationErrors: Error, Sendable, Equatable {
    public struct FieldError: Sendable, Equatable, Codable {
        public let field: String
        public let message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public private(set) var errors: [FieldError] = []

    public init() {}

    public init(field: String, message: String) {
        add(field: field, message: message)
    }

    public var isEmpty: Bool { errors.isEmpty }

    /// Adds a problem; only the first problem with each field is kept, so the
    /// person sees one clear message per field.
    public mutating func add(field: String, message: String) {
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append(FieldError(field: field, message: message))
    }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }

    /// The same problems with one field's under another name, for a form
    /// that asks the same question in another way.
    public func renamingField(_ field: String, to newName: String) -> ValidationErrors {
        var renamed = ValidationErrors()
        for error in errors { renamed.add(field: error.field == field ? newName : error.field, message: error.message) }
        return renamed
    }

    /// Throws self when any problem was found.
    public func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}
