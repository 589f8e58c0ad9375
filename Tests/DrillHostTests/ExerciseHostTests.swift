import DrillTestSupport
import DrillCore
import Foundation
import Testing
@testable import DrillHost
import DrillJournal

/// A small scenario for exercises hosted on a real journal.
enum HostFixture {
    static let source = """
    format: cyberdrill/1
    id: host-drill
    title: Host drill
    duration: 1h
    teams:
      - { id: a, name: Alpha }
      - { id: b, name: Bravo }
    injects:
      - id: I01
        at: 0m
        title: First
        channel: email
        tasks:
          - { id: c2, type: text, prompt: IP?, accept: ["203.0.113.66"], attempts: 2 }
      - id: I02
        at: 10m
        title: Second
        channel: siem
        tasks:
          - { id: sev, type: choice, prompt: Severity, options: [low, high], answer: high }

    """

    static var scenario: Scenario {
        get throws { try #require(ScenarioLoader { _ in true }.load(text: source, path: "host.yaml").scenario) }
    }
}

@Suite("Exercises hosted on a journal")
struct ExerciseHostTests {
    let c2 = TaskRef(inject: "I01", task: "c2")

    @Test func aHostedExerciseReplaysToTheSameStateAndComesBackPaused() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("host.journal")
        let wall = ManualClock(1_700_000_000_000)
        let scenario = try HostFixture.scenario
        let host = try await ExerciseHost.create(journalPath: path, scenario: scenario, source: HostFixture.source,
                                                 scenarioPath: "host.yaml", teams: scenario.teams, wall: wall)
        _ = try await host.handle(.setSpeed(2), by: .facilitator("fc")).get()
        _ = try await host.handle(.start, by: .facilitator("fc")).get()
        wall.advance(by: 60_000)   // one wall minute at 2× = two exercise minutes
        #expect(await host.exerciseTime == 120_000)
        let step = try await host.handle(.submit(task: c2, submission: "s1", values: ["203.0.113.66"]), by: .team("a")).get()
        #expect(step.events.first?.exerciseTime == 120_000)
        wall.advance(by: 5 * 60_000)
        _ = try await host.tick().get()
        #expect(await host.state.teams["a"]?.released[1] == 600_000)
        let live = await host.state
        try await host.close()

        // Replay from the file alone gives the live state.
        let replay = try JournalReplay.load(path: path)
        #expect(replay.state == live)

        // Reopening a running exercise pauses it at the time of its last durable event.
        wall.advance(by: 10 * 60_000)
        let reopened = try await ExerciseHost.open(journalPath: path, wall: wall)
        let state = await reopened.state
        #expect(state.phase == .paused)
        #expect(state.exerciseTime == 600_000)
        #expect(await reopened.exerciseTime == 600_000)
        // Time stands still while paused, and resumes from there.
        wall.advance(by: 60_000)
        #expect(await reopened.exerciseTime == 600_000)
        _ = try await reopened.handle(.resume, by: .facilitator("fc")).get()
        wall.advance(by: 30_000)
        #expect(await reopened.exerciseTime == 660_000)
        try await reopened.close()
    }

    @Test func concurrentSubmissionsAreAllDurableAndInOrder() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("host.journal")
        let wall = ManualClock(1_700_000_000_000)
        let scenario = try HostFixture.scenario
        let host = try await ExerciseHost.create(journalPath: path, scenario: scenario, source: HostFixture.source,
                                                 scenarioPath: "host.yaml", teams: scenario.teams, wall: wall)
        _ = try await host.handle(.start, by: .facilitator("fc")).get()
        let updates = await host.updates()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for k in 0..<50 {
                group.addTask {
                    _ = await host.handle(.sendMessage(to: .whiteCell, kind: .message, text: "note \(k)"), by: .team(k % 2 == 0 ? "a" : "b"))
                }
            }
            try await group.waitForAll()
        }
        // Published in journal order, with no gap.
        var seqs: [Int64] = []
        var iterator = updates.makeAsyncIterator()
        while seqs.count < 50, let update = await iterator.next() {
            seqs += (0..<Int64(update.events.count)).map { update.firstSeq + $0 }
        }
        #expect(seqs == Array(seqs.sorted()))
        #expect(Set(seqs).count == 50)
        try await host.close()
        let replay = try JournalReplay.load(path: path)
        #expect(replay.state.messages.count == 50)
        #expect(replay.state.messages.map(\.message.id) == (1...50).map { "M\($0)" })
    }

    @Test func rehearsalJournalsReplayToTheRehearsedStateWithIdenticalPayloads() async throws {
        let folder = try TemporaryFolder()
        let scenario = try HostFixture.scenario
        var payloads: [[Data]] = []
        for run in 0..<2 {
            let result = Rehearsal(index: ScenarioIndex(scenario), teams: scenario.teams, seed: 42).run()
            let path = folder.file("r\(run).journal")
            let journal = try Journal.create(at: path, scenario: scenario, source: HostFixture.source, scenarioPath: "host.yaml", wall: Int64(run))
            try await journal.append(events: result.events, wall: 1_700_000_000_000 + Int64(run))
            try journal.close()
            let replay = try JournalReplay.load(path: path)
            #expect(replay.state == result.state)
            let reopened = try Journal.open(at: path)
            // The ended row's anchor names the chain head, which depends on the wall times.
            let rows = try await reopened.rows().dropFirst()
            payloads.append(rows.map { $0.type == ChainAnchor.eventType ? Data("ended".utf8) : $0.payload })
            let ended = try #require(rows.last)
            #expect(ChainAnchor(payload: ended.payload) == ChainAnchor(rows: ended.seq - 1, head: ended.prevHash.map { String(format: "%02x", $0) }.joined()))
            try reopened.close()
        }
        #expect(payloads[0] == payloads[1])
        #expect(payloads[0].count > 5)
    }
}
