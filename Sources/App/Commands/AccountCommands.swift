import Domain
import Fluent
import Foundation
import Vapor

/// `coproduce area create|list`: the local areas this instance serves.
struct AreaCommands: AsyncCommandGroup {
    var help: String { "Creates and lists local areas." }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateArea(), "list": ListAreas()] }

    struct CreateArea: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "slug", help: "Short name used in commands, such as riverside") var slug: String?
            @Option(name: "name", help: "The area's name, such as Riverside") var name: String?
        }

        var help: String { "Creates a local area." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let slug = TextInput.clean(signature.slug).lowercased()
            let name = TextInput.clean(signature.name)
            var problems: [String] = []
            if slug.isEmpty || !slug.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                problems.append("--slug is needed: lower-case letters, numbers and hyphens, such as riverside")
            }
            if name.isEmpty { problems.append("--name is needed, such as \"Riverside\"") }
            guard problems.isEmpty else { throw CommandFailure(problems.joined(separator: "\n")) }
            let db = context.application.db
            if try await AreaModel.query(on: db).filter(\.$slug == slug).first() != nil {
                throw CommandFailure("There is already an area called \(slug).")
            }
            try await AreaModel(slug: slug, name: name).create(on: db)
            context.console.print("Created the area \(name) (\(slug)).")
        }
    }

    struct ListAreas: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Lists the local areas." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let areas = try await AreaModel.query(on: context.application.db).sort(\.$slug).all()
            if areas.isEmpty { context.console.print("There are no areas yet. Create one with: coproduce area create --slug SLUG --name NAME") }
            for area in areas { context.console.print("\(area.slug)  \(area.name)") }
        }
    }
}

/// `coproduce user create`: an account for a person, asking for the password.
struct UserCommands: AsyncCommandGroup {
    var help: String { "Creates accounts." }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateUser()] }

    struct CreateUser: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "The e-mail address they sign in with") var email: String?
            @Option(name: "name", help: "Their full name") var name: String?
            @Option(name: "role", help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String?
            @Option(name: "area", help: "The slug of their local area") var area: String?
            @Flag(name: "password-stdin", help: "Read the password from standard input instead of asking") var passwordStdin: Bool
        }

        var help: String { "Creates an account and the person it belongs to." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let email = TextInput.normalisedEmail(signature.email)
            let name = TextInput.clean(signature.name)
            var problems: [String] = []
            if !TextInput.isPlausibleEmail(email) { problems.append("--email is needed, such as name@example.org") }
            if name.isEmpty { problems.append("--name is needed, such as \"Pat Reid\"") }
            let role = Role(rawValue: TextInput.clean(signature.role))
            if role == nil { problems.append("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            let slug = TextInput.clean(signature.area).lowercased()
            let area = slug.isEmpty ? nil : try await AreaModel.query(on: app.db).filter(\.$slug == slug).first()
            if area == nil {
                problems.append(slug.isEmpty ? "--area is needed: the slug of a local area (see coproduce area list)"
                                             : "There is no area called \(slug). Create it with: coproduce area create --slug \(slug) --name NAME")
            }
            if let area, try await AccountModel.query(on: app.db).filter(\.$area.$id == area.requireID()).filter(\.$email == email).first() != nil {
                problems.append("There is already an account for \(email) in \(area.name).")
            }
            guard problems.isEmpty, let role, let area else { throw CommandFailure(problems.joined(separator: "\n")) }

            let password: String
            if signature.passwordStdin {
                password = (readLine(strippingNewline: true) ?? "")
            } else {
                password = context.console.ask("Password for \(email):", isSecure: true)
                let again = context.console.ask("Type it again:", isSecure: true)
                guard password == again else { throw CommandFailure("The two passwords were different. Nothing was created.") }
            }
            if let problem = PasswordRules.problem(with: password) { throw CommandFailure(problem + ". Nothing was created.") }

            let hash = try await app.password.async.hash(password)
            let areaID = try area.requireID()
            try await app.db.writeTransaction { db in
                let person = PersonModel(areaID: areaID, organisationID: nil, details: PersonDetails(fullName: name, email: email))
                try await person.create(on: db)
                try await AccountModel(areaID: areaID, personID: try person.requireID(), email: email, passwordHash: hash, role: role).create(on: db)
            }
            context.console.print("Created \(role == .areaAdmin ? "an" : "a") \(role.label.lowercased()) account for \(name) <\(email)> in \(area.name).")
        }
    }
}

/// `coproduce token create`: a personal API token, shown once.
struct TokenCommands: AsyncCommandGroup {
    var help: String { "Creates personal API tokens." }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateToken()] }

    struct CreateToken: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "The e-mail address of the account") var email: String?
            @Option(name: "label", help: "What the token is for, such as \"reporting script\"") var label: String?
            @Option(name: "area", help: "The slug of the account's area, when the address has accounts in more than one") var area: String?
        }

        var help: String { "Creates a personal API token for an account and prints it once." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let email = TextInput.normalisedEmail(signature.email)
            guard !email.isEmpty else { throw CommandFailure("--email is needed: the e-mail address of the account") }
            var query = AccountModel.query(on: app.db).filter(\.$email == email).filter(\.$disabledAt == nil)
            let slug = TextInput.clean(signature.area).lowercased()
            if !slug.isEmpty {
                guard let area = try await AreaModel.query(on: app.db).filter(\.$slug == slug).first() else {
                    throw CommandFailure("There is no area called \(slug) (see coproduce area list).")
                }
                query = query.filter(\.$area.$id == (try area.requireID()))
            }
            let accounts = try await query.limit(2).all()
            guard let account = accounts.first else { throw CommandFailure("There is no active account for \(email)\(slug.isEmpty ? "" : " in \(slug)").") }
            guard accounts.count == 1 else {
                throw CommandFailure("\(email) has accounts in more than one area. Say which with --area SLUG (see coproduce area list).")
            }
            let token = APITokens.newToken()
            try await APITokenModel(accountID: try account.requireID(), tokenDigest: DatabaseSessionDriver.digest(token),
                                    label: TextInput.optional(signature.label) ?? "Created on the command line").create(on: app.db)
            context.console.print(token)
            context.console.print("Keep this token secret: it works like the account's password. It will not be shown again.", newLine: true)
        }
    }
}

enum APITokens {
    /// "cpd_" makes tokens easy to spot if one is pasted somewhere it should not be.
    static func newToken() -> String { "cpd_" + DatabaseSessionDriver.newToken() }
}
