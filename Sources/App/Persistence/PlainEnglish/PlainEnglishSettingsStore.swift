import Domain
import Fluent
import Foundation
import PlainEnglish

/// Reads and saves an area's plain English settings; an area that has saved
/// none uses the checker's own defaults.
enum PlainEnglishSettingsStore {
    static func model(areaID: UUID, on database: any Database) async throws -> PlainEnglishSettingsModel {
        try await PlainEnglishSettingsModel.query(on: database).filter(\.$area.$id == areaID).first()
            ?? PlainEnglishSettingsModel(areaID: areaID)
    }

    /// The settings the checker uses for this area. Saved settings were
    /// checked when saved, so they read back without problems.
    static func settings(areaID: UUID, on database: any Database) async throws -> CheckerSettings {
        let saved = try await model(areaID: areaID, on: database)
        switch saved.input.validated() {
        case .success(let settings): return settings
        case .failure: return CheckerSettings()
        }
    }

    /// Checks and saves what was typed, or throws every problem with its field.
    static func save(_ input: CheckerSettingsInput, areaID: UUID, on database: any Database) async throws {
        switch input.validated() {
        case .failure(let list):
            var errors = ValidationErrors()
            for problem in list.problems { errors.add(field: problem.field, message: problem.message) }
            throw errors
        case .success(let settings):
            let model = try await model(areaID: areaID, on: database)
            model.apply(input, settings: settings)
            try await model.save(on: database)
        }
    }
}
