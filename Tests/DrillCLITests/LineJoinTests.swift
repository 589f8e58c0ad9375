#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `join` in line mode with its standard input and output on pipes, as a script drives it: each
/// command must run as it arrives (not when input ends) and its output come out at once.
@Suite("join in line mode over pipes", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct LineJoinTests {
    /// A running `join` whose standard input stays open until `closeInput()`; its output is read
    /// as it comes.
    final class LineJoin: @unchecked Sendable {
        let process = Process()
        private let input = Pipe()
        private let output = Pipe()
        private let lock = NSLock()
        private var received = Data()

        init(_ url: String, token: String, in dir: URL) throws {
            process.executableURL = CLI.binary
            process.arguments = ["join", url, "--token", token]
            process.currentDirectoryURL = dir
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock { self.received.append(data) }
            }
            try process.run()
        }

        var text: String { lock.withLock { String(decoding: received, as: UTF8.self) } }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        func closeInput() { try? input.fileHandleForWriting.close() }

        /// Waits until the output satisfies `condition`; records an issue with the output on timeout.
        @discardableResult
        func wait(for what: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                  _ condition: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition(text) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("timed out waiting for \(what); join printed:\n\(text)", sourceLocation: sourceLocation)
            return false
        }

        /// Waits for the process to end; false if it is still running at the deadline.
        func waitForExit(timeout: Double) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return !process.isRunning
        }

        func stop() {
            closeInput()
            if process.isRunning { process.terminate() }
            if !waitForExit(timeout: 5) { kill(process.processIdentifier, SIGKILL) }
            output.fileHandleForReading.readabilityHandler = nil
        }
    }

    @Test("piped commands run one by one as they arrive, output is flushed per line, and SIGINT stops join at once")
    func pipedCommandsRunAsTheyArrive() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try ConsoleEndToEndTests.serveHeadless(in: dir) else { return }
        defer { served.pane.close() }
        let whiteCell = try #require(served.token(role: "facilitator"))
        let join = try LineJoin(served.url, token: whiteCell, in: dir)
        defer { join.stop() }

        join.wait(for: "the welcome") { $0.contains("connected as facilitator") }
        // One command, standard input still open: its effect shows before anything else is sent.
        join.send("start")
        join.wait(for: "the start to be acknowledged") { $0.contains("ok: start") }
        join.wait(for: "the feed to report the start") { $0.contains("== exercise started") }
        join.send("speed 2")
        join.wait(for: "the speed to be acknowledged") { $0.contains("ok: speed") }
        join.send("pause")
        join.wait(for: "the pause in the feed") { $0.contains("== exercise paused") }

        // A note with the form's fields, on one line.
        join.send("note improvement team=red No escalation path | action: Write the runbook | owner: SOC lead | due: 2026-03-31")
        join.wait(for: "the note to be acknowledged") { $0.contains("ok: note") }

        // The feed goes on while join waits for the next line: a command of another white-cell
        // member shows up without anything typed here.
        let other = try ConsoleEndToEndTests.lineJoin(served.url, token: whiteCell, commands: "broadcast Tea is served\n", in: dir)
        #expect(other.contains("ok: broadcast"), "the other member's join:\n\(other)")
        join.wait(for: "the other member's broadcast") { $0.contains("Tea is served") }

        join.wait(for: "the note in the white cell's feed, with its fields") {
            $0.contains("[improvement, red]: No escalation path (action: Write the runbook; owner: SOC lead; due: 2026-03-31)")
        }

        // SIGINT (Ctrl-C) ends join while its input is still open and nothing more is typed.
        kill(join.process.processIdentifier, SIGINT)
        #expect(join.waitForExit(timeout: 10), "join still runs 10 s after SIGINT; it printed:\n\(join.text)")
    }
}
