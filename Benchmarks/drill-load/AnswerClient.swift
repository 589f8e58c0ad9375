import Atomics
import BenchSupport
import LeanWebSocket
import Foundation
import NIOCore

/// One team connection of the answers benchmark (a `LeanConnection`): notes for each answer it
/// sent when it was due, when it was written, and when the server acknowledged it (the `ok` reply
/// or the team feed's `ack`, whichever comes first; both are sent only once the answer is
/// durable). Frames are searched as bytes, not decoded: the load generator shares the machine's
/// cores with the server. Answer n of this connection has the submission id `<team>-<n>`, so an
/// acknowledgement finds its record by index, without a dictionary.
///
/// The records belong to the connection's event loop (`OpenLoop` and the frame handler run there);
/// the benchmark reads them with `records()` once the run is over. While it runs, it only reads
/// the atomic counters.
final class AnswerClient: @unchecked Sendable {
    let team: String
    private(set) var connection: LeanConnection!
    private let welcomed = ManagedAtomic<Bool>(false)
    private let injects = ManagedAtomic<Int>(0)
    private let unresolved = ManagedAtomic<Int>(0)

    // On the connection's event loop only.
    private var dueAt: [UInt64] = []
    private var writtenAt: [UInt64] = []
    private var acknowledgedAt: [UInt64] = []
    private var oks: [UInt8] = []
    private var feedAcks: [UInt8] = []
    private var refusals: [Int: String] = [:]
    private var otherErrors: [String] = []

    init(team: String, token: String) {
        self.team = team
        connection = LeanConnection(hello: LeanConnection.hello(token: token)) { [weak self] data, time in
            self?.receive(data, at: time)
        }
    }

    func start(_ url: String) { connection.start(url) }

    private func receive(_ data: ByteBuffer, at t: UInt64) {
        // Fields come in no fixed order (a nested task has a `type` too): look for the frame types
        // this client needs, as whole `"type":"…"` pairs.
        if FrameBytes.contains(data, #""type":"ok""#) {
            acknowledge(data, at: t, ok: true)
        } else if FrameBytes.contains(data, #""type":"ack""#) {
            acknowledge(data, at: t, ok: false)
        } else {
            if Self.trace { print("[\(team)] \(String(buffer: data).prefix(160))") }
            if FrameBytes.contains(data, #""type":"error""#) {
                if let n = FrameBytes.index(after: #""submission":""#, in: data), n < dueAt.count {
                    if refusals[n] == nil, acknowledgedAt[n] == 0 { unresolved.wrappingDecrement(ordering: .relaxed) }
                    refusals[n] = FrameBytes.string(after: #""code":""#, in: data) ?? "?"
                } else {
                    otherErrors.append(String(String(buffer: data).prefix(200)))
                }
            } else if FrameBytes.contains(data, #""type":"inject""#) {
                injects.wrappingIncrement(ordering: .releasing)
            } else if FrameBytes.contains(data, #""type":"welcome""#) {
                welcomed.store(true, ordering: .releasing)
            }
        }
    }

    private func acknowledge(_ data: ByteBuffer, at t: UInt64, ok: Bool) {
        guard let n = FrameBytes.index(after: #""submission":""#, in: data), n < dueAt.count else { return }
        if ok { oks[n] &+= 1 } else { feedAcks[n] &+= 1 }
        if acknowledgedAt[n] == 0 {
            acknowledgedAt[n] = t
            if refusals[n] == nil { unresolved.wrappingDecrement(ordering: .relaxed) }
        }
    }

    /// Answer n was written at `written`; it fell due at `due`. On the connection's event loop.
    func sent(_ n: Int, due: UInt64, written: UInt64) {
        while dueAt.count <= n {
            dueAt.append(0)
            writtenAt.append(0)
            acknowledgedAt.append(0)
            oks.append(0)
            feedAcks.append(0)
        }
        dueAt[n] = due
        writtenAt[n] = written
        unresolved.wrappingIncrement(ordering: .relaxed)
    }

    /// The text of answer n (to `task`).
    func answer(_ n: Int, task: String) -> String {
        #"{"v":1,"type":"submit","submission":"\#(team)-\#(n)","task":"\#(task)","values":["wrong \#(n)"]}"#
    }

    func send(_ text: String) { connection.send(text) }

    var isWelcomed: Bool { welcomed.load(ordering: .acquiring) }
    var injectCount: Int { injects.load(ordering: .acquiring) }
    /// Answers sent and not yet acknowledged or refused.
    var outstanding: Int { unresolved.load(ordering: .relaxed) }

    struct Record: Sendable {
        var submission: String
        var due: UInt64
        var written: UInt64?
        var acknowledged: UInt64?
        var oks: Int
        var feedAcks: Int
        var refusal: String?
    }

    /// Every answer this client sent, with what became of it (a hop to its event loop).
    func records() async -> (records: [Record], otherErrors: [String]) {
        await connection.onLoop {
            (self.dueAt.indices.map { n in
                Record(submission: "\(self.team)-\(n)", due: self.dueAt[n], written: self.writtenAt[n] == 0 ? nil : self.writtenAt[n],
                       acknowledged: self.acknowledgedAt[n] == 0 ? nil : self.acknowledgedAt[n],
                       oks: Int(self.oks[n]), feedAcks: Int(self.feedAcks[n]), refusal: self.refusals[n])
            }, self.otherErrors)
        } ?? ([], ["records unavailable: the client's event loop is gone"])
    }

    func close() async { await connection.close() }

    /// DRILL_LOAD_TRACE=1: print every frame other than acknowledgements (to see what a run got).
    static let trace = ProcessInfo.processInfo.environment["DRILL_LOAD_TRACE"] == "1"
}
