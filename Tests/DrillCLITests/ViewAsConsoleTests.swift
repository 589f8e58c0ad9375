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
        term.wait(for: "NOT STARTED")
        term.send("s")
        term.wait(for: "Start the exercise")
        term.send("s")
        term.wait(for: "RUNNING")
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
}
