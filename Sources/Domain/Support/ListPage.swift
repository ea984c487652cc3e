/// Which page of a long list to show, from `?page=` and `?perPage=`.
/// Numbers from a request are range-checked here, before any arithmetic.
public struct ListPage: Sendable, Equatable {
    /// From 1.
    public let number: Int
    /// How many records a page holds.
    public let size: Int

    public static let defaultSize = 50
    public static let maximumSize = 200
    /// No list comes near a million pages; the limit keeps the offset far
    /// from overflowing whatever is asked for.
    public static let maximumNumber = 1_000_000

    /// Clamps both numbers into range.
    public init(number: Int, size: Int = ListPage.defaultSize) {
        self.number = min(max(1, number), Self.maximumNumber)
        self.size = min(max(1, size), Self.maximumSize)
    }

    /// The rows to skip: at most 199,999,800, so it never overflows.
    public var offset: Int { (number - 1) * size }

    /// For web pages, which forgive a bad address: a page number that is not
    /// a whole number counts as page 1; one past the limit as the limit.
    public static func lenient(page raw: String?, size: Int = ListPage.defaultSize) -> ListPage {
        guard let raw, let digits = wholeNumberDigits(raw) else { return ListPage(number: 1, size: size) }
        // Past 7 digits the number is over the limit whatever it is.
        return ListPage(number: digits.count > 7 ? maximumNumber : Int(digits)!, size: size)
    }

    /// For the API, which says exactly what is wrong: `page` from 1 to
    /// 1,000,000 and `perPage` from 1 to 200, written as plain whole numbers.
    public static func strict(page: String?, perPage: String?) throws -> ListPage {
        var errors = ValidationErrors()
        var number = 1
        if let page {
            if let digits = wholeNumberDigits(page), digits.count <= 7, let value = Int(digits), (1...maximumNumber).contains(value) {
                number = value
            } else {
                errors.add(field: "page", message: "page must be a whole number from 1 to 1000000")
            }
        }
        var size = defaultSize
        if let perPage {
            if let digits = wholeNumberDigits(perPage), digits.count <= 3, let value = Int(digits), (1...maximumSize).contains(value) {
                size = value
            } else {
                errors.add(field: "perPage", message: "perPage must be a whole number from 1 to \(maximumSize)")
            }
        }
        try errors.throwIfAny()
        return ListPage(number: number, size: size)
    }

    /// The digits of a plain whole number ("12", not "+12", "1e3" or "12.0"),
    /// without leading zeros, or nil.
    static func wholeNumberDigits(_ raw: String) -> Substring? {
        let utf8 = raw.utf8
        guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let trimmed = raw.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : trimmed
    }
}

/// Which page numbers a list shows under it, as GOV.UK pagination does:
/// the first, the last and those either side of the current one, with a
/// gap (nil) where numbers are left out. "1 … 4 5 6 … 20".
public enum PageNumbers {
    public static func visible(current: Int, pages: Int) -> [Int?] {
        guard pages > 1 else { return [] }
        let current = min(max(1, current), pages)
        var shown = Set([1, pages, current - 1, current, current + 1].filter { (1...pages).contains($0) })
        // A gap of one number is shown as that number: "1 2 3", never "1 … 3".
        for number in shown.sorted() where shown.contains(number + 2) && !shown.contains(number + 1) { shown.insert(number + 1) }
        var result: [Int?] = []
        var previous = 0
        for number in shown.sorted() {
            if number > previous + 1 { result.append(nil) }
            result.append(number)
            previous = number
        }
        return result
    }
}
