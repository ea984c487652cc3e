import Domain
import Fluent
import Foundation

/// The area's choices about e-mail, set by its admin.
struct EmailSettingsStore {
    let context: StoreContext

    init(_ context: StoreContext) { self.context = context }

    /// How a meeting's papers go with the agenda e-mail; links until the area chooses.
    func papersInEmail() async throws -> PapersInEmail {
        try await AreaEmailSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID).first()?.papersInEmail ?? .links
    }

    func setPapersInEmail(_ raw: String?) async throws {
        guard let choice = PapersInEmail(rawValue: TextInput.clean(raw)) else {
            throw ValidationErrors(field: "papersInEmail", message: "Select how papers go with the agenda")
        }
        try await context.write { context in
            let settings = try await AreaEmailSettingsModel.query(on: context.db).filter(\.$area.$id == context.areaID).first()
                ?? AreaEmailSettingsModel(areaID: context.areaID, papersInEmail: choice, updatedAt: context.now, updatedBy: context.actor.name)
            let before = settings.id == nil ? PapersInEmail.links : settings.papersInEmail
            settings.papersInEmail = choice
            settings.updatedAt = context.now
            settings.updatedBy = context.actor.name
            try await settings.save(on: context.db)
            if before != choice {
                try await context.audit(.update, subjectType: "email-settings", subjectID: nil, subjectLabel: "E-mail settings",
                                        detail: "Papers with the agenda: \(before.rawValue) to \(choice.rawValue)")
            }
        }
    }
}
