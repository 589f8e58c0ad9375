import BenchSupport
import Foundation
import HummingbirdWSClient
import HummingbirdWebSocket
import Logging

/// One team connection of the answers benchmark: sends answers when told, and notes for each
/// submission id when it was due, when it was written, and when the server acknowledged it (the
/// `ok` reply or the team feed's `ack`, whichever comes first; both are sent only once the answer
/// is durable). Frames are read with prefix and string searches, not decoded: the load generator
/// shares the machine's cores with the server.
final class AnswerClient: @unchecked Sendable {
    let team: String
    private let token: String
    private let lock = NSLock()
    private var outbound: WebSocketOutboundWriter?
    private var welcomed = false
    private var injects = 0
    private var dueAt: [String: UInt64] = [:]
    private var writtenAt: [String: UInt64] = [:]
    private var acknowledgedAt: [String: UInt64] = [:]
    private var oks: [String: Int] = [:]
    private var feedAcks: [String: Int] = [:]
    private var refusals: [String: String] = [:]
    private var otherErrors: [String] = []
    private var task: Task<Void, Never>?

    init(team: String, token: String) {
        self.team = team
        self.token = token
    }

    func start(_ url: String) {
        task = Task {
            await TeamConnection.run(url: url, token: self.token, ready: { outbound in self.lock.withLock { self.outbound = outbound } },
                                     receive: { self.receive($0) })
        }
    }

    private func receive(_ text: String) {
        let t = now()
        // Fields come in no fixed order (a nested task has a `type` too): look for the frame types
        // this client needs, as whole `"type":"…"` pairs.
        let type = Self.frameTypes.first { text.contains(#""type":""# + $0 + "\"") } ?? "other"
        if Self.trace, type != "ok", type != "ack" { print("[\(team)] \(text.prefix(160))") }
        lock.withLock {
            switch type {
            case "ok", "ack":
                guard let id = TeamConnection.string(after: #""submission":""#, in: text) else { return }
                if type == "ok" { oks[id, default: 0] += 1 } else { feedAcks[id, default: 0] += 1 }
                if acknowledgedAt[id] == nil { acknowledgedAt[id] = t }
            case "error":
                if let id = TeamConnection.string(after: #""submission":""#, in: text) {
                    refusals[id] = TeamConnection.string(after: #""code":""#, in: text) ?? "?"
                } else {
                    otherErrors.append(String(text.prefix(200)))
                }
            case "inject":
                injects += 1
            case "welcome":
                welcomed = true
            default:
                break
            }
        }
    }

    /// Sends one answer that was due at `due` (monotonic ns); returns when it is written.
    func submit(_ submission: String, task: String, value: String, due: UInt64) async {
        guard let outbound = lock.withLock({ () -> WebSocketOutboundWriter? in
            dueAt[submission] = due
            return self.outbound
        }) else { return }
        try? await outbound.write(.text(#"{"v":1,"type":"submit","submission":"\#(submission)","task":"\#(task)","values":["\#(value)"]}"#))
        let t = now()
        lock.withLock { writtenAt[submission] = t }
    }

    func send(_ text: String) async {
        guard let outbound = lock.withLock({ outbound }) else { return }
        try? await outbound.write(.text(text))
    }

    var isWelcomed: Bool { lock.withLock { welcomed } }
    var injectCount: Int { lock.withLock { injects } }
    /// Submissions sent and not yet acknowledged or refused.
    var outstanding: Int { lock.withLock { dueAt.keys.count(where: { acknowledgedAt[$0] == nil && refusals[$0] == nil }) } }

    struct Record {
        var submission: String
        var due: UInt64
        var written: UInt64?
        var acknowledged: UInt64?
        var oks: Int
        var feedAcks: Int
        var refusal: String?
    }

    /// Every submission this client sent, with what became of it.
    func records() -> (records: [Record], otherErrors: [String]) {
        lock.withLock {
            (dueAt.map { id, due in
                Record(submission: id, due: due, written: writtenAt[id], acknowledged: acknowledgedAt[id],
                       oks: oks[id] ?? 0, feedAcks: feedAcks[id] ?? 0, refusal: refusals[id])
            }, otherErrors)
        }
    }

    func close() async {
        let o = lock.withLock { outbound }
        try? await o?.close(.normalClosure, reason: nil)
        task?.cancel()
    }

    private static let frameTypes = ["ok", "ack", "error", "inject", "welcome"]

    /// DRILL_LOAD_TRACE=1: print every frame other than acknowledgements (to see what a run got).
    static let trace = ProcessInfo.processInfo.environment["DRILL_LOAD_TRACE"] == "1"

}
