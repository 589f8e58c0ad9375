import DrillCore
import Foundation

/// The first row's payload: the exercise's scenario, so that a journal is self-contained.
///
/// Payload: a JSON object with `scenarioSource` (the YAML text) and `scenarioDigest` (SHA-256
/// of its UTF-8 bytes, lowercase hex), plus whatever fields the caller adds.
struct Genesis: Sendable {
    static let eventType = "exerciseCreated"

    let scenarioSource: String
    let scenarioDigest: String
    /// The artifact facts the creator added (`artifacts`), nil when there are none or they cannot be read.
    var artifacts: [ArtifactRecord]?

    private struct Fields: Decodable {
        let scenarioSource: String
        let scenarioDigest: String
    }

    private struct Artifacts: Decodable {
        let artifacts: [ArtifactRecord]?
    }

    init(scenarioSource: String) {
        self.scenarioSource = scenarioSource
        self.scenarioDigest = ChainHash.scenarioDigest(of: scenarioSource)
    }

    /// Reads the scenario from row 1; nil when the row is not a well-formed `exerciseCreated`.
    init?(_ row: JournalRow) {
        guard row.seq == 1, row.type == Self.eventType,
              let fields = try? JSONDecoder().decode(Fields.self, from: row.payload)
        else { return nil }
        scenarioSource = fields.scenarioSource
        scenarioDigest = fields.scenarioDigest
        artifacts = (try? JSONDecoder().decode(Artifacts.self, from: row.payload))?.artifacts
    }

    /// The payload: the caller's JSON object with the scenario fields added, keys sorted.
    func payload(adding fields: Data?) throws(JournalError) -> Data {
        var object: [String: Any] = [:]
        if let fields {
            guard let parsed = try? JSONSerialization.jsonObject(with: fields) as? [String: Any] else {
                throw .invalidEntry(reason: "the exerciseCreated fields must be a JSON object")
            }
            for key in ["scenarioSource", "scenarioDigest"] where parsed[key] != nil {
                throw .invalidEntry(reason: "the exerciseCreated fields must not set \(key): the journal writes it")
            }
            object = parsed
        }
        object["scenarioSource"] = scenarioSource
        object["scenarioDigest"] = scenarioDigest
        do {
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw .invalidEntry(reason: "the exerciseCreated payload cannot be written as JSON: \(error)")
        }
    }
}
