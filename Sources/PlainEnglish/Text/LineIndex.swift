/// Turns byte offsets into the line and column a person sees.
enum LineIndex {
    /// 1-based line, and 1-based column counted in Unicode characters, for
    /// each offset. The offsets must be sorted; the text is read once, so a
    /// 50 MB text on one line costs no more than one with many lines.
    static func positions(of sortedOffsets: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> [(line: Int, column: Int)] {
        var result: [(line: Int, column: Int)] = []
        result.reserveCapacity(sortedOffsets.count)
        var line = 1
        var column = 1
        var index = 0
        for offset in sortedOffsets {
            let target = min(offset, bytes.count)
            // Count the line breaks up to the offset, then the characters after the last one.
            var lastBreak = -1
            var scan = index
            while scan < target {
                if bytes[scan] == UInt8(ascii: "\n") {
                    line += 1
                    lastBreak = scan
                }
                scan += 1
            }
            if lastBreak >= 0 {
                column = 1
                index = lastBreak + 1
            }
            while index < target {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
            result.append((line, column))
        }
        return result
    }
}
