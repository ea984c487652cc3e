import Domain
import Fluent
import Vapor

/// `coproduce demo`: loads the Riverside demonstration area and prints how to sign in.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Loads the fictional Riverside area into an empty database and prints the demo sign-ins." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        // Trying Coproduce out should need no separate step, even on PostgreSQL.
        try await app.autoMigrate()
        let outcome = try await DemoArea.load(on: app.db, hash: { try app.password.hash($0) }, today: CalendarDate(app.timeSource.now()))
        switch outcome {
        case .loaded:
            context.console.print("Loaded the \(DemoArea.name) demonstration area.")
        case .alreadyThere:
            context.console.print("The \(DemoArea.name) demonstration area is already loaded, so nothing was changed.")
        }
        context.console.print("")
        context.console.print("Sign in with any of these accounts. The password for each is: \(DemoArea.password)")
        for login in DemoArea.logins {
            context.console.print("  \(login.role.label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(login.email)  (\(login.name))")
        }
    }
}
