import Foundation
import Vapor

/// Serves the public files (the stylesheet) and nothing else: only addresses
/// under the public folder's own top-level names are looked up on disk, so an
/// address of any length or shape never reaches the file system (a 4,500-
/// character name made it refuse, which came back as a server error).
struct PublicFilesMiddleware: AsyncMiddleware {
    private let files: FileMiddleware
    /// "/css/" and the like: what the public folder holds at its top.
    private let prefixes: [String]

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        prefixes = entries.filter { !$0.hasPrefix(".") }.map { name in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: publicDirectory + "/" + name, isDirectory: &isFolder)
            return "/" + name + (exists && isFolder.boolValue ? "/" : "")
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        // No public file has a longer path; the file system refuses names past 255 bytes.
        guard path.utf8.count <= 255, prefixes.contains(where: { path == $0 || path.hasPrefix($0) }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
