@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Finding the public files from any folder")
struct ResourceFolderTests {
    /// A folder with the stylesheet, which shows the public files are there.
    func package() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-resources-\(UUID().uuidString)")
        for file in [ResourceFolder.stylesheet] {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        return root
    }

    @Test("Beside the program, above it (a checkout's build folder), then the working folder")
    func searchOrder() throws {
        let root = try package()
        let beside = ResourceFolder.locate(environment: [:], executable: root.path + "/coproduce", workingFolder: "/")
        #expect(beside == .success(ResourceFolder(path: root.path)))
        let build = root.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        #expect(ResourceFolder.locate(environment: [:], executable: build.path + "/coproduce", workingFolder: "/") == .success(ResourceFolder(path: root.path)))
        #expect(ResourceFolder.locate(environment: [:], executable: "/usr/bin/coproduce", workingFolder: root.path) == .success(ResourceFolder(path: root.path)))
    }

    @Test("The setting wins, and a setting that names the wrong folder is refused, not passed over")
    func setting() throws {
        let root = try package()
        let other = try package()
        #expect(ResourceFolder.locate(environment: ["COPRODUCE_RESOURCES": other.path], executable: root.path + "/coproduce", workingFolder: "/")
                == .success(ResourceFolder(path: other.path)))
        guard case .failure(let problem) = ResourceFolder.locate(environment: ["COPRODUCE_RESOURCES": "/no/such/folder"],
                                                                 executable: root.path + "/coproduce", workingFolder: "/") else {
            Issue.record("a wrong COPRODUCE_RESOURCES was passed over")
            return
        }
        #expect(problem.description.hasPrefix("COPRODUCE_RESOURCES is /no/such/folder, but that folder does not hold"))
    }

    @Test("Nowhere: the message lists where it looked and what to do")
    func nowhere() {
        guard case .failure(let problem) = ResourceFolder.locate(environment: [:], executable: "/usr/local/bin/coproduce", workingFolder: "/srv") else {
            Issue.record("found public files where there are none")
            return
        }
        #expect(problem.searched == ["/usr/local/bin", "/usr/local", "/usr", "/", "/srv"])
        #expect(problem.description.contains("set COPRODUCE_RESOURCES to the folder that holds it"))
    }

    @Test("/healthz says unhealthy, and why, when the stylesheet cannot be read")
    func healthWithoutTemplates() async throws {
        try await withTestApp { app in
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            app.resourceFolder = ResourceFolder(path: "/no/such/folder")
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .serviceUnavailable)
            #expect(response.body.string == "unhealthy: the stylesheet cannot be read\n")
        }
    }
}
