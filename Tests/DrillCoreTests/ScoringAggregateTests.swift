import DrillCore
import Foundation
import Testing

/// Per team, per inject, per objective and per capability sums, ranks and HSEEP ratings.
@Suite("Scoring: aggregates")
struct ScoringAggregateTests {
    static let yaml = """
    format: cyberdrill/1
    id: agg
    title: Aggregates
    duration: 3h
    objectives:
      - { id: O1, title: Detect, capability: detection }
      - { id: O2, title: Triage, capability: detection }
      - { id: O3, title: Warn, capability: cooperation }
      - { id: O4, title: Legal basis, capability: legal }
    injects:
      - id: I01
        at: 0m
        title: First
        channel: email
        tasks:
          - { id: t1, type: text, prompt: P, accept: [x], points: 10, attempts: 1, objectives: [O1] }
          - { id: t2, type: text, prompt: P, accept: [x], points: 10, objectives: [O1, O2] }
      - id: I02
        at: 20m
        title: Second
        channel: chat
        objectives: [O3]
        tasks:
          - { id: t3, type: text, prompt: P, accept: [x], points: 20 }
      - id: I03
        at: 30m
        title: Only for b
        channel: phone
        to: [b]
        tasks:
          - { id: t4, type: text, prompt: P, accept: [x], points: 5 }
      - id: I04
        after: { inject: I01, delay: 5m }
        when: { task: I01.t1, outcome: [wrong, missed] }
        title: Catch-up
        channel: email
        tasks:
          - { id: t5, type: text, prompt: P, accept: [x], points: 8, objectives: [O1] }

    """

    /// a answers both I01 tasks right; b gets t1 wrong (and so the catch-up I04) and t2 right.
    static func played() throws -> Drive {
        var d = try Drive(yaml, teams: ["a", "b"])
        try d.ok(.start, at: 0)
        try d.answer("a", TaskRef(inject: "I01", task: "t1"), "x", at: minute)
        try d.answer("a", TaskRef(inject: "I01", task: "t2"), "x", at: 2 * minute)
        try d.answer("b", TaskRef(inject: "I01", task: "t1"), "y", at: minute)
        try d.answer("b", TaskRef(inject: "I01", task: "t2"), "x", at: 2 * minute)
        d.tick(10 * minute)
        return d
    }

    @Test func teamsAvailableAndTotalPoints() throws {
        let card = try Self.played().machine.state.scorecard(now: 10 * minute)
        let a = try #require(card.team("a")), b = try #require(card.team("b"))
        #expect(card.teams.map(\.team) == ["a", "b"])
        #expect((a.rank, a.points, a.availablePoints, a.totalPoints) == (1, 20, 20, 40))     // I04 skipped, I03 not for a
        #expect(a.percentOfAvailable == 100 && a.percentOfTotal == 50)
        #expect((b.rank, b.points, b.availablePoints, b.totalPoints) == (2, 10, 28, 53))     // I01 + I04; then I02, I03
        #expect(b.outcomes == OutcomeCounts(pending: 1, correct: 1, wrong: 1))
        #expect(b.tasks.map(\.task.description) == ["I01.t1", "I01.t2", "I04.t5"])
    }

    @Test func injectAveragesOverTheTeamsReached() throws {
        let card = try Self.played().machine.state.scorecard(now: 10 * minute)
        let byId = Dictionary(uniqueKeysWithValues: card.injects.map { ($0.inject, $0) })
        #expect(card.injects.map(\.inject) == ["I01", "I02", "I03", "I04"])
        #expect(byId["I01"]?.teamsReached == 2 && byId["I01"]?.averagePercent == 75)   // (100 + 50) / 2
        #expect(byId["I02"]?.teamsReached == 0 && byId["I02"]?.averagePercent == nil)
        #expect(byId["I04"]?.teamsReached == 1 && byId["I04"]?.averagePercent == 0)
        #expect(byId["I01"]?.outcomes == OutcomeCounts(correct: 3, wrong: 1))
    }

