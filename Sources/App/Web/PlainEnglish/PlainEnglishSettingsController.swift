import Domain
import PlainEnglish
import Vapor

/// The area's plain English settings: the usual profile, sentence lengths,
/// reading age, person-first or identity-first language, its own glossary
/// entries and the terms not to flag.
struct PlainEnglishSettingsController {
    struct Form: Content {
        var defaultProfile: String?
        var longSentenceWords: String?
        var veryLongSentenceWords: String?
        var targetReadingAge: String?
        var languagePreference: String?
        var glossary: String?
        var exceptions: String?

        var input: CheckerSettingsInput {
            CheckerSettingsInput(
                longSentenceWords: longSentenceWords ?? "", veryLongSentenceWords: veryLongSentenceWords ?? "",
                targetReadingAge: targetReadingAge ?? "", defaultProfile: defaultProfile ?? "",
                languagePreference: languagePreference ?? "", glossary: glossary ?? "", exceptions: exceptions ?? "")
        }
    }

    func edit(req: Request) async throws -> Response {
        let saved = try await PlainEnglishSettingsStore(try req.store).saved()
        return try await render(req, input: saved.input, errors: ValidationErrors())
    }

    func update(req: Request) async throws -> Response {
        let input = try req.content.decode(Form.self).input
        do {
            try await PlainEnglishSettingsStore(try req.store).save(input)
        } catch let errors as ValidationErrors {
            return try await render(req, input: input, errors: errors)
        }
        return req.redirect(to: Paths.plainEnglish.url(), banner: "Plain English settings saved. Every check in your area now uses them.")
    }

    private func render(_ req: Request, input: CheckerSettingsInput, errors: ValidationErrors) async throws -> Response {
        let standard = Profile.standard
        var glossary = FormField.text("glossary", "Your own glossary", value: input.glossary, errors: errors,
                                      hint: "One entry a line: kind | words | plain words to use instead | why. Kinds: jargon, deficit, complex, filler, acronym, ambiguous, known. For example: jargon | hub | family centre | Say which building.",
                                      kind: .textarea)
        glossary.rows = 8
        return try await req.renderForm(
            title: "Plain English settings",
            intro: "These settings apply to every check in your area: pages, papers and the API.",
            action: Paths.plainEnglishSettings.url(), submitLabel: "Save settings", cancelPath: Paths.plainEnglish.url(),
            fields: [
                .choice("defaultProfile", "Who are your papers usually for?", options: Profile.Name.allCases.map { ($0.rawValue, $0.title) },
                        selected: [input.defaultProfile], errors: errors),
                .text("longSentenceWords", "Long sentence: more than this many words", value: input.longSentenceWords, errors: errors,
                      hint: "For papers and letters. Leave empty for \(standard.longSentenceWords).", width: "4"),
                .text("veryLongSentenceWords", "Very long sentence: more than this many words", value: input.veryLongSentenceWords, errors: errors,
                      hint: "A very long sentence means the text does not meet the profile. Leave empty for \(standard.veryLongSentenceWords).", width: "4"),
                .text("targetReadingAge", "Highest reading age for papers and letters", value: input.targetReadingAge, errors: errors,
                      hint: "Leave empty for \(standard.targetReadingAge). GOV.UK aims at 9.", width: "4"),
                .choice("languagePreference", "How does your area talk about autism and disability?",
                        options: [(LanguagePreference.either.rawValue, "Accept both ways"),
                                  (LanguagePreference.identityFirst.rawValue, "Identity-first: “autistic child”, “disabled people”"),
                                  (LanguagePreference.personFirst.rawValue, "Person-first: “child with autism”, “people with disabilities”")],
                        selected: [input.languagePreference], errors: errors,
                        hint: "Communities differ: many autistic people prefer identity-first language. Ask your forum."),
                glossary,
                .text("exceptions", "Words not to flag", value: input.exceptions, errors: errors,
                      hint: "One a line. For example, EHCP if your papers link to a glossary that explains it.", kind: .textarea),
            ],
            errors: errors)
    }
}
