import Domain
import Foundation
import Testing

@Suite("Meetings: arranging them and checking the agreement's rules")
struct MeetingRulesTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso8601: text)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

    func validate(date: String = "2027-03-09", startsAt: String? = "10am", endsAt: String? = "12pm", venue: String? = "Riverside Hub",
                  onlineLink: String? = nil, refreshments: String? = "yes", today: String = "2027-01-01") throws -> MeetingDetails {
        let day = Self.date(date)
        return try MeetingDetails.validate(date: DateInput(day), startsAt: startsAt, endsAt: endsAt, venue: venue, onlineLink: onlineLink,
                                           refreshments: refreshments, today: Self.date(today))
    }

    // MARK: Times as people type them

    @Test("Times are read as people type them", arguments: [
        ("10am", "10:00"), ("10 AM", "10:00"), ("2pm", "14:00"), ("2:30pm", "14:30"), ("2.30 p.m.", "14:30"), ("12pm", "12:00"),
        ("12am", "00:00"), ("midday", "12:00"), ("noon", "12:00"), ("14:00", "14:00"), ("9:05", "09:05"), ("9", "09:00"), ("09.30", "09:30"),
    ])
    func typedTimes(typed: String, expected: String) {
        #expect(TimeOfDay(typed: typed)?.description == expected)
    }

    @Test("Times that are not times are refused", arguments: ["", "13pm", "0am", "25:00", "10:60", "10:5", "1030", "ten", "10:00:00", "１０am", "10::00", "pm"])
    func badTimes(typed: String) {
        #expect(TimeOfDay(typed: typed) == nil)
    }

    // MARK: Arranging

    @Test("A meeting needs a date, times in order, a place and an answer about refreshments")
    func validMeeting() throws {
        let details = try validate(onlineLink: "https://meet.example.org/liaison")
        #expect(details.startsAt == Self.time("10:00"))
        #expect(details.endsAt == Self.time("12:00"))
        #expect(details.venue == "Riverside Hub")
        #expect(details.onlineLink == "https://meet.example.org/liaison")
        #expect(details.refreshments)
    }

    @Test("A meeting that ends before it starts, or when it starts, is refused", arguments: ["9am", "10am"])
    func endsBeforeStart(end: String) {
        #expect(throws: ValidationErrors(field: "endsAt", message: "End time must be after the start time")) {
            try validate(startsAt: "10am", endsAt: end)
        }
    }

    @Test("Every problem is reported at once, each at its field")
    func everyProblem() {
        do {
            _ = try MeetingDetails.validate(date: DateInput(), startsAt: "", endsAt: "half past", venue: " ", onlineLink: nil,
                                            refreshments: nil, today: Self.date("2027-01-01"))
            Issue.record("expected errors")
        } catch let errors as ValidationErrors {
            #expect(errors.errors.map(\.field) == ["date", "startsAt", "endsAt", "venue", "refreshments"])
            #expect(errors.message(for: "endsAt") == "Enter the end time like 10am, 2:30pm or 14:30")
            #expect(errors.message(for: "venue") == "Enter the venue, an online meeting link, or both")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("An online link must be an https web address", arguments: ["http://meet.example.org", "javascript:alert(1)", "https://", "https://meet example.org", "meet.example.org", "https://localhost"])
    func badLinks(link: String) {
        #expect(throws: ValidationErrors(field: "onlineLink", message: "Online meeting link must be a web address starting with https://")) {
            try validate(venue: nil, onlineLink: link)
        }
    }

    @Test("An online meeting needs no venue")
    func onlineOnly() throws {
        let details = try validate(venue: "", onlineLink: "https://teams.example.com/l/meetup-join/abc")
        #expect(details.venue == nil)
    }

    @Test("The hour the clocks go forward is refused; the hour they go back is fine")
    func clockChanges() throws {
        // The clocks went forward at 1am on Sunday 28 March 2027 and go back at 2am on Sunday 31 October 2027.
        #expect(throws: ValidationErrors(field: "startsAt", message: "The clocks go forward at 1am that day, so 1:30am does not happen. Choose a time from 2am")) {
            try validate(date: "2027-03-28", startsAt: "1:30am", endsAt: "3am")
        }
        let autumn = try validate(date: "2027-10-31", startsAt: "1:30am", endsAt: "3am")
        #expect(autumn.start.isSummerTime)
    }

    @Test("Dates far in the future or the past are refused")
    func dateRange() {
        #expect(throws: ValidationErrors(field: "date", message: "Date must be within 5 years from today")) {
            try validate(date: "2032-01-02", today: "2027-01-01")
        }
        #expect(throws: ValidationErrors(field: "date", message: "Date must be within the last 10 years")) {
            try validate(date: "2016-12-31", today: "2027-01-01")
        }
    }

    // MARK: Series

    @Test("A monthly series keeps the weekday and its place in the month")
    func monthlySeries() {
        // Tuesday 12 January 2027 is the second Tuesday.
        let dates = MeetingSeries.dates(from: Self.date("2027-01-12"), cadence: .monthly, count: 4)!
        #expect(dates.map(\.iso8601) == ["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"])
        #expect(dates.allSatisfy { $0.weekday == 2 })
    }

    @Test("A fifth weekday becomes the last of the month")
    func fifthWeekday() {
        // Friday 29 January 2027 is the fifth Friday; February has four.
        let dates = MeetingSeries.dates(from: Self.date("2027-01-29"), cadence: .monthly, count: 2)!
        #expect(dates.map(\.iso8601) == ["2027-01-29", "2027-02-26"])
    }

    @Test("Weekly, six-weekly and quarterly series step as their names say")
    func otherCadences() {
        #expect(MeetingSeries.dates(from: Self.date("2027-01-12"), cadence: .everySixWeeks, count: 3)!.map(\.iso8601)
                == ["2027-01-12", "2027-02-23", "2027-04-06"])
        #expect(MeetingSeries.dates(from: Self.date("2027-01-05"), cadence: .weekly, count: 2)!.map(\.iso8601) == ["2027-01-05", "2027-01-12"])
        // The first Thursday of each quarter.
        #expect(MeetingSeries.dates(from: Self.date("2027-01-07"), cadence: .quarterly, count: 3)!.map(\.iso8601)
                == ["2027-01-07", "2027-04-01", "2027-07-01"])
        #expect(MeetingSeries.dates(from: Self.date("2027-01-07"), cadence: .asNeeded, count: 3) == nil)
        #expect(MeetingSeries.dates(from: Self.date("2027-01-07"), cadence: .weekly, count: 500)!.count == MeetingSeries.maximumCount)
    }

    // MARK: The rules

    static let forum = MeetingRuleCheck.Person(name: "Amara Okafor", organisationName: "Riverside Parent Carer Forum", organisationKind: .parentCarerForum)
    static let council = MeetingRuleCheck.Person(name: "Helen Carter", organisationName: "Riverside Council", organisationKind: .localAuthority)
    static let nhs = MeetingRuleCheck.Person(name: "Fiona Grant", organisationName: "NHS Riverside and Vale ICB", organisationKind: .nhsCommissioner)
    static let window = ClauseRule.meetingTimeWindow(from: time("10:00"), to: time("14:00"))

    func facts(date: String = "2027-03-09", from: String = "10:00", to: String = "12:00", refreshments: Bool = true,
               status: MeetingStatus = .scheduled, chair: MeetingRuleCheck.Person? = forum, contact: MeetingRuleCheck.Person? = council,
               attendance: [MeetingRuleCheck.Attendee]? = nil) -> MeetingRuleCheck.Facts {
        MeetingRuleCheck.Facts(details: MeetingDetails(date: Self.date(date), startsAt: Self.time(from), endsAt: Self.time(to), venue: "Hub",
                                                       onlineLink: nil, refreshments: refreshments),
                               status: status, chair: chair, namedContact: contact, attendance: attendance)
    }

    static let before = UKDateTime(date: date("2027-03-01"), time: time("09:00"))
    static let after = UKDateTime(date: date("2027-03-10"), time: time("09:00"))

    @Test("The time window: 10:00 to 14:00 is kept; 09:59 and 14:01 are not", arguments: [
        ("10:00", "14:00", MeetingRuleCheck.Result.met), ("09:59", "12:00", .atRisk), ("10:00", "14:01", .atRisk), ("13:00", "14:00", .met),
    ])
    func timeWindow(from: String, to: String, expected: MeetingRuleCheck.Result) {
        #expect(MeetingRuleCheck.check(Self.window, against: facts(from: from, to: to), now: Self.before)?.result == expected)
        let afterwards = MeetingRuleCheck.check(Self.window, against: facts(from: from, to: to), now: Self.after)?.result
        #expect(afterwards == (expected == .met ? .met : .notMet))
    }

    @Test("A 10am meeting in British Summer Time is within a 10am window, on the UK clock")
    func summerTime() throws {
        // 12 May 2027 is in British Summer Time: 10am there is 09:00 UTC.
        let outcome = MeetingRuleCheck.check(Self.window, against: facts(date: "2027-05-12"), now: Self.before)
        #expect(outcome == .init(.met, "It runs from 10am to midday, within 10am to 2pm."))
        let instant = try UKDateTime(date: Self.date("2027-05-12"), time: Self.time("10:00")).instant().get()
        #expect(UKDateTime(instant).time == Self.time("10:00"))
    }

    @Test("What to do before the meeting says by when")
    func actBy() {
        #expect(MeetingRuleCheck.check(Self.window, against: facts(from: "09:30"), now: Self.before)
                == .init(.atRisk, "It is set for 9:30am to midday; move it to between 10am and 2pm to keep the promise."))
        #expect(MeetingRuleCheck.check(.namedContact, against: facts(contact: nil), now: Self.before)
                == .init(.atRisk, "Name someone to meet and welcome forum representatives before Tuesday 9 March 2027."))
        #expect(MeetingRuleCheck.check(.refreshmentsOffered, against: facts(refreshments: false), now: Self.before)
                == .init(.atRisk, "Arrange refreshments before Tuesday 9 March 2027."))
        #expect(MeetingRuleCheck.check(.refreshmentsOffered, against: facts(refreshments: false), now: Self.after)?.result == .notMet)
    }

    @Test("The meeting counts as started at its start time on the UK clock")
    func startedAtStart() {
        let justBefore = UKDateTime(date: Self.date("2027-03-09"), time: Self.time("09:59"))
        let atStart = UKDateTime(date: Self.date("2027-03-09"), time: Self.time("10:00"))
        #expect(MeetingRuleCheck.check(.namedContact, against: facts(contact: nil), now: justBefore)?.result == .atRisk)
        #expect(MeetingRuleCheck.check(.namedContact, against: facts(contact: nil), now: atStart)?.result == .notMet)
    }

    @Test("The chair must come from the kind of organisation the agreement names")
    func chair() {
        let rule = ClauseRule.chairFrom(.parentCarerForum)
        #expect(MeetingRuleCheck.check(rule, against: facts(), now: Self.after)
                == .init(.met, "Amara Okafor (Riverside Parent Carer Forum) chaired the meeting."))
        #expect(MeetingRuleCheck.check(rule, against: facts(chair: Self.council), now: Self.after)
                == .init(.notMet, "Helen Carter (Riverside Council) chaired; the agreement asks for someone from the parent carer forum."))
        #expect(MeetingRuleCheck.check(rule, against: facts(chair: nil), now: Self.before)?.result == .atRisk)
    }

    @Test("Decision-makers: every partner on the list needs one who came")
    func decisionMakers() {
        func attendee(_ person: MeetingRuleCheck.Person, _ status: AttendanceStatus, decides: Bool) -> MeetingRuleCheck.Attendee {
            .init(person: person, status: status, makesDecisions: decides)
        }
        let kate = MeetingRuleCheck.Person(name: "Kate Osei", organisationName: Self.nhs.organisationName, organisationKind: .nhsCommissioner)
        let rule = ClauseRule.decisionMakersAttend
        #expect(MeetingRuleCheck.check(rule, against: facts(), now: Self.before)?.result == .notYetDue)
        #expect(MeetingRuleCheck.check(rule, against: facts(), now: Self.after)?.result == .atRisk)
        let all = [attendee(Self.forum, .attended, decides: true), attendee(Self.council, .attended, decides: true), attendee(Self.nhs, .attended, decides: true)]
        #expect(MeetingRuleCheck.check(rule, against: facts(attendance: all), now: Self.after)
                == .init(.met, "Someone who could make decisions came for each of the 3 partners."))
        // The NHS decision-maker sent apologies; the colleague who came cannot decide.
        let missing = [attendee(Self.forum, .attended, decides: true), attendee(Self.council, .attended, decides: true),
                       attendee(Self.nhs, .apologies, decides: true), attendee(kate, .attended, decides: false)]
        #expect(MeetingRuleCheck.check(rule, against: facts(attendance: missing), now: Self.after)
                == .init(.notMet, "Nobody who could make decisions came for NHS Riverside and Vale ICB."))
        #expect(MeetingRuleCheck.check(rule, against: facts(attendance: []), now: Self.after)?.result == .notMet)
    }

    @Test("A cancelled meeting keeps no promises and breaks none")
    func cancelled() {
        for rule in [Self.window, .namedContact, .chairFrom(.parentCarerForum), .refreshmentsOffered, .decisionMakersAttend] {
            #expect(MeetingRuleCheck.check(rule, against: facts(from: "08:00", status: .cancelled, contact: nil), now: Self.after)
                    == .init(.notApplicable, "The meeting was cancelled."))
        }
    }

    @Test("Rules about a group, not a meeting, are not judged here")
    func notHere() {
        for rule in [ClauseRule.termsOfReferenceWithAttendees, .meetingCadence(.monthly), .volunteerAgreementsForRepresentatives,
                     .personalDataForDesignatedForumRoles] {
            #expect(MeetingRuleCheck.check(rule, against: facts(), now: Self.after) == nil)
        }
    }

    @Test("Arranged through the forum's own address: met once anything about the meeting went there; a forum with no address is named")
    func forumAddress() {
        let rule = ClauseRule.communicationThroughForumAddress
        func outcome(_ forum: MeetingRuleCheck.ForumContact?, now: UKDateTime) -> MeetingRuleCheck.Outcome? {
            let base = facts()
            return MeetingRuleCheck.check(rule, against: .init(details: base.details, status: base.status, chair: base.chair, namedContact: base.namedContact,
                                                               attendance: nil, forum: forum), now: now)
        }
        let forum = "Riverside Parent Carer Forum"
        #expect(outcome(nil, now: Self.before) == .init(.notApplicable, "No parent carer forum is a partner in this meeting."))
        #expect(outcome(.init(name: forum, hasAddress: true, firstWrittenOn: Self.date("2027-02-20")), now: Self.after)
                == .init(.met, "The meeting was arranged through Riverside Parent Carer Forum's own address, first written to on 20 February 2027."))
        #expect(outcome(.init(name: forum, hasAddress: true, firstWrittenOn: nil), now: Self.before)
                == .init(.atRisk, "Nothing about the meeting has gone to Riverside Parent Carer Forum's own address yet: ask the partners for items, or send the agenda and papers."))
        #expect(outcome(.init(name: forum, hasAddress: true, firstWrittenOn: nil), now: Self.after)?.result == .notMet)
        #expect(outcome(.init(name: forum, hasAddress: false, firstWrittenOn: nil), now: Self.before)
                == .init(.atRisk, "Add Riverside Parent Carer Forum's own e-mail address, so the meeting is arranged through it."))
        // More than four weeks ahead, it is only something still to do.
        #expect(outcome(.init(name: forum, hasAddress: true, firstWrittenOn: nil), now: Self.on("2027-01-30"))?.result == .notYetDue)
    }

    // MARK: Agenda and papers

    func agenda(sent: String?, papers: [MeetingRuleCheck.Paper] = [], items: [(title: String, hasForumAsk: Bool)] = [("Complaints", true)]) -> MeetingRuleCheck.Agenda {
        MeetingRuleCheck.Agenda(items: items, packSentOn: sent.map(Self.date), papers: papers)
    }

    func papersFacts(_ agenda: MeetingRuleCheck.Agenda) -> MeetingRuleCheck.Facts {
        MeetingRuleCheck.Facts(details: MeetingDetails(date: Self.date("2027-03-09"), startsAt: Self.time("10:00"), endsAt: Self.time("12:00"),
                                                       venue: "Hub", onlineLink: nil, refreshments: true),
                               status: .scheduled, chair: nil, namedContact: nil, attendance: nil, agenda: agenda)
    }

    static func on(_ date: String, _ time: String = "09:00") -> UKDateTime { UKDateTime(date: Self.date(date), time: Self.time(time)) }

    @Test("Papers notice counts calendar days on the UK clock: sent on 2 March keeps 7 days for 9 March, whatever the hour")
    func exactlySevenDays() {
        // 11am on 2 March is 6 days and 23 hours before a 10am meeting on 9 March: still the seventh calendar day before.
        let outcome = MeetingRuleCheck.check(.papersNoticeDays(7), against: papersFacts(agenda(sent: "2027-03-02")), now: Self.on("2027-03-03"))
        #expect(outcome == .init(.met, "The agenda and papers went out 7 days before the meeting."))
        let late = MeetingRuleCheck.check(.papersNoticeDays(7), against: papersFacts(agenda(sent: "2027-03-03")), now: Self.on("2027-03-04"))
        #expect(late == .init(.notMet, "The agenda and papers went out 6 days before the meeting; the agreement asks for 7."))
    }

    @Test("Before the pack goes out, the organiser is told by when; after that day, the promise is broken")
    func notSentYet() {
        let rule = ClauseRule.papersNoticeDays(7)
        #expect(MeetingRuleCheck.check(rule, against: papersFacts(agenda(sent: nil)), now: Self.on("2027-03-02", "23:59"))
                == .init(.atRisk, "Send the agenda and papers by Tuesday 2 March 2027 to keep the 7-day promise."))
        #expect(MeetingRuleCheck.check(rule, against: papersFacts(agenda(sent: nil)), now: Self.on("2027-03-03", "00:00"))
                == .init(.notMet, "The agenda and papers have not gone out, and the last day to keep the 7-day promise was Tuesday 2 March 2027."))
        #expect(MeetingRuleCheck.check(rule, against: papersFacts(agenda(sent: nil)), now: Self.on("2027-03-10"))
                == .init(.notMet, "The agenda and papers did not go out 7 days before the meeting."))
    }

    @Test("A paper replaced after the pack went out counts from when the new version is sent")
    func replacedPaper() {
        let rule = ClauseRule.papersNoticeDays(7)
        let replaced = [MeetingRuleCheck.Paper(title: "Short breaks report", sentOn: nil, meetsPlainEnglishProfile: true)]
        #expect(MeetingRuleCheck.check(rule, against: papersFacts(agenda(sent: "2027-02-26", papers: replaced)), now: Self.on("2027-03-01"))
                == .init(.atRisk, "Send Short breaks report by Tuesday 2 March 2027 to keep the 7-day promise: added after the pack went out."))
        #expect(MeetingRuleCheck.check(rule, against: papersFacts(agenda(sent: "2027-02-26", papers: replaced)), now: Self.on("2027-03-05"))
                == .init(.notMet, "Short breaks report was added after the pack went out and has not been sent."))
        let resentLate = [MeetingRuleCheck.Paper(title: "Short breaks report", sentOn: Self.date("2027-03-04"), meetsPlainEnglishProfile: true),
                          MeetingRuleCheck.Paper(title: "Budget", sentOn: Self.date("2027-02-26"), meetsPlainEnglishProfile: true)]
        #expect(MeetingRuleCheck.check(rule, against: papersFacts(agenda(sent: "2027-02-26", papers: resentLate)), now: Self.on("2027-03-05"))
                == .init(.notMet, "Short breaks report went out 5 days before the meeting; the agreement asks for 7."))
    }

    @Test("Plain English papers: each paper against the area's profile")
    func plainEnglishPapers() {
        let papers = [MeetingRuleCheck.Paper(title: "A", sentOn: nil, meetsPlainEnglishProfile: true),
                      MeetingRuleCheck.Paper(title: "Highlight report", sentOn: nil, meetsPlainEnglishProfile: false)]
        #expect(MeetingRuleCheck.check(.plainEnglishPapers, against: papersFacts(agenda(sent: nil, papers: papers)), now: Self.before)
                == .init(.atRisk, "1 of 2 papers do not meet the area's plain English profile: Highlight report."))
        #expect(MeetingRuleCheck.check(.plainEnglishPapers, against: papersFacts(agenda(sent: nil, papers: [papers[0]])), now: Self.after)
                == .init(.met, "The paper meets the area's plain English profile."))
        #expect(MeetingRuleCheck.check(.plainEnglishPapers, against: papersFacts(agenda(sent: nil)), now: Self.before)?.result == .notYetDue)
    }

    @Test("The agenda says what the forum is asked to bring to every item")
    func forumAsk() {
        let items: [(title: String, hasForumAsk: Bool)] = [("Complaints", true), ("Budget", false)]
        #expect(MeetingRuleCheck.check(.agendaStatesForumAsk, against: papersFacts(agenda(sent: nil, items: items)), now: Self.before)
                == .init(.atRisk, "1 item does not say what the forum is asked to bring: Budget."))
        #expect(MeetingRuleCheck.check(.agendaStatesForumAsk, against: papersFacts(agenda(sent: nil, items: [])), now: Self.after)
                == .init(.notMet, "No agenda was recorded in Coproduce for this meeting."))
        #expect(MeetingRuleCheck.check(.agendaStatesForumAsk, against: papersFacts(agenda(sent: nil)), now: Self.after)?.result == .met)
    }

    @Test("Calendar days between dates cross months, years and leap days")
    func daysBetween() {
        #expect(Self.date("2027-03-02").days(until: Self.date("2027-03-09")) == 7)
        #expect(Self.date("2028-02-28").days(until: Self.date("2028-03-01")) == 2)
        #expect(Self.date("2026-12-31").days(until: Self.date("2027-01-01")) == 1)
        #expect(Self.date("2027-03-09").days(until: Self.date("2027-03-02")) == -7)
        #expect(Self.date("2000-01-01").days(until: Self.date("2100-01-01")) == 36_525)
    }

    @Test("An agenda item needs a title and a purpose; minutes are optional and bounded")
    func agendaItems() throws {
        let item = try AgendaItemDetails.validate(title: " Short breaks ", purpose: "decision", forumAsk: "Say what families want first", minutes: "30")
        #expect(item == AgendaItemDetails(title: "Short breaks", purpose: .decision, forumAsk: "Say what families want first", minutes: 30))
        #expect(try AgendaItemDetails.validate(title: "A", purpose: "information", forumAsk: " ", minutes: "").minutes == nil)
        do {
            _ = try AgendaItemDetails.validate(title: "", purpose: "gossip", forumAsk: nil, minutes: "0")
            Issue.record("expected errors")
        } catch let errors as ValidationErrors {
            #expect(errors.errors.map(\.field) == ["title", "purpose", "minutes"])
        }
    }

    @Test("The pack's e-mail says whether the papers are attached, or why not")
    func packMessagePapers() {
        func ending(_ papers: PackPapers) -> String {
            let message = AgendaPackMessage(groupName: "Forum Liaison Meeting", start: Self.on("2027-03-09", "10:00"), endsAt: Self.time("12:00"), venue: nil,
                                            onlineLink: nil, chair: nil, contact: nil, organiser: "Owen Davies", items: [], meetingLink: "https://c.example.org/m/1",
                                            papers: papers)
            return String(message.body.split(separator: "\n\n").last ?? "")
        }
        #expect(ending(.attached) == "The papers are attached to this e-mail. They are also on the meeting's page, after you sign in to Coproduce:\nhttps://c.example.org/m/1\n")
        #expect(ending(.links) == "If you do not sign in to Coproduce, ask Owen Davies for a copy of the papers.\n")
        let tooLarge = AgendaPackMessage(groupName: "G", start: Self.on("2027-03-09", "10:00"), endsAt: Self.time("12:00"), venue: nil, onlineLink: nil,
                                         chair: nil, contact: nil, organiser: "Owen Davies", items: [], meetingLink: "https://c.example.org/m/1",
                                         papers: .tooLargeToAttach(bytes: 12_345_678))
        #expect(tooLarge.body.contains("The papers are too large to attach together (12.4 MB; Coproduce attaches up to 7 MB), so they are not attached.\nThe papers open after you sign in"))
    }

    @Test("The pack's e-mail gives the date, time, place, each item's ask and a link to each paper")
    func packMessage() {
        let message = AgendaPackMessage(
            groupName: "Forum Liaison Meeting", start: Self.on("2027-03-09", "10:00"), endsAt: Self.time("12:00"), venue: "Riverside Hub",
            onlineLink: "https://meet.example.org/l", chair: "Amara Okafor", contact: "Owen Davies", organiser: "Owen Davies",
            items: [.init(title: "Short breaks", purpose: .decision, forumAsk: "Agree the changes\nfamilies want", lead: "Jo Whitfield", minutes: 30,
                          papers: [("What families told us", "https://c.example.org/meetings/1/papers/2")])],
            meetingLink: "https://c.example.org/meetings/1")
        #expect(message.subject == "Agenda and papers: Forum Liaison Meeting, Tuesday 9 March 2027")
        #expect(message.body == """
            Forum Liaison Meeting
            Tuesday 9 March 2027, 10am to midday
            Where: Riverside Hub
            Join online: https://meet.example.org/l
            Chair: Amara Okafor
            Your contact on the day: Owen Davies

            Agenda

            1. Short breaks
               For decision, led by Jo Whitfield, 30 minutes
               What the forum is asked to bring: Agree the changes families want
               Paper: What families told us
               https://c.example.org/meetings/1/papers/2

            The papers open after you sign in to Coproduce. The meeting's page, with the agenda and every paper:
            https://c.example.org/meetings/1

            If you do not sign in to Coproduce, ask Owen Davies for a copy of the papers.

            """)
    }

    // MARK: Calendar files

    func event(summary: String = "Forum Liaison Meeting", start: UKDateTime = on("2027-05-11", "10:00"), cancelled: Bool = false) -> CalendarFile.Event {
        CalendarFile.Event(uid: "abc@coproduce", sequence: 2, start: start, end: UKDateTime(date: start.date, time: Self.time("12:00")),
                           summary: summary, location: "Riverside Hub, Room 2; Market Street", description: "Chair: Amara\nAgenda: https://c.example.org/m/1",
                           url: "https://c.example.org/m/1", isCancelled: cancelled, lastModified: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("A calendar file writes UK clock times with the London zone, escapes text and ends lines with CRLF")
    func calendarFile() {
        let text = CalendarFile(name: "Liaison", events: [event()], stamp: Date(timeIntervalSince1970: 1_803_978_000)).text
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.dropLast().last == "END:VCALENDAR" && lines.last == "")
        #expect(lines.contains("DTSTART;TZID=Europe/London:20270511T100000"))
        #expect(lines.contains("DTEND;TZID=Europe/London:20270511T120000"))
        #expect(lines.contains("DTSTAMP:20270302T090000Z"))
        #expect(lines.contains("UID:abc@coproduce") && lines.contains("SEQUENCE:2") && lines.contains("STATUS:CONFIRMED"))
        #expect(lines.contains("LOCATION:Riverside Hub\\, Room 2\\; Market Street"))
        #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU") && lines.contains("TZOFFSETTO:+0100"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("A cancelled meeting says so, and long or hostile text stays within the format")
    func calendarHostileText() {
        let long = String(repeating: "é", count: 100) + "\u{7}\r\nBEGIN:VEVENT"
        let text = CalendarFile(name: "Liaison", events: [event(summary: long, cancelled: true)], stamp: Date()).text
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.contains("STATUS:CANCELLED"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        // A folded line continues with a space; no line of text can start a new component.
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(!text.contains("\u{7}"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Cancelled: " + String(repeating: "é", count: 100) + "\\nBEGIN:VEVENT"))
    }

    @Test("Action and minutes rules: text needed, dates real, overdue only while open")
    func actionsAndMinutes() throws {
        let today = CalendarDate(iso8601: "2027-03-10")!
        #expect(ActionDetails.isOverdue(status: .open, dueOn: CalendarDate(iso8601: "2027-03-09"), today: today))
        #expect(!ActionDetails.isOverdue(status: .open, dueOn: today, today: today))
        #expect(!ActionDetails.isOverdue(status: .done, dueOn: CalendarDate(iso8601: "2027-03-01"), today: today))
        #expect(!ActionDetails.isOverdue(status: .open, dueOn: nil, today: today))
        #expect(throws: ValidationErrors(field: "dueOn", message: "Due date must be a real date")) {
            try ActionDetails.validate(text: "Write", dueOn: DateInput(day: "30", month: "2", year: "2027"), notes: nil)
        }
        #expect(try MinutesDetails.validate(text: "We met", decisions: nil).decisions == [])
    }
}
