import Foundation

/// The outcome of `Journal.verify()`.
public struct JournalVerification: Sendable, Equatable {
    /// Rows `1...intactThrough` check out: every row when intact, else those before the first problem.
    public var intactThrough: Int64
    /// Hash of the last row, when the journal is intact. Compare it with a copy kept elsewhere
    /// to detect a journal whose chain was recomputed end to end or whose last rows were cut off.
    public var headHash: Data?
    /// The first thing found wrong, nil when the journal is intact.
    public var firstProblem: JournalProblem?
    /// Seq of the `ended` row, when the journal has one (checked up to the first problem).
    public var endedAt: Int64? = nil
    /// The anchor that `ended` row carries, checked against the rows before it; nil without an
    /// `ended` row or in a journal written before anchors existed.
    public var anchor: ChainAnchor? = nil

    public var isIntact: Bool { firstProblem == nil }
    public var headHashHex: String? { headHash.map(ChainHash.hex) }
}

/// A row that breaks the chain, with what is most likely to have happened to it.
public struct JournalProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The row's contents (or its hash) were changed after it was written.
        case altered
        /// Rows that were written are missing.
        case removed
        /// A row that was never appended by cyberdrill stands in the chain.
        case inserted
        /// A stored value is not of the type the schema promises.
        case unreadable
    }

    /// The first seq affected.
    public var seq: Int64
    public var kind: Kind
    /// A sentence on what was found.
    public var detail: String

    public var description: String { "seq \(seq): \(kind.rawValue): \(detail)" }
}