    @Test func objectivesAndCapabilitiesPoolTheReleasedTasksThatServeThem() throws {
        let card = try Self.played().machine.state.scorecard(now: 10 * minute)
        let o1 = try #require(card.objectives.first { $0.objective == "O1" })
        #expect((o1.points, o1.possiblePoints, o1.percent) == (30, 48, 62.5))       // t1, t2, t5 over both teams
        #expect(o1.rating == .s)
        #expect(o1.teams.map(\.team) == ["a", "b"])
        #expect(o1.teams[0].percent == 100 && o1.teams[0].rating == .p)
        #expect(o1.teams[1].points == 10 && o1.teams[1].possiblePoints == 28 && o1.teams[1].rating == .m)   // 35.7 %
        let o2 = try #require(card.objectives.first { $0.objective == "O2" })
        #expect(o2.percent == 100 && o2.rating == .p)
        let o3 = try #require(card.objectives.first { $0.objective == "O3" })
        #expect(o3.possiblePoints == 0 && o3.percent == nil && o3.rating == nil)     // not exercised yet
        // t2 serves O1 and O2, both detection: it counts once for the capability.
        // No task tests O4 at all: rated U, as the validator warns.
        let o4 = try #require(card.objectives.first { $0.objective == "O4" })
        #expect(o4.percent == nil && o4.rating == .u && o4.teams.allSatisfy { $0.rating == .u })
        #expect(card.capabilities.map(\.capability) == ["detection", "cooperation", "legal"])
        #expect(card.capabilities[2].rating == .u)
        #expect(card.capabilities[0].objectives == ["O1", "O2"])
        #expect((card.capabilities[0].points, card.capabilities[0].possiblePoints) == (30, 48))
        #expect(card.capabilities[1].rating == nil)
    }

    @Test func aScorecardAtAnEarlierTimeSeesOnlyWhatHadHappened() throws {
        let state = try Self.played().machine.state
        let early = state.scorecard(now: 90_000)   // after t1 answers, before t2 answers
        #expect(early.team("a")?.points == 10)
        #expect(early.team("b")?.availablePoints == 20)    // I04 not released until 5m
        #expect(early.exerciseTime == 90_000)
        let start = state.scorecard(now: 0)
        #expect(start.team("a")?.points == 0 && start.team("a")?.percentOfAvailable == 0)
    }

    @Test func everyTaskScoreIsTheOneTheStateGives() throws {
        let state = try Self.played().machine.state
        for now in [0, minute, 5 * minute, 10 * minute, 60 * minute] as [Millis] {
            for team in state.scorecard(now: now).teams {
                for s in team.tasks {
                    #expect(state.score(team: team.team, task: s.task, now: now) == s)
                }
            }
        }
    }

    @Test func equalPointsShareARankAndTheNextRankIsSkipped() throws {
        let yaml = ScoringFixture.scenario(tasks: [
            "- { id: p, type: text, prompt: P, accept: [x], points: 5 }",
            "- { id: q, type: text, prompt: Q, accept: [x], points: 5 }",
        ])
        var d = try Drive(yaml, teams: ["z", "y", "x", "w"])
        try d.ok(.start, at: 0)
        try d.answer("z", ScoringFixture.ref("p"), "x", at: minute)
        try d.answer("z", ScoringFixture.ref("q"), "x", at: minute)
        try d.answer("y", ScoringFixture.ref("q"), "x", at: minute)     // y scores before w, still listed after
        try d.answer("w", ScoringFixture.ref("p"), "x", at: 2 * minute)
        let card = d.machine.state.scorecard()
        #expect(card.teams.map(\.team) == ["z", "w", "y", "x"])
        #expect(card.teams.map(\.rank) == [1, 2, 2, 4])
        #expect(card.teams.map(\.points) == [10, 5, 5, 0])
    }

    @Test func noPointsAtAllIsOneSharedFirstRank() throws {
        var d = try Drive(ScoringFixture.scenario(tasks: ["- { id: p, type: text, prompt: P, accept: [x] }"]), teams: ["c", "a", "b"])
        try d.ok(.start, at: 0)
        let card = d.machine.state.scorecard()
        #expect(card.teams.map(\.team) == ["a", "b", "c"])
        #expect(card.teams.map(\.rank) == [1, 1, 1])
    }

