import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The fan-out is fair (issue #19): a broadcast reaches every member of every team about as fast
/// while one member floods the server with requests — reconnecting each time the server cuts it
/// off for going over its message budget — and another member never reads what it is sent, as it
/// does with nobody misbehaving, measured in the same run against the same `serve` process.
@Suite("fan-out fairness", .serialized)
struct FanoutFairnessTests {
    @Test func aBroadcastReachesEveryMemberWhileOneFloodsAndOneNeverReads() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try ServedProcess(in: dir)
        defer { Task { await serve.stop() } }
        let port = try #require(await serve.port(), "\(serve.err)")
        let whiteToken = try serve.token("facilitator:whitecell")
        let teamTokens = [try serve.token("team:tut-b"), try serve.token("team:tut-c")]
        let alpha = try serve.token("team:tut-a")
        @Sendable func hello(_ token: String) -> String { #"{"v":1,"type":"hello","token":"\#(token)"}"# }

        // Eight members each of Bravo and Charlie, each on a connection of their own with the
        // team's token, and the white cell, which starts the exercise.
        let connected = await offPool { () -> (MiniSocket, [MiniSocket])? in
            guard let white = MiniSocket(port: port), white.upgradeAndSend(hello(whiteToken)),
                  white.read(until: ["\"welcome\""], timeout: .seconds(30)).found != nil else { return nil }
            var members: [MiniSocket] = []
            for k in 0..<16 {
                guard let s = MiniSocket(port: port), s.upgradeAndSend(hello(teamTokens[k % 2])) else { return nil }
                members.append(s)
            }
            for s in members where s.read(until: ["\"welcome\""], timeout: .seconds(30)).found == nil { return nil }
            white.sendText(#"{"v":1,"type":"start","ref":"go"}"#)
            guard white.read(until: [#""ref":"go""#], timeout: .seconds(30)).found != nil else { return nil }
            return (white, members)
        }
        let (white, members) = try #require(connected, "the white cell and 16 members connect: \(serve.err)")

        /// One broadcast of 8 KB: from the white cell's send to the last member's receipt.
        func round(_ name: String) async -> Duration? {
            let marker = "\(name)-\(UUID().uuidString.prefix(8))"
            let readers = members.map { member in Pending { member.read(until: [marker], timeout: .seconds(60)).found != nil ? ContinuousClock.now : nil } }
            let start = ContinuousClock.now
            white.sendText(#"{"v":1,"type":"broadcast","ref":"\#(marker)","text":"\#(marker) \#(String(repeating: "x", count: 8_000))"}"#)
            var last = start
            for reader in readers {
                guard let arrived = await reader.result else { return nil }
                last = max(last, arrived)
            }
            return last - start
        }

        // The same-run baseline: nobody misbehaves.
        var baseline: [Duration] = []
        for k in 0..<3 { baseline.append(try #require(await round("calm\(k)"), "every member receives the calm broadcast \(k)")) }

        // A member of Alpha that never reads: the server's writes to it stay pending (and its
        // outbox fills) while the others are served.
        let stalled = await offPool { () -> MiniSocket? in
            guard let s = MiniSocket(port: port), s.upgradeAndSend(hello(alpha)) else { return nil }
            return s
        }
        let stalledSocket = try #require(stalled)
        // Another member of Alpha sends pings as fast as its socket takes them, and reconnects
        // whenever it is cut off, until told to stop: a flood that outlasts every measured round.
        let stop = LockedBox(false)
        let flood = LockedBox((connections: 0, sent: 0))
        let flooder = Pending { () -> Void in
            while !stop.value {
                guard let s = MiniSocket(port: port), s.upgradeAndSend(hello(alpha)),
                      s.read(until: ["\"welcome\""], timeout: .seconds(30)).found != nil else { continue }
                flood.set((flood.value.connections + 1, flood.value.sent))
                var k = 0
                while !stop.value, s.sendText(#"{"v":1,"type":"ping","ref":"f\#(k)"}"#) {
                    k += 1
                    if k % 100 == 0 { flood.set((flood.value.connections, flood.value.sent + 100)) }
                }
            }
        }
        // The flood is under way: the server has cut the flooder off at least once.
        let floodDeadline = ContinuousClock.now + .seconds(60)
        while flood.value.connections < 2, ContinuousClock.now < floodDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(flood.value.connections >= 2, "the flooder was cut off and came back: \(flood.value)")
        let sentBefore = flood.value.sent

        var loaded: [Duration] = []
        for k in 0..<3 { loaded.append(try #require(await round("flood\(k)"), "every member receives the broadcast \(k) during the flood")) }
        let sentDuring = flood.value.sent - sentBefore
        stop.set(true)
        await flooder.result
        _ = stalledSocket

        // The flood went on through every loaded round.
        #expect(sentDuring >= 300, "the flooder sent \(sentDuring) pings during the measured rounds")
        // Serialised behind the flood, the broadcast took seconds (issue #19: up to 2 s); fair,
        // it takes about what it takes without it. The bound leaves room for a busy machine.
        let calm = baseline.max() ?? .zero
        let worst = loaded.max() ?? .seconds(99)
        #expect(worst < calm * 5 + .milliseconds(750), "slowest broadcast during the flood \(worst); calm \(baseline)")
        #expect(serve.process.isRunning)
        await serve.stop()
    }
}

/// Work started at once on a thread of its own; its result awaited later.
final class Pending<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    private var waiter: CheckedContinuation<T, Never>?

    init(_ work: @escaping @Sendable () -> T) {
        Thread { self.finish(work()) }.start()
    }

    private func finish(_ result: T) {
        let w: CheckedContinuation<T, Never>? = lock.withLock {
            value = result
            defer { waiter = nil }
            return waiter
        }
        w?.resume(returning: result)
    }

    var result: T {
        get async {
            await withCheckedContinuation { continuation in
                let ready: T? = lock.withLock {
                    if let value { return value }
                    waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
