import Foundation
import Testing

/// Issue 17 item 5: a team member fills the hot wash in the full-screen `join` console once the
/// white cell has ended the exercise; the answers reach the journal and the report.
@Suite("The hot wash in the full-screen team console", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct HotWashConsoleTests {
    @Test("after the end the team console says the form is open; the member fills it with keys, sees it recorded, and the report quotes it")
    func memberFillsTheFormAfterTheEnd() throws {
        let dir = try CLI.temporaryDirectory()
        try (ConsoleEndToEndTests.scenario + GradeConsoleTests.feedback).write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        guard let served = try ConsoleEndToEndTests.serveHeadless("e2e.yaml", in: dir) else { return }
        defer { served.pane.close() }

        let team = try served.join("team", "red", in: dir)
        defer { team.close() }
        team.wait(for: "NOT STARTED")

        let white = try served.join("facilitator", width: 160, height: 48, in: dir)
        defer { white.close() }
        white.startExercise()
        white.send("e")
        white.wait(for: "End the exercise")
        white.send("e")
        white.wait(for: "ENDED")

        // The team console tells the member, and the key bar keeps the way in.
        guard let told = team.wait(for: "press f to answer") else { return }
        #expect(told.contains("ENDED"))
        team.send("Escape")   // clears the status line: the key bar shows "f feedback"
        team.wait(for: "f feedback")
        team.send("f")
        guard let form = team.wait(for: "Feedback (hot wash)") else { return }
        #expect(form.contains("How realistic was the drill?") && form.contains("( ) 1 yes"), "\(form)")
        team.type("4")
        team.send("Down", "Right")            // q2: yes
        team.send("Down")
        team.type("More time on the phone")
        team.send("Enter")                    // the text is kept; the Send line is next
        team.send("Enter")                    // send
        team.wait(for: "your feedback is recorded")
        guard let recorded = team.wait(for: "Recorded ✓") else { return }
        #expect(recorded.contains("1. How realistic was the drill? ✓"))

        // Changed and sent again with F9: the member's answers are replaced.
        team.send("Up", "Up", "Up")           // back to q1
        team.type("2")
        team.send("F9")
        team.wait(for: "your feedback is recorded")
        ConsoleEndToEndTests.quit(white)

        let report = try CLI.run(["report", "e2e.journal", "--format", "html", "--out", "reports"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).filter { $0.hasSuffix(".html") }
        let html = try #require(files.first.map { try String(contentsOf: dir.appendingPathComponent("reports/\($0)"), encoding: .utf8) })
        let feedback = try #require(html.range(of: "<section id=\"feedback\">").map { String(html[$0.lowerBound...].prefix(4000)) })
        #expect(feedback.contains("How realistic was the drill?") && feedback.contains("1 answer"), "\(feedback)")
        #expect(feedback.contains("More time on the phone"))
    }

    @Test("run (hot seat): after the white cell ends the exercise, Red Team's console takes the form with F3 and F9 and the journal keeps the answers")
    func localRunHotSeat() throws {
        let dir = try CLI.temporaryDirectory()
        try (ConsoleEndToEndTests.scenario + GradeConsoleTests.feedback).write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        let term = try TmuxSession([CLI.binary.path, "run", "e2e.yaml", "--journal", "e2e.journal"], directory: dir)
        defer { term.close() }
        term.startExercise()
        term.send("e")
        term.wait(for: "End the exercise")
        term.send("e")
        term.wait(for: "ENDED")
        term.send("F2")                       // Red Team's console
        term.wait(for: "Red Team")
        term.wait(for: "F3 feedback", { $0.contains("f feedback") || $0.contains("press f to answer") })
        term.send("F3")
        guard term.wait(for: "Feedback (hot wash)") != nil else { return }
        term.send("Right", "Right", "Right")  // q1: 3
        term.send("Down", "Right", "Right")   // q2: no
        term.send("F9")
        term.wait(for: "your feedback is recorded")
        term.wait(for: "Recorded ✓")
        term.send("C-c")
        term.wait(for: "[exit 0]")
        let replay = try CLI.run(["replay", dir.appendingPathComponent("e2e.journal").path, "--format", "json"])
        #expect(replay.status == 0)
        let report = try CLI.run(["report", "e2e.journal", "--format", "html", "--out", "reports"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).filter { $0.hasSuffix(".html") }
        let html = try #require(files.first.map { try String(contentsOf: dir.appendingPathComponent("reports/\($0)"), encoding: .utf8) })
        let feedback = try #require(html.range(of: "<section id=\"feedback\">").map { String(html[$0.lowerBound...].prefix(4000)) })
        #expect(feedback.contains("Would you take part again?") && feedback.contains("1 answer"), "\(feedback)")
    }
}
