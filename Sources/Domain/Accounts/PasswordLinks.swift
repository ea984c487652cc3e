import Foundation

/// A link e-mailed to someone so they choose their own password, and nobody
/// reads one out over the phone: an invitation when an account is made, or a
/// reset when they have forgotten it. Only a digest of the link's secret is
/// kept; a link works once, until it runs out, and a newer link of the same
/// account replaces it.
public enum PasswordLinkKind: String, Codable, Sendable, CaseIterable {
    case invitation
    case reset

    /// How long the link works. An invitation may wait for a busy parent to
    /// open their e-mail; a reset is asked for by someone at the keyboard now.
    public var lifetime: TimeInterval {
        switch self {
        case .invitation: 7 * 24 * 60 * 60
        case .reset: 60 * 60
        }
    }

    /// The lifetime in words, for the e-mail and the pages.
    public var lifetimeInWords: String {
        switch self {
        case .invitation: "7 days"
        case .reset: "1 hour"
        }
    }
}

/// What a link can still do when it is opened.
public enum PasswordLinkState: Sendable, Equatable {
    case usable
    case used
    case expired
    /// A newer link was sent to the same account, or its password was set another way.
    case replaced
    /// The account was turned off: its links do nothing until an admin turns it on and sends another.
    case accountTurnedOff

    public static func of(expiresAt: Date, usedAt: Date?, replaced: Bool, now: Date) -> PasswordLinkState {
        if usedAt != nil { return .used }
        if replaced { return .replaced }
        return now < expiresAt ? .usable : .expired
    }

    /// Why a link that cannot be used does not work, in words for the person holding it.
    public var explanation: String? {
        switch self {
        case .usable: nil
        case .used: "This link has already been used. Each link works only once."
        case .expired: "This link has run out."
        case .replaced: "This link no longer works: a newer link was sent, or the password was changed, since. Use the link in the latest e-mail."
        case .accountTurnedOff: "This link no longer works: the account it is for has been turned off. Ask your area admin."
        }
    }
}

/// How often anyone may ask for a reset e-mail. Asking is open to anyone who
/// knows an address, so it is limited: for one e-mail address, an hour and a
/// day, so nobody's inbox can be flooded, and from one network address, so
/// one machine cannot try many. Refused requests get the same answer as
/// granted ones, so the page never says whether an address has an account.
public struct PasswordResetLimits: Sendable, Equatable {
    public var perEmail: Int
    public var perEmailPerDay: Int
    public var perAddress: Int
    public var window: TimeInterval

    public static let standard = PasswordResetLimits(perEmail: 3, perEmailPerDay: 6, perAddress: 10, window: 60 * 60)

    public init(perEmail: Int, perEmailPerDay: Int, perAddress: Int, window: TimeInterval) {
        self.perEmail = perEmail
        self.perEmailPerDay = perEmailPerDay
        self.perAddress = perAddress
        self.window = window
    }

    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }
    public func dayStart(now: Date) -> Date { now.addingTimeInterval(-24 * 60 * 60) }

    /// Whether one more request may come from a network address that made `count` within the window.
    public func allowsRequest(fromAddress count: Int) -> Bool { count < perAddress }

    /// Whether a link may go to an e-mail address asked for at these times (the latest, within a day).
    public func allows(sentToEmailWithin times: [Date], now: Date) -> Bool {
        times.count < perEmailPerDay && times.filter { $0 > windowStart(now: now) }.count < perEmail
    }
}

/// The e-mail that carries a password link, in plain words.
public struct PasswordLinkEmail: Sendable, Equatable {
    public let subject: String
    public let body: String

    /// To someone an area admin has just made an account for.
    public static func invitation(name: String, areaName: String, roleLabel: String, invitedBy: String, signInEmail: String,
                                  link: String) -> PasswordLinkEmail {
        let lines = [
            "Hello \(name),",
            "",
            "\(invitedBy) has made you an account on Coproduce for \(areaName), as \(Self.article(roleLabel)) \(roleLabel.lowercased()).",
            "Coproduce is where the parent carer forum, the council and the NHS keep their meetings, papers and agreements.",
            "",
            "Choose your password with this link:",
            link,
            "",
            "The link works once, for \(PasswordLinkKind.invitation.lifetimeInWords). If it has run out, ask \(invitedBy) to send another.",
            "You will sign in with this e-mail address: \(signInEmail)",
            "",
            "If you were not expecting this, you can ignore this e-mail. Nobody can use the account until a password is chosen.",
        ]
        return PasswordLinkEmail(subject: "Your Coproduce account for \(areaName)", body: lines.joined(separator: "\n") + "\n")
    }

    /// To someone who asked for a new password, or whose admin sent them a link.
    public static func reset(name: String, areaName: String, link: String) -> PasswordLinkEmail {
        let lines = [
            "Hello \(name),",
            "",
            "We were asked to send a link to set a new password for your Coproduce account for \(areaName).",
            "",
            "Choose your new password with this link:",
            link,
            "",
            "The link works once, for \(PasswordLinkKind.reset.lifetimeInWords). If it has run out, ask for another on the sign-in page.",
            "",
            "If you did not ask for this, you can ignore this e-mail: your password has not changed.",
        ]
        return PasswordLinkEmail(subject: "Set a new password for Coproduce", body: lines.joined(separator: "\n") + "\n")
    }

    private static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}
