import DrillClient
import DrillCore
import DrillJournal
import DrillServer
import DrillWire
import Foundation
import Testing

/// The real `cyberdrill serve`, run as a child process.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = ""

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (same build configuration), else the debug build.
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cyberdrill")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cyberdrill")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/cyberdrill")
    }

    init(_ arguments: [String]) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            self?.lock.withLock { self?.output += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var text: String { lock.withLock { output } }

    /// Waits for a line containing `marker` in the output.
    func waitFor(_ marker: String, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if text.contains(marker) { return }
            if !process.isRunning {
                Issue.record("serve exited (\(process.terminationStatus)) before '\(marker)':\n\(text)")
                throw TimedOut()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("serve never printed '\(marker)':\n\(text)")
        throw TimedOut()
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// A port free right now, so that the server comes back where the clients look for it.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw TimedOut() }
    return Int(UInt16(bigEndian: address.sin_port))
}

@Suite("A server killed with kill -9 and started again on its journal", .serialized)
struct RestartTests {
    @Test func clientsResumeAfterTheServerIsKilledAndRestarted() async throws {
        guard FileManager.default.isExecutableFile(atPath: ServeProcess.binary.path) else {
            Issue.record("build cyberdrill first: \(ServeProcess.binary.path) is missing"); return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = directory.appendingPathComponent("net-test.yaml").path
        try TestScenario.yaml.write(toFile: scenario, atomically: true, encoding: .utf8)
        let journal = directory.appendingPathComponent("drill.journal").path
        let port = try freePort()
        let arguments = ["serve", scenario, "--journal", journal, "--listen", "127.0.0.1:\(port)", "--headless", "--status-every", "1"]

        var serve = try ServeProcess(arguments)
        defer { serve.terminate() }
        try await serve.waitFor("listening on port \(port)")
        #expect(serve.text.contains("Tokens (shown once"))
        let attributes = try FileManager.default.attributesOfItem(atPath: CredentialFiles.tokensPath(journal: journal))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let issued = try CredentialFiles.issuedTokens(journal: journal)
        func token(_ id: String) -> String { issued.first { $0.id == id }?.token ?? "" }
        // Only hashes are kept for the server.
        let auth = try String(contentsOfFile: CredentialFiles.authPath(journal: journal), encoding: .utf8)
        #expect(issued.allSatisfy { !auth.contains($0.token) })

        let url = "ws://127.0.0.1:\(port)/ws"
        let whitecell = try await TestClient.connect(url, token: token("whitecell"), name: "whitecell")
        let a = try await TestClient.connect(url, token: token("cirt-a"), name: "cirt-a")
        let b = try await TestClient.connect(url, token: token("cirt-b"), name: "cirt-b")
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject }
        await a.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])
        _ = try await a.waitFor("ack before the crash") { $0.ack }

        // kill -9: nothing is flushed, nothing is said.
        serve.kill9()
        try await a.waitForEvent("disconnected") { if case .disconnected = $0 { true } else { false } }
        // Answers given while the server is down stay queued.
        let queued = await b.client.submit(task: TaskRef(inject: "I01", task: "sev"), values: ["high"])
        await a.client.submit(task: TaskRef(inject: "I01", task: "sev"), values: ["low"])

        serve = try ServeProcess(arguments)
        try await serve.waitFor("listening on port \(port)")
        #expect(serve.text.contains("resumed paused"), "\(serve.text)")
        #expect(!serve.text.contains("Tokens (shown once"), "old tokens are kept, not reissued")

        // The clients come back by themselves; the exercise is paused, so the answers wait.
        for client in [whitecell, a, b] {
            try await client.waitForEvent("reconnected") { e in
                if case .connected(let w) = e, w.resumeFrom > 0 { true } else { false }
            }
        }
        _ = try await a.waitFor("paused") { if case .phase(let p) = $0.message, p.phase == .paused { p } else { nil } }
        try await control(whitecell, .resume)
        let ackB = try await b.waitFor("Bravo's queued answer") { $0.ack?.submission == queued ? $0.ack : nil }
        #expect(ackB.score.outcome == .correct)
        _ = try await a.waitFor("Alpha's queued answer") { $0.ack?.task.task == "sev" ? $0.ack : nil }
        try await control(whitecell, .broadcast(text: "after the restart", team: nil))
        _ = try await a.waitFor("broadcast") { if case .message(let m) = $0.message, m.text == "after the restart" { m } else { nil } }

        // Every feed is gapless and free of repeats across the crash.
        for client in [whitecell, a, b] {
            let seqs = client.feed.compactMap(\.seq)
            #expect(seqs == Array(1...seqs.count), "\(client.name): \(seqs)")
        }
        #expect(a.frames.compactMap(\.ack).count == 2)
        #expect(b.frames.compactMap(\.ack).count == 1)
        for client in [whitecell, a, b] { await client.stop() }
        serve.terminate()

        // The journal: one row per answer, a pause appended by the restart, a verified chain.
        let replay = try JournalReplay.load(path: journal)
        let answers = replay.events.filter { if case .answerSubmitted = $0.body { true } else { false } }
        #expect(answers.count == 3)
        #expect(replay.events.contains { if case .paused = $0.body { $0.actor == .system } else { false } })
        let check = try Journal.open(at: journal)
        #expect(try check.verify().firstProblem == nil)
        try check.close()
    }
}
