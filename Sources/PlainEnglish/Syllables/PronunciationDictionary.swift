/// Syllable counts from CMUdict, searched in place.
///
/// The data is one `StaticString` in the binary (`word count` lines sorted by
/// UTF-8 bytes), so nothing is parsed or copied at start-up: a look-up is a
/// binary search over the bytes, narrowed first by where each first letter's
/// lines start (worked out when the data was generated).
public struct PronunciationDictionary: Sendable {
    public static let shared = PronunciationDictionary()

    private let data: StaticString
    private var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: data.utf8Start, count: data.utf8CodeUnitCount)
    }
    /// For each first letter a-z, the byte range of its lines.
    private let letterRanges: [Range<Int>]

    private init() {
        data = Self.cmudictLines
        letterRanges = (0..<26).map { Self.letterStarts[$0]..<Self.letterStarts[$0 + 1] }
    }

    /// How many words the dictionary holds.
    public var wordCount: Int {
        bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } + 1
    }

    /// The syllables of a lowercase word (letters and apostrophes), or nil when
    /// the dictionary does not have it.
    public func syllables<Word: Collection>(of word: Word) -> Int? where Word.Element == UInt8 {
        guard let first = word.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return nil }
        var low = letterRanges[Int(first - UInt8(ascii: "a"))].lowerBound
        var high = letterRanges[Int(first - UInt8(ascii: "a"))].upperBound
        // Invariant: the line we want, if present, starts in low..<high.
        while low < high {
            var middle = (low + high) / 2
            while middle > low, bytes[middle - 1] != UInt8(ascii: "\n") { middle -= 1 }
            let (order, countStart) = compare(word, lineAt: middle)
            switch order {
            case 0: return count(at: countStart)
            case ..<0: high = middle
            default:
                var next = countStart
                while next < high, bytes[next] != UInt8(ascii: "\n") { next += 1 }
                low = next + 1
            }
        }
        return nil
    }

    /// Compares `word` with the word on the line at `lineStart`; also returns
    /// where the line's count begins (after the space) when the words match.
    private func compare<Word: Collection>(_ word: Word, lineAt lineStart: Int) -> (Int, Int) where Word.Element == UInt8 {
        var index = lineStart
        for byte in word {
            let lineByte = bytes[index]
            if lineByte == UInt8(ascii: " ") { return (1, index) }
            if byte != lineByte { return (byte < lineByte ? -1 : 1, index) }
            index += 1
        }
        return bytes[index] == UInt8(ascii: " ") ? (0, index + 1) : (-1, index)
    }

    private func count(at start: Int) -> Int {
        var value = 0
        var index = start
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }
}
