import Fluent
import NIOPosix
import SQLKit
import Testing
import Vapor
@testable import App

/// Writes at once must each wait their turn and all finish: on SQLite, a
/// writer waiting inside the driver once held a thread, and enough of them
/// stopped the whole process for most of an hour.
@Suite("Writes at once")
struct WriteTurnsTests {
    @Test("Sixty writes at once, each reading then writing, all finish and none is lost")
    func manyWritersAtOnce() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE turn_counter (n INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO turn_counter (n) VALUES (0)").run()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...60 {
                    group.addTask {
                        try await app.db.writeTransaction { db in
                            try await db.takeTurn("turn-counter")
                            let sql = db as! any SQLDatabase
                            let n = try await sql.raw("SELECT n FROM turn_counter").first(decodingColumn: "n", as: Int.self) ?? -1
                            try await Task.sleep(for: .milliseconds(2))
                            try await sql.raw("UPDATE turn_counter SET n = \(bind: n + 1)").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await sql.raw("SELECT n FROM turn_counter").first(decodingColumn: "n", as: Int.self) == 60)
        }
    }

    @Test("On SQLite the app has threads of its own, one more than its connections at least")
    func ownThreads() async throws {
        try await withTestApp { app in
            guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
            #expect(app.db.context.configuration is SQLiteWriters)
            #expect(app.threadPool !== NIOThreadPool.singleton)
            #expect(app.databases.threadPool === app.threadPool)
        }
    }

    @Test("A gate lets in no more than its places at once, and everyone gets in")
    func gate() async throws {
        let turns = Turns(places: 2)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 1...20 {
                group.addTask {
                    await turns.inTurn {
                        await counter.arrive()
                        try? await Task.sleep(for: .milliseconds(1))
                        await counter.depart()
                    }
                }
            }
        }
        #expect(await counter.most == 2)
        #expect(await counter.total == 20)
    }

    private actor Counter {
        var now = 0, most = 0, total = 0
        func arrive() { now += 1; total += 1; most = max(most, now) }
        func depart() { now -= 1 }
    }
}
