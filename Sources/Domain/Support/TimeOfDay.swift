/// A time on the clock, to the minute, such as 10:00 or 14:00.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let minutesSinceMidnight: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutesSinceMidnight = hour * 60 + minute
    }

    /// Parses "10:00", "9:30" or "14:00".
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Reads a time as people type it: "10:00", "9.30", "14:00", "10am",
    /// "2pm", "2:30 pm", "12pm" (midday) or "midday". GOV.UK asks for times
    /// this way, so a form should not refuse "10am".
    public init?(typed text: String) {
        var rest = text.lowercased().filter { !$0.isWhitespace }
        if rest == "midday" || rest == "noon" { self.init(hour: 12, minute: 0); return }
        if rest == "midnight" { self.init(hour: 0, minute: 0); return }
        var suffix: String?
        for ending in ["am", "pm", "a.m.", "p.m."] where rest.hasSuffix(ending) {
            suffix = String(ending.prefix(1))
            rest.removeLast(ending.count)
            break
        }
        let parts = rest.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count <= 2, let hour = Int(parts[0]) else { return nil }
        var minute = 0
        if parts.count == 2 {
            guard parts[1].count == 2, let typedMinute = Int(parts[1]) else { return nil }
            minute = typedMinute
        }
        switch suffix {
        case "a"?:
            guard (1...12).contains(hour) else { return nil }
            self.init(hour: hour == 12 ? 0 : hour, minute: minute)
        case "p"?:
            guard (1...12).contains(hour) else { return nil }
            self.init(hour: hour == 12 ? 12 : hour + 12, minute: minute)
        default:
            // "10" alone is an hour; "1030" is not a time anyone should have to guess at.
            self.init(hour: hour, minute: minute)
        }
    }

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }

    /// "10:00"
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// "10am", "2pm", "12:30pm": how GOV.UK writes times.
    public var spoken: String {
        let suffix = hour < 12 ? "am" : "pm"
        let twelveHour = hour % 12 == 0 ? 12 : hour % 12
        if hour == 12 && minute == 0 { return "midday" }
        if hour == 0 && minute == 0 { return "midnight" }
        return minute == 0 ? "\(twelveHour)\(suffix)" : "\(twelveHour):\(minute < 10 ? "0" : "")\(minute)\(suffix)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Times are written HH:MM, for example 10:00"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

import Foundation
