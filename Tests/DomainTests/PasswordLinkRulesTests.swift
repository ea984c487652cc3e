import Domain
import Foundation
import Testing

@Suite("Password links: how long they work, and how often anyone may ask")
struct PasswordLinkRulesTests {
    let sent = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("A link works until it runs out, once, and not after a newer one")
    func states() {
        let expires = sent.addingTimeInterval(PasswordLinkKind.reset.lifetime)
        #expect(PasswordLinkState.of(expiresAt: expires, usedAt: nil, replaced: false, now: sent) == .usable)
        #expect(PasswordLinkState.of(expiresAt: expires, usedAt: nil, replaced: false, now: expires.addingTimeInterval(-1)) == .usable)
        #expect(PasswordLinkState.of(expiresAt: expires, usedAt: nil, replaced: false, now: expires) == .expired)
        #expect(PasswordLinkState.of(expiresAt: expires, usedAt: sent, replaced: false, now: sent) == .used)
        // Used is said before run out or replaced: it is what the person did.
        #expect(PasswordLinkState.of(expiresAt: expires, usedAt: sent, replaced: true, now: expires) == .used)
        #expect(PasswordLinkState.of(expiresAt: expires, usedAt: nil, replaced: true, now: sent) == .replaced)
        #expect(PasswordLinkState.usable.explanation == nil)
        for state in [PasswordLinkState.used, .expired, .replaced, .accountTurnedOff] { #expect(state.explanation != nil) }
    }

    @Test("An invitation waits a week; a reset works for an hour")
    func lifetimes() {
        #expect(PasswordLinkKind.invitation.lifetime == 7 * 24 * 60 * 60)
        #expect(PasswordLinkKind.reset.lifetime == 60 * 60)
        #expect(PasswordLinkKind.invitation.lifetimeInWords == "7 days")
        #expect(PasswordLinkKind.reset.lifetimeInWords == "1 hour")
    }

    @Test("Asking is limited for one e-mail address, an hour and a day, and for one network address")
    func limits() {
        let limits = PasswordResetLimits.standard
        let minutesAgo = { (minutes: Double) in sent.addingTimeInterval(-minutes * 60) }
        #expect(limits.allows(sentToEmailWithin: [], now: sent))
        #expect(limits.allows(sentToEmailWithin: [minutesAgo(1), minutesAgo(2)], now: sent))
        #expect(!limits.allows(sentToEmailWithin: [minutesAgo(1), minutesAgo(2), minutesAgo(59)], now: sent))
        // Requests older than the hour count only towards the day.
        #expect(limits.allows(sentToEmailWithin: [minutesAgo(1), minutesAgo(2), minutesAgo(61)], now: sent))
        #expect(!limits.allows(sentToEmailWithin: [minutesAgo(1), minutesAgo(70), minutesAgo(130), minutesAgo(190), minutesAgo(250), minutesAgo(310)], now: sent))
        #expect(limits.allowsRequest(fromAddress: limits.perAddress - 1))
        #expect(!limits.allowsRequest(fromAddress: limits.perAddress))
        #expect(limits.windowStart(now: sent) == sent.addingTimeInterval(-60 * 60))
        #expect(limits.dayStart(now: sent) == sent.addingTimeInterval(-24 * 60 * 60))
    }

    @Test("The e-mails carry the link, say how long it works and what to do if it was not expected")
    func emails() {
        let invitation = PasswordLinkEmail.invitation(name: "Amara Okafor", areaName: "Riverside", roleLabel: "Area admin", invitedBy: "Pat Reid",
                                                      signInEmail: "amara@example.com", link: "https://coproduce.example.org/password/abc")
        #expect(invitation.subject == "Your Coproduce account for Riverside")
        #expect(invitation.body.contains("Pat Reid has made you an account on Coproduce for Riverside, as an area admin."))
        #expect(invitation.body.contains("\nhttps://coproduce.example.org/password/abc\n"))
        #expect(invitation.body.contains("amara@example.com"))
        #expect(invitation.body.contains("7 days"))
        #expect(invitation.body.contains("ignore this e-mail"))
        let officer = PasswordLinkEmail.invitation(name: "Sam", areaName: "Riverside", roleLabel: "Forum officer", invitedBy: "Pat Reid",
                                                   signInEmail: "sam@example.com", link: "x")
        #expect(officer.body.contains("as a forum officer."))
        let reset = PasswordLinkEmail.reset(name: "Sam Hughes", areaName: "Riverside", link: "https://coproduce.example.org/password/xyz")
        #expect(reset.subject == "Set a new password for Coproduce")
        #expect(reset.body.contains("\nhttps://coproduce.example.org/password/xyz\n"))
        #expect(reset.body.contains("1 hour"))
        #expect(reset.body.contains("your password has not changed"))
    }
}