    @Test("HSEEP ratings at the thresholds", arguments: [
        (100.0, RatingThresholds(), HSEEPRating.p), (85, RatingThresholds(), .p), (84.999, RatingThresholds(), .s),
        (60, RatingThresholds(), .s), (59.999, RatingThresholds(), .m), (30, RatingThresholds(), .m),
        (29.999, RatingThresholds(), .u), (0, RatingThresholds(), .u),
        (90, RatingThresholds(p: 90, s: 70, m: 50), .p), (89.99, RatingThresholds(p: 90, s: 70, m: 50), .s),
        (70, RatingThresholds(p: 90, s: 70, m: 50), .s), (50, RatingThresholds(p: 90, s: 70, m: 50), .m),
        (49.9, RatingThresholds(p: 90, s: 70, m: 50), .u), (0, RatingThresholds(p: 0, s: 0, m: 0), .p),
        (85 - 1e-12, RatingThresholds(), .p),      // the same 85 % with a rounding error
    ] as [(Double, RatingThresholds, HSEEPRating)])
    func ratings(percent: Double, thresholds: RatingThresholds, rating: HSEEPRating) {
        #expect(thresholds.rating(forPercent: percent) == rating)
    }

    @Test func customRatingsFromTheScenarioAndARoundingErrorAtTheThreshold() throws {
        // 20 points answered midway through the late window with floor 0.7: 20 × 0.85 = 17 of 20 = 85 %,
        // however the floating point falls.
        let task = "- { id: t, type: text, prompt: P, accept: [x], points: 20, due: 10m, late: 10m, floor: 0.7 }"
        var d = try Drive(ScoringFixture.scenario(tasks: [task]), teams: ["a", "b"])
        try d.ok(.start, at: 0)
        try d.answer("a", ScoringFixture.ref("t"), "x", at: 15 * minute)
        try d.answer("b", ScoringFixture.ref("t"), "x", at: 15 * minute + 6_000)
        let card = d.machine.state.scorecard()
        let o1 = try #require(card.objectives.first)
        #expect(o1.teams.map(\.rating) == [.p, .s])
        var custom = try Drive(ScoringFixture.scenario(tasks: [task], extra: "ratings: { P: 90, S: 85, M: 80 }"), teams: ["a"])
        try custom.ok(.start, at: 0)
        try custom.answer("a", ScoringFixture.ref("t"), "x", at: 15 * minute)
        let rated = try #require(custom.machine.state.scorecard().objectives.first)
        #expect(rated.rating == .s)
        #expect(custom.machine.state.scorecard().ratings == RatingThresholds(p: 90, s: 85, m: 80))
    }

    @Test func theJSONHasStableFieldNamesAndRoundTrips() throws {
        let card = try Self.played().machine.state.scorecard(now: 10 * minute)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(card)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.keys.sorted() == ["capabilities", "exerciseTime", "injects", "objectives", "phase", "ratings", "scenario", "scoreboard", "teams"])
        let team = try #require((object["teams"] as? [[String: Any]])?.first)
        #expect(team.keys.sorted() == ["availablePoints", "name", "outcomes", "percentOfAvailable", "percentOfTotal", "points", "rank", "tasks", "team", "totalPoints"])
        let task = try #require((team["tasks"] as? [[String: Any]])?.first)
        #expect(task.keys.sorted() == ["answeredAt", "closesAt", "credit", "decidedAt", "dueAt", "falseItems", "hintsTaken", "isFinal", "maxPoints",
                                       "outcome", "points", "reason", "releasedAt", "task", "why", "wrongAttempts"])
        #expect(task["task"] as? String == "I01.t1")
        // The reason's facts are added beside the English text (docs/protocol.md, "Score reasons").
        let why = try #require(task["why"] as? [String: Any])
        #expect(why["outcome"] as? String == task["outcome"] as? String)
        let objective = try #require((object["objectives"] as? [[String: Any]])?.first)
        #expect(objective["rating"] as? String == "S")
        #expect(try JSONDecoder().decode(Scorecard.self, from: data) == card)
        // The same state gives the same bytes.
        #expect(try encoder.encode(Self.played().machine.state.scorecard(now: 10 * minute)) == data)
    }
}
