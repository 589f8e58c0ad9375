import DrillCore
import Foundation
import Testing
@testable import DrillReport

@Suite("A team's report reads the scenario in the team's language")
struct ReportLanguageTests {
    /// The Sahel drill (French) rehearsed with an English-reading team, which answers in English.
    static func exercise() throws -> ReportInput {
        var scenario = try Fixtures.scenario("sahel-defacement-fr")
        scenario.teams[1].language = "en"
        let index = ScenarioIndex(scenario)
        let events = Rehearsal(index: index, teams: scenario.teams, seed: 7).run().events
        return ReportInput(state: ExerciseState.fold(events, index: index), events: events, walls: events.map { _ in Fixtures.startWall },
                           scenarioDigest: "digest-sahel")
    }

    @Test func aTeamReportIsInTheTeamsLanguage() throws {
        let input = try Self.exercise()
        let english = try AfterActionReport(input, options: ReportOptions(team: "xk-cirt")).markdown()
        let french = try AfterActionReport(input, options: ReportOptions(team: "xt-cirt")).markdown()
        #expect(english.contains("Sandstorm: defacements and a malware wave against government websites"))
        #expect(!english.contains("Vent de sable"))
        #expect(french.contains("Vent de sable : défigurations"))
        // The regional report is in the scenario's language unless asked for another.
        let regional = try AfterActionReport(input, options: ReportOptions()).markdown()
        #expect(regional.contains("Vent de sable"))
        let asked = try AfterActionReport(input, options: ReportOptions(language: "en")).markdown()
        #expect(asked.contains("Sandstorm") && asked.contains("Detect and analyse the defacements"))
        // The scores are the same facts whatever the language.
        let a = try AfterActionReport(input, options: ReportOptions()), b = try AfterActionReport(input, options: ReportOptions(language: "en"))
        #expect(a.teams.map(\.points) == b.teams.map(\.points))
    }
}
