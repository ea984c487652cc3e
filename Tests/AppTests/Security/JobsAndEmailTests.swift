@testable import App
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

/// Keeps what it is given, for tests; fails while `failing` is set.
final class RecordingMailTransport: MailTransport, Sendable {
    private let box = NIOLockedValueBox<(sent: [EmailMessage], failing: Bool)>(([], false))
    var sent: [EmailMessage] { box.withLockedValue { $0.sent } }
    func fail(_ failing: Bool) { box.withLockedValue { $0.failing = failing } }

    struct Refused: Error {}

    func deliver(_ message: EmailMessage, messageID: String, date: Date) async throws {
        try box.withLockedValue { state in
            if state.failing { throw Refused() }
            state.sent.append(message)
        }
    }
}

@Suite("Jobs and e-mail")
struct JobsAndEmailTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    struct Note: Codable, Sendable { let text: String }
    static let note = JobKind<Note>("test-note")

    @Test("A job runs once, however many workers reach for it")
    func claimedOnce() async throws {
        try await withTestApp(now: Self.start) { app in
            let ran = NIOLockedValueBox<[String]>([])
            app.jobs.handle(Self.note) { note, _ in ran.withLockedValue { $0.append(note.text) } }
            try await JobQueue(db: app.db, now: Self.start).add(Self.note, Note(text: "one"))
            let queue = JobQueue(db: app.db, now: Self.start)
            let kinds = [Self.note.name]
            let first = try #require(try await queue.claimNext(kinds: kinds, worker: "a", lease: 300, maximumAttempts: 8))
            #expect(try await queue.claimNext(kinds: kinds, worker: "b", lease: 300, maximumAttempts: 8) == nil)
            // A worker that died holding it: after the lease, another may run it...
            let later = JobQueue(db: app.db, now: Self.start.addingTimeInterval(301))
            let second = try #require(try await later.claimNext(kinds: kinds, worker: "b", lease: 300, maximumAttempts: 8))
            #expect(second.id == first.id && second.attempts == 2)
            // ...and the first, coming back late, can neither finish nor free it.
            #expect(try await later.finish(first) == false)
            #expect(try await later.fail(first, error: "late", maximumAttempts: 8) == false)
            #expect(try await later.finish(second) == true)
            // A job of a kind this instance has no handler for is left for an instance that has one.
            try await JobQueue(db: app.db, now: Self.start).add(JobKind<Note>("newer-kind"), Note(text: "later"))
            #expect(try await queue.claimNext(kinds: kinds, worker: "a", lease: 300, maximumAttempts: 8) == nil)
            try await JobModel.query(on: app.db).filter(\.$kind == "newer-kind").delete()

            try await JobQueue(db: app.db, now: Self.start).add(Self.note, Note(text: "two"))
            async let x = app.jobs.runDue(app)
            async let y = app.jobs.runDue(app)
            _ = try await (x, y)
            #expect(ran.withLockedValue { $0 } == ["two"])
            #expect(try await app.jobs.runDue(app) == 0)
        }
    }

    @Test("A failing job waits longer after each attempt and gives up after the last, saying why")
    func retries() async throws {
        try await withTestApp(now: Self.start) { app in
            struct Broken: Error {}
            let attempts = NIOLockedValueBox(0)
            app.jobs.handle(Self.note) { _, _ in attempts.withLockedValue { $0 += 1 }; throw Broken() }
            try await JobQueue(db: app.db, now: Self.start).add(Self.note, Note(text: "x"))
            var now = Self.start
            #expect(try await app.jobs.runDue(app) == 1)
            #expect(try await app.jobs.runDue(app) == 0, "not again before its wait is over")
            for attempt in 1..<JobRunner.maximumAttempts {
                now = now.addingTimeInterval(JobQueue.backoff(afterAttempt: attempt) + 1)
                app.timeSource = FixedTimeSource(instant: now)
                #expect(try await app.jobs.runDue(app) == 1)
            }
            now = now.addingTimeInterval(7 * 60 * 60)
            app.timeSource = FixedTimeSource(instant: now)
            #expect(try await app.jobs.runDue(app) == 0)
            #expect(attempts.withLockedValue { $0 } == JobRunner.maximumAttempts)
            let job = try #require(try await JobModel.query(on: app.db).first())
            #expect(job.failedAt != nil && job.lastError?.contains("Broken") == true)
        }
    }

    @Test("A job whose runs never finish (the instance stopped each time) is given up after its last attempt")
    func abandoned() async throws {
        try await withTestApp(now: Self.start) { app in
            try await JobQueue(db: app.db, now: Self.start).add(Self.note, Note(text: "x"))
            var now = Self.start
            for _ in 0..<3 {
                #expect(try await JobQueue(db: app.db, now: now).claimNext(kinds: [Self.note.name], worker: "w", lease: 300, maximumAttempts: 3) != nil)
                now = now.addingTimeInterval(301)
            }
            #expect(try await JobQueue(db: app.db, now: now).claimNext(kinds: [Self.note.name], worker: "w", lease: 300, maximumAttempts: 3) == nil)
            let job = try #require(try await JobModel.query(on: app.db).first())
            #expect(job.failedAt != nil && job.lastError?.contains("never finished") == true)
        }
    }

    @Test("Adding a job with a key already waiting changes nothing, even inside a transaction")
    func uniqueInsideTransaction() async throws {
        try await withTestApp(now: Self.start) { app in
            try await app.db.writeTransaction { db in
                try await JobQueue(db: db, now: Self.start).add(Self.note, Note(text: "a"), uniqueKey: "once")
                try await JobQueue(db: db, now: Self.start).add(Self.note, Note(text: "b"), uniqueKey: "once")
                // The transaction is still usable after the clash (PostgreSQL aborts one whose statement failed).
                try await JobQueue(db: db, now: Self.start).add(Self.note, Note(text: "c"))
            }
            #expect(try await JobModel.query(on: app.db).count() == 2)
        }
    }

    @Test("A waiting job with a unique key is queued once; the housekeeping sweep keeps itself queued")
    func recurring() async throws {
        try await withTestApp(now: Self.start) { app in
            try await Housekeeping.schedule(on: app.db, now: Self.start, after: 0)
            try await Housekeeping.schedule(on: app.db, now: Self.start, after: 0)
            #expect(try await JobModel.query(on: app.db).filter(\.$finishedAt == nil).count() == 1)
            let expired = SessionRecordModel(token: "t", data: [:], accountID: nil, expiresAt: Self.start.addingTimeInterval(-1))
            try await expired.create(on: app.db)
            #expect(try await app.jobs.runDue(app) == 1)
            #expect(try await SessionRecordModel.query(on: app.db).count() == 0)
            let waiting = try await JobModel.query(on: app.db).filter(\.$finishedAt == nil).all()
            #expect(waiting.count == 1 && waiting[0].runAfter == Self.start.addingTimeInterval(Housekeeping.interval))
        }
    }

    @Test("E-mail is queued with its change, sent once by a job, and kept when it cannot be sent yet")
    func outbox() async throws {
        try await withTestApp(now: Self.start) { app in
            let transport = RecordingMailTransport()
            app.mailTransport = transport
            let message = try EmailMessage(from: "coproduce@example.org", to: "amara@example.com", subject: "Papers", body: "Attached.")
            // A change that is rolled back sends nothing.
            struct Undo: Error {}
            _ = try? await app.db.writeTransaction { db in
                try await EmailOutbox(db: db, now: Self.start).queue(message, areaID: nil)
                throw Undo()
            }
            #expect(try await OutboxEmailModel.query(on: app.db).count() == 0)
            #expect(try await JobModel.query(on: app.db).count() == 0)

            transport.fail(true)
            _ = try await app.db.writeTransaction { db in try await EmailOutbox(db: db, now: Self.start).queue(message, areaID: nil) }
            #expect(try await app.jobs.runDue(app) == 1)
            let waiting = try #require(try await OutboxEmailModel.query(on: app.db).first())
            #expect(waiting.sentAt == nil && waiting.lastError != nil)

            transport.fail(false)
            app.timeSource = FixedTimeSource(instant: Self.start.addingTimeInterval(120))
            #expect(try await app.jobs.runDue(app) == 1)
            #expect(transport.sent == [message])
            #expect(try await OutboxEmailModel.query(on: app.db).first()?.sentAt != nil)
            app.timeSource = FixedTimeSource(instant: Self.start.addingTimeInterval(3600))
            #expect(try await app.jobs.runDue(app) == 0)
            #expect(transport.sent.count == 1)
        }
    }

    @Test("With no mail set up, a message waits with the reason, and goes once mail is set up")
    func unconfigured() async throws {
        try await withTestApp(now: Self.start) { app in
            let message = try EmailMessage(from: "coproduce@example.org", to: "jo@example.com", subject: "Minutes", body: "Here.")
            _ = try await app.db.writeTransaction { db in try await EmailOutbox(db: db, now: Self.start).queue(message, areaID: nil) }
            #expect(try await app.jobs.runDue(app) == 1)
            let waiting = try #require(try await OutboxEmailModel.query(on: app.db).first())
            #expect(waiting.sentAt == nil && waiting.gaveUpAt != nil && waiting.lastError?.contains("COPRODUCE_SENDMAIL") == true)
            // Not retried at once: trying again cannot help until mail is set up...
            #expect(try await app.jobs.runDue(app) == 0)
            // ...and after it is, the sweep (or the next start) queues it again.
            let transport = RecordingMailTransport()
            app.mailTransport = transport
            let later = Self.start.addingTimeInterval(EmailOutbox.retryAfterGivingUp + 60)
            app.timeSource = FixedTimeSource(instant: later)
            try await Housekeeping.sweep(app.db, now: later)
            #expect(try await app.jobs.runDue(app) == 1)
            #expect(transport.sent == [message])
        }
    }

    @Test("Sendmail gets the message on its input and the recipients after --; a failing one is an error with its words")
    func sendmail() async throws {
        // As `configure` does for the server: a program that stops reading must not end the process.
        signal(SIGPIPE, SIG_IGN)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-sendmail-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = folder.appendingPathComponent("sendmail").path
        try """
        #!/bin/sh
        printf '%s\\n' "$@" > "\(folder.path)/arguments"
        cat > "\(folder.path)/message"
        """.write(toFile: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        let message = try EmailMessage(from: "coproduce@example.org", to: "amara@example.com", subject: "Papers", body: "Attached.")
        try await SendmailTransport(program: program).deliver(message, messageID: "1@coproduce", date: Self.start)
        let arguments = try String(contentsOfFile: folder.path + "/arguments", encoding: .utf8)
        #expect(arguments == "-i\n-f\ncoproduce@example.org\n--\namara@example.com\n")
        let sent = try String(contentsOfFile: folder.path + "/message", encoding: .utf8)
        #expect(sent == message.internetMessage(date: Self.start, messageID: "1@coproduce", lineEnd: "\n"))

        let failing = folder.appendingPathComponent("failing").path
        try "#!/bin/sh\necho 'mail queue is full' >&2\nexit 75\n".write(toFile: failing, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing)
        await #expect {
            try await SendmailTransport(program: failing).deliver(message, messageID: "2@coproduce", date: Self.start)
        } throws: { error in
            String(describing: error).contains("mail queue is full")
        }
    }

    @Test("COPRODUCE_SENDMAIL and COPRODUCE_MAIL_FROM are checked at start")
    func settings() throws {
        #expect(throws: AppConfig.Problems.self) {
            try AppConfig.fromEnvironment(["COPRODUCE_SENDMAIL": "sendmail", "COPRODUCE_MAIL_FROM": "Coproduce <x@y.org>"], defaultSecureCookies: true)
        }
        let config = try AppConfig.fromEnvironment(["COPRODUCE_SENDMAIL": "/bin/cat", "COPRODUCE_MAIL_FROM": "coproduce@council.example.org"],
                                                   defaultSecureCookies: true)
        #expect(config.sendmailPath == "/bin/cat" && config.mailFrom == "coproduce@council.example.org")
    }
}
