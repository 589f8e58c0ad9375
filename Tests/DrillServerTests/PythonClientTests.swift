import DrillClient
import DrillCore
import DrillServer
import DrillWire
import Foundation
import Testing

/// Scripts/ws-client.py is written from docs/protocol.md alone: if it can join and answer, the
/// document is enough.
@Suite("An independent Python client", .serialized)
struct PythonClientTests {
    static var hasPython: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    }

    @Test(.enabled(if: hasPython, "python3 is not installed"))
    func thePythonClientJoinsReadsAndAnswers() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .start)

        let process = Process()
        process.executableURL = ServeProcess.packageRoot.appendingPathComponent("Scripts/ws-client")
        process.arguments = [server.url, server.token("team:cirt-b"), "--task", "I01.c2", "--answer", "203.0.113.66", "--timeout", "60"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        // Read on a thread of its own: a blocked read on one of the few threads of Swift's
        // cooperative pool would hold up the server under test, which runs on that pool too.
        let data = await withCheckedContinuation { (done: CheckedContinuation<Data, Never>) in
            Thread { done.resume(returning: out.fileHandleForReading.readDataToEndOfFile()) }.start()
        }
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus == 3 {
            // No virtual environment or no package index here: nothing to prove against.
            print("skipped: the Python environment could not be prepared:\n\(text)")
            return
        }
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("welcome: team:cirt-b"))
        #expect(text.contains("ack: I01.c2 correct"))
        let last = try #require(text.split(separator: "\n").last)
        let ack = try WireCoding.decodeServer(Data(last.utf8))
        guard case .ack(let notice) = ack.message else { Issue.record("last line is not an ack: \(last)"); return }
        #expect(notice.team == "cirt-b")
        #expect(notice.score.outcome == .correct)
        // The white cell saw the read mark and the answer.
        try await whitecell.waitFor("Bravo's read mark") { if case .read(let r) = $0.message, r.team == "cirt-b" { r } else { nil } }
        await whitecell.stop()
    }
}
