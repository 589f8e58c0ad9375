import DrillTestSupport
import DrillCore
import Foundation
import Testing

@Suite("Rehearsals score the same whatever the languages the teams read")
struct MultilingualRehearsalTests {
    static let root = TestPackage.root

    static func scenario(_ name: String) throws -> Scenario {
        let load = ScenarioLoader.fileSystem.load(contentsOf: root.appendingPathComponent("scenarios/\(name).yaml").path)
        #expect(load.diagnostics.isEmpty, "\(name): \(load.diagnostics.prefix(3))")
        return try #require(load.scenario)
    }

    /// Each team's points and outcomes after a rehearsal where the teams read `languages` in turn.
    static func rehearse(_ scenario: Scenario, languages: [String?], seed: UInt64) -> (scores: [String: [String]], answers: Set<String>) {
        var teams = scenario.teams
        for k in 0..<8 where k >= teams.count { teams.append(Team(id: "sim-\(k)", name: "Sim \(k)")) }
        for k in teams.indices { teams[k].language = languages[k % languages.count] }
        let result = Rehearsal(index: ScenarioIndex(scenario), teams: teams, seed: seed).run()
        var scores: [String: [String]] = [:]
        for team in result.state.scorecard().teams {
            scores[team.team] = [team.points.clean] + team.tasks.map { "\($0.task)=\($0.outcome.rawValue):\($0.points.clean)" }
        }
        var answers = Set<String>()
        for e in result.events { if case .answerSubmitted(let a) = e.body { answers.formUnion(a.values) } }
        return (scores, answers)
    }

    @Test(arguments: [("tutorial", ["ar", "es", "fr", "ru", "zh"]), ("sahel-defacement-fr", ["en"]), ("gulf-water-scada-ar", ["en"])])
    func identicalScoresInEveryLanguage(_ name: String, _ others: [String]) throws {
        let scenario = try Self.scenario(name)
        #expect(Set(scenario.languages) == Set([scenario.language] + others), "\(name) declares \(scenario.languages)")
        for seed: UInt64 in [1, 7] {
            let original = Self.rehearse(scenario, languages: [nil], seed: seed)
            for mix in [others.map(Optional.some), [scenario.language] + others] {
                let mixed = Self.rehearse(scenario, languages: mix, seed: seed)
                #expect(mixed.scores == original.scores, "\(name), seed \(seed), languages \(mix)")
                // The teams did answer in their languages: some answers are words the original lacks.
                #expect(!mixed.answers.subtracting(original.answers).isEmpty, "\(name): no translated answer was given")
            }
        }
    }
}
