/// What a person's record holds once checked: who they are and how to reach them.
public struct PersonDetails: Sendable, Equatable {
    public let fullName: String
    public let jobTitle: String?
    public let email: String?
    public let phone: String?

    public static let maximumNameLength = 200

    public init(fullName: String, jobTitle: String? = nil, email: String? = nil, phone: String? = nil) {
        self.fullName = fullName
        self.jobTitle = jobTitle
        self.email = email
        self.phone = phone
    }

    public static func validate(fullName: String?, jobTitle: String?, email: String?, phone: String?) throws -> PersonDetails {
        var errors = ValidationErrors()
        let fullName = errors.line(fullName, field: "fullName", label: "Full name", maximum: maximumNameLength)
        if fullName.isEmpty { errors.add(field: "fullName", message: "Enter the person's full name") }
        let jobTitle = errors.optionalLine(jobTitle, field: "jobTitle", label: "Role or job title", maximum: maximumNameLength)
        let email = errors.optionalLine(email, field: "email", label: "E-mail address", maximum: 254)
        if let email, !TextInput.isPlausibleEmail(email) {
            errors.add(field: "email", message: "Enter an e-mail address in the correct format, like name@example.org")
        }
        let phone = errors.optionalLine(phone, field: "phone", label: "Phone number", maximum: 30)
        if let phone, !TextInput.isPlausiblePhone(phone) {
            errors.add(field: "phone", message: "Enter a phone number, like 07700 900 982")
        }
        try errors.throwIfAny()
        return PersonDetails(fullName: fullName, jobTitle: jobTitle, email: email?.lowercased(), phone: phone)
    }
}

/// Diversity monitoring the forum keeps about its members, so it can see
/// whether its membership reflects the area's families (seed 000, clause 5.3).
/// Every answer is optional and "Prefer not to say" is always offered.
public struct DiversityMonitoring: Sendable, Equatable, Codable {
    public enum EthnicGroup: String, CaseIterable, Codable, Sendable {
        case asian = "asian"
        case black = "black"
        case mixed = "mixed"
        case white = "white"
        case other = "other"
        case preferNotToSay = "prefer-not-to-say"

        /// The census 2021 high-level groups for England and Wales.
        public var label: String {
            switch self {
            case .asian: "Asian or Asian British"
            case .black: "Black, Black British, Caribbean or African"
            case .mixed: "Mixed or multiple ethnic groups"
            case .white: "White"
            case .other: "Another ethnic group"
            case .preferNotToSay: "Prefer not to say"
            }
        }
    }

    public enum Answer: String, CaseIterable, Codable, Sendable {
        case yes, no
        case preferNotToSay = "prefer-not-to-say"

        public var label: String {
            switch self {
            case .yes: "Yes"
            case .no: "No"
            case .preferNotToSay: "Prefer not to say"
            }
        }
    }

    public var ethnicGroup: EthnicGroup?
    public var disabled: Answer?
    public var mainLanguage: String?

    public init(ethnicGroup: EthnicGroup? = nil, disabled: Answer? = nil, mainLanguage: String? = nil) {
        self.ethnicGroup = ethnicGroup
        self.disabled = disabled
        self.mainLanguage = mainLanguage
    }

    public var isEmpty: Bool { ethnicGroup == nil && disabled == nil && mainLanguage == nil }

    public static func validate(ethnicGroup: String?, disabled: String?, mainLanguage: String?) throws -> DiversityMonitoring {
        var errors = ValidationErrors()
        var result = DiversityMonitoring()
        if let raw = TextInput.optional(ethnicGroup) {
            if let group = EthnicGroup(rawValue: raw) { result.ethnicGroup = group }
            else { errors.add(field: "ethnicGroup", message: "Select an ethnic group from the list") }
        }
        if let raw = TextInput.optional(disabled) {
            if let answer = Answer(rawValue: raw) { result.disabled = answer }
            else { errors.add(field: "disabled", message: "Select yes, no or prefer not to say") }
        }
        result.mainLanguage = errors.optionalLine(mainLanguage, field: "mainLanguage", label: "Main language", maximum: 100)
        try errors.throwIfAny()
        return result
    }
}
