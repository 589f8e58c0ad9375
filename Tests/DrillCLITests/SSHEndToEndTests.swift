import DrillTestSupport
import Foundation
import Testing

/// Whether the programs the SSH tests drive are installed (Scripts/bootstrap installs them).
enum SSHTools {
    static let available = TmuxSession.available && ["ssh", "sshpass", "ssh-keyscan", "ssh-keygen"].allSatisfy { TmuxSession.which($0) != nil }
}

/// `serve --ssh` with the real OpenSSH client (`ssh`, its password typed by `sshpass`) in tmux:
/// what a team member and a facilitator with nothing but an SSH client see and do, and what the
/// SSH server refuses.
@Suite("SSH consoles end to end", .serialized, .enabled(if: SSHTools.available, "tmux, ssh, sshpass or ssh-keyscan is missing"))
struct SSHEndToEndTests {
    /// A served exercise with its SSH front (`serve --headless --ssh` in a pane of its own).
    struct Served {
        var pane: TmuxSession
        /// The WebSocket address (`join` uses it).
        var url: String
        var sshPort: Int
        /// The fingerprint serve printed.
        var fingerprint: String
        var tokens: [[String: Any]]

        func token(role: String, id: String? = nil) -> String? {
            tokens.first { $0["role"] as? String == role && (id == nil || $0["id"] as? String == id) }?["token"] as? String
        }

        /// The OpenSSH command line of `user` with `password`, plus `extra` options (before the
        /// destination) and `command` (after it).
        func ssh(_ user: String, _ password: String, _ extra: [String] = [], command: [String] = []) -> [String] {
            [TmuxSession.which("sshpass") ?? "sshpass", "-p", password, TmuxSession.which("ssh") ?? "ssh", "-p", "\(sshPort)",
             "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20"]
                + extra + ["\(user)@127.0.0.1"] + command
        }
    }

    /// Starts (or restarts, on the same journal) `serve --ssh` in `dir`, its WebSocket listener on
    /// `listen`.
    static func serve(in dir: URL, listen: String = "127.0.0.1:0") throws -> Served? {
        let scenario = dir.appendingPathComponent("e2e.yaml")
        if !FileManager.default.fileExists(atPath: scenario.path) {
            try ConsoleEndToEndTests.scenario.write(to: scenario, atomically: true, encoding: .utf8)
        }
        let pane = try TmuxSession([CLI.binary.path, "serve", "e2e.yaml", "--journal", "e2e.journal", "--listen", listen,
                                    "--ssh", "127.0.0.1:0", "--headless"], width: 200, height: 40, directory: dir)
        guard let screen = pane.wait(for: "ssh listening on port") else { pane.close(); return nil }
        let lines = screen.split(separator: "\n")
        guard let portLine = lines.first(where: { $0.contains("ssh listening on port") }),
              let port = portLine.split(separator: " ").last.flatMap({ Int($0) }),
              let webLine = lines.first(where: { $0.contains("listening on port") && !$0.contains("ssh") }),
              let webPort = webLine.split(separator: " ").last.flatMap({ Int($0) }),
              let keyLine = lines.first(where: { $0.contains("SSH host key fingerprint:") }),
              let fingerprint = keyLine.split(separator: " ").first(where: { $0.hasPrefix("SHA256:") }) else {
            Issue.record("serve did not print the SSH port and fingerprint:\n\(screen)")
            pane.close()
            return nil
        }
        return Served(pane: pane, url: "ws://127.0.0.1:\(webPort)/ws", sshPort: port, fingerprint: String(fingerprint), tokens: try ConsoleEndToEndTests.tokens(in: dir))
    }

    /// Runs a program to its end (with a deadline) and returns its status and output.
    static func run(_ arguments: [String], timeout: Double = 60) throws -> (status: Int32, output: String) {
        try TmuxSession.run(TmuxSession.which("timeout") ?? "/usr/bin/timeout", ["\(Int(timeout))"] + arguments)
    }

