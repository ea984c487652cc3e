import Foundation

/// An iCalendar file (RFC 5545) of meetings, which Outlook, Google Calendar
/// and Apple Calendar can open or subscribe to. Times are written on the UK
/// clock with the Europe/London time zone, so a 10am meeting stays at 10am
/// in British Summer Time; each meeting keeps its UID for life, and its
/// sequence number goes up when it changes, so calendars update it in place.
public struct CalendarFile: Sendable {
    public struct Event: Sendable, Equatable {
        /// Stable for the meeting's life: calendars match updates by it.
        public let uid: String
        public let sequence: Int
        public let start: UKDateTime
        public let end: UKDateTime
        public let summary: String
        public let location: String?
        public let description: String
        public let url: String?
        public let isCancelled: Bool
        public let lastModified: Date

        public init(uid: String, sequence: Int, start: UKDateTime, end: UKDateTime, summary: String, location: String?, description: String,
                    url: String?, isCancelled: Bool, lastModified: Date) {
            self.uid = uid
            self.sequence = sequence
            self.start = start
            self.end = end
            self.summary = summary
            self.location = location
            self.description = description
            self.url = url
            self.isCancelled = isCancelled
            self.lastModified = lastModified
        }
    }

    public let name: String
    public let events: [Event]
    /// When the file was made (DTSTAMP).
    public let stamp: Date

    public init(name: String, events: [Event], stamp: Date) {
        self.name = name
        self.events = events
        self.stamp = stamp
    }

    /// The file's text, with CRLF line ends and long lines folded at 75 octets.
    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Coproduce//Meetings//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name),
            "X-WR-TIMEZONE:Europe/London",
        ]
        lines += Self.londonTimeZone
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(event.uid),
                "DTSTAMP:" + Self.utc(stamp),
                "LAST-MODIFIED:" + Self.utc(event.lastModified),
                "SEQUENCE:\(event.sequence)",
                "DTSTART;TZID=Europe/London:" + Self.local(event.start),
                "DTEND;TZID=Europe/London:" + Self.local(event.end),
                "SUMMARY:" + Self.escape(event.isCancelled ? "Cancelled: \(event.summary)" : event.summary),
                "STATUS:" + (event.isCancelled ? "CANCELLED" : "CONFIRMED"),
            ]
            if let location = event.location { lines.append("LOCATION:" + Self.escape(location)) }
            lines.append("DESCRIPTION:" + Self.escape(event.description))
            if let url = event.url { lines.append("URL:" + Self.escape(url)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The UK's rules since 1996: British Summer Time from 1am GMT on the last
    /// Sunday of March to 2am BST on the last Sunday of October.
    static let londonTimeZone = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "X-LIC-LOCATION:Europe/London",
        "BEGIN:DAYLIGHT",
        "TZNAME:BST",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "DTSTART:19700329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZNAME:GMT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "DTSTART:19701025T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// TEXT values escape backslash, semicolon and comma, and write line breaks as \n (RFC 5545, 3.3.11).
    /// Other control characters have no place in a calendar and are left out.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets are folded: CRLF and a space, never inside
    /// a character's UTF-8 bytes (3.1). A letter with many accents may be split
    /// between its marks, which the unfolding puts back together.
    static func fold(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1
            }
            out.append(scalar)
            octets += size
        }
        return String(out)
    }

    static func local(_ time: UKDateTime) -> String {
        String(format: "%04d%02d%02dT%02d%02d00", time.date.year, time.date.month, time.date.day, time.time.hour, time.time.minute)
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }
}
