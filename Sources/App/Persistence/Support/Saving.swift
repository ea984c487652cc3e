import Domain
import Fluent
import Foundation
import Vapor

extension Model {
    /// Saves the record; when a unique index refuses it, throws `problem`,
    /// which names the field, instead of a server error.
    func save(on db: any Database, orIfDuplicate problem: @autoclosure () -> ValidationErrors) async throws {
        do {
            try await save(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw problem()
        }
    }
}

extension ValidationErrors {
    /// The same problems, in the order the fields appear on the form.
    func ordered(_ fields: [String]) -> ValidationErrors {
        var result = ValidationErrors()
        for field in fields { if let message = message(for: field) { result.add(field: field, message: message) } }
        for error in errors where !fields.contains(error.field) { result.add(field: error.field, message: error.message) }
        return result
    }
}
