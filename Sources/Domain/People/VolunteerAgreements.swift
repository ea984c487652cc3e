/// Whether a forum representative has a signed volunteer agreement in force
/// (seed 000, clause 5.2). A representative without one is flagged wherever
/// they would represent the forum.
public enum VolunteerAgreementStatus: Sendable, Equatable {
    case current(expiresOn: CalendarDate?)
    case expiringSoon(expiresOn: CalendarDate)
    case expired(on: CalendarDate)
    case missing

    /// How many days before expiry a representative is warned: long enough
    /// to meet, sign and record a new one.
    public static let warningDays = 60

    public struct Agreement: Sendable, Equatable {
        public let signedOn: CalendarDate
        public let expiresOn: CalendarDate?
        public init(signedOn: CalendarDate, expiresOn: CalendarDate?) {
            self.signedOn = signedOn
            self.expiresOn = expiresOn
        }
    }

    /// The status given every agreement the person has signed.
    public static func evaluate(_ agreements: [Agreement], on today: CalendarDate) -> VolunteerAgreementStatus {
        let signed = agreements.filter { $0.signedOn <= today }
        if signed.isEmpty { return .missing }
        let inForce = signed.filter { ($0.expiresOn ?? today) >= today }
        if inForce.contains(where: { $0.expiresOn == nil }) { return .current(expiresOn: nil) }
        if let latest = inForce.compactMap(\.expiresOn).max() {
            return latest <= today.adding(days: warningDays) ? .expiringSoon(expiresOn: latest) : .current(expiresOn: latest)
        }
        let lastExpiry = signed.compactMap(\.expiresOn).max()!
        return .expired(on: lastExpiry)
    }

    /// Whether the person may represent the forum today.
    public var isInForce: Bool {
        switch self {
        case .current, .expiringSoon: true
        case .expired, .missing: false
        }
    }

    public var label: String {
        switch self {
        case .current(let expiresOn):
            expiresOn.map { "Signed, in force until \($0.longForm)" } ?? "Signed, in force"
        case .expiringSoon(let expiresOn): "Signed, ends on \(expiresOn.longForm): renew soon"
        case .expired(let on): "Ended on \(on.longForm): no agreement in force"
        case .missing: "No signed volunteer agreement"
        }
    }

    /// The day the agreement in force ends, or the last one ended; nil when it has no end or none was signed.
    public var endDate: CalendarDate? {
        switch self {
        case .current(let expiresOn): expiresOn
        case .expiringSoon(let expiresOn): expiresOn
        case .expired(let on): on
        case .missing: nil
        }
    }

    public var shortLabel: String {
        switch self {
        case .current: "In force"
        case .expiringSoon: "Ends soon"
        case .expired: "Ended"
        case .missing: "Not signed"
        }
    }

    public static func validate(signedOn: DateInput, expiresOn: DateInput, today: CalendarDate) throws -> Agreement {
        var errors = ValidationErrors()
        var signed: CalendarDate?
        switch signedOn.parse(label: "Date signed") {
        case .success(let date):
            if date > today { errors.add(field: "signedOn", message: "Date signed must be today or in the past") }
            else { signed = date }
        case .failure(let problem): errors.add(field: "signedOn", message: problem.message)
        }
        var expires: CalendarDate?
        if !expiresOn.isBlank {
            switch expiresOn.parse(label: "End date") {
            case .success(let date):
                if let signed, date <= signed { errors.add(field: "expiresOn", message: "End date must be after the date signed") }
                else { expires = date }
            case .failure(let problem): errors.add(field: "expiresOn", message: problem.message)
            }
        }
        try errors.throwIfAny()
        return Agreement(signedOn: signed!, expiresOn: expires)
    }
}
