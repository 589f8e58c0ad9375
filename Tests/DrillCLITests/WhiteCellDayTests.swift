import Foundation
import Testing

/// The white cell's whole day over the network, on real terminals (tmux): a served exercise with
/// a roster of three teams, the white cell's console and two teams' consoles joined over
/// WebSocket, and the report at the end.
@Suite("The facilitator's day end to end", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct WhiteCellDayTests {
    static let scenario = """
    format: cyberdrill/1
    id: day
    title: A facilitator's day
    duration: 60m
    scoreboard: live
    objectives:
      - { id: O1, title: Tell the public, capability: communicate }
      - { id: O2, title: Report the incident, capability: respond }
    teams:
      - { id: red, name: Red Team }
    injects:
      - id: A1
        at: 0m
        title: Write a short report
        channel: email
        objectives: [O2]
        body: |
          Write what happened, what you did and what you recommend.
        tasks:
          - id: rep
            type: report
            prompt: What happened?
            points: 10
            rubric:
              - { score: 1.0, text: "Complete" }
              - { score: 0.5, text: "Partial" }
              - { score: 0.0, text: "Missing" }

    """

    static let roster = """
    id,name,country
    red,Red Team,XA
    blue,Blue Team,XB
    green,Green Team,XC

    """

    @Test("serve with three teams: presence before start, a broadcast and an RFI answer seen at once, two grades in a row, notes of each kind, end, and the improvement plan")
    func facilitatorsDay() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("day.yaml"), atomically: true, encoding: .utf8)
        try Self.roster.write(to: dir.appendingPathComponent("teams.csv"), atomically: true, encoding: .utf8)
        guard let served = try ConsoleEndToEndTests.serveHeadless("day.yaml", journal: "day.journal", ["--roster", "teams.csv"], in: dir) else { return }
        defer { served.pane.close() }
        let url = served.url
        func token(_ role: String, _ id: String? = nil) throws -> String { try #require(served.token(role: role, id: id)) }

        // The white cell, and two of the three teams, on terminals of their own.
        let white = try served.join("facilitator", width: 160, height: 48, in: dir)
        defer { white.close() }
        let red = try served.join("team", "red", in: dir)
        defer { red.close() }
        let blue = try served.join("team", "blue", in: dir)
        defer { blue.close() }

        // Presence before the start: Red and Blue online, Green not; the start dialog warns.
        guard let before = white.wait(for: "Red and Blue online in the scoreboard", {
            $0.split(separator: "\n").contains { $0.contains("Red Team") && $0.contains("●1") }
                && $0.split(separator: "\n").contains { $0.contains("Blue Team") && $0.contains("●1") }
        }) else { return }
        #expect(before.split(separator: "\n").contains { $0.hasPrefix("┃Green Team") && $0.contains("○") }, "matrix:\n\(before)")
        white.send("s")
        guard let dialog = white.wait(for: "1 of 3 teams not connected") else { return }
        #expect(dialog.contains("Not connected: Green Team."))
        white.send("s")
        white.wait(for: "RUNNING")
        red.wait(for: "Write a short report")

        // A broadcast: Red sees it at once, over whatever it was looking at.
        white.send("b")
        white.wait(for: "Broadcast to every team")
        white.type("Lunch at noon")
        white.send("Enter")
        white.wait(for: "Send to all 3 teams")
        white.send("s")
        guard let notice = red.wait(for: "Broadcast from the white cell") else { return }
        #expect(notice.contains("Lunch at noon"))
        red.send("Escape")

        // Red asks; the white cell answers from the Messages tab; Red sees the answer at once.
        red.send("c")
        red.send("Down")
        red.wait(for: "request for information")
        red.type("Is the proxy in scope?")
        red.send("Enter")
        red.wait(for: "request for information sent")
        white.send("Tab")
        white.send("Tab")
        white.wait(for: "Is the proxy in scope?")
        white.send("a")
        white.wait(for: "Answer M")
        white.type("Yes, it is in scope")
        white.send("Enter")
        guard let answered = red.wait(for: "The white cell answered your request") else { return }
        #expect(answered.contains("Yes, it is in scope"))
        red.send("Escape")

        // Two reports, Red's first; graded in a row: 1 for Red, then 2 lands on Blue.
        let redReport = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "red"),
                                                          commands: "answer A1.rep Phishing, contained, reset passwords\n", in: dir)
        #expect(redReport.contains("A1.rep recorded"), "\(redReport)")
        let blueReport = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "blue"),
                                                           commands: "answer A1.rep Something happened\n", in: dir)
        #expect(blueReport.contains("A1.rep recorded"), "\(blueReport)")
        white.send("BTab")
        white.wait(for: "2 to grade")
        white.send("1")
        white.wait(for: "graded Red Team A1.rep: 100 %")
        white.send("2")
        white.wait(for: "graded Blue Team A1.rep: 50 %")
        let scores = try ConsoleEndToEndTests.lineJoin(url, token: try token("facilitator"), commands: "scores\n", in: dir)
        #expect(scores.contains("red 10 / 10") && scores.contains("blue 5 / 10"), "\(scores)")

        // A note of each kind.
        white.send("n")
        white.wait(for: "Note for the after-action report")
        white.type("Teams read the injects quickly")
        white.send("Enter")
        white.wait(for: "observation saved for the report")
        white.send("n")
        white.type("Red escalated within minutes")
        white.send("Up", "Up", "Up", "Right")          // Kind: strength
        white.send("Down", "Right")                     // About: O1
        white.send("Down", "Right")                     // Team: Red Team
        white.send("Down", "Enter")                     // the text is the last field: save
        white.wait(for: "strength saved for the report")
        white.send("n")
        white.type("Nobody owned the press line")
        white.send("Up", "Up", "Up", "Right", "Right")  // Kind: area for improvement
        white.send("Down", "Right")                     // About: O1
        white.send("Down", "Down", "Down")              // past Team and the text, to the action
        white.type("Name a spokesperson per shift")
        white.send("Enter")
        white.type("Head of CIRT")
        white.send("Enter")
        white.type("2026-04-30")
        white.send("Enter")
        white.wait(for: "area for improvement saved for the report")

        // End: the dialog says what ending does.
        white.send("e")
        guard let ending = white.wait(for: "End the exercise") else { return }
        #expect(ending.contains("answer window closes"))
        white.send("e")
        white.wait(for: "ENDED")
        ConsoleEndToEndTests.quit(white)

        // The report's improvement plan has the note's action, owner and due date.
        let report = try CLI.run(["report", "day.journal", "--format", "md", "--out", "reports"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).filter { $0.hasSuffix(".md") }
        let markdown = try #require(files.first.map { try String(contentsOf: dir.appendingPathComponent("reports/\($0)"), encoding: .utf8) })
        let plan = try #require(markdown.split(separator: "\n").first { $0.contains("Nobody owned the press line") && $0.contains("|") && $0.contains("Head of CIRT") },
                                "no improvement plan row:\n\(markdown)")
        #expect(plan.contains("Name a spokesperson per shift") && plan.contains("2026-04-30") && plan.contains("communicate"))
        #expect(markdown.contains("Red escalated within minutes"))
        #expect(markdown.contains("Teams read the injects quickly"))
    }
}
