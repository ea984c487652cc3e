import Domain
import Vapor

extension Paths {
    static let plainEnglish = PathTemplate("plain-english")
    static let plainEnglishSettings = PathTemplate("plain-english", "settings")
}

extension Paths.API {
    static let plainEnglishCheck = PathTemplate("api", "v1", "plain-english", "check")
}

/// The plain English checker: any paper checked against who it is for, with the area's own settings.
struct PlainEnglishPart: ProductPart {
    let name = "Plain English"

    func pages(_ web: any RoutesBuilder) {
        let plainEnglish = PlainEnglishController()
        let settings = PlainEnglishSettingsController()
        web.get(Paths.plainEnglish, .requires(.viewPartnership), use: plainEnglish.show)
        web.post(Paths.plainEnglish, .requires(.viewPartnership), body: PlainEnglishController.maximumUpload, use: plainEnglish.check)
        web.get(Paths.plainEnglishSettings, .requires(.managePlainEnglishSettings), use: settings.edit)
        web.post(Paths.plainEnglishSettings, .requires(.managePlainEnglishSettings), use: settings.update)
    }

    var api: (any APIPart.Type)? { PlainEnglishAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Check a document", path: Paths.plainEnglish, permission: .viewPartnership)] }
}
