import Foundation

/// What the `ended` row records of the chain before it: how many rows, and the last one's hash.
///
/// The writer adds it to the `ended` row's JSON payload as `"chain": {"rows": N, "head": "<hex>"}`
/// (whatever the caller's payload said under `chain`), so the hash of the `ended` row covers it.
/// `verify` checks it against the rows, so a journal whose end is its `ended` row shows both its
/// length and its head, and rows removed after that row are the only ones it cannot see itself.
public struct ChainAnchor: Sendable, Equatable, Codable {
    /// The event type whose row carries the anchor.
    public static let eventType = "ended"

    /// Rows before the anchoring row: the anchoring row's seq minus one.
    public var rows: Int64
    /// Hash of row `rows`, 64 lowercase hex digits.
    public var head: String

    public init(rows: Int64, head: String) {
        self.rows = rows
        self.head = head
    }

    private struct Envelope: Decodable { var chain: ChainAnchor? }

    /// The anchor in an `ended` row's payload, nil when it has none (a journal written before
    /// anchors existed) or the payload is not a JSON object.
    public init?(payload: Data) {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: payload), let chain = envelope.chain else { return nil }
        self = chain
    }

    /// `payload` (a JSON object) with the anchor of the chain ending at `seq`/`hash` set under
    /// `chain`; keys sorted. A payload that is not a JSON object is left as it is.
    static func anchoring(_ payload: Data, rows: Int64, hash: Data) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any] else { return payload }
        object["chain"] = ["rows": rows, "head": ChainHash.hex(hash)] as [String: Any]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return payload
        }
        return data
    }
}
