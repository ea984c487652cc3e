import Domain
import Testing

@Suite("Partnership register rules")
struct PartnershipRulesTests {
    @Test("An organisation needs a name and a kind; every problem is reported at once")
    func organisationValidation() throws {
        #expect(throws: ValidationErrors.self) { try OrganisationDetails.validate(name: " ", kind: "castle", email: "nope", phone: "12") }
        do {
            _ = try OrganisationDetails.validate(name: " ", kind: "castle", email: "nope", phone: "12")
        } catch let error as ValidationErrors {
            #expect(error.errors.map(\.field) == ["name", "kind", "email", "phone"])
            #expect(error.message(for: "name") == "Enter the organisation's name")
        }
    }

    @Test("Organisation details are trimmed and e-mail addresses lower-cased")
    func organisationCleaning() throws {
        let details = try OrganisationDetails.validate(name: "  Riverside PCF ", kind: "parent-carer-forum", email: " Forum@Riverside.Example.org ", phone: "")
        #expect(details == OrganisationDetails(name: "Riverside PCF", kind: .parentCarerForum, email: "forum@riverside.example.org", phone: nil))
    }

    @Test("Diversity monitoring answers are optional but must come from the list")
    func diversity() throws {
        #expect(try DiversityMonitoring.validate(ethnicGroup: "", disabled: nil, mainLanguage: " ").isEmpty)
        #expect(throws: ValidationErrors.self) { try DiversityMonitoring.validate(ethnicGroup: "martian", disabled: nil, mainLanguage: nil) }
        let answers = try DiversityMonitoring.validate(ethnicGroup: "mixed", disabled: "prefer-not-to-say", mainLanguage: "Polish")
        #expect(answers == DiversityMonitoring(ethnicGroup: .mixed, disabled: .preferNotToSay, mainLanguage: "Polish"))
    }

