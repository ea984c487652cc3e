import App
import Logging
import PlainEnglishCLI
import Vapor

// The plain English commands need no database or web server: run them first, and fast.
if let exitCode = await PlainEnglishCommandLine.runIfRequested(CommandLine.arguments) {
    exit(exitCode)
}

// Backing up and restoring work on the database alone: restoring must not open the database it replaces.
if let exitCode = await DatabaseBackup.runIfRequested(CommandLine.arguments, environment: ProcessInfo.processInfo.environment) {
    exit(exitCode)
}

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)

/// Says what went wrong, in plain words and without a stack trace, and stops.
func stop(_ message: String) async -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
}

do {
    try await configure(app)
    // startup() rather than execute(): execute() also logs every error,
    // so a command's failure would be printed twice.
    try await app.startup()
    try await app.running?.onStop.get()
} catch let problems as AppConfig.Problems {
    await stop(problems.description)
} catch let failure as CommandFailure {
    await stop(failure.message)
} catch CommandError.unknownCommand(let name, let available) {
    await stop("There is no command called \(name). The commands are: \(available.sorted().joined(separator: ", ")).")
} catch {
    app.logger.report(error: error)
    await stop("Coproduce stopped because of the error above.")
}
try await app.asyncShutdown()
