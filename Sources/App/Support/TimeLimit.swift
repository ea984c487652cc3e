/// Runs `body`, cancelling it when `limit` passes first; answers false then.
/// Shared by the job runner and the sendmail transport.
func finishes(within limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask { try await body(); return true }
        group.addTask { try await Task.sleep(for: limit); return false }
        let finished = try await group.next() ?? false
        group.cancelAll()
        return finished
    }
}
