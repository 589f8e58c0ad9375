import Foundation
import Testing

/// The real binary on a real terminal (tmux): what a facilitator and a team see and do.
@Suite("Consoles end to end in tmux", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct ConsoleEndToEndTests {
    static let scenario = """
    format: cyberdrill/1
    id: e2e
    title: End-to-end check
    duration: 30m
    scoreboard: live
    teams:
      - { id: red, name: Red Team }
      - { id: blue, name: Blue Team }
    injects:
      - id: A1
        at: 0m
        title: A phishing report
        channel: email
        from: SOC shift lead
        tlp: amber
        body: |
          A user reports an e-mail from evil.example asking for a password reset.
        tasks:
          - { id: domain, type: text, prompt: Which domain sent it?, accept: [evil.example], points: 10 }
          - { id: sev, type: choice, prompt: How severe is it?, options: [low, high], answer: high, points: 5 }

    """

    /// The clock shown in a white cell header (`0:00:27 / 0:20:00`).
    static func clock(_ screen: String) -> String? {
        guard let header = screen.split(separator: "\n").first, let slash = header.range(of: " / ") else { return nil }
        return header[..<slash.lowerBound].split(separator: " ").last.map(String.init)
    }

    @Test("demo starts with the white cell console, the clock advances, and q asks before quitting")
    func demo() throws {
        let dir = try CLI.temporaryDirectory()
        let term = try TmuxSession([CLI.binary.path, "demo"], directory: dir)
        defer { term.close() }
        guard let first = term.wait(for: "RUNNING"), let start = Self.clock(first) else { return }
        #expect(first.contains("First Light"))
        #expect(first.contains("Teams × injects"))
        term.wait(for: "the clock to advance past \(start)") { Self.clock($0).map { $0 > start } ?? false }
        guard let end = Self.quit(term) else { return }
        #expect(end.contains("demo journal:"))
    }

    @Test("run: a team reads an inject, answers a text and a choice task, and the white cell sees the outcome")
    func runHotSeat() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let term = try TmuxSession([CLI.binary.path, "run", "e2e.yaml", "--journal", "e2e.journal"], directory: dir)
        defer { term.close() }
        term.startExercise()

        // Red Team's console: the inject is in the inbox, read, answered.
        term.send("F2")
        Self.answerTheFirstInject(in: term)

        // Back to the white cell (Blue Team's console on the way).
        term.send("F2")
        term.wait(for: "Blue Team")
        term.send("F2")
        guard let screen = term.wait(for: "the white cell's matrix with Red Team's outcome", { $0.contains("White cell") && $0.contains("Red Team") }) else { return }
        let redRow = screen.split(separator: "\n").first { $0.contains("┃Red Team") }
        #expect(redRow?.contains("✓") == true, "Red Team's matrix row: \(redRow ?? "none")")
        #expect(screen.contains("15  100 %") || screen.contains("15 100 %"), "scoreboard:\n\(screen)")

        term.send("C-c")
        guard let end = term.wait(for: "[exit 0]") else { return }
        #expect(end.contains("resume with: cyberdrill run e2e.yaml --journal e2e.journal"))
        #expect(end.filter { !$0.isWhitespace }.contains("chainhead"), "run prints the journal's chain head when it stops")
        let replay = try CLI.run(["replay", dir.appendingPathComponent("e2e.journal").path, "--format", "json"])
        #expect(replay.status == 0)
        #expect(replay.out.contains("\"points\" : 15"))
    }

    /// `join` in line mode with standard input from `commands` (the facilitator's side).
    /// The white cell starts the served exercise through `join` in line mode, as a facilitator
    /// at a real drill can; the reply must say it did.
    static func start(_ url: String, whiteCell token: String, in dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let started = try lineJoin(url, token: token, commands: "start\n", in: dir)
        #expect(started.contains("ok: start"), "facilitator join:\n\(started)", sourceLocation: sourceLocation)
    }

    static func lineJoin(_ url: String, token: String, commands: String, in dir: URL) throws -> String {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["join", url, "--token", token, "--exit-on-eof"]
        process.currentDirectoryURL = dir
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(commands.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A served exercise (`serve --headless` in a pane of its own) with its address and tokens.
    struct Served {
        var pane: TmuxSession
        var url: String
        var tokens: [[String: Any]]

        func token(role: String, id: String? = nil) -> String? {
            tokens.first { $0["role"] as? String == role && (id == nil || $0["id"] as? String == id) }?["token"] as? String
        }

        /// A console joined with the token of `role` (and team `id`), in a pane of its own.
        func join(_ role: String, _ id: String? = nil, width: Int = 100, height: Int = 30, in dir: URL) throws -> TmuxSession {
            try TmuxSession([CLI.binary.path, "join", url, "--token", try #require(token(role: role, id: id))], width: width, height: height, directory: dir)
        }
    }

    static func serveHeadless(in dir: URL) throws -> Served? {
        try Self.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        return try serveHeadless("e2e.yaml", in: dir)
    }

    /// `serve scenario --journal journal [more] --listen 127.0.0.1:0 --headless` in `dir`, in a
    /// pane of its own; nil (the pane closed) when it did not say which port it listens on.
    static func serveHeadless(_ scenario: String, journal: String = "e2e.journal", _ more: [String] = [], in dir: URL) throws -> Served? {
        let serve = try TmuxSession([CLI.binary.path, "serve", scenario, "--journal", journal] + more + ["--listen", "127.0.0.1:0", "--headless"],
                                    width: 160, directory: dir)
        guard let served = serve.wait(for: "listening on port"),
              let line = served.split(separator: "\n").first(where: { $0.contains("listening on port") }),
              let port = line.split(separator: " ").last.flatMap({ Int($0) }) else { serve.close(); return nil }
        return Served(pane: serve, url: "ws://127.0.0.1:\(port)/ws", tokens: try tokens(in: dir, journal: journal))
    }

    /// The tokens `serve` wrote next to its journal (`e2e.journal.tokens`).
    static func tokens(in dir: URL, journal: String = "e2e.journal") throws -> [[String: Any]] {
        let data = try Data(contentsOf: dir.appendingPathComponent(journal + ".tokens"))
        return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["tokens"] as? [[String: Any]])
    }

    /// Quits a console as a person does: q, then q again in the dialog; returns the last screen.
    @discardableResult
    static func quit(_ term: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        term.send("q")
        term.wait(for: "Leave the console?", sourceLocation: sourceLocation)
        term.send("q")
        return term.wait(for: "[exit 0]", sourceLocation: sourceLocation)
    }

    @Test("join: a team's console over the network reads an inject, answers a text and a choice task, and the server records it")
    func joinTeamConsole() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serveHeadless(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))

        let started = try Self.lineJoin(served.url, token: whiteCell, commands: "start\n", in: dir)
        #expect(started.contains("ok: start"), "facilitator join:\n\(started)")

        let term = try TmuxSession([CLI.binary.path, "join", served.url, "--token", red], directory: dir)
        defer { term.close() }
        Self.answerTheFirstInject(in: term)

        let scores = try Self.lineJoin(served.url, token: whiteCell, commands: "scores\n", in: dir)
        #expect(scores.contains("15 / 15") && scores.contains("red"), "facilitator join:\n\(scores)")

        term.send("Escape")
        Self.quit(term)
    }

    @Test("join with a facilitator's token shows the white cell's console: it starts the exercise, and a team's answers show in its matrix and scoreboard")
    func joinWhiteCellConsole() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serveHeadless(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))

        // The white cell's console, on a terminal of its own, starts the exercise over the network.
        let console = try TmuxSession([CLI.binary.path, "join", served.url, "--token", whiteCell], directory: dir)
        defer { console.close() }
        guard let first = console.wait(for: "NOT STARTED") else { return }
        #expect(first.contains("White cell") && first.contains("End-to-end check"))
        #expect(first.contains("online"))
        console.send("s")
        console.wait(for: "Start the exercise")
        console.send("s")
        console.wait(for: "RUNNING")

        // A team joins, reads the inject and answers both tasks right.
        let team = try TmuxSession([CLI.binary.path, "join", served.url, "--token", red], directory: dir)
        defer { team.close() }
        Self.answerTheFirstInject(in: team)

        // The white cell's console shows the outcome: Red Team's row and its score.
        guard let screen = console.wait(for: "Red Team's outcome in the remote matrix", {
            $0.split(separator: "\n").first { $0.contains("┃Red Team") }?.contains("✓") == true
        }) else { return }
        #expect(screen.contains("15  100 %") || screen.contains("15 100 %"), "scoreboard:\n\(screen)")
        #expect(screen.contains("Red Team answered A1.sev: high"), "activity:\n\(screen)")

        // A control from the remote console reaches the team: pause.
        console.send("p")
        console.wait(for: "PAUSED")
        team.wait(for: "PAUSED")

        Self.quit(console)
        let status = try Self.lineJoin(served.url, token: whiteCell, commands: "status\n", in: dir)
        #expect(status.contains("paused"), "the exercise stays paused on the server:\n\(status)")
    }

    @Test("serve on a terminal shows the white cell's console beside the server: the clock advances after start")
    func serveConsole() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let term = try TmuxSession([CLI.binary.path, "serve", "e2e.yaml", "--journal", "e2e.journal", "--listen", "127.0.0.1:0"],
                                   directory: dir)
        defer { term.close() }
        // A capture can fall between the top of the first frame and its status line: wait for both.
        guard let first = term.wait(for: "the console and its greeting", { $0.contains("NOT STARTED") && $0.contains("serving on ws://127.0.0.1:") }),
              let greeting = first.split(separator: "\n").first(where: { $0.contains("serving on ws://127.0.0.1:") }),
              let address = greeting.split(separator: " ").first(where: { $0.hasPrefix("ws://") }) else {
            Issue.record("no address on the console")
            return
        }
        #expect(first.contains("White cell") && first.contains("Teams × injects"))
        #expect(greeting.contains("e2e.journal.tokens"))
        term.send("?")
        term.wait(for: "This session")
        term.send("Escape")

        term.send("s")
        term.wait(for: "Start the exercise")
        term.send("s")
        guard let running = term.wait(for: "RUNNING"), let start = Self.clock(running) else { return }
        term.wait(for: "the clock to advance past \(start)") { Self.clock($0).map { $0 > start } ?? false }

        // The server runs beside the console: a white-cell member in line mode sees the exercise running.
        let whiteCell = try #require(try Self.tokens(in: dir).first { $0["role"] as? String == "facilitator" }?["token"] as? String)
        let joined = try Self.lineJoin(String(address), token: whiteCell, commands: "status\n", in: dir)
        #expect(joined.contains("running"), "facilitator join:\n\(joined)")

        guard let end = Self.quit(term) else { return }
        #expect(end.contains("stopped; the journal is closed"))
        #expect(end.filter { !$0.isWhitespace }.contains("chainhead"), "serve prints the journal's chain head when it stops")
        let log = dir.appendingPathComponent("e2e.journal.log").path
        #expect(FileManager.default.fileExists(atPath: log), "the server's log went to a file")
        let replay = try CLI.run(["replay", dir.appendingPathComponent("e2e.journal").path, "--format", "json"])
        #expect(replay.out.contains("\"paused\""), "quitting paused the exercise:\n\(replay.out.prefix(400))")
    }

    @Test("a terminal below 80×24 says so; growing it brings the console; --plain works (NO_COLOR: NoColorConsoleTests)")
    func tooSmallThenResized() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let term = try TmuxSession([CLI.binary.path, "run", "e2e.yaml", "--journal", "e2e.journal", "--plain"], width: 70, height: 20,
                                   directory: dir, environment: ["NO_COLOR": "1"])
        defer { term.close() }
        term.wait(for: "terminal too small: need 80×24, have 70×20")
        term.resize(width: 90, height: 26)
        term.wait(for: "NOT STARTED")
        term.send("C-c")
        term.wait(for: "[exit 0]")
    }

    /// A team console's story, in `run` and in `join` alike: the inject arrives, is read, and its
    /// text task and choice task are answered right.
    static func answerTheFirstInject(in term: TmuxSession) {
        term.wait(for: "A phishing report")
        term.wait(for: "from evil.example asking")
        term.send("Enter")
        term.wait(for: "Which domain sent it?")
        term.type("evil.example")
        term.send("Enter")
        term.wait(for: "✓ A1.domain: correct")
        term.send("C-n")
        term.wait(for: "How severe is it?")
        term.send("2")
        term.send("Enter")
        term.wait(for: "✓ A1.sev: correct")
    }
}
