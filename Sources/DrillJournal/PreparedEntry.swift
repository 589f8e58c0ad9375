import Foundation

/// An entry that passed validation, with its payload already as the text SQLite stores.
struct PreparedEntry: Sendable {
    let exerciseTime: Int64
    let actor: String
    let type: String
    let payload: Data
    let payloadText: String

    /// Payloads above this size are refused (the canonical bytes prefix lengths with 32 bits).
    static let maximumPayloadBytes = 64 << 20

    init(_ entry: JournalEntry) throws(JournalError) {
        guard Self.isValidActor(entry.actor) else {
            throw .invalidEntry(reason: "actor \"\(entry.actor)\" must be system, facilitator:<name> or team:<id>")
        }
        guard Self.isValidType(entry.type) else {
            throw .invalidEntry(reason: "event type \"\(entry.type)\" must be 1 to 128 letters, digits, '.', '_' or '-'")
        }
        guard !entry.payload.isEmpty, entry.payload.count <= Self.maximumPayloadBytes else {
            throw .invalidEntry(reason: "the \(entry.type) payload must be JSON of 1 byte to 64 MiB, it has \(entry.payload.count) bytes")
        }
        guard !entry.payload.contains(0) else {
            throw .invalidEntry(reason: "the \(entry.type) payload contains a NUL byte, which JSON never does")
        }
        // Decoding repairs invalid UTF-8, so a valid payload is exactly one that survives it.
        let text = String(decoding: entry.payload, as: UTF8.self)
        guard text.utf8.elementsEqual(entry.payload) else {
            throw .invalidEntry(reason: "the \(entry.type) payload is not valid UTF-8")
        }
        exerciseTime = entry.exerciseTime
        actor = entry.actor
        type = entry.type
        payload = entry.payload
        payloadText = text
    }

    static func isValidActor(_ actor: String) -> Bool {
        if actor == "system" { return true }
        for prefix in ["facilitator:", "team:"] where actor.hasPrefix(prefix) {
            let name = actor.dropFirst(prefix.count)
            return !name.isEmpty && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        return false
    }

    static func isValidType(_ type: String) -> Bool {
        let utf8 = type.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
