import Foundation
import Testing

/// `cyberdrill demo` on a real terminal, played to its end at 60×: its simulated white cell has
/// graded every report and answered every RFI by then, so the report has nothing pending.
@Suite("demo ends finished", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct DemoEndTests {
    @Test func theDemoEndsWithEveryReportGradedAndEveryRFIAnswered() throws {
        let dir = try CLI.temporaryDirectory()
        // The demo keeps its journal in the temporary folder: this test's own.
        let term = try TmuxSession([CLI.binary.path, "demo", "--speed", "60", "--seed", "2"], directory: dir,
                                   environment: ["TMPDIR": dir.path])
        defer { term.close() }
        // The tutorial lasts 20 minutes: 20 s at 60×, a few more under load.
        guard term.wait(for: "ENDED", timeout: 180) != nil else { return }
        // Quit (the quit dialog, if any, is answered by the second q).
        term.wait(for: "the demo to quit", timeout: 30) { screen in
            if screen.contains("[exit") { return true }
            term.send("q")
            Thread.sleep(forTimeInterval: 0.5)
            return false
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("cyberdrill-demo-") }
        let folder = try #require(folders.first)
        let journal = dir.appendingPathComponent(folder).appendingPathComponent("tutorial.journal").path
        let out = dir.appendingPathComponent("reports")
        let r = try CLI.run(["report", journal, "--format", "json", "--out", out.path])
        #expect(r.status == 0, "\(r.err)")
        let data = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let overview = try #require(json["overview"] as? [String: Any])
        #expect(overview["phase"] as? String == "ended")
        #expect(overview["awaitingGrade"] as? Int == 0, "every report answer is graded")
        let teams = try #require(json["teams"] as? [[String: Any]])
        var rfis = 0, pending = 0
        for team in teams {
            for rfi in (team["rfis"] as? [[String: Any]]) ?? [] {
                rfis += 1
                #expect(rfi["answer"] is String, "RFI at \(rfi["at"] ?? "?") of \(team["team"] ?? "?") is answered")
            }
            pending += ((team["outcomes"] as? [String: Any])?["pending"] as? Int) ?? 0
        }
        #expect(pending == 0, "nothing is pending after the end")
        let graded = teams.flatMap { ($0["tasks"] as? [[String: Any]]) ?? [] }.filter { $0["type"] as? String == "report" && $0["answeredAt"] != nil }
        #expect(!graded.isEmpty || rfis > 0, "the white cell had work to do")
    }
}