    @Test("Terms of reference list one attendee a line and cannot be agreed in the future")
    func termsOfReference() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 23)!
        let terms = try TermsOfReferenceDetails.validate(text: "To plan services together.", attendees: "Forum chair\n\n  Head of SEND \n",
                                                         agreedOn: DateInput(day: "1", month: "9", year: "2026"), today: today)
        #expect(terms.attendees == ["Forum chair", "Head of SEND"])
        #expect(throws: ValidationErrors.self) {
            try TermsOfReferenceDetails.validate(text: "x", attendees: "y", agreedOn: DateInput(day: "1", month: "1", year: "2027"), today: today)
        }
    }

    @Test("The governance tree nests groups under who they report to, sorted by name")
    func governanceTree() {
        let tree = GovernanceTree(groups: [
            (id: "liaison", name: "Forum liaison meeting", reportsTo: "strategy"),
            (id: "board", name: "Children's trust board", reportsTo: nil),
            (id: "strategy", name: "SEND strategy group", reportsTo: "board"),
            (id: "ewmh", name: "Emotional wellbeing partnership group", reportsTo: "strategy"),
            (id: "orphan", name: "Old group", reportsTo: "deleted"),
        ])
        #expect(tree.roots.map(\.name) == ["Children's trust board", "Old group"])
        #expect(tree.roots[0].children.map(\.name) == ["SEND strategy group"])
        #expect(tree.roots[0].children[0].children.map(\.name) == ["Emotional wellbeing partnership group", "Forum liaison meeting"])
    }

    @Test("A group cannot end up reporting to itself")
    func loops() {
        let parents = ["strategy": "board", "liaison": "strategy"]
        #expect(GovernanceTree.wouldCreateLoop(group: "board", newParent: "liaison", currentParents: parents))
        #expect(GovernanceTree.wouldCreateLoop(group: "board", newParent: "board", currentParents: parents))
        #expect(!GovernanceTree.wouldCreateLoop(group: "liaison", newParent: "board", currentParents: parents))
        #expect(!GovernanceTree.wouldCreateLoop(group: "board", newParent: nil, currentParents: parents))
    }

    @Test("Clauses are read in the order of their numbers, not the order they were typed in")
    func clauseOrder() {
        let typed = ["4.6 b", "10", "4.10", "4.3", "4.6 a", "2", "4.6", "Annex A", "5.2 (ii)", "5.2 (i)", "4.6 c"]
        #expect(typed.sorted(by: ClauseNumber.precedes) == ["2", "4.3", "4.6", "4.6 a", "4.6 b", "4.6 c", "4.10", "5.2 (i)", "5.2 (ii)", "10", "Annex A"])
        #expect(!ClauseNumber.precedes("4.6 a", "4.6 a"))
        // Written with or without the space, it is the same place.
        #expect(!ClauseNumber.precedes("4.6a", "4.6 A") && !ClauseNumber.precedes("4.6 A", "4.6a"))
        #expect(!ClauseNumber.precedes(String(repeating: "9", count: 40), "1"))
    }

    @Test("Clause numbers that read alike share a key, so copying does not repeat a clause")
    func clauseNumberKeys() {
        #expect(ClauseNumber.comparisonKey("4.6 a") == ClauseNumber.comparisonKey("4.6a"))
        #expect(ClauseNumber.comparisonKey("4.6 a") == ClauseNumber.comparisonKey("4.6 (A)"))
        #expect(ClauseNumber.comparisonKey("4.6") != ClauseNumber.comparisonKey("4.6 a"))
        #expect(ClauseNumber.comparisonKey("4.10") != ClauseNumber.comparisonKey("4.1"))
        #expect(ClauseNumber.comparisonKey("41") != ClauseNumber.comparisonKey("4.1"))
    }

    @Test("Volunteer agreements: missing, in force, ending soon, ended")
    func volunteerAgreements() {
        let today = CalendarDate(year: 2026, month: 11, day: 23)!
        typealias Agreement = VolunteerAgreementStatus.Agreement
        #expect(VolunteerAgreementStatus.evaluate([], on: today) == .missing)
        #expect(VolunteerAgreementStatus.evaluate([Agreement(signedOn: today.adding(days: -10), expiresOn: nil)], on: today) == .current(expiresOn: nil))
        let endingSoon = today.adding(days: 60)
        #expect(VolunteerAgreementStatus.evaluate([Agreement(signedOn: today.adding(days: -300), expiresOn: endingSoon)], on: today) == .expiringSoon(expiresOn: endingSoon))
        let endingLater = today.adding(days: 61)
        #expect(VolunteerAgreementStatus.evaluate([Agreement(signedOn: today.adding(days: -300), expiresOn: endingLater)], on: today) == .current(expiresOn: endingLater))
        let ended = today.adding(days: -1)
        let status = VolunteerAgreementStatus.evaluate([Agreement(signedOn: today.adding(days: -400), expiresOn: ended)], on: today)
        #expect(status == .expired(on: ended))
        #expect(!status.isInForce)
        // A renewal replaces an ended agreement.
        let renewed = VolunteerAgreementStatus.evaluate([
            Agreement(signedOn: today.adding(days: -400), expiresOn: ended),
            Agreement(signedOn: today.adding(days: -2), expiresOn: today.adding(days: 363)),
        ], on: today)
        #expect(renewed == .current(expiresOn: today.adding(days: 363)))
        // Signed on the last day it is still in force.
        #expect(VolunteerAgreementStatus.evaluate([Agreement(signedOn: today.adding(days: -5), expiresOn: today)], on: today).isInForce)
    }

    @Test("An agreement needs the forum among at least two partners and sensible dates")
    func agreements() throws {
        do {
            _ = try AgreementDetails.validate(title: "", startsOn: DateInput(day: "1", month: "9", year: "2017"),
                                              endsOn: DateInput(day: "1", month: "8", year: "2017"),
                                              reviewOn: DateInput(day: "1", month: "9", year: "2016"),
                                              partnerKinds: [.localAuthority, .nhsCommissioner])
            Issue.record("expected errors")
        } catch let error as ValidationErrors {
            #expect(error.message(for: "title") == "Enter the agreement's title")
            #expect(error.message(for: "endsOn") == "End date must be after the start date")
            #expect(error.message(for: "reviewOn") == "Review date must be after the start date")
            #expect(error.message(for: "partners") == "Select the parent carer forum as one of the partners")
        }
    }

    @Test("Agreement status follows the calendar")
    func agreementStatus() {
        let start = CalendarDate(year: 2026, month: 1, day: 1)!
        let review = CalendarDate(year: 2027, month: 1, day: 1)!
        let end = CalendarDate(year: 2028, month: 1, day: 1)!
        #expect(AgreementStatus.on(CalendarDate(year: 2025, month: 12, day: 31)!, startsOn: start, endsOn: end, reviewOn: review) == .notStarted)
        #expect(AgreementStatus.on(CalendarDate(year: 2026, month: 6, day: 1)!, startsOn: start, endsOn: end, reviewOn: review) == .inForce)
        #expect(AgreementStatus.on(review, startsOn: start, endsOn: end, reviewOn: review) == .reviewDue)
        #expect(AgreementStatus.on(CalendarDate(year: 2028, month: 1, day: 2)!, startsOn: start, endsOn: end, reviewOn: review) == .ended)
    }
}

