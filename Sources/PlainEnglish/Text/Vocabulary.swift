/// The distinct words of a text, each given a number the first time it is
/// seen. Words are looked up by their lowercase UTF-8 bytes with a fast
/// non-cryptographic hash, so that a word already seen costs no String, no
/// allocation and no SipHash: most of a long paper is words already seen.
struct Vocabulary {
    /// The lowercase bytes of every distinct word, one after another.
    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing: each slot holds an index into `entries`, or -1.
    private var slots: [Int32]
    private var mask: Int

    private struct Entry {
        let start: Int32
        let length: Int32
        let hash: UInt64
    }

    init(capacity: Int = 1024) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
        entries.reserveCapacity(capacity)
    }

    /// The number of a word, adding it when new; `isNew` says which.
    mutating func id(of key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        id(of: key, hash: Self.hash(key))
    }

    /// The same, for a key whose hash the caller worked out as it wrote the key
    /// (`Vocabulary.initialHash`, then `Vocabulary.hash(_:adding:)` for each byte).
    mutating func id(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int, isNew: Bool) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        // Read through pointers: this runs for every word of the text.
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBufferPointer { arena in
                    while true {
                        let index = Int(slots[slot])
                        if index < 0 { return nil }
                        let entry = entries[index]
                        if entry.hash == hash, Int(entry.length) == key.count, Self.matches(arena, from: Int(entry.start), key) { return index }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if let found { return (found, false) }
        let index = entries.count
        entries.append(Entry(start: Int32(arena.count), length: Int32(key.count), hash: hash))
        arena.append(contentsOf: key)
        slots[slot] = Int32(index)
        if entries.count * 2 > slots.count { grow() }
        return (index, true)
    }

    private static func matches(_ arena: UnsafeBufferPointer<UInt8>, from start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 0..<key.count where arena[start + offset] != key[offset] { return false }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// FNV-1a, 64 bits: quick for the short keys words are.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = initialHash
        for byte in key { hash = Self.hash(hash, adding: byte) }
        return hash
    }

    static let initialHash: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func hash(_ hash: UInt64, adding byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
