import DrillTestSupport
import DrillClient
import DrillCore
import DrillHost
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite("Message budgets; a full disk is said and recovered from", .serialized)
struct AvailabilityTests {
    @Test func theBudgetRefillsWithTime() {
        let start = Duration.seconds(7)
        var budget = MessageBudget(.init(burst: 3, perSecond: 10, closeAfter: 2), now: start)
        #expect((0..<3).map { _ in budget.spend(now: start) } == [.allowed, .allowed, .allowed])
        #expect(budget.spend(now: start) == .refused)
        #expect(budget.spend(now: start + .milliseconds(100)) == .allowed, "one more after 0.1 s at 10 a second")
        #expect(budget.spend(now: start + .milliseconds(100)) == .close, "the second refusal in a row closes")
    }

    /// The journal on a 16 MiB tmpfs, filled up: answers are refused `diskFull` (not `internal`),
    /// `/health` says `degraded` with the reason, pings still work, and once room returns the
    /// server says so by itself and takes the same answer.
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root (e.g. in the test namespace)"))
    func aFullDiskIsSaidRefusedWithItsOwnCodeAndRecoveredFrom() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mount = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", directory.path])
        try #require(mount == 0, "mount tmpfs")
        defer { _ = try? run("/bin/umount", ["-l", directory.path]) }

        let journal = directory.appendingPathComponent("drill.journal").path
        let scenario = try TestScenario.load()
        let host = try await ExerciseHost.create(journalPath: journal, scenario: scenario, source: TestScenario.yaml, scenarioPath: "net-test.yaml",
                                                 teams: scenario.teams, wall: TestWall())
        let server = try await TestServer.serve(host, teams: scenario.teams, directory: directory, journal: journal) {
            $0.diskCheckInterval = .milliseconds(100)
        }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let alpha = try await RawSocket.open(server.url)
        try await alpha.hello(server.token("team:cirt-a"))
        _ = try await alpha.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        try await control(whitecell, .start)
        _ = try await alpha.waitFor("I01") { $0.inject }

        // Fill the disk.
        let filler = directory.appendingPathComponent("filler").path
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let chunk = Data(repeating: 0x55, count: 16 * 1024)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        // Messages until the journal cannot take one more (SQLite may reuse room it already has).
        let text = String(repeating: "m", count: 8_000)
        var code = ""
        for k in 0..<400 where code != "diskFull" {
            let count = alpha.texts.count
            try await alpha.send(#"{"v":1,"type":"send","ref":"m\#(k)","to":"whitecell","kind":"message","text":"\#(text)"}"#)
            let reply = try await alpha.waitFor("reply m\(k)", after: count) { $0.ref == "m\(k)" ? $0 : nil }
            if let error = reply.error { code = error.code }
        }
        #expect(code == "diskFull")

        let answer = #"{"v":1,"type":"submit","ref":"a1","submission":"s-full","task":"I01.c2","values":["203.0.113.66"]}"#
        var count = alpha.texts.count
        try await alpha.send(answer)
        let refused = try await alpha.waitFor("answer refused", after: count) { $0.ref == "a1" ? $0 : nil }
        #expect(refused.error?.code == "diskFull", "\(String(describing: refused.error))")
        #expect(refused.error?.submission == "s-full")
        do {
            let pause = try await whitecell.client.request(.pause)
            Issue.record("pause was not refused: \(pause.message.type)")
        } catch ClientError.refused(let error) {
            #expect(error.code == "diskFull", "the white cell is told too: \(error)")
        }
        let degraded = await server.server.status()
        #expect(degraded.status == "degraded")
        #expect(degraded.reason?.contains("diskFull") == true, "\(degraded.reason ?? "no reason")")
        count = alpha.texts.count
        try await alpha.send(#"{"v":1,"type":"ping","ref":"p1"}"#)
        _ = try await alpha.waitFor("pong", after: count) { $0.ref == "p1" ? $0 : nil }

        // Room again: the server notices by itself.
        try FileManager.default.removeItem(atPath: filler)
        let deadline = ContinuousClock.now + .seconds(20)
        while await server.server.status().status != "ok", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await server.server.status().status == "ok")
        #expect(await server.server.status().reason == nil)
        count = alpha.texts.count
        try await alpha.send(answer.replacingOccurrences(of: "\"a1\"", with: "\"a2\""))
        let accepted = try await alpha.waitFor("answer accepted", after: count) { $0.ref == "a2" ? $0 : nil }
        guard case .ok(let done) = accepted.message else {
            Issue.record("expected ok, got \(accepted.message.type)")
            return
        }
        #expect(done.submission == "s-full")
        #expect(try server.events().contains { if case .answerSubmitted(let a) = $0.body { a.submission == "s-full" } else { false } })
        // The chain is whole across the refused writes.
        #expect(throws: Never.self) { _ = try server.host.journal.verify() }
        await alpha.close()
        await whitecell.stop()
    }

    private func run(_ command: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
