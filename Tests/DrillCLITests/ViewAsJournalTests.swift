@testable import DrillCLI
import DrillCore
import DrillHost
import DrillJournal
import DrillTUI
import Foundation
import Testing

@Suite("The white cell views a team's console read-only (run, serve)")
struct ViewAsJournalTests {
    @Test("viewing a team's console journals nothing: every key of the team's console, then a barrier command, and only the barrier is in the journal")
    func viewingJournalsNothing() async throws {
        let path = CLI.packageRoot.appendingPathComponent("scenarios/tutorial.yaml").path
        let (scenario, source) = try LocalSession.loadScenario(path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("viewas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let wall = ManualClock(1_000_000)
        let host = try await ExerciseHost.create(journalPath: dir.appendingPathComponent("v.journal").path, scenario: scenario, source: source,
                                                 scenarioPath: path, teams: scenario.teams, wall: wall)
        let white = Actor.facilitator("white-cell")
        _ = await host.handle(.start, by: white)
        wall.advance(by: 5 * 60_000)
        _ = await host.tick()
        let team = try #require(await host.state.teamOrder.first)
        let unreadBefore = await host.state.teams[team]?.read.count
        try #require(!(await host.state.teams[team]?.released.isEmpty ?? true), "the team needs injects to read")

        let (done, report) = AsyncStream<Command>.makeStream()
        let outbox = CommandOutbox(host: host) { _, command, _ in report.yield(command) }
        defer { outbox.close() }
        var program = LocalExercise(state: await host.state, clock: await host.exerciseClock, outbox: outbox, wall: wall,
                                    artifacts: ArtifactTexts(scenario: scenario, directory: CLI.packageRoot.appendingPathComponent("scenarios").path),
                                    whiteCell: white, hotSeat: true, quitMessage: "")
        let before = host.journal.lastSeq

        _ = program.update(.key(.char("v")))
        #expect(program.viewing?.team == team)
        #expect(program.render(Size(width: 110, height: 32)).lines.joined(separator: "\n").contains("(read-only)"))
        // Every way the team's console acts: reading each inject, answering, writing, a hint, an artifact.
        // (Esc on the view itself would close it: overlays here close with Enter.)
        let keys: [Key] = [.down, .down, .up, .home, .enter, .char("x"), .enter, .function(9),
                           .char("c"), .char("h"), .char("i"), .enter, .function(6), .char("h"), .char("y"), .enter,
                           .function(4), .enter, .char("o"), .enter, .tab, .tab, .enter, .backTab, .backTab, .end, .enter,
                           .function(5), .enter, .down, .down, .down, .down, .down, .enter]
        for key in keys { _ = program.update(.key(key)) }
        #expect(program.viewing != nil)
        let running = program.update(.key(.escape))
        #expect(running)
        #expect(program.viewing == nil)

        // A barrier: the outbox carries commands in order, so once the white cell's pause is done
        // anything the view had sent would be journaled.
        _ = program.update(.key(.char("p")))
        var iterator = done.makeAsyncIterator()
        #expect(await iterator.next() == .pause)
        let rows = try await host.journal.rows(from: before + 1)
        #expect(rows.count == 1)
        #expect(rows.allSatisfy { $0.actor == "facilitator:white-cell" || !$0.actor.hasPrefix("team") })
        #expect(await host.state.teams[team]?.read.count == unreadBefore)
        try await host.close()
    }
}
