/// How an area sends a meeting's papers with the agenda e-mail.
public enum PapersInEmail: String, Sendable, CaseIterable, Codable {
    /// As links that need a sign-in: papers with personal details never sit in mailboxes.
    case links
    /// Attached to the e-mail as well, for members who find signing in hard.
    case attached

    public var label: String {
        switch self {
        case .links: "As links: people sign in to Coproduce to read them"
        case .attached: "Attached to the e-mail, as well as linked"
        }
    }

    public var hint: String {
        switch self {
        case .links: "Safer when papers hold personal details: they never sit in anyone's mailbox."
        case .attached: "Easier for members who do not sign in. Papers larger than \(PackPapers.attachmentLimit / 1_000_000) MB together go as links only."
        }
    }
}

/// How one pack's papers travel with its e-mail.
public enum PackPapers: Sendable, Equatable {
    case links
    case attached
    /// The area attaches papers, but these are too big to go together.
    case tooLargeToAttach(bytes: Int)

    /// Many mail servers take no more than 10 MB a message (Exchange's default), and base64
    /// makes files a third bigger: 7 MB of papers is about 9.5 MB sent. A server that takes
    /// less gets the message again without the files (see `EmailOutbox`).
    public static let attachmentLimit = 7_000_000

    public static func decide(_ choice: PapersInEmail, totalBytes: Int, paperCount: Int) -> PackPapers {
        guard choice == .attached, paperCount > 0 else { return .links }
        return totalBytes <= attachmentLimit ? .attached : .tooLargeToAttach(bytes: totalBytes)
    }
}

/// The e-mail that sends a meeting's agenda and papers: the date, time and
/// place, each item with what the forum is asked to bring, and a link to
/// each paper (the links need a sign-in); the files themselves too when the
/// area attaches them.
public struct AgendaPackMessage: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let title: String
        public let purpose: AgendaItemPurpose
        public let forumAsk: String?
        public let lead: String?
        public let minutes: Int?
        public let papers: [(title: String, link: String)]

        public init(title: String, purpose: AgendaItemPurpose, forumAsk: String?, lead: String?, minutes: Int?, papers: [(title: String, link: String)]) {
            self.title = title
            self.purpose = purpose
            self.forumAsk = forumAsk
            self.lead = lead
            self.minutes = minutes
            self.papers = papers
        }

        public static func == (lhs: Item, rhs: Item) -> Bool {
            (lhs.title, lhs.purpose, lhs.forumAsk, lhs.lead, lhs.minutes) == (rhs.title, rhs.purpose, rhs.forumAsk, rhs.lead, rhs.minutes)
                && lhs.papers.map(\.title) == rhs.papers.map(\.title) && lhs.papers.map(\.link) == rhs.papers.map(\.link)
        }
    }

    public let subject: String
    public let body: String

    /// - Parameters:
    ///   - start: when the meeting starts, on the UK clock.
    ///   - organiser: who to ask for a copy of the papers, for members who do not sign in to Coproduce.
    ///   - meetingLink: the meeting's page, where the agenda and papers are kept.
    ///   - complaints: the complaints due for discussion, described without their details ("Received 1 March 2027, about Riverside Council").
    public init(groupName: String, start: UKDateTime, endsAt: TimeOfDay, venue: String?, onlineLink: String?, chair: String?,
                contact: String?, organiser: String, items: [Item], complaints: [String] = [], meetingLink: String, papers: PackPapers = .links) {
        subject = "Agenda and papers: \(groupName), \(start.date.weekdayName) \(start.date.longForm)"
        var lines = [
            "\(groupName)",
            "\(start.date.weekdayName) \(start.date.longForm), \(start.time.spoken) to \(endsAt.spoken)",
        ]
        if let venue { lines.append("Where: \(venue)") }
        if let onlineLink { lines.append("Join online: \(onlineLink)") }
        if let chair { lines.append("Chair: \(chair)") }
        if let contact { lines.append("Your contact on the day: \(contact)") }
        lines.append("")
        lines.append("Agenda")
        for (index, item) in items.enumerated() {
            lines.append("")
            lines.append("\(index + 1). \(item.title)")
            lines.append("   " + AgendaItemDetails.about(purpose: item.purpose, lead: item.lead, minutes: item.minutes))
            if let ask = item.forumAsk { lines.append("   What the forum is asked to bring: \(ask.replacingOccurrences(of: "\n", with: " "))") }
            for paper in item.papers {
                lines.append("   Paper: \(paper.title)")
                lines.append("   \(paper.link)")
            }
        }
        if !complaints.isEmpty {
            lines.append("")
            lines.append("Complaints to discuss, as the partnership agreement asks:")
            for complaint in complaints { lines.append("- \(complaint)") }
        }
        lines.append("")
        switch papers {
        case .attached:
            lines.append("The papers are attached to this e-mail. They are also on the meeting's page, after you sign in to Coproduce:")
            lines.append(meetingLink)
        case .links, .tooLargeToAttach:
            if case .tooLargeToAttach(let bytes) = papers {
                let megabytes = (Double(bytes) / 1_000_000 * 10).rounded(.up) / 10
                lines.append("The papers are too large to attach together (\(megabytes) MB; Coproduce attaches up to \(PackPapers.attachmentLimit / 1_000_000) MB), so they are not attached.")
            }
            lines.append("The papers open after you sign in to Coproduce. The meeting's page, with the agenda and every paper:")
            lines.append(meetingLink)
            lines.append("")
            lines.append("If you do not sign in to Coproduce, ask \(organiser) for a copy of the papers.")
        }
        body = lines.joined(separator: "\n") + "\n"
    }
}

