import Foundation

/// One event as a caller hands it to the journal: the journal adds `seq`, `wall` and the hashes.
///
/// The journal does not know the exercise's event model; `type` and `payload` are opaque to it.
public struct JournalEntry: Sendable, Equatable {
    /// Exercise time of the event, in milliseconds since the exercise clock started.
    public var exerciseTime: Int64
    /// Who caused the event: `system`, `facilitator:<name>` or `team:<id>`.
    public var actor: String
    /// The event type, e.g. `answerSubmitted`.
    public var type: String
    /// The event's JSON, stored and hashed byte for byte as given (UTF-8, no NUL bytes).
    public var payload: Data

    public init(exerciseTime: Int64, actor: String, type: String, payload: Data) {
        self.exerciseTime = exerciseTime
        self.actor = actor
        self.type = type
        self.payload = payload
    }
}

/// One stored journal row, as read back.
public struct JournalRow: Sendable, Equatable {
    /// Position in the journal: 1 for the first row, then gapless.
    public var seq: Int64
    /// Wall-clock time of the append, UTC milliseconds since 1970.
    public var wall: Int64
    public var exerciseTime: Int64
    public var actor: String
    public var type: String
    public var payload: Data
    /// The previous row's `hash`; 32 zero bytes for row 1.
    public var prevHash: Data
    /// SHA-256 of `prevHash` followed by this row's canonical bytes (see docs/journal.md).
    public var hash: Data

    public init(
        seq: Int64, wall: Int64, exerciseTime: Int64, actor: String, type: String,
        payload: Data, prevHash: Data, hash: Data
    ) {
        self.seq = seq
        self.wall = wall
        self.exerciseTime = exerciseTime
        self.actor = actor
        self.type = type
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The entry this row was appended from.
    public var entry: JournalEntry {
        JournalEntry(exerciseTime: exerciseTime, actor: actor, type: type, payload: payload)
    }

    /// True when `hash` is the SHA-256 of `prevHash` and this row's canonical bytes.
    public var hashMatchesContents: Bool {
        ChainHash.hash(
            prevHash: prevHash, seq: seq, wall: wall, exerciseTime: exerciseTime,
            actor: actor, type: type, payload: payload) == hash
    }
}
