import App
import Logging
import Vapor

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await configure(app)
    try await app.execute()
} catch let problems as AppConfig.Problems {
    // Bad settings are the operator's to fix: say what they are, without a stack trace.
    FileHandle.standardError.write(Data((problems.description + "\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
} catch let failure as CommandFailure {
    FileHandle.standardError.write(Data((failure.message + "\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
