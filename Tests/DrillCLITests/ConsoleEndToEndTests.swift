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
        term.send("q")
        term.wait(for: "Leave the console?")
        term.send("q")
        guard let end = term.wait(for: "[exit 0]") else { return }
        #expect(end.contains("demo journal:"))
    }

    @Test("run: a team reads an inject, answers a text and a choice task, and the white cell sees the outcome")
    func runHotSeat() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let term = try TmuxSession([CLI.binary.path, "run", "e2e.yaml", "--journal", "e2e.journal"], directory: dir)
        defer { term.close() }
        term.wait(for: "NOT STARTED")
        term.send("s")
        term.wait(for: "Start the exercise")
        term.send("s")
        term.wait(for: "RUNNING")

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
        let replay = try CLI.run(["replay", dir.appendingPathComponent("e2e.journal").path, "--format", "json"])
        #expect(replay.status == 0)
        #expect(replay.out.contains("\"points\" : 15"))
    }

    /// `join` in line mode with standard input from `commands` (the facilitator's side).
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

    @Test("join: a team's console over the network reads an inject, answers a text and a choice task, and the server records it")
    func joinTeamConsole() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let serve = try TmuxSession([CLI.binary.path, "serve", "e2e.yaml", "--journal", "e2e.journal", "--listen", "127.0.0.1:0", "--headless"],
                                    width: 160, directory: dir)
        defer { serve.close() }
        guard let served = serve.wait(for: "listening on port"),
              let line = served.split(separator: "\n").first(where: { $0.contains("listening on port") }),
              let port = line.split(separator: " ").last.flatMap({ Int($0) }) else { return }
        let url = "ws://127.0.0.1:\(port)/ws"
        let tokensData = try Data(contentsOf: dir.appendingPathComponent("e2e.journal.tokens"))
        let tokens = try #require((try JSONSerialization.jsonObject(with: tokensData) as? [String: Any])?["tokens"] as? [[String: Any]])
        func token(_ match: ([String: Any]) -> Bool) -> String? { tokens.first(where: match)?["token"] as? String }
        let red = try #require(token { $0["role"] as? String == "team" && $0["id"] as? String == "red" })
        let whiteCell = try #require(token { $0["role"] as? String == "facilitator" })

        let started = try Self.lineJoin(url, token: whiteCell, commands: "start\n", in: dir)
        #expect(started.contains("ok: start"), "facilitator join:\n\(started)")

        let term = try TmuxSession([CLI.binary.path, "join", url, "--token", red], directory: dir)
        defer { term.close() }
        Self.answerTheFirstInject(in: term)

        let scores = try Self.lineJoin(url, token: whiteCell, commands: "scores\n", in: dir)
        #expect(scores.contains("15 / 15") && scores.contains("red"), "facilitator join:\n\(scores)")

        term.send("Escape")
        term.send("q")
        term.wait(for: "Leave the console?")
        term.send("q")
        term.wait(for: "[exit 0]")
    }

    @Test("a terminal below 80×24 says so; growing it brings the console; NO_COLOR and --plain work")
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
