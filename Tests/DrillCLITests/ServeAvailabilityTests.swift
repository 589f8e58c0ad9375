import DrillTestSupport
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `serve` stays available to the teams: a busy port or a live journal is refused before anything
/// is made, and silent connections or floods of bad tokens neither lock teams out nor hold the
/// server's descriptors or memory.
@Suite("serve under abuse", .serialized)
struct ServeAvailabilityTests {
    /// A socket listening on 127.0.0.1, port chosen by the system.
    private static func occupiedPort() throws -> (Int32, Int) {
        try localSocket(listening: true)
    }

    @Test func aBusyListenPortExitsOneAndLeavesNothingBehind() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (fd, port) = try Self.occupiedPort()
        defer { close(fd) }
        let serve = try ServedProcess(in: dir, listen: "127.0.0.1:\(port)")
        #expect(await serve.waitForExit(timeout: .seconds(60)), "serve exits")
        if serve.process.isRunning { await serve.stop() }
        #expect(serve.process.terminationStatus == 1)
        #expect(serve.err.contains("cannot listen on 127.0.0.1:\(port)"), "\(serve.err)")
        #expect(!serve.out.contains("token"), "no token printed: \(serve.out)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "scenario.yaml" }
        #expect(left.isEmpty, "nothing made: \(left)")
    }

    @Test func aSecondServeOnALiveJournalIsRefusedNamingTheFirst() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try ServedProcess(in: dir)
        defer { Task { await first.stop() } }
        let port = try #require(await first.port())
        let rows = try JournalRows.count(dir.appendingPathComponent("t.journal").path)

        let second = try ServedProcess(in: dir)
        let exited = await second.waitForExit(timeout: .seconds(60))
        #expect(exited, "the second serve stops by itself")
        if !exited { await second.stop() }
        #expect(second.process.terminationStatus == 1)
        #expect(second.err.contains("ws://127.0.0.1:\(port)/ws"), "names the first one's address: \(second.err)")
        #expect(second.err.contains("pid \(first.pid)"), "\(second.err)")
        // The first server's journal was not touched, and it still answers.
        #expect(try JournalRows.count(dir.appendingPathComponent("t.journal").path) == rows)
        let body = await health(port: port)
        #expect(body?.contains("\"status\":\"ok\"") == true, "\(body ?? "no answer")")
        // Nor may `run` take it.
        let run = try CLI.run(["run", "scenario.yaml", "--journal", "t.journal"], in: dir)
        #expect(run.status == 1)
        #expect(run.err.contains("ws://127.0.0.1:\(port)/ws"), "\(run.err)")
        await first.stop()
        // Stopped, it releases the journal: a new serve may take it.
        let third = try ServedProcess(in: dir)
        #expect(await third.port() != nil, "\(third.err)")
        await third.stop()
    }

    @Test func serveRaisesItsSoftOpenFileLimitToTheHardOne() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try ServedProcess(in: dir, nofile: "200:4096")
        defer { Task { await serve.stop() } }
        _ = try #require(await serve.port(), "\(serve.err)")
        let limits = try String(contentsOfFile: "/proc/\(serve.pid)/limits", encoding: .utf8)
        let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        #expect(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first == "4096", "\(line)")
        await serve.stop()
    }

    /// 400 connections that never send a byte, against a server allowed 256 descriptors: a team
    /// still joins and `/health` still answers while they are open, and the server closes them
    /// itself, 10 s after they connected.
    @Test func silentConnectionsNeitherLockTeamsOutNorStayOpen() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try ServedProcess(in: dir, nofile: "256:256")
        defer { Task { await serve.stop() } }
        let port = try #require(await serve.port(), "\(serve.err)")
        let token = try serve.token("team:tut-a")

        let silent = await offPool { () -> [MiniSocket] in
            var sockets: [MiniSocket] = []
            // Until the server stops taking connections at all (its backlog full).
            for _ in 0..<400 {
                guard let socket = MiniSocket(port: port, connectTimeoutMs: 3000) else { break }
                sockets.append(socket)
            }
            return sockets
        }
        #expect(silent.count > 200)
        // While they are open: a team joins, and the health check answers.
        let joinStart = ContinuousClock.now
        let joined = await offPool { () -> String? in
            guard let socket = MiniSocket(port: port) else { return nil }
            socket.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(token)"}"#)
            return socket.read(until: ["\"welcome\"", "\"error\""], timeout: .seconds(20)).found
        }
        let joinTime = ContinuousClock.now - joinStart
        #expect(joined == "\"welcome\"", "the team got in (\(joinTime))")
        #expect(joinTime < .seconds(5), "\(joinTime)")
        let body = await health(port: port)
        #expect(body?.contains("\"status\":\"ok\"") == true, "\(body ?? "no answer")")
        // The server closes them by itself (10 s from the connection; generous margin here).
        let closed = await offPool { () -> Int in
            let deadline = ContinuousClock.now + .seconds(40)
            return silent.filter { $0.waitClosed(timeout: max(.milliseconds(1), deadline - ContinuousClock.now)) }.count
        }
        #expect(closed == silent.count, "\(closed) of \(silent.count) closed by the server")
        #expect(serve.process.isRunning)
        await serve.stop()
    }

    /// Connections that trickle a request one byte a second are closed at the deadline counted
    /// from the connection (10 s), not kept alive by each byte.
    @Test func tricklingConnectionsAreClosedAtTheirDeadline() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try ServedProcess(in: dir)
        defer { Task { await serve.stop() } }
        let port = try #require(await serve.port(), "\(serve.err)")
        let closedAfter = await offPool { () -> [Duration] in
            let sockets = (0..<5).compactMap { _ in MiniSocket(port: port, connectTimeoutMs: 3000) }
            let start = ContinuousClock.now
            var closedAt: [Duration?] = Array(repeating: nil, count: sockets.count)
            let bytes = Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 60)
            for k in 0..<40 {
                for (i, socket) in sockets.enumerated() where closedAt[i] == nil {
                    if !socket.send([bytes[k]]) || socket.waitClosed(timeout: .milliseconds(5)) { closedAt[i] = ContinuousClock.now - start }
                }
                if closedAt.allSatisfy({ $0 != nil }) { break }
                Thread.sleep(forTimeInterval: 1)
            }
            return closedAt.map { $0 ?? .seconds(999) }
        }
        #expect(closedAfter.count == 5)
        #expect(closedAfter.allSatisfy { $0 < .seconds(20) }, "closed after \(closedAfter)")
        #expect(await health(port: port)?.contains(#""status":"ok""#) == true)
        await serve.stop()
    }

    /// 1,000 bad `hello`s at once from the team's own address: the team's good token gets in at
    /// once, the bad ones beyond the throttle's bounded queue are refused at once, and every
    /// attacking connection ends within seconds.
    @Test func aFloodOfBadTokensNeitherHoldsAGoodOneNorPilesUp() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try ServedProcess(in: dir)
        defer { Task { await serve.stop() } }
        let port = try #require(await serve.port(), "\(serve.err)")
        let token = try serve.token("team:tut-b")

        let attackers = await offPool { () -> [MiniSocket] in
            var sockets: [MiniSocket] = []
            for _ in 0..<1000 {
                guard let socket = MiniSocket(port: port, connectTimeoutMs: 3000) else { break }
                sockets.append(socket)
            }
            for (k, socket) in sockets.enumerated() {
                socket.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(String(format: "%032x", k))"}"#)
            }
            return sockets
        }
        #expect(attackers.count > 900)
        let joinStart = ContinuousClock.now
        let joined = await offPool { () -> String? in
            guard let socket = MiniSocket(port: port) else { return nil }
            socket.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(token)"}"#)
            return socket.read(until: ["\"welcome\"", "\"error\""], timeout: .seconds(60)).found
        }
        let joinTime = ContinuousClock.now - joinStart
        #expect(joined == "\"welcome\"")
        #expect(joinTime < .seconds(3), "a good token waited \(joinTime) behind bad ones")
        // Every attacking connection is answered `unauthorized` (most at once) or closed.
        let ended = await offPool { () -> Int in
            let deadline = ContinuousClock.now + .seconds(30)
            return attackers.filter { socket in
                let (found, closed) = socket.read(until: ["unauthorized"], timeout: max(.milliseconds(1), deadline - ContinuousClock.now))
                return found != nil || closed
            }.count
        }
        #expect(ended == attackers.count)
        #expect(serve.process.isRunning)
        await serve.stop()
    }

    /// Team Alpha sends 20,000 pings as fast as its socket takes them, while Bravo pings every
    /// 20 ms: Bravo's round trips stay short, Alpha is answered `rateLimited` past its budget,
    /// then cut off.
    @Test func aFloodingConnectionIsRateLimitedThenClosedAndOthersKeepTheirPace() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try ServedProcess(in: dir)
        defer { Task { await serve.stop() } }
        let port = try #require(await serve.port(), "\(serve.err)")
        let alpha = try serve.token("team:tut-a"), bravo = try serve.token("team:tut-b")

        let (bravoSocket, flooder) = await offPool { () -> (MiniSocket?, MiniSocket?) in
            let b = MiniSocket(port: port), a = MiniSocket(port: port)
            b?.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(bravo)"}"#)
            a?.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(alpha)"}"#)
            guard b?.read(until: ["\"welcome\""], timeout: .seconds(20)).found != nil,
                  a?.read(until: ["\"welcome\""], timeout: .seconds(20)).found != nil else { return (nil, nil) }
            return (b, a)
        }
        let b = try #require(bravoSocket), a = try #require(flooder)
        let floodDone = LockedBox(false)
        let flood = Task {
            await offPool { () -> (sent: Int, closed: Bool) in
                var sent = 0
                for k in 0..<20_000 {
                    guard a.sendText(#"{"v":1,"type":"ping","ref":"f\#(k)"}"#) else { break }
                    sent += 1
                }
                let closed = a.waitClosed(timeout: .seconds(30))
                floodDone.set(true)
                return (sent, closed)
            }
        }
        let trips = await offPool { () -> [Duration] in
            var trips: [Duration] = []
            var k = 0
            // During the flood, and a few after it.
            var after = 0
            while after < 5, k < 2_000 {
                k += 1
                if floodDone.value { after += 1 }
                let start = ContinuousClock.now
                b.sendText(#"{"v":1,"type":"ping","ref":"b\#(k)"}"#)
                guard b.read(until: [#""ref":"b\#(k)""#], timeout: .seconds(30)).found != nil else { break }
                trips.append(ContinuousClock.now - start)
                Thread.sleep(forTimeInterval: 0.02)
            }
            return trips
        }
        let (sent, closed) = await flood.value
        #expect(closed, "the flooder is cut off (after \(sent) messages sent)")
        #expect(a.text.contains(#""code":"rateLimited""#), "the flooder was told why")
        #expect(a.text.components(separatedBy: #""type":"pong""#).count - 1 <= 400, "no more than its budget was carried out")
        #expect(trips.count >= 5)
        let slowest = trips.max() ?? .seconds(99)
        #expect(slowest < .seconds(1), "Bravo's slowest round trip: \(slowest) of \(trips.count)")
        #expect(serve.process.isRunning)
        await serve.stop()
    }

    /// `serve --headless` with its journal on a 16 MiB tmpfs that fills up: standard error says so
    /// at once, the status line says `degraded`, the team is refused `diskFull`, and once room
    /// returns serve says so and takes the answer.
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root (e.g. in the test namespace)"))
    func aFullDiskIsSaidOnStandardErrorAndTheStatusLineAndRecoveredFrom() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mount = try CLI.run(command: "/bin/mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir.path])
        try #require(mount.status == 0, "\(mount.err)")
        defer { _ = try? CLI.run(command: "/bin/umount", ["-l", dir.path]) }
        let serve = try ServedProcess(in: dir)
        defer { Task { await serve.stop() } }
        let port = try #require(await serve.port(), "\(serve.err)")
        let team = try serve.token("team:tut-a"), whitecell = try serve.token("facilitator:whitecell")

        let filler = dir.appendingPathComponent("filler").path
        let code = await offPool { () -> String? in
            guard let white = MiniSocket(port: port), let alpha = MiniSocket(port: port) else { return nil }
            white.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(whitecell)"}"#)
            alpha.upgradeAndSend(#"{"v":1,"type":"hello","token":"\#(team)"}"#)
            guard white.read(until: ["\"welcome\""], timeout: .seconds(20)).found != nil,
                  alpha.read(until: ["\"welcome\""], timeout: .seconds(20)).found != nil else { return nil }
            white.sendText(#"{"v":1,"type":"start","ref":"go"}"#)
            guard alpha.read(until: ["\"I01\""], timeout: .seconds(20)).found != nil else { return nil }
            // Fill the disk, then write until the journal cannot take one more message.
            _ = FileManager.default.createFile(atPath: filler, contents: nil)
            if let handle = FileHandle(forWritingAtPath: filler) {
                let chunk = Data(repeating: 0x55, count: 16 * 1024)
                while (try? handle.write(contentsOf: chunk)) != nil {}
                try? handle.close()
            }
            let text = String(repeating: "m", count: 8_000)
            for k in 0..<400 {
                alpha.sendText(#"{"v":1,"type":"send","ref":"m\#(k)","to":"whitecell","kind":"message","text":"\#(text)"}"#)
                guard alpha.read(until: [#""ref":"m\#(k)""#], timeout: .seconds(20)).found != nil else { return nil }
                if alpha.text.contains(#""code":"diskFull""#) { return "diskFull" }
            }
            return alpha.text.contains(#""code":"internal""#) ? "internal" : "none"
        }
        #expect(code == "diskFull")
        #expect(await serve.waitFor("the journal cannot be written ("), "standard error says it: \(serve.err.suffix(400))")
        #expect(await serve.waitFor("degraded: diskFull"), "the status line says it: \(serve.out.suffix(400))")
        let degraded = await health(port: port)
        #expect(degraded?.contains(#""status":"degraded""#) == true, "\(degraded ?? "no answer")")

        try FileManager.default.removeItem(atPath: filler)
        #expect(await serve.waitFor("the journal can be written again"), "\(serve.err.suffix(400))")
        let healthy = await health(port: port)
        #expect(healthy?.contains(#""status":"ok""#) == true, "\(healthy ?? "no answer")")
        #expect(serve.process.isRunning)
        await serve.stop()
    }
}

/// A value shared with a thread.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}


/// Rows of a journal, read through GRDB without writing to it.
enum JournalRows {
    static func count(_ path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
    }
}
