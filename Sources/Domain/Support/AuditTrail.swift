import Foundation

/// One field of a record as the audit log shows it: its name in plain words
/// and its value as text. A sensitive value (diversity monitoring) is never
/// copied into the log: the log says that it changed, not what to.
public struct AuditField: Sendable, Equatable {
    public let name: String
    public let value: String
    public let isSensitive: Bool

    public init(_ name: String, _ value: String?, sensitive: Bool = false) {
        self.name = name
        self.value = value ?? ""
        self.isSensitive = sensitive
    }
}

/// A field's value before and after a change; nil where there was none.
public struct AuditChange: Sendable, Equatable, Codable {
    public let field: String
    public let before: String?
    public let after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// "Full name: Jo Smith → Jo Smith-Jones", for a line of the log.
    public var summary: String {
        switch (before, after) {
        case (nil, let after?): "\(field): \(after)"
        case (let before?, nil): "\(field): was \(before)"
        case (let before?, let after?): "\(field): \(before) → \(after)"
        case (nil, nil): field
        }
    }
}

/// What changed between two readings of a record, for the audit log.
public enum AuditChanges {
    /// Shown instead of a sensitive value.
    public static let notShown = "(not shown)"

    /// A new record: every field with a value, as "after".
    public static func created(_ fields: [AuditField]) -> [AuditChange] {
        fields.filter { !$0.value.isEmpty }.map { AuditChange(field: $0.name, before: nil, after: shown($0)) }
    }

    /// A deleted record: every field it had, as "before", so the log keeps what went.
    public static func deleted(_ fields: [AuditField]) -> [AuditChange] {
        fields.filter { !$0.value.isEmpty }.map { AuditChange(field: $0.name, before: shown($0), after: nil) }
    }

    /// The fields whose values differ, in the order of `after`; a field only
    /// one side has counts as added or removed.
    public static func between(before: [AuditField], after: [AuditField]) -> [AuditChange] {
        var earlier: [String: AuditField] = [:]
        for field in before { earlier[field.name] = field }
        var changes: [AuditChange] = []
        for field in after {
            let old = earlier.removeValue(forKey: field.name)
            guard old?.value != field.value else { continue }
            changes.append(AuditChange(field: field.name, before: old.flatMap { $0.value.isEmpty ? nil : shown($0) },
                                       after: field.value.isEmpty ? nil : shown(field)))
        }
        for field in before where earlier[field.name] != nil && !field.value.isEmpty {
            changes.append(AuditChange(field: field.name, before: shown(field), after: nil))
        }
        return changes
    }

    private static func shown(_ field: AuditField) -> String {
        field.isSensitive ? notShown : field.value
    }
}

/// Reading a forum member's details is audited, but one person opening the
/// same record again and again is one entry, not a row per page view: a
/// view extends the entry of the person's last view of that record when it
/// comes within `window` of it, until the entry spans `longest`, the length
/// of a working day's session.
public enum AuditViewGrouping {
    public static let window: TimeInterval = 30 * 60
    public static let longest: TimeInterval = 8 * 60 * 60

    public static func extends(firstSeen: Date, lastSeen: Date, now: Date) -> Bool {
        now >= lastSeen && now.timeIntervalSince(lastSeen) <= window && now.timeIntervalSince(firstSeen) <= longest
    }
}
