import DrillTestSupport
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

    static var packageRoot: URL { TestPackage.root }

    /// The binary next to the test bundle (same build configuration), else the debug build.
    static var binary: URL { TestPackage.cyberdrill }

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

    /// Waits for a line containing `marker` in the output. Generous: long synchronous tests elsewhere
    /// in the suite can hold both threads of the cooperative pool for half a minute on 2 cores.
    func waitFor(_ marker: String, timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Looked at before the deadline is: a task resumed late still sees what was printed.
            if text.contains(marker) { return }
            if ContinuousClock.now >= deadline { break }
            if !process.isRunning {
                Issue.record("serve exited (\(process.terminationStatus)) before '\(marker)':\n\(text)")
                throw TimedOut()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("serve never printed '\(marker)':\n\(text)")
        throw TimedOut()
    }

    /// A fresh folder holding the test scenario, and the journal path beside it; nil (recorded as an
    /// issue) when the cyberdrill binary is not built.
    static func exerciseFiles() throws -> (directory: URL, scenario: String, journal: String)? {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("build cyberdrill first: \(binary.path) is missing")
            return nil
        }
        let directory = try temporaryDirectory()
        let scenario = directory.appendingPathComponent("net-test.yaml").path
        try TestScenario.yaml.write(toFile: scenario, atomically: true, encoding: .utf8)
        return (directory, scenario, directory.appendingPathComponent("drill.journal").path)
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

@Suite("A server killed with kill -9 and started again on its journal", .serialized)
struct RestartTests {
    @Test func clientsResumeAfterTheServerIsKilledAndRestarted() async throws {
        guard let files = try ServeProcess.exerciseFiles() else { return }
        let (directory, scenario, journal) = files
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try freePort()
        let arguments = ["serve", scenario, "--journal", journal, "--listen", "127.0.0.1:\(port)", "--headless", "--status-every", "1"]

        var serve = try ServeProcess(arguments)
        defer { serve.terminate() }
        try await serve.waitFor("listening on port \(port)")
        // Standard output is a pipe (a service's log): it names the tokens file, never a token.
        #expect(serve.text.contains("Tokens written to \(CredentialFiles.tokensPath(journal: journal)) (mode 0600)"))
        let attributes = try FileManager.default.attributesOfItem(atPath: CredentialFiles.tokensPath(journal: journal))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let issued = try CredentialFiles.issuedTokens(journal: journal)
        #expect(!issued.isEmpty && issued.allSatisfy { !serve.text.contains($0.token) }, "no token on standard output:\n\(serve.text)")
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
        #expect(!serve.text.contains("Tokens written to"), "old tokens are kept, not reissued")

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
        #expect(try await check.verify().firstProblem == nil)
        try check.close()
    }
}

@Suite("Tokens across restarts: a roster that adds a team, new tokens on demand", .serialized)
struct TokenRestartTests {
    @Test func aRosterAddsATeamAndNewTokensReplaceTheOldOnes() async throws {
        guard let files = try ServeProcess.exerciseFiles() else { return }
        let (directory, scenario, journal) = files
        defer { try? FileManager.default.removeItem(at: directory) }
        let roster = directory.appendingPathComponent("teams.csv").path
        try "id,name,country\ncirt-a,CIRT Alpha,XA\ncirt-b,CIRT Bravo,XB\ncirt-d,CIRT Delta,XD\n".write(toFile: roster, atomically: true, encoding: .utf8)
        let port = try freePort()
        let base = ["serve", scenario, "--journal", journal, "--listen", "127.0.0.1:\(port)", "--headless"]
        let url = "ws://127.0.0.1:\(port)/ws"

        var serve = try ServeProcess(base)
        try await serve.waitFor("listening on port \(port)")
        let first = try CredentialFiles.issuedTokens(journal: journal)
        serve.terminate()

        // Restarted with a roster naming a new team: only that team gets a new token.
        serve = try ServeProcess(base + ["--roster", roster])
        defer { serve.terminate() }
        try await serve.waitFor("listening on port \(port)")
        #expect(serve.text.contains("Tokens written to"))
        #expect(serve.text.contains("team 'cirt-c' is registered in the journal but not in"))
        let second = try CredentialFiles.issuedTokens(journal: journal)
        let delta = try #require(second.first { $0.id == "cirt-d" })
        #expect(!serve.text.contains(delta.token), "the new token is in the file, not on standard output")
        #expect(second.filter { $0.id != "cirt-d" } == first)
        let d = try await TestClient.connect(url, token: delta.token, name: "cirt-d")
        #expect(await d.client.welcome?.team?.name == "CIRT Delta")
        await d.stop()
        serve.terminate()

        // --new-tokens: the old ones stop working.
        serve = try ServeProcess(base + ["--new-tokens"])
        try await serve.waitFor("listening on port \(port)")
        let third = try CredentialFiles.issuedTokens(journal: journal)
        let oldAlpha = try #require(first.first { $0.id == "cirt-a" }?.token)
        let newAlpha = try #require(third.first { $0.id == "cirt-a" }?.token)
        #expect(oldAlpha != newAlpha)
        let refused = try await TestClient.connect(url, token: oldAlpha, name: "old", waitForWelcome: false)
        try await refused.waitForEvent("refused") { if case .stopped = $0 { true } else { false } }
        #expect(refused.frames.contains { $0.error?.code == "unauthorized" })
        let alpha = try await TestClient.connect(url, token: newAlpha, name: "cirt-a")
        await alpha.stop()
    }
}
