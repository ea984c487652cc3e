import Domain
import Fluent
import Vapor

/// The ladder profile (how far families shaped the work), its CSV, and the area's engagement settings.
struct LadderController {
    struct Slice {
        let label: String
        /// For a year, "2025-26"; otherwise the label.
        let shortLabel: String
        let href: String?
        let profile: LadderProfile
        let trend: EngagementTrend?
    }

    struct ProfilePage {
        let layout: PageLayout
        let filters: EngagementFilters
        let profile: LadderProfile
        let years: [Slice]
        let organisations: [Slice]
        let services: [Slice]
        let notTold: Int
        let csvQuery: String
    }

    func profile(req: Request) async throws -> Response {
        let store = EngagementStore(try req.store)
        let filters = try await EngagementFilters(req, path: Paths.ladderProfile.url())
        let profile = try await store.profile(filters.filter)
        var notToldFilter = filters.filter
        notToldFilter.notToldOnly = true
        let notTold = try await store.profile(notToldFilter).total
        return req.page(ProfilePage(
            layout: req.layout(title: "How far families shaped the work"), filters: filters, profile: profile,
            years: try await slices(store, filters, .year), organisations: try await slices(store, filters, .organisation),
            services: try await slices(store, filters, .service), notTold: notTold, csvQuery: filters.query))
    }

    /// The profile split one way; years carry their trend against the year before.
    private func slices(_ store: EngagementStore, _ filters: EngagementFilters, _ dimension: EngagementStore.Dimension) async throws -> [Slice] {
        var filter = filters.filter
        switch dimension {
        case .year: filter.year = nil
        case .organisation: filter.organisationID = nil
        case .service: filter.serviceID = nil
        }
        let slices = try await store.profiles(filter, by: dimension)
        var previous: (year: Int, profile: LadderProfile)?
        return slices.map { slice in
            var trend: EngagementTrend?
            var href: String?
            switch dimension {
            case .year:
                // Only with the year just before: after a year with no activities there is nothing to compare with.
                let year = Int(slice.key) ?? 0
                if let previous, previous.year == year - 1 { trend = EngagementTrend.between(earlier: previous.profile, later: slice.profile) }
                previous = (year, slice.profile)
                href = Int(slice.key).map { Paths.ladderProfile.url() + "?year=\(ReportingYear(startYear: $0).shortLabel)" }
            case .organisation:
                href = Paths.ladderProfile.url() + "?organisation=\(slice.key)"
            case .service:
                href = slice.key.isEmpty ? nil : Paths.service.url(slice.key)
            }
            let short = dimension == .year ? Int(slice.key).map { ReportingYear(startYear: $0).shortLabel } ?? slice.label : slice.label
            return Slice(label: slice.label, shortLabel: short, href: href, profile: slice.profile, trend: trend)
        }
    }

    /// The profile as a spreadsheet: `by` is rung (the default), year, organisation or service.
    func csv(req: Request) async throws -> Response {
        let store = EngagementStore(try req.store)
        let filters = try await EngagementFilters(req, path: Paths.ladderProfile.url())
        let by = req.query[String.self, at: "by"] ?? "rung"
        let ladder = try await store.settings().ladder
        if by == "rung" {
            let profile = try await store.profile(filters.filter)
            var rows = profile.rows.reversed().map { [$0.name, $0.meaning, String($0.planned), String($0.achieved)] }
            if profile.belowLadderPlanned + profile.belowLadderAchieved > 0 {
                rows.append(["Below this ladder", "Recorded on another ladder below its lowest rung",
                             String(profile.belowLadderPlanned), String(profile.belowLadderAchieved)])
            }
            rows.append(["Not known yet", "The rung reached is not recorded yet", "", String(profile.notYetKnown)])
            return try CSVDownload.response(fileName: "ladder-profile\(fileSuffix(filters)).csv",
                                            header: ["Rung", "What it means", "Activities planned at this rung", "Activities that reached this rung"],
                                            rows: rows)
        }
        guard let dimension = EngagementStore.Dimension(rawValue: by) else {
            throw Abort(.badRequest, reason: "There is no spreadsheet split that way. The figures can be split by rung, year, organisation or service.")
        }
        let slices = try await self.slices(store, filters, dimension)
        let header = [dimension == .year ? "Year" : dimension == .organisation ? "Organisation" : "Service or project", "Activities"]
            + ladder.rungs.reversed().map { "Reached \($0.name.lowercased())" }
            + ["Below this ladder", "Not known yet", "Reached the rung planned or higher", "Fell short of the rung planned",
               "Per cent reaching co-design or co-production"] + (dimension == .year ? ["Trend on the year before"] : [])
        let rows = slices.map { slice in
            [slice.label, String(slice.profile.total)] + slice.profile.rows.reversed().map { String($0.achieved) }
                + [String(slice.profile.belowLadderAchieved), String(slice.profile.notYetKnown), String(slice.profile.reachedPlan),
                   String(slice.profile.fellShort), slice.profile.sharedDecisionsPercent.map(String.init) ?? ""]
                + (dimension == .year ? [slice.trend?.label ?? ""] : [])
        }
        return try CSVDownload.response(fileName: "ladder-profile-by-\(dimension.rawValue)\(fileSuffix(filters)).csv", header: header, rows: rows)
    }

    private func fileSuffix(_ filters: EngagementFilters) -> String {
        filters.filter.year.map { "-" + $0.shortLabel } ?? ""
    }

    // MARK: Settings

    struct SettingsForm: Content {
        var ladder: String?
        var daysToTell: String?
    }

    func settings(req: Request) async throws -> Response {
        let current = try await EngagementStore(try req.store).settings()
        return try await renderSettings(req, form: SettingsForm(ladder: current.ladder.key, daysToTell: String(current.daysToTell)),
                                        errors: ValidationErrors())
    }

    func saveSettings(req: Request) async throws -> Response {
        let form = try req.content.decode(SettingsForm.self)
        do {
            try await EngagementStore(try req.store).updateSettings(ladderKey: form.ladder, daysToTell: form.daysToTell)
            return req.redirect(to: Paths.engagement.url(), banner: "Engagement settings saved")
        } catch let errors as ValidationErrors {
            return try await renderSettings(req, form: form, errors: errors)
        }
    }

    private func renderSettings(_ req: Request, form: SettingsForm, errors: ValidationErrors) async throws -> Response {
        let hints = Dictionary(uniqueKeysWithValues: LadderDefinition.shipped.map { ladder in
            (ladder.key, "From \(ladder.source). Rungs, lowest first: \(ladder.rungs.map(\.name).joined(separator: ", ")).")
        })
        let fields: [FormField] = [
            .choice("ladder", "Which ladder of participation does the area use?", options: LadderDefinition.shipped.map { ($0.key, $0.name) },
                    selected: [form.ladder ?? ""], errors: errors,
                    hint: "New activities are recorded on it. Activities already recorded keep their rungs, and every ladder is compared on the 7-rung ladder.",
                    optionHints: hints),
            .text("daysToTell", "How many days after an activity ends should participants be told what changed?", value: form.daysToTell,
                  errors: errors, hint: "Activities not told by then are listed, and shown on the home page.", kind: .number, width: "4"),
        ]
        return try await req.renderForm(title: "Engagement settings", action: Paths.engagementSettings.url(), submitLabel: "Save settings",
                                        cancelPath: Paths.engagement.url(), fields: fields, errors: errors)
    }
}
