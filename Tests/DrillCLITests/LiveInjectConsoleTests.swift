import Foundation
import Testing

/// live17: the white cell improvises on real terminals (tmux): a live inject composed in the
/// console's form reaches the chosen team, which answers it; a library inject is released to one
/// team only; the report's timeline marks the live inject unplanned.
@Suite("The white cell improvises end to end", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct LiveInjectConsoleTests {
    static let scenario = """
    format: cyberdrill/1
    id: improvise
    title: Improvising
    duration: 60m
    teams:
      - { id: red, name: Red Team }
      - { id: blue, name: Blue Team }
    injects:
      - id: A1
        at: 0m
        title: Morning briefing
        channel: briefing
        body: The day starts.
      - id: LIB1
        at: demand
        title: A journalist calls
        channel: phone
        body: A journalist asks about the outage.
        tasks:
          - { id: say, type: text, prompt: Do you confirm?, accept: [no comment], guide: "GUIDE no attribution" }

    """

    @Test("compose a live inject with a choice task for Red, Red answers it, LIB1 goes to Blue only, the report says unplanned")
    func improvise() throws {
        let dir = try CLI.temporaryDirectory()
        try Self.scenario.write(to: dir.appendingPathComponent("imp.yaml"), atomically: true, encoding: .utf8)
        guard let served = try ConsoleEndToEndTests.serveHeadless("imp.yaml", journal: "imp.journal", in: dir) else { return }
        defer { served.pane.close() }
        let url = served.url
        func token(_ role: String, _ id: String? = nil) throws -> String { try #require(served.token(role: role, id: id)) }
        let white = try served.join("facilitator", width: 160, height: 48, in: dir)
        defer { white.close() }
        let red = try served.join("team", "red", in: dir)
        defer { red.close() }
        let blue = try served.join("team", "blue", in: dir)
        defer { blue.close() }

        // The library inject waits in the MSEL, on demand.
        guard let msel = white.wait(for: "LIB1 on demand in the MSEL", { $0.contains("LIB1") && $0.contains("ON DEMAND") }) else { return }
        #expect(msel.contains("A journalist calls"))
        white.wait(for: "both teams online", { $0.contains("Red Team") && $0.contains("Blue Team") && $0.components(separatedBy: "●1").count >= 3 })
        white.send("s")
        white.wait(for: "Start the exercise")
        white.send("s")
        white.wait(for: "RUNNING")
        red.wait(for: "Morning briefing")

        // The form: title, channel, from, to (Red), text, a choice task with its answer, now.
        white.send("c")
        white.wait(for: "Live inject")
        white.type("The minister calls")
        white.send("Down", "Down")                       // channel (phone), from
        white.type("Minister's office")
        white.send("Down", "Right")                      // to: Red Team
        white.send("Down")
        white.type("Are you shutting the VPN down?")
        white.send("Down", "Down")                       // task: choice between options; the question
        white.type("Shut the VPN down?")
        white.send("Down")
        white.type("yes, no")
        white.send("Down")
        white.type("no")
        white.send("Down", "Down", "Enter")              // points 10, release now: Enter on the last field sends
        white.wait(for: "Live inject released: The minister calls")
        guard let mselAfter = white.wait(for: "the live inject in the MSEL, unplanned", { $0.contains("L1") && $0.contains("(unplanned)") }) else { return }
        #expect(mselAfter.contains("The minister calls"))

        // Red has it, answers it; Blue does not have it.
        red.wait(for: "The minister calls")
        let answer = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "red"), commands: "answer L1.t1 no\n", in: dir)
        #expect(answer.contains("L1.t1 recorded") && answer.contains("correct"), "\(answer)")
        let refused = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "blue"), commands: "answer L1.t1 no\n", in: dir)
        #expect(!refused.contains("L1.t1 recorded"), "\(refused)")

        // LIB1 to Blue only: the cursor on Blue's row and LIB1's column, r, "Only Blue Team".
        white.send("End", "Left", "Down")
        white.wait(for: "the cursor on Blue and LIB1", { $0.contains("Blue Team") && $0.contains("LIB1") })
        // The white cell reads the grading guide in the inject's view; no team ever gets it.
        white.send("i")
        guard let view = white.wait(for: "Grading guide (white cell only)") else { return }
        #expect(view.contains("GUIDE no attribution"))
        white.send("Escape")
        white.send("r")
        white.wait(for: "Release LIB1 now")
        white.send("o")
        white.wait(for: "LIB1 released")
        guard let blueScreen = blue.wait(for: "A journalist calls") else { return }
        #expect(!blueScreen.contains("The minister calls"))
        let blueStatus = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "blue"), commands: "answer LIB1.say no comment\n", in: dir)
        #expect(blueStatus.contains("LIB1.say recorded"), "\(blueStatus)")
        let redStatus = try ConsoleEndToEndTests.lineJoin(url, token: try token("team", "red"), commands: "answer LIB1.say no comment\n", in: dir)
        #expect(!redStatus.contains("LIB1.say recorded"), "LIB1 reached Red: \(redStatus)")
        #expect(!(red.capture().contains("A journalist calls")))
        #expect(!blue.capture().contains("GUIDE"))

        white.send("e")
        white.wait(for: "End the exercise")
        white.send("e")
        white.wait(for: "ENDED")
        ConsoleEndToEndTests.quit(white)

        // The HTML report's timeline marks the live inject unplanned, LIB1 on demand.
        let report = try CLI.run(["report", "imp.journal", "--format", "html", "--out", "reports"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).filter { $0.hasSuffix(".html") }
        let html = try #require(files.first.map { try String(contentsOf: dir.appendingPathComponent("reports/\($0)"), encoding: .utf8) })
        #expect(html.contains("<td class=\"unplanned\">unplanned</td>"))
        #expect(html.contains("The minister calls"))
        #expect(html.contains("<td class=\"demand\">on demand</td>"))
        #expect(!html.contains("GUIDE no attribution"))
    }
}
