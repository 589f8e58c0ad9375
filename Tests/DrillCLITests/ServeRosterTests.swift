import Foundation
import Testing

/// `serve` as a white cell starts it on the day: with a roster that lacks a country the scenario
/// addresses, and handing the tokens out with the address it really listens on.
@Suite("serve with a roster, headless", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct ServeRosterTests {
    @Test func aRosterWithoutATeamIsAcceptedWithWarningsAndTheHandOutNamesTheRealAddress() throws {
        let dir = try CLI.temporaryDirectory()
        try "id,name,country\ntut-a,CIRT Alpha,XA\ntut-b,CIRT Bravo,XB\n".write(to: dir.appendingPathComponent("teams.csv"), atomically: true, encoding: .utf8)
        let scenario = CLI.packageRoot.appendingPathComponent("scenarios/tutorial.yaml").path
        let serve = try TmuxSession([CLI.binary.path, "serve", scenario, "--journal", "t.journal", "--roster", "teams.csv",
                                     "--listen", "127.0.0.1:0", "--headless"], width: 400, height: 60, directory: dir)
        defer { serve.close() }
        guard let screen = serve.wait(for: "listening on port", timeout: 30),
              let line = screen.split(separator: "\n").first(where: { $0.contains("listening on port") }),
              let port = line.split(separator: " ").last.flatMap({ Int($0) }) else { return }
        #expect(screen.contains("warning: \(scenario): inject T07c is addressed ('to:') to team 'tut-c', which this roster lacks: it is skipped for that team"), "\(screen)")
        #expect(screen.contains("task T07b.warn asks to coordinate ('with:') with team 'tut-c', which this roster lacks: no team is left to tell, so the task is not scored"))
        #expect(screen.contains("new exercise, 2 teams"))
        #expect(screen.contains("Give each team only its own token: cyberdrill join ws://127.0.0.1:\(port)/ws --token TOKEN"), "\(screen)")
        #expect(!screen.contains("HOST:PORT"))
    }
}
