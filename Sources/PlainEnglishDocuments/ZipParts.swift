import Foundation
import Zlib

/// The parts of a zip archive (a .docx file is one), read from memory with
/// every offset and size checked against the archive before it is used, and
/// inflated with the system's zlib.
///
/// Written by hand because ZIPFoundation, the zip package in the mirror, is
/// not safe on hostile files (the fuzzer found all three): its in-memory
/// archive stops the process when a damaged zip points past its end, its file
/// reader loops for ever on a truncated part, and its inflater tells zlib a
/// last short piece is a full buffer, so zlib reads past the end of it.
struct ZipParts {
    struct Part {
        let path: String
        let method: UInt16
        let isEncrypted: Bool
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    enum Problem: Error {
        case damaged
        case encrypted
        case tooManyParts
    }

    let bytes: Data
    let parts: [Part]

    /// Reads the central directory, refusing more than `maximumParts` parts.
    init(_ data: Data, maximumParts: Int) throws {
        bytes = data
        let reader = ByteReader(data)
        // The end of central directory record is in the last 65,557 bytes.
        let searchStart = max(0, data.count - 65_557)
        var end = -1
        var index = data.count - 22
        while index >= searchStart {
            if reader.u32(index) == 0x0605_4B50 { end = index; break }
            index -= 1
        }
        guard end >= 0 else { throw Problem.damaged }
        var count = Int(reader.u16(end + 10) ?? 0)
        var directorySize = Int(reader.u32(end + 12) ?? 0)
        var directoryOffset = Int(reader.u32(end + 16) ?? 0)
        // ZIP64: the real numbers are in a record the locator points to.
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            guard end >= 20, reader.u32(end - 20) == 0x0706_4B50, let recordOffset = reader.u64(end - 12),
                  recordOffset < UInt64(data.count), reader.u32(Int(recordOffset)) == 0x0606_4B50,
                  let count64 = reader.u64(Int(recordOffset) + 32), let size64 = reader.u64(Int(recordOffset) + 40),
                  let offset64 = reader.u64(Int(recordOffset) + 48),
                  count64 < UInt64(Int.max), size64 < UInt64(data.count), offset64 < UInt64(data.count) else { throw Problem.damaged }
            count = Int(count64)
            directorySize = Int(size64)
            directoryOffset = Int(offset64)
        }
        guard count <= maximumParts else { throw Problem.tooManyParts }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize <= data.count else { throw Problem.damaged }

