import Domain
import Fluent
import Foundation
import PlainEnglish

/// The only place an area's plain English settings are read and saved; an
/// area that has saved none uses the checker's own defaults.
struct PlainEnglishSettingsStore {
    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// The saved settings as typed, or a new record for an area with none.
    func saved() async throws -> PlainEnglishSettingsModel {
        try await PlainEnglishSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID).first()
            ?? PlainEnglishSettingsModel(areaID: context.areaID)
    }

    /// The settings the checker uses for this area. Saved settings were
    /// checked when saved; if a later version's rules refuse them, the
    /// checker's defaults are used and the log says why, until an admin saves again.
    func settings() async throws -> CheckerSettings {
        switch try await saved().input.validated() {
        case .success(let settings):
            return settings
        case .failure(let list):
            context.logger.error("The saved plain English settings of area \(context.areaID) no longer pass their checks, so the defaults are used: \(list.problems.map(\.message).joined(separator: "; "))")
            return CheckerSettings()
        }
    }

    /// Checks and saves what was typed, or throws every problem with its field.
    func save(_ input: CheckerSettingsInput) async throws {
        switch input.validated() {
        case .failure(let list):
            var errors = ValidationErrors()
            for problem in list.problems { errors.add(field: problem.field, message: problem.message) }
            throw errors
        case .success(let settings):
            let model = try await saved()
            model.apply(input, settings: settings)
            try await model.save(on: context.db)
        }
    }
}
