import DrillCore
import DrillJournal
import Foundation
import Testing

/// viewas: on a real terminal (tmux), the white cell of `run` views a team's console read-only with
/// `v`: the team's inject, the marker, refusals for answering and writing, and no read mark journaled.
@Suite("The white cell views a team's console on a terminal", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct ViewAsConsoleTests {
    static let scenario = """
    format: cyberdrill/1
    id: viewas
    title: Viewing as a team
    duration: 60m
    teams:
      - { id: red, name: Red Team }
      - { id: blue, name: Blue Team }
    injects:
      - id: A1
        at: 0m
        title: Morning briefing
        channel: email
        to: [red]
        body: The day starts with a suspicious e-mail.
        tasks:
          - { id: dom, type: text, prompt: Which domain?, accept: [evil.example] }

    """

    @Test("run: v shows Red's console read-only; Enter and c are refused; Esc goes back; the journal has no read mark and no answer")
    func viewRedReadOnly() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("v.yaml"), atomically: true, encoding: .utf8)
        let term = try TmuxSession([CLI.binary.path, "run", "v.yaml", "--journal", "v.journal"], width: 110, directory: dir)
        defer { term.close() }
        term.startExercise()
        term.send("v")
        guard let view = term.wait(for: "Red's console, read-only", { $0.contains("Viewing as Red Team (read-only)") && $0.contains("Morning briefing") })
        else { return }
        #expect(view.contains("Which domain?"))
        term.send("Enter")
        term.wait(for: "does nothing for the team")
        // Letters typed on stay in the view (none of them closes it); c is refused like Enter.
        term.type("vqabc")   // q does not quit the view either
        term.wait(for: "the refusal after c, still in the view", { $0.contains("does nothing for the team") && $0.contains("Morning briefing") })
        #expect(term.capture().contains("Red Team"))
        term.send("Escape")
        term.wait(for: "the white cell again", { $0.contains("White cell") && !$0.contains("read-only") })
        term.send("q")
        term.wait(for: "Leave the console?")
        term.send("q")
        guard term.wait(for: "[exit 0]") != nil else { return }
        let journal = try Journal.openForReading(at: dir.appendingPathComponent("v.journal").path)
        let events = try JournalReplay.load(journal).events
        #expect(!events.contains { if case .injectRead = $0.body { true } else { false } })
        #expect(!events.contains { if case .answerSubmitted = $0.body { true } else { false } })
        #expect(events.contains { if case .injectReleased = $0.body { true } else { false } })
    }

    @Test("join --as-team with the white cell's token: Red's console read-only over the network, Enter refused, nothing journaled")
    func joinAsTeam() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("v.yaml"), atomically: true, encoding: .utf8)
        let serve = try TmuxSession([CLI.binary.path, "serve", "v.yaml", "--journal", "v.journal", "--listen", "127.0.0.1:0", "--headless"],
                                    width: 160, directory: dir)
        defer { serve.close() }
        guard let served = serve.wait(for: "listening on port"),
              let line = served.split(separator: "\n").first(where: { $0.contains("listening on port") }),
              let port = line.split(separator: " ").last.flatMap({ Int($0) }) else { return }
        let url = "ws://127.0.0.1:\(port)/ws"
        let data = try Data(contentsOf: dir.appendingPathComponent("v.journal.tokens"))
        let tokens = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["tokens"] as? [[String: Any]])
        let whiteToken = try #require(tokens.first { $0["role"] as? String == "facilitator" }?["token"] as? String)
        let white = try TmuxSession([CLI.binary.path, "join", url, "--token", whiteToken], width: 160, height: 40, directory: dir)
        defer { white.close() }
        let view = try TmuxSession([CLI.binary.path, "join", url, "--token", whiteToken, "--as-team", "red"], width: 110, directory: dir)
        defer { view.close() }
        view.wait(for: "Viewing as Red Team (read-only)")
        white.wait(for: "NOT STARTED")
        white.send("s")
        white.wait(for: "Start the exercise")
        white.send("s")
        guard let screen = view.wait(for: "Red's inject in the view", { $0.contains("Morning briefing") && $0.contains("Which domain?") }) else { return }
        #expect(!screen.contains("evil.example"), "the view gets the team's feed, without the expected answers")
        view.send("Enter")
        view.wait(for: "does nothing for the team")
        view.send("Escape")
        view.wait(for: "[exit 0]")
        white.send("p")
        white.wait(for: "PAUSED")
        let journal = try Journal.openForReading(at: dir.appendingPathComponent("v.journal").path)
        let events = try JournalReplay.load(journal).events
        #expect(events.contains { if case .injectReleased = $0.body { true } else { false } })
        #expect(!events.contains { if case .injectRead = $0.body { true } else { false } })
    }
}
