import Foundation
import Vapor

/// Every string that arrives in a request (a form, a JSON body, a query, a
/// file upload's fields) is put into Unicode's composed form (NFC) before
/// anything reads it, so "é" typed on two keyboards is stored and compared
/// alike, and a NUL character, which no database column can hold, is refused
/// with a message naming the field. The part-by-part rules (control
/// characters, direction overrides, spaces) come after, in `TextInput`.
///
/// It wraps the decoders Vapor uses, so every controller, and every part
/// added later, gets it without asking.
struct NormalisingContentDecoder: ContentDecoder {
    let inner: any ContentDecoder
    /// For forms: the most fields a body may have. Vapor's form parser takes time that grows with
    /// the square of the fields named with brackets (`evidence[a]`), so a 600 KB form of 40,000 of
    /// them held a core for a minute, before sign-in and the anti-forgery check.
    var maximumFields: Int? = nil

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try FieldLimit.check(body.readableBytesView, maximum: maximumFields, what: "This form")
        return try inner.decode(Normalised<D>.self, from: body, headers: headers).value
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try FieldLimit.check(body.readableBytesView, maximum: maximumFields, what: "This form")
        return try inner.decode(Normalised<D>.self, from: body, headers: headers, userInfo: userInfo).value
    }
}

struct NormalisingURLQueryDecoder: URLQueryDecoder {
    let inner: any URLQueryDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from url: URI) throws -> D {
        try FieldLimit.check((url.query ?? "").utf8, maximum: FieldLimit.queryFields, what: "This address", status: .uriTooLong)
        return try inner.decode(Normalised<D>.self, from: url).value
    }

    func decode<D: Decodable>(_ decodable: D.Type, from url: URI, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try FieldLimit.check((url.query ?? "").utf8, maximum: FieldLimit.queryFields, what: "This address", status: .uriTooLong)
        return try inner.decode(Normalised<D>.self, from: url, userInfo: userInfo).value
    }
}

/// Counts a form's or a query's fields (its `&`s) before the parser sees them, in one pass.
enum FieldLimit {
    /// The longest form, a self-evaluation's answers, has about 300 fields.
    static let formFields = 2_000
    /// Filters and pages: a handful of parameters.
    static let queryFields = 100

    static func check<Bytes: Sequence>(_ bytes: Bytes, maximum: Int?, what: String, status: HTTPResponseStatus = .payloadTooLarge) throws
        where Bytes.Element == UInt8 {
        guard let maximum else { return }
        var fields = 1
        for byte in bytes where byte == UInt8(ascii: "&") {
            fields += 1
            if fields > maximum {
                throw Abort(status, reason: "\(what) has more than \(maximum.formatted()) parts, more than any page of Coproduce sends. Nothing was saved.")
            }
        }
    }
}

extension ContentConfiguration {
    /// Wraps the decoders for JSON, forms, multipart forms and queries, once:
    /// the configuration is global, and tests configure many apps.
    mutating func normaliseText() throws {
        for mediaType in [HTTPMediaType.json, .jsonAPI, .urlEncodedForm, .formData, .plainText] {
            let decoder = try requireDecoder(for: mediaType)
            if !(decoder is NormalisingContentDecoder) {
                use(decoder: NormalisingContentDecoder(inner: decoder, maximumFields: mediaType == .urlEncodedForm ? FieldLimit.formFields : nil),
                    for: mediaType)
            }
        }
        let queryDecoder = try requireURLDecoder()
        if !(queryDecoder is NormalisingURLQueryDecoder) { use(urlDecoder: NormalisingURLQueryDecoder(inner: queryDecoder)) }
    }
}

/// Types the underlying decoders treat specially (dates, data, uploaded
/// files): they are handed straight to them, never taken apart.
protocol DecodedAsIs {}
extension Date: DecodedAsIs {}
extension Data: DecodedAsIs {}
extension URL: DecodedAsIs {}
extension Decimal: DecodedAsIs {}
extension UUID: DecodedAsIs {}
extension File: DecodedAsIs {}
extension ByteBuffer: DecodedAsIs {}

/// Decodes `Value` through a `NormalisingDecoder`.
struct Normalised<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        value = try Value(from: NormalisingDecoder(inner: decoder))
    }
}

extension NormalisingDecoder {
    static func normalise(_ text: String, codingPath: [any CodingKey]) throws -> String {
        if text.utf8.contains(0) {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                debugDescription: "This contains a hidden NUL character, which cannot be stored. Delete it and try again"))
        }
        return text.precomposedStringWithCanonicalMapping
    }
}

