import Fluent
import Foundation
import PlainEnglish

final class PlainEnglishSettingsModel: Model, @unchecked Sendable {
    static let schema = "plain_english_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "area_id") var area: AreaModel
    @OptionalField(key: "long_sentence_words") var longSentenceWords: Int?
    @OptionalField(key: "very_long_sentence_words") var veryLongSentenceWords: Int?
    @OptionalField(key: "target_reading_age") var targetReadingAge: Int?
    @Field(key: "default_profile") var defaultProfile: String
    @Field(key: "language_preference") var languagePreference: String
    @Field(key: "glossary") var glossary: String
    @Field(key: "exceptions") var exceptions: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(areaID: UUID) {
        $area.id = areaID
        defaultProfile = Profile.Name.standard.rawValue
        languagePreference = LanguagePreference.either.rawValue
        glossary = ""
        exceptions = ""
    }

    /// What the settings page shows: the saved values as typed.
    var input: CheckerSettingsInput {
        CheckerSettingsInput(
            longSentenceWords: longSentenceWords.map(String.init) ?? "",
            veryLongSentenceWords: veryLongSentenceWords.map(String.init) ?? "",
            targetReadingAge: targetReadingAge.map(String.init) ?? "",
            defaultProfile: defaultProfile, languagePreference: languagePreference,
            glossary: glossary, exceptions: exceptions
        )
    }

    func apply(_ input: CheckerSettingsInput, settings: CheckerSettings) {
        longSentenceWords = settings.longSentenceWords
        veryLongSentenceWords = settings.veryLongSentenceWords
        targetReadingAge = settings.targetReadingAge
        defaultProfile = settings.defaultProfile.rawValue
        languagePreference = settings.languagePreference.rawValue
        glossary = input.glossary
        exceptions = input.exceptions
    }
}
