import Foundation
import GRDB

/// Appends rows with group commit: requests queue up while a transaction is being written and
/// synced, and the next transaction takes all of them, so one fsync acknowledges many callers.
///
/// All writing happens on GRDB's writer dispatch queue, never on the Swift cooperative pool.
final class GroupCommitWriter: Sendable {
    /// The last row: where the next row continues the chain.
    struct Head: Sendable, Equatable {
        var seq: Int64
        var hash: Data
    }

    private struct Request {
        let entries: [PreparedEntry]
        let wall: Int64
        let continuation: CheckedContinuation<ClosedRange<Int64>, any Error>
    }

    private struct State {
        var pending: [Request] = []
        var draining = false
        var held = false
        var closed = false
        var failure: JournalError?
        /// The drain is waiting for more requests before its next transaction (`gather`).
        var gathering = false
        var gatherWindow = GroupCommitWriter.gatherWindow
        var head: Head
        var statistics = JournalStatistics()
    }

    /// Bounds one transaction, so one huge queue cannot delay every caller behind a giant commit.
    static let maximumRowsPerTransaction = 8_192

    /// Under concurrent load (the last transaction carried more than one caller), the drain
    /// waits this long at most for more callers before its next transaction, or until this many
    /// are queued, so that one fsync acknowledges more of them: each fsync costs the server tens
    /// of microseconds of CPU, and under load the queue otherwise held two callers a transaction.
    /// A lone caller (a drill's usual pace) never waits.
    static let gatherWindow: DispatchTimeInterval = .microseconds(500)
    static let gatherRequests = 32
    /// Signalled by `submit` when enough callers are queued for a gathering drain.
    private let gathered = DispatchSemaphore(value: 0)

    let path: String
    /// Nil for a journal opened for reading only: every append is refused.
    private let database: DatabasePool?
    private let state: Locked<State>

    init(path: String, database: DatabasePool?, head: Head) {
        self.path = path
        self.database = database
        self.state = Locked(State(head: head))
    }

    var head: Head { state.withLock { $0.head } }
    var isClosed: Bool { state.withLock { $0.closed } }
    var statistics: JournalStatistics { state.withLock { $0.statistics } }

    /// Queues the entries and returns their seqs once the transaction holding them committed.
    nonisolated(nonsending) func submit(_ entries: [PreparedEntry], wall: Int64) async throws -> ClosedRange<Int64> {
        try await withCheckedThrowingContinuation { continuation in
            let refusal: JournalError? = state.withLock { state in
                if let failure = state.failure { return failure }
                if state.closed { return .closed(path: path) }
                if database == nil { return .invalidEntry(reason: "\(path) was opened for reading only") }
                state.pending.append(Request(entries: entries, wall: wall, continuation: continuation))
                if state.gathering, state.pending.count >= Self.gatherRequests {
                    state.gathering = false
                    gathered.signal()
                }
                startDrainIfNeeded(&state)
                return nil
            }
            if let refusal {
                continuation.resume(throwing: refusal)
            }
        }
    }

    /// Requests queued and not yet taken into a transaction.
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Test hook: while held, requests queue up without being written.
    func hold() {
        state.withLock { $0.held = true }
    }

    /// Test hook: how long a gathering drain waits at most.
    func setGatherWindow(_ window: DispatchTimeInterval) {
        state.withLock { $0.gatherWindow = window }
    }

    /// Whether the drain is waiting for more callers now.
    var isGathering: Bool { state.withLock { $0.gathering } }

    func release() {
        state.withLock { state in
            state.held = false
            startDrainIfNeeded(&state)
        }
    }

    /// Refuses new appends, writes those already queued, and waits until they are done.
    /// Returns false when it was already closed (and then touches nothing).
    func close() -> Bool {
        let (wasOpen, orphans): (Bool, [Request]) = state.withLock { state in
            guard !state.closed else { return (false, []) }
            state.closed = true
            if state.gathering {
                // What is queued is written now, not after the window.
                state.gathering = false
                gathered.signal()
            }
            guard state.held else { return (true, []) }
            defer { state.pending = [] }
            return (true, state.pending)
        }
        guard wasOpen else { return false }
        for request in orphans {
            request.continuation.resume(throwing: JournalError.closed(path: path))
        }
        // The writer queue is serial: this runs after every drain scheduled before `closed`.
        // Then the WAL goes into the main file, so a closed journal is one self-contained file
        // (GRDB closes its writer before its read-only readers, so SQLite's own checkpoint on
        // close never happens). Failing is harmless: the rows are durable in the WAL.
        database?.writeWithoutTransaction { db in
            _ = try? db.checkpoint(.truncate)
        }
        return true
    }

