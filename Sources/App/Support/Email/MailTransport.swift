import Domain
import Foundation
import Subprocess
import Vapor

/// Hands an e-mail to whatever delivers it. The e-mail outbox's job calls
/// it; the tests use one that keeps what it is given.
protocol MailTransport: Sendable {
    func deliver(_ message: EmailMessage, messageID: String, date: Date) async throws
    /// Where messages go, in words for the outbox page; nil when they go nowhere.
    var destination: String? { get }
}

extension MailTransport {
    var destination: String? { nil }
}

/// The receiving server refused this message for good (a 5xx answer to its
/// recipient or its text): trying again would get the same answer, so the
/// outbox stops and shows the refusal. Any other error is tried again.
struct MessageRefused: Error, CustomStringConvertible {
    let description: String
    /// Refused for its size: the same text without its attachments may go.
    var tooLarge = false
}

/// Delivers through the machine's mail transfer agent (Postfix, Exim,
/// msmtp...) by its sendmail program, the way Unix servers have long sent
/// mail: the message on its standard input, the recipients as arguments.
struct SendmailTransport: MailTransport {
    let program: String
    var destination: String? { "this server's mail program, \(program)" }
    static let timeLimit: Duration = .seconds(30)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func deliver(_ message: EmailMessage, messageID: String, date: Date) async throws {
        // sendmail reads lines ending in "\n" from its input, as Unix text.
        let text = message.internetMessage(date: date, messageID: messageID, lineEnd: "\n")
        // The message reaches sendmail's input from a file, not a pipe we write: a sendmail that
        // ends without reading cannot leave a half-written pipe behind. Only Coproduce may read it.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-mail-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "Could not write the message to \(file) for \(program)")
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        // -i: a line holding only "." is text, not the end; -f: the envelope sender; --: no recipient is read as an option.
        let arguments = ["-c", #"message="$1"; shift; exec "$0" "$@" < "$message""#, program, file, "-i", "-f", message.from, "--", message.to]
        let program = self.program
        let finished = try await finishes(within: Self.timeLimit) {
            let result = try await Subprocess.run(.path("/bin/sh"), arguments: Arguments(arguments), environment: .inherit,
                                                  input: .none, output: .discarded, error: .string(limit: 1024 * 1024))
            guard case .exited(0) = result.terminationStatus else {
                throw Failure(description: "\(program) ended with \(result.terminationStatus): \(result.standardError)")
            }
        }
        guard finished else { throw Failure(description: "\(program) did not finish within \(Self.timeLimit)") }
    }
}

/// For a Coproduce with no mail set up: nothing is sent, and each attempt
/// says so in the log. The outbox keeps the messages with the reason, and
/// they are queued again at the next start and by the housekeeping sweep,
/// so setting up mail (and restarting) sends them.
struct UnconfiguredMailTransport: MailTransport {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "E-mail is not set up: set COPRODUCE_SMTP_HOST (a mail server) or COPRODUCE_SENDMAIL (this machine's sendmail program)" }
    }

    func deliver(_ message: EmailMessage, messageID: String, date: Date) async throws {
        throw NotConfigured()
    }
}

extension Application {
    private struct MailTransportKey: StorageKey { typealias Value = any MailTransport }

    /// Where e-mail goes: a mail server by SMTP, or sendmail, as the settings say; nowhere (with a reason) otherwise.
    var mailTransport: any MailTransport {
        get { storage[MailTransportKey.self] ?? UnconfiguredMailTransport() }
        set { storage[MailTransportKey.self] = newValue }
    }
}
