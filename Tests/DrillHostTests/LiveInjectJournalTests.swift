import DrillTestSupport
import DrillCore
import Foundation
import Testing
@testable import DrillHost
import DrillJournal

/// live17: a live inject is journaled as an event of its own and survives a replay and a reopen,
/// with the answers given to it.
@Suite("Live injects on a journal")
struct LiveInjectJournalTests {
    @Test func aLiveInjectReplaysAndAReopenedHostStillScoresIt() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("live.journal")
        let wall = ManualClock(1_700_000_000_000)
        let scenario = try HostFixture.scenario
        let host = try await ExerciseHost.create(journalPath: path, scenario: scenario, source: HostFixture.source,
                                                 scenarioPath: "host.yaml", teams: scenario.teams, wall: wall)
        _ = try await host.handle(.start, by: .facilitator("fc")).get()
        wall.advance(by: 60_000)
        let live = LiveInject(title: "Call from the CEO", channel: .phone, teams: ["a"],
                              tasks: [DrillTask(id: "go", prompt: "Pay?", kind: .choice(options: ["pay", "refuse"], answers: ["refuse"], multiple: false, partial: false),
                                                points: 6, due: 30 * 60_000)])
        let step = try await host.handle(.compose(live), by: .facilitator("fc")).get()
        #expect(step.events.map(\.type) == ["injectComposed", "injectReleased"])
        // A second one for later: released by the host's tick at its time.
        var later = live
        later.at = 5 * 60_000
        later.teams = nil
        _ = try await host.handle(.compose(later), by: .facilitator("fc")).get()
        wall.advance(by: 4 * 60_000)
        _ = try await host.tick().get()
        #expect(await host.state.teams["b"]?.released[3] == 5 * 60_000)
        let go = TaskRef(inject: "L1", task: "go")
        _ = try await host.handle(.submit(task: go, submission: "a1", values: ["refuse"]), by: .team("a")).get()
        let state = await host.state
        try await host.close()

        // The file alone gives the same state, live injects and their scores included.
        let replay = try JournalReplay.load(path: path)
        #expect(replay.state == state)
        #expect(replay.state.index.inject("L1")?.unplanned == true && replay.state.index.inject("L2") != nil)
        #expect(replay.state.score(team: "a", task: go)?.points == 6)

        // Reopened, the host goes on with them: Bravo may answer L2, not L1.
        let reopened = try await ExerciseHost.open(journalPath: path, wall: wall)
        _ = try await reopened.handle(.resume, by: .facilitator("fc")).get()
        let refused = await reopened.handle(.submit(task: go, submission: "b1", values: ["refuse"]), by: .team("b"))
        guard case .failure = refused else { Issue.record("Bravo answered Alpha's live inject"); return }
        _ = try await reopened.handle(.submit(task: TaskRef(inject: "L2", task: "go"), submission: "b2", values: ["refuse"]), by: .team("b")).get()
        #expect(await reopened.state.score(team: "b", task: TaskRef(inject: "L2", task: "go"))?.outcome == .correct)
        try await reopened.close()
    }
}