        var parts: [Part] = []
        parts.reserveCapacity(count)
        var position = directoryOffset
        for _ in 0..<count {
            guard reader.u32(position) == 0x0201_4B50,
                  let flags = reader.u16(position + 8), let method = reader.u16(position + 10), let crc = reader.u32(position + 16),
                  let compressed32 = reader.u32(position + 20), let uncompressed32 = reader.u32(position + 24),
                  let nameLength = reader.u16(position + 28), let extraLength = reader.u16(position + 30),
                  let commentLength = reader.u16(position + 32), let offset32 = reader.u32(position + 42),
                  let name = reader.slice(position + 46, Int(nameLength)),
                  let extra = reader.slice(position + 46 + Int(nameLength), Int(extraLength)) else { throw Problem.damaged }
            var compressed = UInt64(compressed32), uncompressed = UInt64(uncompressed32), offset = UInt64(offset32)
            // A ZIP64 extra field holds the sizes and offset that did not fit in 32 bits, in that order.
            if compressed32 == 0xFFFF_FFFF || uncompressed32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
                let extraReader = ByteReader(extra)
                var field = 0
                while field + 4 <= extra.count {
                    guard let id = extraReader.u16(field), let size = extraReader.u16(field + 2) else { break }
                    if id == 0x0001 {
                        var cursor = field + 4
                        func next() -> UInt64? {
                            defer { cursor += 8 }
                            return cursor + 8 <= field + 4 + Int(size) ? extraReader.u64(cursor) : nil
                        }
                        if uncompressed32 == 0xFFFF_FFFF { uncompressed = next() ?? uncompressed }
                        if compressed32 == 0xFFFF_FFFF { compressed = next() ?? compressed }
                        if offset32 == 0xFFFF_FFFF { offset = next() ?? offset }
                        break
                    }
                    field += 4 + Int(size)
                }
            }
            guard compressed < UInt64(data.count), offset < UInt64(data.count), uncompressed < UInt64(Int32.max) else { throw Problem.damaged }
            parts.append(Part(path: String(decoding: name, as: UTF8.self), method: method, isEncrypted: flags & 1 == 1, crc32: crc,
                              compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), localHeaderOffset: Int(offset)))
            position += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        self.parts = parts
    }

    /// A part's bytes, unpacked, handed to `consumer` a piece at a time. The
    /// compressed bytes must lie inside the archive, and the unpacked bytes
    /// must match the part's checksum.
    func unpack(_ part: Part, consumer: (Data) throws -> Void) throws {
        if part.isEncrypted { throw Problem.encrypted }
        let reader = ByteReader(bytes)
        guard reader.u32(part.localHeaderOffset) == 0x0403_4B50,
              let nameLength = reader.u16(part.localHeaderOffset + 26), let extraLength = reader.u16(part.localHeaderOffset + 28) else { throw Problem.damaged }
        let start = part.localHeaderOffset + 30 + Int(nameLength) + Int(extraLength)
        guard start <= bytes.count, part.compressedSize <= bytes.count - start else { throw Problem.damaged }
        let compressed = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + part.compressedSize)]
        var checksum: UInt32
        switch part.method {
        case 0:
            try consumer(Data(compressed))
            checksum = Self.crc32(Data(compressed), 0)
        case 8:
            checksum = try Self.inflate(Data(compressed), consumer: consumer)
        default:
            throw Problem.damaged
        }
        guard checksum == part.crc32 else { throw Problem.damaged }
    }

    static func crc32(_ data: Data, _ checksum: UInt32) -> UInt32 {
        data.withUnsafeBytes { buffer in
            UInt32(Zlib.crc32(uLong(checksum), buffer.bindMemory(to: Bytef.self).baseAddress, uInt(buffer.count)))
        }
    }

    /// Inflates a raw deflate stream, handing out 64 KB at a time, and returns
    /// the checksum of what came out. The stream must end inside the bytes given.
    static func inflate(_ compressed: Data, consumer: (Data) throws -> Void) throws -> UInt32 {
        var stream = z_stream()
        // Negative window bits: raw deflate, as zip stores it, with no zlib header.
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Problem.damaged }
        defer { inflateEnd(&stream) }
        var checksum: UInt32 = 0
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        try compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { throw Problem.damaged }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let result = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return Zlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = output.count - Int(stream.avail_out)
                if produced > 0 {
                    let piece = Data(output[0..<produced])
                    checksum = crc32(piece, checksum)
                    try consumer(piece)
                }
                switch result {
                case Z_STREAM_END: return
                case Z_OK: continue
                // Z_BUF_ERROR: no progress is possible, so the input ended before the stream did.
                default: throw Problem.damaged
                }
            }
        }
        return checksum
    }
}

/// Little-endian numbers read from bytes, or nil past their end.
private struct ByteReader {
    let data: Data

    init(_ data: Data) { self.data = data }

    func byte(_ offset: Int) -> UInt8? {
        guard offset >= 0, offset < data.count else { return nil }
        return data[data.startIndex + offset]
    }

    func u16(_ offset: Int) -> UInt16? {
        guard let low = byte(offset), let high = byte(offset + 1) else { return nil }
        return UInt16(low) | UInt16(high) << 8
    }

    func u32(_ offset: Int) -> UInt32? {
        guard let low = u16(offset), let high = u16(offset + 2) else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    func u64(_ offset: Int) -> UInt64? {
        guard let low = u32(offset), let high = u32(offset + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    func slice(_ offset: Int, _ length: Int) -> Data? {
        guard offset >= 0, length >= 0, offset <= data.count, length <= data.count - offset else { return nil }
        return data[(data.startIndex + offset)..<(data.startIndex + offset + length)]
    }
}
