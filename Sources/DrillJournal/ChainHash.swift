import Crypto
import Foundation

/// The row hash of the journal's chain: SHA-256(prevHash || canonical bytes of the row).
///
/// Canonical bytes, all integers big-endian:
/// `seq` (Int64) · `wall` (Int64) · `exerciseTime` (Int64) ·
/// `actor` (UInt32 byte count + UTF-8) · `type` (UInt32 byte count + UTF-8) ·
/// `payload` (UInt32 byte count + bytes). docs/journal.md is the reference.
enum ChainHash {
    /// The `prevHash` of row 1.
    static let genesisPrevHash = Data(repeating: 0, count: 32)
    static let byteCount = 32

    static func hash(
        prevHash: Data, seq: Int64, wall: Int64, exerciseTime: Int64,
        actor: String, type: String, payload: Data
    ) -> Data {
        var hasher = SHA256()
        hasher.update(data: prevHash)
        var actor = actor
        var type = type
        actor.withUTF8 { actorBytes in
            type.withUTF8 { typeBytes in
                // The three integers in one update: 24 bytes.
                var fixed = (seq.bigEndian, wall.bigEndian, exerciseTime.bigEndian)
                withUnsafeBytes(of: &fixed) { hasher.update(bufferPointer: $0) }
                update(&hasher, lengthPrefixed: UnsafeRawBufferPointer(actorBytes))
                update(&hasher, lengthPrefixed: UnsafeRawBufferPointer(typeBytes))
            }
        }
        var payloadLength = UInt32(truncatingIfNeeded: payload.count).bigEndian
        withUnsafeBytes(of: &payloadLength) { hasher.update(bufferPointer: $0) }
        hasher.update(data: payload)
        return Data(hasher.finalize())
    }

    private static func update(_ hasher: inout SHA256, lengthPrefixed bytes: UnsafeRawBufferPointer) {
        var length = UInt32(truncatingIfNeeded: bytes.count).bigEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: bytes)
    }

    /// Lowercase hex, for digests shown to people and stored in JSON.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 of the scenario source's UTF-8 bytes, lowercase hex.
    static func scenarioDigest(of source: String) -> String {
        hex(SHA256.hash(data: Data(source.utf8)))
    }
}
