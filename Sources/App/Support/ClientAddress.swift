import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// A network address or a block of them ("10.0.0.0/8", "::1"), for naming
/// the reverse proxies whose X-Forwarded-For header can be believed.
struct AddressBlock: Sendable, Equatable, CustomStringConvertible {
    /// IPv4 addresses are held as IPv4-mapped IPv6 (::ffff:a.b.c.d), so both kinds compare alike.
    let bytes: [UInt8]
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let (bytes, isIPv4) = Self.parse(String(first)) else { return nil }
        let fullLength = isIPv4 ? 32 : 128
        var length = fullLength
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...fullLength).contains(given) else { return nil }
            length = given
        }
        self.bytes = bytes
        self.prefixLength = isIPv4 ? length + 96 : length
    }

    /// Whether the address is inside this block.
    func contains(_ address: String) -> Bool {
        guard let (other, _) = Self.parse(address) else { return false }
        var remaining = prefixLength
        for index in 0..<16 where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if bytes[index] & mask != other[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    var description: String { "\(bytes.map { String($0) }.joined(separator: "."))/\(prefixLength)" }

    /// The 16 bytes of an IPv4 or IPv6 address written as text, and whether it was IPv4.
    static func parse(_ text: String) -> ([UInt8], Bool)? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            return ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF,
                     UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)], true)
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return (withUnsafeBytes(of: &v6) { Array($0) }, false)
        }
        return nil
    }
}

extension Request {
    /// The address of the person's computer. Behind a reverse proxy every
    /// request comes from the proxy; when it is one of the trusted proxies
    /// (COPRODUCE_TRUSTED_PROXIES), the address it forwarded is used instead:
    /// the right-most address in X-Forwarded-For that is not itself a
    /// trusted proxy, since anything to its left the client could have written.
    var clientAddress: String {
        // Only a request made inside the process (as tests make them) has no
        // address; it comes from this machine.
        let peer = remoteAddress?.ipAddress ?? "127.0.0.1"
        let trusted = application.appConfig.trustedProxies
        return ClientAddress.resolve(peer: peer, forwardedFor: headers[.xForwardedFor], trusted: trusted)
    }
}

enum ClientAddress {
    static func resolve(peer: String, forwardedFor: [String], trusted: [AddressBlock]) -> String {
        func isTrusted(_ address: String) -> Bool { trusted.contains { $0.contains(address) } }
        guard isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            // Anything that is not an address ends the chain: the proxy would not have written it.
            guard AddressBlock.parse(hop) != nil else { return peer }
            if !isTrusted(hop) { return hop }
        }
        return peer
    }
}
