/// The kinds of organisation that take part in a local SEND partnership.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case parentCarerForum = "parent-carer-forum"
    case localAuthority = "local-authority"
    case nhsCommissioner = "nhs-commissioner"
    case provider
    case school
    case voluntaryGroup = "voluntary-group"
    case childrenAndYoungPeoplesGroup = "children-and-young-peoples-group"
    case other

    public var label: String {
        switch self {
        case .parentCarerForum: "Parent carer forum"
        case .localAuthority: "Local authority (council)"
        case .nhsCommissioner: "NHS commissioner (integrated care board)"
        case .provider: "Service provider"
        case .school: "School or college"
        case .voluntaryGroup: "Voluntary or community group"
        case .childrenAndYoungPeoplesGroup: "Children and young people's group"
        case .other: "Other"
        }
    }
}

/// What an organisation's record holds once checked.
public struct OrganisationDetails: Sendable, Equatable {
    public let name: String
    public let kind: OrganisationKind
    public let email: String?
    public let phone: String?

    public static let maximumNameLength = 200

    public init(name: String, kind: OrganisationKind, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.kind = kind
        self.email = email
        self.phone = phone
    }

    /// Checks what was typed; every problem is reported at once.
    public static func validate(name: String?, kind: String?, email: String?, phone: String?) throws -> OrganisationDetails {
        var errors = ValidationErrors()
        let name = errors.line(name, field: "name", label: "Name", maximum: maximumNameLength)
        if name.isEmpty { errors.add(field: "name", message: "Enter the organisation's name") }
        let kind = OrganisationKind(rawValue: TextInput.clean(kind))
        if kind == nil { errors.add(field: "kind", message: "Select the kind of organisation") }
        let email = errors.optionalLine(email, field: "email", label: "E-mail address", maximum: 254)
        if let email, !TextInput.isPlausibleEmail(email) {
            errors.add(field: "email", message: "Enter an e-mail address in the correct format, like name@example.org")
        }
        let phone = errors.optionalLine(phone, field: "phone", label: "Phone number", maximum: 30)
        if let phone, !TextInput.isPlausiblePhone(phone) {
            errors.add(field: "phone", message: "Enter a phone number, like 01632 960 001")
        }
        try errors.throwIfAny()
        return OrganisationDetails(name: name, kind: kind!, email: email?.lowercased(), phone: phone)
    }
}