@Suite("Agreement clauses")
struct ClauseTests {
    func validate(kind: String, ruleKind: String? = nil, windowFrom: String? = nil, windowTo: String? = nil,
                  noticeDays: String? = nil, organisationKind: String? = nil, cadence: String? = nil) throws -> ClauseDetails {
        try ClauseDetails.validate(number: "4.6", text: "Meetings happen between 10am and 2pm.", kind: kind, ruleKind: ruleKind,
                                   windowFrom: windowFrom, windowTo: windowTo, noticeDays: noticeDays,
                                   organisationKind: organisationKind, cadence: cadence)
    }

    @Test("A time window rule keeps its hours")
    func timeWindow() throws {
        let clause = try validate(kind: "rule", ruleKind: "meeting-time-window", windowFrom: "10:00", windowTo: "14:00")
        #expect(clause.rule == .meetingTimeWindow(from: TimeOfDay("10:00")!, to: TimeOfDay("14:00")!))
        #expect(clause.rule?.summary == "Meetings start no earlier than 10am and end by 2pm")
    }

    @Test("A time window must end after it starts")
    func backwardsWindow() {
        #expect(throws: ValidationErrors(field: "windowTo", message: "Latest finish time must be after the earliest start time")) {
            try validate(kind: "rule", ruleKind: "meeting-time-window", windowFrom: "14:00", windowTo: "10:00")
        }
    }

    @Test("Every rule counted in days needs a whole number from 1 to 60",
          arguments: ["papers-notice-days", "partners-asked-for-items", "minutes-circulated-within"], ["0", "61", "seven", ""])
    func noticeDays(ruleKind: String, input: String) {
        #expect(throws: ValidationErrors(field: "noticeDays", message: "Enter the number of days, from 1 to 60")) {
            try validate(kind: "rule", ruleKind: ruleKind, noticeDays: input)
        }
    }

    @Test("Every rule kind survives being stored and read back")
    func roundTrip() {
        let rules: [ClauseRule] = [
            .meetingTimeWindow(from: TimeOfDay("10:00")!, to: TimeOfDay("14:00")!), .papersNoticeDays(7),
            .termsOfReferenceWithAttendees, .plainEnglishPapers, .namedContact, .chairFrom(.parentCarerForum),
            .meetingCadence(.monthly), .agendaAgreedJointly, .decisionMakersAttend, .complaintsDiscussed,
            .communicationThroughForumAddress, .personalDataForDesignatedForumRoles, .volunteerAgreementsForRepresentatives,
            .refreshmentsOffered, .agendaStatesForumAsk, .partnersAskedForItems(daysBefore: 14), .minutesCirculatedWithin(days: 10),
        ]
        #expect(Set(rules.map(\.kind)) == Set(ClauseRule.Kind.allCases))
        for rule in rules {
            #expect(ClauseRule(kind: rule.kind, settings: rule.settings) == rule)
        }
    }

    @Test("A commitment carries no rule; a rule needs its kind")
    func commitments() throws {
        #expect(try validate(kind: "commitment").rule == nil)
        #expect(throws: ValidationErrors(field: "ruleKind", message: "Select the rule this clause sets")) { try validate(kind: "rule") }
        #expect(throws: ValidationErrors(field: "kind", message: "Select whether Coproduce checks this clause or people check it by hand")) { try validate(kind: "") }
    }

    @Test("A hand check needs evidence and a date not in the future")
    func assessments() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 23)!
        do {
            _ = try CommitmentAssessment.validate(status: "sort-of", evidence: " ", assessedOn: DateInput(day: "24", month: "11", year: "2026"), today: today)
            Issue.record("expected errors")
        } catch let error as ValidationErrors {
            #expect(error.errors.map(\.field) == ["status", "evidence", "assessedOn"])
        }
    }
}

