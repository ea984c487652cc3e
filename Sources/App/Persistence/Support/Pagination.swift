import Domain
import Fluent

extension QueryBuilder {
    /// One page of results and the total, using LIMIT/OFFSET on an indexed order.
    func page(_ page: ListPage) async throws -> (items: [Model], total: Int) {
        let total = try await self.copy().count()
        // Past the end there is nothing to fetch.
        guard page.offset < total else { return ([], total) }
        let items = try await self.copy().range(page.offset..<(page.offset + page.size)).all()
        return (items, total)
    }
}