    @Test("over SSH a team opens its inject's text artifact, and the download command of a binary one names the server's address, not the loopback the session joins through")
    func teamOpensArtifactsOverSSH() throws {
        let dir = try CLI.temporaryDirectory()
        try ArtifactCommandTests.writeFolder(in: dir)
        guard let served = try Self.serve(in: dir, listen: "0.0.0.0:0") else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))
        try ConsoleEndToEndTests.start(served.url, whiteCell: whiteCell, in: dir)

        let team = try TmuxSession(served.ssh("red", red), width: 120, height: 40, directory: dir)
        defer { team.close() }
        team.wait(for: "A phishing report")
        team.send("o")
        team.wait(for: "Subject: Reset your password today")
        team.send("Tab")
        guard let binary = team.wait(for: "the binary artifact's download command", { $0.contains("memory.bin") && $0.contains("curl") }) else { return }
        let port = try #require(served.url.split(separator: ":").last?.split(separator: "/").first)
        let shown = "http://\(ProcessInfo.processInfo.hostName):\(port)/artifacts/A1/memory.bin"
        #expect(binary.contains(shown), "the command names \(shown); screen:\n\(binary)")
        #expect(!binary.contains(red), "the token itself is never on screen")
    }

    @Test("over SSH a team reads an inject, answers a text and a choice task and sees both outcomes; the console follows a resize; a second member sees the same answers; the white cell starts and pauses")
    func teamAndWhiteCellOverSSH() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))

        // The white cell's console over SSH starts the exercise.
        let console = try TmuxSession(served.ssh("facilitator", whiteCell), width: 120, height: 35, directory: dir)
        defer { console.close() }
        guard let first = console.wait(for: "NOT STARTED") else { return }
        #expect(first.contains("White cell") && first.contains("End-to-end check") && first.contains("online"))
        console.send("s")
        console.wait(for: "Start the exercise")
        console.send("s")
        console.wait(for: "RUNNING")

        // A team member (user name = the team's id) reads the inject and answers both tasks.
        let team = try TmuxSession(served.ssh("red", red), width: 100, height: 30, directory: dir)
        defer { team.close() }
        guard team.wait(for: "Red Team") != nil else { return }
        ConsoleEndToEndTests.answerTheFirstInject(in: team)

        // The terminal grows: the console is drawn at the new size (its bottom line on the 40th
        // row, its header reaching past the old 100 columns to the new right edge).
        team.resize(width: 130, height: 40)
        team.wait(for: "the console at 130×40") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard rows.count >= 40, let header = rows.first else { return false }
            return !rows[39].trimmingCharacters(in: .whitespaces).isEmpty && header.trimmingCharacters(in: .whitespaces).count > 115
        }

        // A second member of the same team (any user name) sees the same answers.
        let second = try TmuxSession(served.ssh("anna", red), width: 100, height: 30, directory: dir)
        defer { second.close() }
        second.wait(for: "A phishing report")
        second.send("Enter")
        second.wait(for: "last answer: evil.example")
        second.send("C-n")
        second.wait(for: "last answer: high")

        // A member of the same team on `join` (line mode) sees the same answers scored.
        let joined = try ConsoleEndToEndTests.lineJoin(served.url, token: red, commands: "scores\n", in: dir)
        #expect(joined.contains("A1.domain recorded: correct") && joined.contains("A1.sev recorded: correct") && joined.contains("score: 15 points"),
                "red's answers through join:\n\(joined)")

        // The white cell sees the outcome and pauses; both team consoles follow.
        console.wait(for: "Red Team's answer in the activity") { $0.contains("Red Team answered A1.sev: high") }
        console.send("p")
        console.wait(for: "PAUSED")
        team.wait(for: "PAUSED")
        second.wait(for: "PAUSED")

        // Leaving the console closes the SSH session cleanly: exit status 0.
        team.send("Escape")
        ConsoleEndToEndTests.quit(team)
        ConsoleEndToEndTests.quit(console)
        let status = try ConsoleEndToEndTests.lineJoin(served.url, token: whiteCell, commands: "status\n", in: dir)
        #expect(status.contains("paused"), "the exercise stays paused on the server:\n\(status)")
    }

    @Test("the SSH server refuses a wrong token, another team's token under a team's name, exec, a subsystem, a shell without a terminal, an observer's console and port forwarding")
    func refusals() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let blue = try #require(served.token(role: "team", id: "blue"))

        // sshpass says 5 when the password was refused.
        let wrong = try Self.run(served.ssh("red", "0123456789abcdef0123456789abcdef", command: ["true"]))
        #expect(wrong.status == 5, "a wrong token: \(wrong)")
        let mixedUp = try Self.run(served.ssh("red", blue, command: ["true"]))
        #expect(mixedUp.status == 5, "blue's token as red: \(mixedUp)")

        let exec = try Self.run(served.ssh("red", red, command: ["cat", "/etc/passwd"]))
        #expect(exec.status == 255 && exec.output.contains("exec request failed"), "exec: \(exec)")
        #expect(!exec.output.contains("root:"))
        let subsystem = try Self.run(served.ssh("red", red, ["-s"], command: ["sftp"]))
        #expect(subsystem.status == 255 && subsystem.output.contains("subsystem request failed"), "subsystem: \(subsystem)")
        let noTerminal = try Self.run(served.ssh("red", red, ["-T"]))
        #expect(noTerminal.status == 255 && noTerminal.output.contains("shell request failed"), "shell without a pty: \(noTerminal)")

        // An observer's token authenticates, but the console over SSH (with the scenario's
        // expected answers) is not for observers: the session says so and ends with status 1.
        let observer = try #require(served.token(role: "observer"))
        let observed = try Self.run(served.ssh("observer", observer, ["-tt"]))
        #expect(observed.status == 1 && observed.output.contains("observers follow the exercise with"), "observer: \(observed)")

        // Remote forwarding: the tcpip-forward request is refused.
        let remote = try Self.run(served.ssh("red", red, ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"]))
        #expect(remote.status == 255 && remote.output.contains("remote port forwarding failed"), "-R: \(remote)")

        // Local forwarding: ssh listens here, but the direct-tcpip channel it opens is refused.
        let port = try freePort()
        let listener = try TmuxSession(served.ssh("blue", blue, ["-N", "-o", "ExitOnForwardFailure=yes", "-L", "127.0.0.1:\(port):127.0.0.1:9",
                                                                 "-o", "LogLevel=VERBOSE"]),
                                       width: 200, height: 40, directory: dir)
        defer { listener.close() }
        guard listener.wait(for: "Authenticated to") != nil else { return }
        let forwarded = try Self.connectAndRead(port: port)
        #expect(forwarded.isEmpty, "nothing comes through a refused forward: \(forwarded)")
        listener.wait(for: "open failed")
    }

    @Test("the host key's fingerprint that serve prints is the one ssh-keyscan sees, the key file is 0600, and a restart keeps the key")
    func hostKeyFingerprint() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        let scanned = try Self.scannedFingerprint(port: served.sshPort)
        #expect(scanned == served.fingerprint, "printed \(served.fingerprint), ssh-keyscan | ssh-keygen -lf - says \(scanned ?? "nothing")")
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("e2e.journal.ssh-host-key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        served.pane.send("C-c")
        served.pane.wait(for: "[exit 0]")
        served.pane.close()

        guard let again = try Self.serve(in: dir) else { return }
        defer { again.pane.close() }
        #expect(again.fingerprint == served.fingerprint, "the same key after a restart")
        #expect(!again.pane.capture().contains("SSH host key made"))
        #expect(try Self.scannedFingerprint(port: again.sshPort) == served.fingerprint)
    }

    @Test("TERM from the PTY request and NO_COLOR sent with SetEnv decide the colours")
    func colours() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))

        func screen(_ extra: [String], environment: [String: String] = [:]) throws -> String? {
            let term = try TmuxSession(served.ssh("red", red, extra), width: 100, height: 30, directory: dir, environment: environment)
            defer { term.close() }
            guard term.wait(for: "Waiting for the exercise to start") != nil else { return nil }
            return term.captureWithAttributes()
        }
        let coloured = try #require(try screen([]))
        #expect(Self.hasColour(coloured), "a colour terminal gets colours:\n\(coloured)")
        let noColor = try #require(try screen(["-o", "SetEnv=NO_COLOR=1"]))
        #expect(!Self.hasColour(noColor), "NO_COLOR:\n\(noColor)")
        #expect(noColor.contains("Red Team"))
        let dumb = try #require(try screen([], environment: ["TERM": "dumb"]))
        #expect(!Self.hasColour(dumb), "TERM=dumb:\n\(dumb)")
    }

    @Test("closing the terminal ends the session on the server: its team connection goes away, and coming back shows the answers")
    func closingTheTerminal() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))
        try ConsoleEndToEndTests.start(served.url, whiteCell: whiteCell, in: dir)
        let port = try #require(Int(served.url.split(separator: ":").last?.split(separator: "/").first ?? ""))
        func teamsConnected() -> Int? {
            let reply = String(decoding: (try? Self.connectAndRead(port: port, request: "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) ?? [], as: UTF8.self)
            guard let range = reply.range(of: "\"teamsConnected\":") ?? reply.range(of: "\"teamsConnected\" : ") else { return nil }
            return Int(reply[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber })
        }

        let team = try TmuxSession(served.ssh("red", red), width: 100, height: 30, directory: dir)
        ConsoleEndToEndTests.answerTheFirstInject(in: team)
        #expect(teamsConnected() == 1)
        team.close()  // the terminal goes away: ssh dies with its pane
        let deadline = Date().addingTimeInterval(15)
        while teamsConnected() != 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(teamsConnected() == 0, "the session's inner client stayed connected")

        let again = try TmuxSession(served.ssh("red", red), width: 100, height: 30, directory: dir)
        defer { again.close() }
        again.wait(for: "A phishing report")
        again.send("Enter")
        again.wait(for: "last answer: evil.example")
    }

    @Test("a host key file that cannot be read stops serve --ssh before it creates anything, and is left as it was")
    func unreadableHostKey() throws {
        let dir = try CLI.temporaryDirectory()
        try ConsoleEndToEndTests.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let key = dir.appendingPathComponent("e2e.journal.ssh-host-key")
        try "not a key\n".write(to: key, atomically: true, encoding: .utf8)
        let result = try CLI.run(["serve", "e2e.yaml", "--journal", "e2e.journal", "--listen", "127.0.0.1:0", "--ssh", "127.0.0.1:0",
                                  "--headless"], in: dir)
        #expect(result.status == 1)
        #expect(result.err.contains("e2e.journal.ssh-host-key is not a host key this server can read"), "stderr: \(result.err)")
        #expect(try String(contentsOf: key, encoding: .utf8) == "not a key\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("e2e.journal").path))
    }

    // MARK: Helpers

    /// Whether an SGR sequence in `text` sets a foreground or background colour (39 and 49, back to
    /// the default colours, do not count: tmux writes them around every run of attributes).
    static func hasColour(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            let body = rest[start.upperBound...].prefix { $0.isNumber || $0 == ";" }
            let after = rest[start.upperBound...].dropFirst(body.count)
            if after.first == "m" {
                let codes = body.split(separator: ";").compactMap { Int($0) }
                if codes.contains(where: { ((30...49).contains($0) && $0 != 39 && $0 != 49) || (90...107).contains($0) }) { return true }
            }
            rest = after
        }
        return false
    }

    /// `ssh-keyscan -p PORT 127.0.0.1 | ssh-keygen -lf -`: the Ed25519 key's `SHA256:` fingerprint.
    static func scannedFingerprint(port: Int) throws -> String? {
        let keys = dir(prefix: "scan")
        defer { try? FileManager.default.removeItem(at: keys) }
        let scan = try run([TmuxSession.which("ssh-keyscan") ?? "ssh-keyscan", "-t", "ed25519", "-p", "\(port)", "127.0.0.1"])
        let lines = scan.output.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("ssh-ed25519") }
        try lines.joined(separator: "\n").appending("\n").write(to: keys, atomically: true, encoding: .utf8)
        let listed = try run([TmuxSession.which("ssh-keygen") ?? "ssh-keygen", "-lf", keys.path])
        return listed.output.split(separator: " ").first { $0.hasPrefix("SHA256:") }.map(String.init)
    }

    static func dir(prefix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cyberdrill-\(prefix)-\(UUID().uuidString.prefix(8))")
    }

    /// Connects to 127.0.0.1:`port` (retrying while nothing listens there yet, up to 15 s), sends
    /// `request` and reads until the far end closes (at most 15 s).
    static func connectAndRead(port: Int, request: String = "") throws -> [UInt8] {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let deadline = Date().addingTimeInterval(15)
        var fd: Int32 = -1
        while fd < 0 {
            let attempt = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard attempt >= 0 else { throw TmuxError("socket failed") }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(attempt, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if connected == 0 { fd = attempt; break }
            close(attempt)
            guard Date() < deadline else { throw TmuxError("nothing listens on \(port)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        defer { close(fd) }
        if !request.isEmpty { _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return received
    }
}