struct NormalisingDecoder: Decoder {
    let inner: any Decoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed(inner: try inner.container(keyedBy: type)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        Unkeyed(inner: try inner.unkeyedContainer())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(inner: try inner.singleValueContainer())
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        var inner: KeyedDecodingContainer<Key>
        var codingPath: [any CodingKey] { inner.codingPath }
        var allKeys: [Key] { inner.allKeys }

        func contains(_ key: Key) -> Bool { inner.contains(key) }
        func decodeNil(forKey key: Key) throws -> Bool { try inner.decodeNil(forKey: key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try inner.decode(type, forKey: key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try inner.decode(type, forKey: key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try inner.decode(type, forKey: key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try inner.decode(type, forKey: key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try inner.decode(type, forKey: key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try inner.decode(type, forKey: key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try inner.decode(type, forKey: key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try inner.decode(type, forKey: key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try inner.decode(type, forKey: key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try inner.decode(type, forKey: key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try inner.decode(type, forKey: key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try inner.decode(type, forKey: key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try inner.decode(type, forKey: key) }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            try NormalisingDecoder.normalise(try inner.decode(type, forKey: key), codingPath: codingPath + [key])
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            try inner.decodeIfPresent(type, forKey: key).map { try NormalisingDecoder.normalise($0, codingPath: codingPath + [key]) }
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if type == String.self { return try decode(String.self, forKey: key) as! T }
            if type is any DecodedAsIs.Type { return try inner.decode(type, forKey: key) }
            return try inner.decode(Normalised<T>.self, forKey: key).value
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            if type == String.self { return try decodeIfPresent(String.self, forKey: key) as! T? }
            if type is any DecodedAsIs.Type { return try inner.decodeIfPresent(type, forKey: key) }
            return try inner.decodeIfPresent(Normalised<T>.self, forKey: key)?.value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(Keyed<NestedKey>(inner: try inner.nestedContainer(keyedBy: type, forKey: key)))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            Unkeyed(inner: try inner.nestedUnkeyedContainer(forKey: key))
        }

        func superDecoder() throws -> any Decoder { NormalisingDecoder(inner: try inner.superDecoder()) }
        func superDecoder(forKey key: Key) throws -> any Decoder { NormalisingDecoder(inner: try inner.superDecoder(forKey: key)) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        var inner: any UnkeyedDecodingContainer
        var codingPath: [any CodingKey] { inner.codingPath }
        var count: Int? { inner.count }
        var isAtEnd: Bool { inner.isAtEnd }
        var currentIndex: Int { inner.currentIndex }

        mutating func decodeNil() throws -> Bool { try inner.decodeNil() }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try inner.decode(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try inner.decode(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try inner.decode(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try inner.decode(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try inner.decode(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try inner.decode(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try inner.decode(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try inner.decode(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try inner.decode(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try inner.decode(type) }

        mutating func decode(_ type: String.Type) throws -> String {
            let path = codingPath + [IndexKey(intValue: currentIndex)]
            return try NormalisingDecoder.normalise(try inner.decode(type), codingPath: path)
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == String.self { return try decode(String.self) as! T }
            if type is any DecodedAsIs.Type { return try inner.decode(type) }
            return try inner.decode(Normalised<T>.self).value
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(Keyed<NestedKey>(inner: try inner.nestedContainer(keyedBy: type)))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(inner: try inner.nestedUnkeyedContainer())
        }

        mutating func superDecoder() throws -> any Decoder { NormalisingDecoder(inner: try inner.superDecoder()) }
    }

    struct Single: SingleValueDecodingContainer {
        let inner: any SingleValueDecodingContainer
        var codingPath: [any CodingKey] { inner.codingPath }

        func decodeNil() -> Bool { inner.decodeNil() }
        func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
        func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
        func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
        func decode(_ type: Int.Type) throws -> Int { try inner.decode(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try inner.decode(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try inner.decode(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try inner.decode(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try inner.decode(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try inner.decode(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try inner.decode(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try inner.decode(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try inner.decode(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try inner.decode(type) }

        func decode(_ type: String.Type) throws -> String {
            try NormalisingDecoder.normalise(try inner.decode(type), codingPath: codingPath)
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == String.self { return try decode(String.self) as! T }
            if type is any DecodedAsIs.Type { return try inner.decode(type) }
            return try inner.decode(Normalised<T>.self).value
        }
    }

    /// The position of an element in a list, for error messages.
    struct IndexKey: CodingKey {
        let intValue: Int?
        let stringValue: String
        init(intValue: Int) {
            self.intValue = intValue
            stringValue = String(intValue)
        }
        init?(stringValue: String) { return nil }
    }
}
