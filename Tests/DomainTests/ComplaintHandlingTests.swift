import Domain
import Testing

@Suite("Complaint handling: references, response dates, outcomes and themes")
struct ComplaintHandlingTests {
    let today = CalendarDate(year: 2026, month: 11, day: 18)!

    @Test("References number the area's complaints by year")
    func references() {
        #expect(ComplaintHandling.reference(year: 2026, number: 12) == "C-2026-0012")
        #expect(ComplaintHandling.reference(year: 2027, number: 12345) == "C-2027-12345")
    }

    @Test("A response is overdue only while the complaint is still being worked on after its day")
    func overdue() {
        let yesterday = today.adding(days: -1)
        #expect(ComplaintHandling.isOverdue(status: .received, responseDueOn: yesterday, today: today))
        #expect(ComplaintHandling.isOverdue(status: .beingInvestigated, responseDueOn: yesterday, today: today))
        #expect(!ComplaintHandling.isOverdue(status: .received, responseDueOn: today, today: today))
        #expect(!ComplaintHandling.isOverdue(status: .responded, responseDueOn: yesterday, today: today))
        #expect(!ComplaintHandling.isOverdue(status: .closed, responseDueOn: yesterday, today: today))
    }

    @Test("A complaint is closed only with its outcome; a due date comes after receipt; themes are from the list, once each")
    func validation() throws {
        let received = DateInput(day: "1", month: "11", year: "2026")
        #expect(throws: ValidationErrors(field: "outcome", message: "Enter the outcome before closing the complaint")) {
            try ComplaintDetails.validate(receivedOn: received, summary: "Late papers", status: "closed", hasPartner: true, today: today)
        }
        #expect(throws: ValidationErrors(field: "responseDueOn", message: "Response due by must be on or after the date received")) {
            try ComplaintDetails.validate(receivedOn: received, summary: "Late papers", status: "received", hasPartner: true, today: today,
                                          responseDueOn: DateInput(day: "31", month: "10", year: "2026"))
        }
        #expect(throws: ValidationErrors(field: "themes", message: "Choose themes from the list")) {
            try ComplaintDetails.validate(receivedOn: received, summary: "Late papers", status: "received", hasPartner: true, today: today, themes: ["weather"])
        }
        let details = try ComplaintDetails.validate(receivedOn: received, summary: "Late papers", status: "closed", hasPartner: true, today: today,
                                                    responseDueOn: DateInput(day: "21", month: "Nov", year: "2026"), outcome: "Apology; papers now go out 7 days ahead",
                                                    lessonsLearned: "Agree the paper deadline with the chair", themes: ["waiting-times", "communication", "communication"])
        #expect(details.responseDueOn == CalendarDate(year: 2026, month: 11, day: 21))
        #expect(details.themes == [.communication, .waitingTimes])
        #expect(details.outcome == "Apology; papers now go out 7 days ahead")
        #expect(try ComplaintHandling.validateResponseDays("28") == 28)
        #expect(throws: ValidationErrors.self) { try ComplaintHandling.validateResponseDays("0") }
        #expect(throws: ValidationErrors.self) { try ComplaintHandling.validateResponseDays("twenty") }
    }
}
