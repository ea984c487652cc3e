import NIOCore

/// Lets at most `places` callers in at once; the rest wait, without
/// holding a thread, and go in the order they came.
actor Turns {
    let places: Int
    private var inside = 0
    private var waiting = CircularBuffer<CheckedContinuation<Void, Never>>()

    init(places: Int) {
        precondition(places > 0, "A gate needs at least one place")
        self.places = places
    }

    func enter() async {
        if inside < places {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place to the next caller waiting, or frees it.
    func leave() {
        if let next = waiting.popFirst() { next.resume() } else { inside -= 1 }
    }

    /// Runs `body` once a place is free, and frees it afterwards whatever happens.
    func inTurn<Result: Sendable>(_ body: @Sendable () async throws -> Result) async rethrows -> Result {
        await enter()
        do {
            let result = try await body()
            leave()
            return result
        } catch {
            leave()
            throw error
        }
    }
}
