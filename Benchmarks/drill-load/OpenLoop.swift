import BenchSupport
import LeanWebSocket
import NIOCore
import NIOWebSocket

/// Open-loop sending (the answers benchmark and the soak): each answer is sent when it falls due,
/// whether or not earlier ones were acknowledged. With N connections at an interval I between two
/// answers of one connection, connection k's n-th answer (from 0) falls due at
/// `start + (k/N + n) × I`; latency is measured from that due time, so a late send counts.
///
/// Every frame is built (text, bytes, masking key) before the clock starts. Then each event loop
/// of the clients runs one timer for the connections it owns: it wakes at the next due time,
/// writes every answer that is due by then on its connection, flushes each connection it wrote
/// to once, and tells `sent` (on that loop) each answer's due time and when it was handed to the
/// socket; then it sleeps until the next due time.
enum OpenLoop {
    /// Builds the frames, starts the clock 200 ms later and sends for `seconds`; returns the start
    /// (monotonic ns) once every answer due before the end is written (or its connection is gone).
    /// `text(k, n)`: connection k's n-th answer. `sent(k, n, due, written)`: on k's event loop.
    static func run(_ connections: [LeanConnection], seconds: Double, interval: Double,
                    text: (Int, Int) -> String,
                    sent: @escaping @Sendable (Int, Int, UInt64, UInt64) -> Void) async -> UInt64 {
        let count = connections.count
        let length = UInt64(seconds * 1e9)
        let offset: @Sendable (Int, Int) -> UInt64 = { k, n in UInt64((Double(k) / Double(count) + Double(n)) * interval * 1e9) }
        var byLoop: [ObjectIdentifier: LoopSender] = [:]
        var perConnection: [[WebSocketFrame]] = []
        for k in connections.indices {
            var frames: [WebSocketFrame] = []
            while offset(k, frames.count) < length { frames.append(LeanConnection.frame(text(k, frames.count))) }
            perConnection.append(frames)
        }
        let start = now() + 200_000_000
        let due: @Sendable (Int, Int) -> UInt64 = { k, n in start + offset(k, n) }
        for (k, connection) in connections.enumerated() {
            let frames = perConnection[k]
            let key = ObjectIdentifier(connection.eventLoop as AnyObject)
            let sender = byLoop[key] ?? LoopSender(eventLoop: connection.eventLoop, due: due, sent: sent)
            sender.members.append(.init(k: k, connection: connection, frames: frames))
            byLoop[key] = sender
        }
        let finished = byLoop.values.map { sender in sender.eventLoop.flatSubmit { sender.begin() } }
        for future in finished { try? await future.get() }
        return start
    }

    /// The connections of one event loop and where their sending is; used on that loop only.
    private final class LoopSender: @unchecked Sendable {
        struct Member {
            var k: Int
            var connection: LeanConnection
            var frames: [WebSocketFrame]
        }

        let eventLoop: EventLoop
        /// In increasing k: within one round n, that is the order of their due times.
        var members: [Member] = []
        let due: (Int, Int) -> UInt64
        let sent: @Sendable (Int, Int, UInt64, UInt64) -> Void
        private var n = 0
        private var next = 0
        private var done: EventLoopPromise<Void>?
        private var rounds = 0
        private var touched: [Int] = []
        private var dirty: [Bool] = []

        init(eventLoop: EventLoop, due: @escaping (Int, Int) -> UInt64, sent: @escaping @Sendable (Int, Int, UInt64, UInt64) -> Void) {
            self.eventLoop = eventLoop
            self.due = due
            self.sent = sent
        }

        func begin() -> EventLoopFuture<Void> {
            let promise = eventLoop.makePromise(of: Void.self)
            done = promise
            rounds = members.map(\.frames.count).max() ?? 0
            dirty = Array(repeating: false, count: members.count)
            schedule()
            return promise.futureResult
        }

        /// The (member, n) of the next answer in due order, skipping members that have no n-th
        /// answer (a later k can have one answer fewer); nil when none is left.
        private func nextDue() -> (member: Int, due: UInt64)? {
            while n < rounds {
                while next < members.count {
                    if n < members[next].frames.count { return (next, due(members[next].k, n)) }
                    next += 1
                }
                n += 1
                next = 0
            }
            return nil
        }

        private func schedule() {
            guard let (_, at) = nextDue() else {
                done?.succeed(())
                return
            }
            eventLoop.scheduleTask(deadline: .uptimeNanoseconds(at)) { self.fire() }
        }

        /// Writes every answer due by now, then one flush a connection.
        private func fire() {
            let t = now()
            var batch: [(member: Int, n: Int, due: UInt64)] = []
            while let (member, at) = nextDue(), at <= t {
                let frame = members[member].frames[n]
                members[member].frames[n] = LeanConnection.sentFrame
                if members[member].connection.write(frame) { batch.append((member, n, at)) }
                next += 1
            }
            touched.removeAll(keepingCapacity: true)
            for entry in batch where !dirty[entry.member] {
                dirty[entry.member] = true
                touched.append(entry.member)
            }
            for member in touched {
                members[member].connection.flush()
                dirty[member] = false
            }
            let written = now()
            for entry in batch { sent(members[entry.member].k, entry.n, entry.due, written) }
            schedule()
        }
    }
}

extension LeanConnection {
    /// What takes a sent frame's place in `OpenLoop` (its bytes are released once written).
    static let sentFrame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer())
}