    /// Called with the lock held, so that `close` cannot slip in between the check and the
    /// scheduling.
    private func startDrainIfNeeded(_ state: inout State) {
        guard !state.draining, !state.held, !state.pending.isEmpty else { return }
        guard let database else { return }
        state.draining = true
        database.asyncWriteWithoutTransaction { [self] db in
            drain(db)
        }
    }

    private func drain(_ db: Database) {
        var callers = 0
        while true {
            if callers > 1 { gather() }
            guard let (batch, head) = takeBatch() else { return }
            callers = batch.count
            var ranges: [ClosedRange<Int64>] = []
            ranges.reserveCapacity(batch.count)
            var newHead = head
            do {
                try db.inTransaction(.immediate) {
                    let statement = try db.cachedStatement(sql: JournalFormat.insertSQL)
                    for request in batch {
                        let first = newHead.seq + 1
                        for entry in request.entries {
                            newHead = try Self.insert(entry, wall: request.wall, after: newHead, statement)
                        }
                        ranges.append(first ... newHead.seq)
                    }
                    return .commit
                }
            } catch {
                // A full disk is rolled back cleanly by SQLite: the journal stays usable, and the
                // next append succeeds once there is room.
                let full = (error as? DatabaseError)?.resultCode == .SQLITE_FULL
                fail(batch, detail: "\(error)", sticky: !full)
                if full { continue }
                return
            }
            state.withLock { state in
                state.head = newHead
                let rows = Int(newHead.seq - head.seq)
                state.statistics.appendCalls += batch.count
                state.statistics.rows += rows
                state.statistics.transactions += 1
                state.statistics.largestTransaction = max(state.statistics.largestTransaction, rows)
            }
            for (request, range) in zip(batch, ranges) {
                request.continuation.resume(returning: range)
            }
        }
    }

    /// Waits (on the writer's queue) until `gatherRequests` callers are queued or `gatherWindow`
    /// has passed; returns at once when the writer is held, closing, or already has them.
    private func gather() {
        let window: DispatchTimeInterval? = state.withLock { state in
            guard !state.held, !state.closed, state.pending.count < Self.gatherRequests else { return nil }
            state.gathering = true
            return state.gatherWindow
        }
        guard let window else { return }
        if gathered.wait(timeout: .now() + window) == .timedOut {
            // A caller may have signalled between the timeout and here: take its signal too.
            let signalled = state.withLock { state in
                defer { state.gathering = false }
                return !state.gathering
            }
            if signalled { gathered.wait() }
        }
    }

    /// The next requests to write, in the order they were queued; nil ends the drain.
    private func takeBatch() -> ([Request], Head)? {
        state.withLock { state in
            guard !state.pending.isEmpty, !state.held else {
                state.draining = false
                return nil
            }
            var rows = 0
            var count = 0
            for request in state.pending {
                if count > 0, rows + request.entries.count > Self.maximumRowsPerTransaction { break }
                rows += request.entries.count
                count += 1
            }
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            return (batch, state.head)
        }
    }

    /// A failed transaction was rolled back. Its callers get the error, and so does every later
    /// append: after an I/O error the file's state is only trustworthy once reopened.
    private func fail(_ batch: [Request], detail: String, sticky: Bool = true) {
        let failure = sticky ? JournalError.writeFailed(path: path, detail: detail) : JournalError.diskFull(path: path, detail: detail)
        let queued: [Request] = state.withLock { state in
            if sticky {
                state.failure = failure
                state.draining = false
            }
            defer { state.pending = [] }
            return state.pending
        }
        for request in batch + queued {
            request.continuation.resume(throwing: failure)
        }
    }

    static func insert(
        _ entry: PreparedEntry, wall: Int64, after head: Head, _ statement: Statement
    ) throws -> Head {
        let seq = head.seq + 1
        var payload = entry.payload, payloadText = entry.payloadText
        if entry.type == ChainAnchor.eventType {
            // The `ended` row records the chain before it (docs/journal.md, "Anchoring the end").
            payload = ChainAnchor.anchoring(payload, rows: head.seq, hash: head.hash)
            payloadText = String(decoding: payload, as: UTF8.self)
        }
        let hash = ChainHash.hash(
            prevHash: head.hash, seq: seq, wall: wall, exerciseTime: entry.exerciseTime,
            actor: entry.actor, type: entry.type, payload: payload)
        try statement.execute(arguments: [
            seq, wall, entry.exerciseTime, entry.actor, entry.type, payloadText, head.hash, hash,
        ])
        return Head(seq: seq, hash: hash)
    }
}