/// The e-mail to members who had a meeting's papers when the meeting moves or is cancelled.
public struct MeetingNotice: Sendable, Equatable {
    public let subject: String
    public let body: String

    public static func moved(groupName: String, was: UKDateTime, now start: UKDateTime, endsAt: TimeOfDay, venue: String?, onlineLink: String?,
                             meetingLink: String) -> MeetingNotice {
        var lines = [
            "The \(groupName) meeting has changed.",
            "",
            "It is now on \(start.date.weekdayName) \(start.date.longForm), \(start.time.spoken) to \(endsAt.spoken).",
        ]
        if let venue { lines.append("Where: \(venue)") }
        if let onlineLink { lines.append("Join online: \(onlineLink)") }
        lines += ["", "It was on \(was.date.weekdayName) \(was.date.longForm) at \(was.time.spoken).", "", "The meeting's page:", meetingLink]
        return MeetingNotice(subject: "Changed: \(groupName), now \(start.date.weekdayName) \(start.date.longForm)", body: lines.joined(separator: "\n") + "\n")
    }

    public static func cancelled(groupName: String, start: UKDateTime, reason: String, meetingLink: String) -> MeetingNotice {
        let lines = [
            "The \(groupName) meeting on \(start.date.weekdayName) \(start.date.longForm) at \(start.time.spoken) is cancelled.",
            "",
            "Why: \(reason)",
            "",
            "The meeting's page:",
            meetingLink,
        ]
        return MeetingNotice(subject: "Cancelled: \(groupName), \(start.date.weekdayName) \(start.date.longForm)", body: lines.joined(separator: "\n") + "\n")
    }
}

/// The e-mail that sends a meeting's draft minutes to members.
public struct MinutesMessage: Sendable, Equatable {
    public let subject: String
    public let body: String

    public init(groupName: String, meetingDate: CalendarDate, text: String, decisions: [String], meetingLink: String) {
        subject = "Minutes: \(groupName), \(meetingDate.weekdayName) \(meetingDate.longForm)"
        var lines = [
            "The draft minutes of the \(groupName) meeting on \(meetingDate.weekdayName) \(meetingDate.longForm).",
            "They are agreed as a true record at the group's next meeting.",
            "",
            text,
        ]
        if !decisions.isEmpty {
            lines += ["", "Decisions"] + decisions.map { "- \($0)" }
        }
        lines += ["", "The meeting's page, with its actions:", meetingLink]
        body = lines.joined(separator: "\n") + "\n"
    }
}

/// The e-mail that asks a partner organisation for agenda items (seed 000, 6.1).
public struct AgendaRequestMessage: Sendable, Equatable {
    public let subject: String
    public let body: String

    /// - Parameters:
    ///   - partner: the organisation asked, such as "Riverside Parent Carer Forum".
    ///   - organiser: who to send items to when the person does not sign in to Coproduce.
    public init(groupName: String, start: UKDateTime, partner: String, itemsDueOn: CalendarDate, organiser: String, meetingLink: String) {
        let day = "\(start.date.weekdayName) \(start.date.longForm)"
        subject = "Agenda items wanted by \(itemsDueOn.weekdayName) \(itemsDueOn.longForm): \(groupName), \(day)"
        let lines = [
            "\(partner) is asked for items for the agenda of the \(groupName) meeting on \(day) at \(start.time.spoken).",
            "",
            "Please send your items by \(itemsDueOn.weekdayName) \(itemsDueOn.longForm). For each item, say:",
            "- its title;",
            "- whether it is for information, discussion or decision;",
            "- what the forum is asked to bring to it;",
            "- how long it needs, and who will lead it.",
            "",
            "Propose items on the meeting's page after you sign in to Coproduce:",
            meetingLink,
            "",
            "If you do not sign in to Coproduce, send your items to \(organiser).",
            "",
            "Once the agenda is settled, each partner is asked to agree it, so the final agenda is agreed jointly.",
        ]
        body = lines.joined(separator: "\n") + "\n"
    }
}

/// The daily e-mail to a meeting's organiser while any of its promises is at risk.
public struct RiskReminderMessage: Sendable, Equatable {
    public struct Meeting: Sendable, Equatable {
        public let groupName: String
        public let date: CalendarDate
        /// What to do, one sentence per rule at risk.
        public let risks: [String]
        public let link: String

        public init(groupName: String, date: CalendarDate, risks: [String], link: String) {
            self.groupName = groupName
            self.date = date
            self.risks = risks
            self.link = link
        }
    }

    public let subject: String
    public let body: String

    public init(meetings: [Meeting]) {
        let count = meetings.reduce(0) { $0 + $1.risks.count }
        subject = meetings.count == 1
            ? "\(count == 1 ? "A promise" : "\(count) promises") at risk: \(meetings[0].groupName), \(meetings[0].date.weekdayName) \(meetings[0].date.longForm)"
            : "\(count) promises at risk at \(meetings.count) meetings you arrange"
        var lines = ["These meetings you arrange will break the partnership agreement's promises unless someone acts:"]
        for meeting in meetings {
            lines += ["", "\(meeting.groupName), \(meeting.date.weekdayName) \(meeting.date.longForm)"] + meeting.risks.map { "- \($0)" } + [meeting.link]
        }
        lines += ["", "You get this e-mail each morning while a promise is at risk."]
        body = lines.joined(separator: "\n") + "\n"
    }
}
