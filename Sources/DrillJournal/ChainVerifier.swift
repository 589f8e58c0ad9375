import Foundation

/// Walks rows in seq order and finds the first one that breaks the chain or the numbering.
///
/// Diagnosis, for the first row `r` that does not check out (the expected seq is `e`):
/// - `r.seq > e`: rows `e ..< r.seq` are gone: **removed**.
/// - `r`'s hash matches its contents only with another seq: `r` was renumbered. Moved up by `d`:
///   `d` rows were **inserted** before it; moved down: rows were **removed** before it.
/// - `r`'s hash matches no seq: **altered**; `r` is self-consistent but does not chain to row
///   `e - 1`: row `e - 1` was rewritten with a recomputed hash, **altered** at `e - 1`. In both
///   cases, if the next row is the original row `e` moved up by one and chained to the row before
///   `r`, then `r` was **inserted** instead.
struct ChainVerifier {
    private(set) var expectedSeq: Int64 = 1
    private(set) var previousHash = ChainHash.genesisPrevHash
    private(set) var rowsChecked: Int64 = 0
    private(set) var problem: JournalProblem?
    /// A row whose hash matched nothing, held until the next row says whether it was inserted.
    private var suspect: (row: JournalRow, previousHash: Data, otherwise: JournalProblem)?

    /// How far a renumbered row is searched for.
    static let maximumShift: Int64 = 1_000

    var lastSeq: Int64 { expectedSeq - 1 }

    /// Checks the next row; false once a problem is known (stop feeding rows then).
    mutating func check(_ row: JournalRow) -> Bool {
        if let suspect {
            problem = Self.classify(suspect, next: row)
            self.suspect = nil
            return false
        }
        if row.seq < expectedSeq {
            problem = JournalProblem(seq: row.seq, kind: .inserted, detail: "seq \(row.seq) appears twice")
            return false
        }
        if row.seq > expectedSeq {
            let missing = row.seq - expectedSeq
            problem = JournalProblem(
                seq: expectedSeq, kind: .removed,
                detail: missing == 1
                    ? "row \(expectedSeq) is missing: it was deleted after it was written"
                    : "rows \(expectedSeq)…\(row.seq - 1) are missing: they were deleted after they were written")
            return false
        }
        if row.hashMatchesContents {
            guard row.prevHash == previousHash else {
                if expectedSeq == 1 {
                    problem = JournalProblem(seq: 1, kind: .altered, detail: "row 1 does not start the chain with 32 zero bytes")
                    return false
                }
                suspect = (row, previousHash, JournalProblem(
                    seq: expectedSeq - 1, kind: .altered,
                    detail: "row \(expectedSeq - 1) was rewritten: row \(expectedSeq) recorded a different hash for it"))
                return true
            }
            accept(row)
            return true
        }
        if let original = Self.originalSeq(of: row) {
            let shift = row.seq - original
            problem = shift > 0
                ? JournalProblem(
                    seq: row.seq - shift, kind: .inserted,
                    detail: "\(Self.rows(shift)) inserted before row \(row.seq), which was row \(original) when written")
                : JournalProblem(
                    seq: row.seq, kind: .removed,
                    detail: "\(Self.rows(-shift)) removed before row \(row.seq), which was row \(original) when written; the rows after were renumbered")
            return false
        }
        suspect = (row, previousHash, JournalProblem(
            seq: row.seq, kind: .altered,
            detail: "row \(row.seq) was edited: its contents no longer match its hash"))
        return true
    }

    /// Ends the walk: settles a held suspect, and reports an empty journal.
    mutating func finish() {
        if let suspect, problem == nil {
            problem = Self.classify(suspect, next: nil)
        }
        suspect = nil
        if problem == nil, rowsChecked == 0 {
            problem = JournalProblem(seq: 1, kind: .removed, detail: "the journal has no rows")
        }
    }

    /// Records a problem found outside the chain (the genesis payload, an unreadable row).
    mutating func report(_ problem: JournalProblem) {
        self.problem = problem
    }

    private mutating func accept(_ row: JournalRow) {
        previousHash = row.hash
        expectedSeq += 1
        rowsChecked += 1
    }

    /// A suspect row followed by the original row of its seq, moved up by one and chained to
    /// the row before the suspect, was inserted; otherwise the suspect's own diagnosis stands.
    private static func classify(
        _ suspect: (row: JournalRow, previousHash: Data, otherwise: JournalProblem), next: JournalRow?
    ) -> JournalProblem {
        let seq = suspect.row.seq
        if let next, next.seq == seq + 1, next.prevHash == suspect.previousHash, originalSeq(of: next) == seq {
            return JournalProblem(
                seq: seq, kind: .inserted,
                detail: "row \(seq) was inserted: the row after it was row \(seq) when written")
        }
        return suspect.otherwise
    }

    /// The seq under which this row's hash was computed, when it differs from its current one.
    private static func originalSeq(of row: JournalRow) -> Int64? {
        for distance in 1 ... maximumShift {
            for candidate in [row.seq - distance, row.seq + distance] where candidate >= 1 {
                let hash = ChainHash.hash(
                    prevHash: row.prevHash, seq: candidate, wall: row.wall, exerciseTime: row.exerciseTime,
                    actor: row.actor, type: row.type, payload: row.payload)
                if hash == row.hash { return candidate }
            }
        }
        return nil
    }

    private static func rows(_ count: Int64) -> String {
        count == 1 ? "1 row was" : "\(count) rows were"
    }
}
