import Foundation
import Testing

/// grade17: the white cell grades what a team said on the phone from its console, regrades it,
/// reopens a task for another team, and the HTML report shows the history.
@Suite("Grading without a submission in the white cell's console", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct GradeConsoleTests {
    @Test("a phone answer is graded and regraded, a task is reopened for one team, the hot wash is filled by two teams, and the HTML report shows who changed what and the feedback")
    func phoneAnswerGradedAndRegraded() throws {
        let dir = try CLI.temporaryDirectory()
        // The end-to-end scenario with a hot wash.
        try (ConsoleEndToEndTests.scenario + Self.feedback).write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
        guard let served = try ConsoleEndToEndTests.serveHeadless("e2e.yaml", in: dir) else { return }
        defer { served.pane.close() }
        let white = try served.join("facilitator", width: 160, height: 48, in: dir)
        defer { white.close() }
        white.startExercise()

        // Red said the domain on the phone, half right: 5 of 10 points.
        white.send("g")
        guard let form = white.wait(for: "Grade Red Team · A1") else { return }
        #expect(form.contains("Which domain sent it?"))
        white.send("Down")
        white.type("5")
        white.send("Down")                    // Given by: phone
        white.send("Down")
        white.type("read it out on the phone")
        white.send("Enter")                   // the note is the last field: save
        white.wait(for: "graded Red Team A1.domain: 50 % (phone)")

        // Red calls back in a video call with the whole domain: regraded 10 of 10.
        white.send("g")
        white.wait(for: "Grade Red Team · A1")
        white.send("Down")
        white.type("10")
        white.send("Down", "Right")           // Given by: video call
        white.send("Down")
        white.type("called back with it")
        white.send("Enter")
        white.wait(for: "graded Red Team A1.domain: 100 % (video call)")

        // Blue's severity task is reopened, with a reason.
        white.send("Down")                    // Blue's row
        white.send("g")
        white.wait(for: "Grade Blue Team · A1")
        white.send("Right")                   // Task: A1.sev
        white.send("Up", "Right")             // Action: reopen the task
        white.wait(for: "reopen the task")
        white.send("Down", "Down", "Down")    // past the task and the window (10m) to the reason
        white.type("the portal was down")
        white.send("Enter")
        white.wait(for: "reopened A1.sev for Blue Team")

        // A refused form says why and keeps what was typed.
        white.send("g")
        white.send("Down")
        white.type("99")
        white.send("C-s")
        white.wait(for: "points: a number from 0 to 10")
        white.send("Escape")

        white.send("e")
        white.wait(for: "End the exercise")
        white.send("e")
        white.wait(for: "ENDED")
        ConsoleEndToEndTests.quit(white)

        // The hot wash, filled by a member of each team from its console.
        for (team, answers) in [("red", "q1=4 | q2=yes | q3=Red needed more time on the phone"), ("blue", "q1=2 | q2=no | q3=Shorter injects please")] {
            let out = try ConsoleEndToEndTests.lineJoin(served.url, token: try #require(served.token(role: "team", id: team)),
                                                        commands: "feedback \(answers)\n", in: dir)
            #expect(out.contains("Feedback (hot wash)") && out.contains("How realistic was the drill?"), "\(out)")
            #expect(out.contains("ok: feedback"), "\(out)")
        }

        let report = try CLI.run(["report", "e2e.journal", "--format", "html", "--out", "reports"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).filter { $0.hasSuffix(".html") }
        let html = try #require(files.first.map { try String(contentsOf: dir.appendingPathComponent("reports/\($0)"), encoding: .utf8) })
        #expect(html.contains("Regrades and reopened tasks"))
        let section = try #require(html.range(of: "<section id=\"grade-changes\">").map { String(html[$0.lowerBound...].prefix(4000)) })
        #expect(section.contains("graded (phone)") && section.contains("read it out on the phone"))
        #expect(section.contains("graded (video call)") && section.contains("called back with it"))
        #expect(section.contains("reopened, due") && section.contains("the portal was down"))
        #expect(section.contains("whitecell"), "who graded")
        // The phone grade comes before the regrade, and Red's scorecard reads the regrade.
        if let phone = section.range(of: "graded (phone)"), let video = section.range(of: "graded (video call)") {
            #expect(phone.lowerBound < video.lowerBound)
        }
        #expect(html.contains("correct, given in a video call"))
        // The feedback: the distribution and the free answers, quoted.
        let feedback = try #require(html.range(of: "<section id=\"feedback\">").map { String(html[$0.lowerBound...].prefix(4000)) })
        #expect(feedback.contains("Participant feedback") && feedback.contains("How realistic was the drill?") && feedback.contains("2 answers"))
        #expect(feedback.contains("<blockquote dir=\"auto\">Shorter injects please</blockquote>"))
        #expect(feedback.contains("Red needed more time on the phone"))
    }

    static let feedback = """
    feedback:
      - { id: q1, type: scale, prompt: How realistic was the drill? }
      - { id: q2, type: choice, prompt: Would you take part again?, options: [yes, no] }
      - { id: q3, type: text, prompt: What should change? }

    """
}