@Suite("Passwords")
struct PasswordRulesTests {
    @Test("Short, empty and common passwords are refused", arguments: ["", "short", "password1234"])
    func refused(password: String) {
        #expect(PasswordRules.problem(with: password) != nil)
    }

    @Test("A long passphrase is fine")
    func accepted() {
        #expect(PasswordRules.problem(with: "four tired parents at ten") == nil)
    }
}

@Suite("Agreement rules checked against a group")
struct GroupRuleCheckTests {
    typealias Member = GroupRuleCheck.Member

    let forumChair = Member(name: "Amara", organisationName: "Forum", organisationKind: .parentCarerForum, role: .chair, makesDecisions: true, volunteerAgreementInForce: true)
    let rep = Member(name: "Lee", organisationName: "Forum", organisationKind: .parentCarerForum, role: .member, makesDecisions: false, volunteerAgreementInForce: false)
    let officer = Member(name: "Helen", organisationName: "Council", organisationKind: .localAuthority, role: .member, makesDecisions: false, volunteerAgreementInForce: nil)
    let observer = Member(name: "Gemma", organisationName: "Healthwatch", organisationKind: .voluntaryGroup, role: .observer, makesDecisions: false, volunteerAgreementInForce: nil)

    @Test("The forum must chair when the agreement says so")
    func chair() {
        let facts = GroupRuleCheck.Facts(cadence: .monthly, currentAttendees: ["Forum chair"], members: [forumChair, officer])
        #expect(GroupRuleCheck.check(.chairFrom(.parentCarerForum), against: facts).isMet == true)
        let councilChaired = GroupRuleCheck.Facts(cadence: .monthly, currentAttendees: nil,
                                                  members: [Member(name: "Helen", organisationName: "Council", organisationKind: .localAuthority, role: .chair, makesDecisions: true, volunteerAgreementInForce: nil)])
        #expect(GroupRuleCheck.check(.chairFrom(.parentCarerForum), against: councilChaired) ==
                .notMet("Chaired by Helen, who is not from the parent carer forum."))
        #expect(GroupRuleCheck.check(.chairFrom(.parentCarerForum), against: .init(cadence: .monthly, currentAttendees: nil, members: [])) == .notMet("The group has no chair recorded."))
    }

    @Test("Each organisation (observers aside) needs a decision-maker")
    func decisionMakers() {
        let facts = GroupRuleCheck.Facts(cadence: .monthly, currentAttendees: nil, members: [forumChair, rep, officer, observer])
        #expect(GroupRuleCheck.check(.decisionMakersAttend, against: facts) == .notMet("No member who can make decisions for: Council."))
    }

    @Test("Representatives without a volunteer agreement are named")
    func volunteerAgreements() {
        let facts = GroupRuleCheck.Facts(cadence: .monthly, currentAttendees: nil, members: [forumChair, rep, officer])
        #expect(GroupRuleCheck.check(.volunteerAgreementsForRepresentatives, against: facts) == .notMet("No volunteer agreement in force for: Lee."))
    }

    @Test("Terms of reference must exist and list attendees")
    func termsOfReference() {
        #expect(GroupRuleCheck.check(.termsOfReferenceWithAttendees, against: .init(cadence: .monthly, currentAttendees: nil, members: [])).isMet == false)
        #expect(GroupRuleCheck.check(.termsOfReferenceWithAttendees, against: .init(cadence: .monthly, currentAttendees: ["Chair"], members: [])).isMet == true)
    }

    @Test("A group planning to meet less often than the agreement asks is flagged")
    func cadence() {
        #expect(GroupRuleCheck.check(.meetingCadence(.monthly), against: .init(cadence: .everySixWeeks, currentAttendees: nil, members: [])).isMet == false)
        #expect(GroupRuleCheck.check(.meetingCadence(.monthly), against: .init(cadence: .fortnightly, currentAttendees: nil, members: [])).isMet == true)
        #expect(GroupRuleCheck.check(.meetingCadence(.monthly), against: .init(cadence: .asNeeded, currentAttendees: nil, members: [])).isMet == false)
    }

    @Test("Meeting rules are left to each meeting")
    func meetingRules() {
        #expect(GroupRuleCheck.check(.papersNoticeDays(7), against: .init(cadence: .monthly, currentAttendees: nil, members: [])).isMet == nil)
    }
}
