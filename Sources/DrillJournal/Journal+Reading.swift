import Foundation
import GRDB

extension Journal {
    /// Calls `body` with every durable row from `seq` on, in order, without holding them all.
    ///
    /// Errors thrown by `body` come out unchanged; reading errors as `JournalError`. Runs on the
    /// calling thread: from async code prefer `rows(from:) async` or a thread of your own.
    public func forEachRow(from seq: Int64 = 1, _ body: (JournalRow) throws -> Void) throws {
        try readRows { db in try RowReader.forEach(db, from: seq) { try Self.pass($0, to: body) } }
    }

    /// `forEachRow` without the hashes and with each payload only lent to `body`: replay.
    func forEachBorrowedRow(from seq: Int64 = 1, _ body: (BorrowedRow) throws -> Void) throws {
        try readRows { db in try RowReader.forEachBorrowed(db, from: seq) { try Self.pass($0, to: body) } }
    }

    /// Runs `read`; errors of the caller's closure (see `pass`) come out unchanged, others as `JournalError`.
    private func readRows(_ read: (Database) throws -> Void) throws {
        guard !writer.isClosed else { throw JournalError.closed(path: path) }
        do {
            try database.read { db in try read(db) }
        } catch let error as CallerError {
            throw error.error
        } catch {
            throw mapReadError(error)
        }
    }

    private static func pass<Row>(_ row: Row, to body: (Row) throws -> Void) throws {
        do {
            try body(row)
        } catch {
            throw CallerError(error: error)
        }
    }

    /// How many rows a buffer should be sized for: the seqs from `seq` to the last one, but never
    /// more than the bytes on disk can hold (a row takes at least 64 bytes, its two hashes), so a
    /// crafted seq of 2^62 cannot make a reader allocate for it.
    public func capacityHint(from seq: Int64 = 1) -> Int {
        let bytes = (ReadOnlyOpen.fileSize(path) ?? 0) + (ReadOnlyOpen.fileSize(path + "-wal") ?? 0)
        let claimed = lastSeq >= seq ? lastSeq - seq + 1 : 0
        return Int(max(0, min(claimed, bytes / 64)))
    }

    /// Every durable row from `seq` on.
    public func rows(from seq: Int64 = 1) throws -> [JournalRow] {
        guard !writer.isClosed else { throw JournalError.closed(path: path) }
        let capacity = capacityHint(from: seq)
        do {
            return try database.read { db in try Self.rows(db, from: seq, capacity: capacity) }
        } catch {
            throw mapReadError(error)
        }
    }

    /// Every durable row from `seq` on, read on a SQLite reader queue rather than the caller's
    /// thread: replay from async code without holding a cooperative thread.
    public func rows(from seq: Int64 = 1) async throws -> [JournalRow] {
        guard !writer.isClosed else { throw JournalError.closed(path: path) }
        let capacity = capacityHint(from: seq)
        do {
            return try await database.read { db in try Self.rows(db, from: seq, capacity: capacity) }
        } catch {
            throw mapReadError(error)
        }
    }

    /// Checks the whole journal: the hash chain, gapless seqs from 1, and that the first row
    /// carries the scenario matching its digest. Reports the first problem and stops there.
    ///
    /// It cannot see rows cut off the end or a chain recomputed from start to end; compare
    /// `headHash` with a copy kept elsewhere for that.
    public func verify() throws -> JournalVerification {
        guard !writer.isClosed else { throw JournalError.closed(path: path) }
        do {
            return try database.read(Self.verify)
        } catch {
            throw JournalError(error, path: path)
        }
    }

    /// `verify()`, run on a SQLite reader queue rather than the caller's thread.
    public func verify() async throws -> JournalVerification {
        guard !writer.isClosed else { throw JournalError.closed(path: path) }
        do {
            return try await database.read { db in try Self.verify(db) }
        } catch {
            throw JournalError(error, path: path)
        }
    }

    private func mapReadError(_ error: any Error) -> JournalError {
        if let error = error as? RowReader.UnreadableRow {
            return .corrupt(path: path, detail: "row \(error.seq.map(String.init) ?? "?"): \(error.detail)")
        }
        return JournalError(error, path: path)
    }

    private static func rows(_ db: Database, from seq: Int64, capacity: Int) throws -> [JournalRow] {
        var rows: [JournalRow] = []
        rows.reserveCapacity(capacity)
        try RowReader.forEach(db, from: seq) { rows.append($0) }
        return rows
    }

    private static func verify(_ db: Database) throws -> JournalVerification {
        var verifier = ChainVerifier()
        var endedAt: Int64?
        var anchor: ChainAnchor?
        do {
            try RowReader.forEach(db, from: 1) { row in
                guard verifier.check(row) else { throw StopReading() }
                if row.seq == 1, verifier.rowsChecked == 1, let problem = genesisProblem(row) {
                    verifier.report(problem)
                    throw StopReading()
                }
                // An accepted `ended` row: its anchor must describe the chain before it.
                if row.type == ChainAnchor.eventType, verifier.lastSeq == row.seq {
                    endedAt = row.seq
                    anchor = ChainAnchor(payload: row.payload)
                    if let anchor, anchor.rows != row.seq - 1 || anchor.head != ChainHash.hex(row.prevHash) {
                        verifier.report(JournalProblem(
                            seq: row.seq, kind: .altered,
                            detail: "row \(row.seq) (ended) records \(anchor.rows) rows before it with head \(anchor.head), but the chain has \(row.seq - 1) rows with head \(ChainHash.hex(row.prevHash))"))
                        throw StopReading()
                    }
                }
            }
        } catch is StopReading {
        } catch let error as RowReader.UnreadableRow {
            let seq = error.seq ?? verifier.expectedSeq
            verifier.report(JournalProblem(seq: seq, kind: .unreadable, detail: "row \(seq): \(error.detail)"))
        }
        verifier.finish()
        guard let problem = verifier.problem else {
            return JournalVerification(intactThrough: verifier.lastSeq, headHash: verifier.previousHash, firstProblem: nil,
                                       endedAt: endedAt, anchor: anchor)
        }
        return JournalVerification(intactThrough: max(0, problem.seq - 1), headHash: nil, firstProblem: problem,
                                   endedAt: endedAt, anchor: anchor)
    }

    /// The seq of the row whose hash is `hash`, nil when no row has it: where a chain head kept
    /// elsewhere (a report, a `serve` stop line) stands in this journal.
    public func seq(ofRowHash hash: Data) throws -> Int64? {
        guard !writer.isClosed else { throw JournalError.closed(path: path) }
        do {
            return try database.read { db in
                try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE hash = ? ORDER BY seq LIMIT 1", arguments: [hash])
            }
        } catch {
            throw mapReadError(error)
        }
    }

    private static func genesisProblem(_ row: JournalRow) -> JournalProblem? {
        guard let genesis = Genesis(row) else {
            return JournalProblem(
                seq: 1, kind: .altered,
                detail: "row 1 is not an exerciseCreated event carrying the scenario source and digest")
        }
        guard ChainHash.scenarioDigest(of: genesis.scenarioSource) == genesis.scenarioDigest else {
            return JournalProblem(seq: 1, kind: .altered, detail: "the scenario source in row 1 does not match its digest")
        }
        return nil
    }
}

/// Carries an error thrown by a caller's closure through the read, to rethrow it unchanged.
private struct CallerError: Error {
    let error: any Error
}
