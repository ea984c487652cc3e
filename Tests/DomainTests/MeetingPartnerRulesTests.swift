import Domain
import Foundation
import Testing

/// The rules about partners and what follows a meeting: asking every partner
/// for items, agreeing the final agenda, discussing complaints and sending
/// the minutes.
@Suite("Meetings: partners' items, the agreed agenda, complaints and minutes")
struct MeetingPartnerRulesTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso8601: text)! }
    static func on(_ date: String, _ time: String = "09:00") -> UKDateTime { UKDateTime(date: Self.date(date), time: TimeOfDay(time)!) }

    typealias Partner = MeetingRuleCheck.Partner

    /// A meeting on Tuesday 9 March 2027, 10am to 12pm.
    func facts(partners: [Partner] = [], items: [(title: String, hasForumAsk: Bool)] = [("Waiting times", true)],
               complaints: [MeetingRuleCheck.Complaint] = [], minutes: MeetingRuleCheck.MinutesFacts = .none,
               status: MeetingStatus = .scheduled) -> MeetingRuleCheck.Facts {
        MeetingRuleCheck.Facts(details: MeetingDetails(date: Self.date("2027-03-09"), startsAt: TimeOfDay("10:00")!, endsAt: TimeOfDay("12:00")!,
                                                       venue: "Hub", onlineLink: nil, refreshments: true),
                               status: status, chair: nil, namedContact: nil, attendance: nil,
                               agenda: MeetingRuleCheck.Agenda(items: items, packSentOn: nil, papers: []),
                               partners: partners, complaints: complaints, minutes: minutes)
    }

    func asked(_ name: String, _ on: String?, _ agreement: AgendaAgreement = .notAnswered) -> Partner {
        Partner(name: name, askedOn: on.map(Self.date), agreement: agreement)
    }

    func check(_ rule: ClauseRule, _ facts: MeetingRuleCheck.Facts, now: UKDateTime) -> MeetingRuleCheck.Outcome? {
        MeetingRuleCheck.check(rule, against: facts, now: now)
    }

    // MARK: Asking partners for items

    @Test("Partners asked exactly 14 days before keep a 14-day promise; 13 days breaks it")
    func askedBoundary() {
        let rule = ClauseRule.partnersAskedForItems(daysBefore: 14)
        let onTime = facts(partners: [asked("Forum", "2027-02-23"), asked("Council", "2027-02-20")])
        #expect(check(rule, onTime, now: Self.on("2027-03-01")) == .init(.met, "All 2 partners were asked for items by Tuesday 23 February 2027."))
        let late = facts(partners: [asked("Forum", "2027-02-24"), asked("Council", "2027-02-20"), asked("ICB", nil)])
        #expect(check(rule, late, now: Self.on("2027-03-01"))
                == .init(.notMet, "Forum was asked 13 days before; ICB was never asked; the agreement asks for 14 days."))
    }

    @Test("Before the last day, partners not yet asked are named with the day to ask them by")
    func askedAtRisk() {
        let rule = ClauseRule.partnersAskedForItems(daysBefore: 14)
        let facts = facts(partners: [asked("Forum", "2027-02-01"), asked("Council", nil), asked("ICB", nil)])
        #expect(check(rule, facts, now: Self.on("2027-02-23"))
                == .init(.atRisk, "Ask Council and ICB for agenda items by Tuesday 23 February 2027 to keep the 14-day promise."))
        // More than two weeks before the last day, it is only something to do.
        #expect(check(rule, facts, now: Self.on("2027-02-08"))?.result == .notYetDue)
        #expect(check(rule, facts, now: Self.on("2027-02-09"))?.result == .atRisk)
    }

    @Test("A meeting with no partner organisation has nobody to ask, and a cancelled one needs nothing")
    func noPartners() {
        #expect(check(.partnersAskedForItems(daysBefore: 14), facts(), now: Self.on("2027-03-01"))?.result == .notApplicable)
        #expect(check(.agendaAgreedJointly, facts(), now: Self.on("2027-03-01"))?.result == .notApplicable)
        #expect(check(.partnersAskedForItems(daysBefore: 14), facts(partners: [asked("Forum", nil)], status: .cancelled), now: Self.on("2027-03-10"))
                == .init(.notApplicable, "The meeting was cancelled."))
    }

    // MARK: Agreeing the final agenda

    @Test("The agenda is agreed jointly only when every partner agreed it as it stands")
    func agreedJointly() {
        let all = facts(partners: [asked("Forum", "2027-02-01", .agreedThisAgenda), asked("Council", "2027-02-01", .agreedThisAgenda)])
        #expect(check(.agendaAgreedJointly, all, now: Self.on("2027-03-08")) == .init(.met, "All 2 partners agreed the final agenda."))
        #expect(check(.agendaAgreedJointly, all, now: Self.on("2027-03-10"))?.result == .met)

        let changed = facts(partners: [asked("Forum", "2027-02-01", .agreedEarlierAgenda), asked("Council", "2027-02-01", .agreedThisAgenda),
                                       asked("ICB", nil)])
        #expect(check(.agendaAgreedJointly, changed, now: Self.on("2027-03-08"))
                == .init(.atRisk, "Waiting for Forum (who agreed it before it changed) and ICB to agree the final agenda before Tuesday 9 March 2027."))
        // A partner that never answered breaks the promise once the meeting starts.
        #expect(check(.agendaAgreedJointly, changed, now: Self.on("2027-03-09", "10:00"))
                == .init(.notMet, "The final agenda was not agreed by Forum (who agreed it before it changed) and ICB."))
        // More than four weeks ahead it is not yet a risk.
        #expect(check(.agendaAgreedJointly, changed, now: Self.on("2027-02-08"))?.result == .notYetDue)
    }

    @Test("An empty agenda cannot be agreed")
    func emptyAgenda() {
        let partners = [asked("Forum", "2027-02-01", .agreedThisAgenda)]
        #expect(check(.agendaAgreedJointly, facts(partners: partners, items: []), now: Self.on("2027-03-08"))
                == .init(.atRisk, "Nothing is on the agenda yet for the partners to agree."))
        #expect(check(.agendaAgreedJointly, facts(partners: partners, items: []), now: Self.on("2027-03-10"))?.result == .notMet)
    }

    @Test("What a partner agreed is told apart from a changed agenda")
    func fingerprint() {
        let first = AgendaAgreement.fingerprint(of: [("1", "Waiting times", .discussion), ("2", "Budget", .decision)])
        #expect(first != AgendaAgreement.fingerprint(of: [("2", "Budget", .decision), ("1", "Waiting times", .discussion)]))
        #expect(first != AgendaAgreement.fingerprint(of: [("1", "Waiting times", .decision), ("2", "Budget", .decision)]))
        #expect(first != AgendaAgreement.fingerprint(of: [("1", "Waiting times", .discussion)]))
        #expect(first == AgendaAgreement.fingerprint(of: [("1", "Waiting times", .discussion), ("2", "Budget", .decision)]))
    }

    // MARK: Complaints

    @Test("Open complaints are on the agenda before the meeting, and must be recorded as discussed after it")
    func complaints() {
        let waiting = [MeetingRuleCheck.Complaint(described: "Received 1 March 2027, about Riverside Council", discussed: false),
                       MeetingRuleCheck.Complaint(described: "Received 2 March 2027, about the ICB", discussed: true)]
        #expect(check(.complaintsDiscussed, facts(complaints: waiting), now: Self.on("2027-03-08"))
                == .init(.notYetDue, "2 open complaints are on the agenda to discuss."))
        // Draft minutes can still record it.
        #expect(check(.complaintsDiscussed, facts(complaints: waiting), now: Self.on("2027-03-10"))
                == .init(.atRisk, "The minutes do not yet record 1 of 2 open complaints as discussed: Received 1 March 2027, about Riverside Council."))
        let approved = MeetingRuleCheck.MinutesFacts(firstSentOn: Self.date("2027-03-12"), approved: true)
        #expect(check(.complaintsDiscussed, facts(complaints: waiting, minutes: approved), now: Self.on("2027-04-10"))
                == .init(.notMet, "1 of 2 open complaints was not discussed: Received 1 March 2027, about Riverside Council."))
        let done = waiting.map { MeetingRuleCheck.Complaint(described: $0.described, discussed: true) }
        #expect(check(.complaintsDiscussed, facts(complaints: done), now: Self.on("2027-03-10")) == .init(.met, "All 2 open complaints were discussed."))
        #expect(check(.complaintsDiscussed, facts(), now: Self.on("2027-03-10")) == .init(.met, "No open complaint was waiting to be discussed."))
        #expect(check(.complaintsDiscussed, facts(), now: Self.on("2027-03-01"))?.result == .notYetDue)
    }

    // MARK: Minutes

    @Test("Minutes sent exactly 7 days after keep a 7-day promise; 8 days breaks it")
    func minutesBoundary() {
        let rule = ClauseRule.minutesCirculatedWithin(days: 7)
        func sent(_ day: String) -> MeetingRuleCheck.Facts { facts(minutes: .init(firstSentOn: Self.date(day), approved: false)) }
        #expect(check(rule, sent("2027-03-16"), now: Self.on("2027-04-01")) == .init(.met, "The minutes went out 7 days after the meeting."))
        #expect(check(rule, sent("2027-03-09"), now: Self.on("2027-04-01")) == .init(.met, "The minutes went out on the day of the meeting."))
        #expect(check(rule, sent("2027-03-17"), now: Self.on("2027-04-01"))
                == .init(.notMet, "The minutes went out 8 days after the meeting; the agreement asks for 7."))
    }

    @Test("Minutes not yet sent are due, then at risk, then late")
    func minutesNotSent() {
        let rule = ClauseRule.minutesCirculatedWithin(days: 7)
        #expect(check(rule, facts(), now: Self.on("2027-03-08")) == .init(.notYetDue, "The minutes are due to go out by Tuesday 16 March 2027."))
        #expect(check(rule, facts(), now: Self.on("2027-03-16", "23:00"))
                == .init(.atRisk, "Send the minutes by Tuesday 16 March 2027 to keep the 7-day promise."))
        #expect(check(rule, facts(), now: Self.on("2027-03-17"))
                == .init(.notMet, "The minutes have not gone out; the agreement asks for them within 7 days."))
    }
}
