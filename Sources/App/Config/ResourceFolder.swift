import Foundation
import Vapor

/// The folder that holds Coproduce's public files (`Public`: the stylesheet),
/// wherever it is started from. Pages are compiled into the program; the
/// stylesheet is the one file it serves from disk.
///
/// Looked for, in order: the folder `COPRODUCE_RESOURCES` names; the
/// executable's own folder and the folders above it (a release package keeps
/// them beside the binary; a build in a checkout finds the checkout); the
/// working folder.
public struct ResourceFolder: Sendable, Equatable {
    public let path: String

    /// The file every page links to: its presence says the public files are there.
    static let stylesheet = "Public/css/app.css"

    /// Whether the stylesheet can be read now; `/healthz` asks.
    public var isComplete: Bool { Self.holdsResources(path) }

    static func holdsResources(_ folder: String) -> Bool {
        FileManager.default.isReadableFile(atPath: folder + "/" + stylesheet)
    }

    public struct NotFound: Error, Equatable, CustomStringConvertible {
        public let searched: [String]
        public let named: String?

        public var description: String {
            if let named {
                return "COPRODUCE_RESOURCES is \(named), but that folder does not hold Coproduce's stylesheet (\(ResourceFolder.stylesheet))."
            }
            return """
            Coproduce cannot find its stylesheet (\(ResourceFolder.stylesheet)). It looked in:
            \(searched.map { "  \($0)" }.joined(separator: "\n"))
            Keep the Public folder beside the coproduce program (scripts/package makes such a folder), \
            or set COPRODUCE_RESOURCES to the folder that holds it.
            """
        }
    }

    /// Finds the folder, or says everywhere it looked.
    public static func locate(environment: [String: String], executable: String, workingFolder: String) -> Result<ResourceFolder, NotFound> {
        if let named = environment["COPRODUCE_RESOURCES"], !named.isEmpty {
            let folder = absolute(named, from: workingFolder)
            return holdsResources(folder) ? .success(ResourceFolder(path: folder)) : .failure(NotFound(searched: [folder], named: named))
        }
        var candidates: [String] = []
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        // .build/x86_64-unknown-linux-gnu/debug/coproduce is four folders below a checkout.
        for _ in 0..<5 {
            candidates.append(folder.path)
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        if !candidates.contains(workingFolder) { candidates.append(workingFolder) }
        for candidate in candidates where holdsResources(candidate) {
            return .success(ResourceFolder(path: candidate))
        }
        return .failure(NotFound(searched: candidates, named: nil))
    }

    /// This program's own path, with links followed.
    public static var runningExecutable: String {
        let link = "/proc/self/exe"
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) { return target }
        return Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
    }

    static func absolute(_ path: String, from workingFolder: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: workingFolder).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}

extension Application {
    private struct ResourceFolderKey: StorageKey { typealias Value = ResourceFolder }

    /// Where the public files were found; nil when a command that needs none runs without them.
    var resourceFolder: ResourceFolder? {
        get { storage[ResourceFolderKey.self] }
        set { storage[ResourceFolderKey.self] = newValue }
    }

    /// Whether this run serves pages: `serve`, which is also what runs when no command is named.
    var servesPages: Bool {
        let command = environment.arguments.dropFirst().first { !$0.hasPrefix("-") }
        return command == nil || command == "serve"
    }
}
