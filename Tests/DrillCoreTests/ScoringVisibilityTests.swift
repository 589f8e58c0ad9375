import DrillCore
import Foundation
import Testing

/// What one team may see of the scores under `live`, `own` and `hidden`.
@Suite("Scoring: what a team sees")
struct ScoringVisibilityTests {
    static func played(_ scoreboard: ScoreboardVisibility, ended: Bool = false) throws -> ExerciseState {
        let tasks = [
            "- { id: ip, type: text, prompt: IP?, accept: [203.0.113.66], points: 10, penalty: 2, hints: [{ text: Beacons, cost: 3 }] }",
            "- { id: warn, type: coordination, prompt: Warn your neighbour, with: [cirt-charlie], points: 10 }",
        ]
        let yaml = ScoringFixture.scenario(tasks: tasks, extra: "scoreboard: \(scoreboard.rawValue)")
        var d = try Drive(yaml, teams: ["cirt-alpha", "cirt-bravo", "cirt-charlie"])
        try d.ok(.start, at: 0)
        let ip = ScoringFixture.ref("ip")
        try d.answer("cirt-alpha", ip, "198.51.100.1", at: minute)
        try d.ok(.takeHint(task: ip, hint: 0), by: .team("cirt-alpha"), at: minute)
        try d.answer("cirt-alpha", ip, "203.0.113.66", at: 2 * minute)
        try d.answer("cirt-bravo", ip, "bravo-secret-answer", at: minute)
        try d.answer("cirt-bravo", ip, "203.0.113.66", at: 3 * minute)
        try d.ok(.sendMessage(to: .team("cirt-charlie"), kind: .message, text: "BRAVO-SECRET-MESSAGE"), by: .team("cirt-bravo"), at: 4 * minute)
        try d.ok(.sendMessage(to: .whiteCell, kind: .rfi, text: "BRAVO-SECRET-RFI"), by: .team("cirt-bravo"), at: 4 * minute)
        if ended { try d.ok(.end, at: 60 * minute) }
        return d.machine.state
    }

    static func json(_ view: TeamView) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(view), as: UTF8.self)
    }

    /// Words that belong to Bravo alone: its id, its name, its answers and its messages.
    static let bravo = ["bravo", "BRAVO"]

    @Test("under own and hidden, nothing of another team is in the view", arguments: [
        (ScoreboardVisibility.own, false), (.own, true), (.hidden, false), (.hidden, true),
    ] as [(ScoreboardVisibility, Bool)])
    func nothingOfOthers(scoreboard: ScoreboardVisibility, ended: Bool) throws {
        let view = try #require(try Self.played(scoreboard, ended: ended).scorecard().teamView(for: "cirt-alpha"))
        let json = try Self.json(view).lowercased()
        #expect(!json.contains("bravo"))
        #expect(!json.contains("charlie"))
        #expect(!json.contains("secret"))
        #expect(view.rank == nil && view.standings == nil)
        #expect(view.tasks.count == 2)
    }

    @Test func underLiveOthersShowOnlyRankNameAndPoints() throws {
        let view = try #require(try Self.played(.live).scorecard().teamView(for: "cirt-alpha"))
        let json = try Self.json(view)
        #expect(view.standings?.map(\.team) == ["cirt-bravo", "cirt-alpha", "cirt-charlie"])
        #expect(view.standings?.map(\.rank) == [1, 2, 3])
        #expect(view.rank == 2)
        #expect(!json.lowercased().contains("secret"))
        // Task scores appear once per own task, never for another team.
        #expect(json.components(separatedBy: "\"reason\"").count - 1 == 2)
        #expect(json.components(separatedBy: "cirt-bravo").count - 1 == 1)
        let standing = try #require(view.standings?.first)
        let keys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(standing)) as? [String: Any]).keys.sorted()
        #expect(keys == ["name", "points", "rank", "team"])
    }

    @Test func underOwnATeamSeesItsPointsAndReasons() throws {
        let view = try #require(try Self.played(.own).scorecard().teamView(for: "cirt-alpha"))
        #expect(view.showsPoints)
        #expect(view.points == 5)                          // 10 − 2 − 3
        #expect(view.tasks[0].points == 5)
        #expect(view.tasks[0].reason == "correct, 1 wrong attempt (−2), hint 1 (−3)")
        #expect(view.tasks[1].outcome == .pending)
    }

    @Test func underHiddenATeamSeesOutcomesButNoFiguresUntilTheEnd() throws {
        let running = try #require(try Self.played(.hidden).scorecard().teamView(for: "cirt-alpha"))
        #expect(!running.showsPoints)
        #expect(running.points == nil && running.availablePoints == nil && running.percentOfTotal == nil && running.rank == nil)
        #expect(running.tasks.map(\.outcome) == [.correct, .pending])
        #expect(running.tasks.allSatisfy { $0.points == nil })
        #expect(running.tasks[0].reason == "correct, 1 wrong attempt, 1 hint taken")
        let json = try Self.json(running)
        #expect(!json.contains("−") && !json.contains("×"))
        #expect(running.outcomes == OutcomeCounts(pending: 1, correct: 1))

        let ended = try #require(try Self.played(.hidden, ended: true).scorecard().teamView(for: "cirt-alpha"))
        #expect(ended.showsPoints)
        #expect(ended.points == 5)
        #expect(ended.tasks[0].reason == "correct, 1 wrong attempt (−2), hint 1 (−3)")
        #expect(ended.rank == nil && ended.standings == nil)
    }

    @Test func anUnknownTeamSeesNothing() throws {
        #expect(try Self.played(.live).scorecard().teamView(for: "cirt-zulu") == nil)
    }

    @Test func unreleasedTasksAreNotShown() throws {
        let d = try Drive(scoreboardLive, teams: ["a", "b"])
        let view = try #require(d.machine.state.scorecard().teamView(for: "a"))
        #expect(view.tasks.isEmpty)
        #expect(view.points == 0 && view.availablePoints == 0 && view.percentOfAvailable == nil)
    }

    let scoreboardLive = Fixture.base.replacingOccurrences(of: "duration: 2h", with: "duration: 2h\nscoreboard: live")
}
