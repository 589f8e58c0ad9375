import DrillCore
import Foundation
import Testing
@testable import DrillReport

/// The tutorial played by two of its three teams: what was addressed to the third is skipped for
/// it, coordination with it is dropped, and the report says so.
@Suite("A country that drops out")
struct AbsentTeamTests {
    static func exercise() throws -> (ReportInput, Rehearsal.Result) {
        let scenario = try Fixtures.scenario("tutorial")
        let index = ScenarioIndex(scenario)
        let result = Rehearsal(index: index, teams: Array(scenario.teams.prefix(2)), seed: 5).run()
        let input = ReportInput(state: result.state, events: result.events, walls: result.events.map { Fixtures.startWall + $0.exerciseTime })
        return (input, result)
    }

    @Test func whatIsAddressedToAnAbsentTeamIsSkippedAndNotScored() throws {
        let (_, result) = try Self.exercise()
        let card = result.state.scorecard()
        #expect(result.state.phase == .ended)
        // T07c goes to tut-c only: released to no one.
        #expect(!result.events.contains { if case .injectReleased(let r) = $0.body { return r.inject == "T07c" } else { return false } })
        let warn = TaskRef(inject: "T07b", task: "warn")
        for team in card.teams {
            #expect(!team.tasks.contains { $0.task == warn }, "T07b.warn asks only for tut-c: not scored for \(team.team)")
            // Every point a team could earn is a point of a task it was scored on.
            #expect(abs(team.availablePoints - team.tasks.reduce(0) { $0 + $1.maxPoints }) < 1e-9, "\(team.team)")
        }
    }

    @Test func theReportSaysWhatWasSkipped() throws {
        let (input, _) = try Self.exercise()
        for options in [ReportOptions(), ReportOptions(anonymize: true), ReportOptions(team: "tut-a")] {
            let report = try AfterActionReport(input, options: options)
            let absence = try #require(report.overview.absence)
            #expect(absence == Absence(teams: 1, injects: ["T07c"], coordinationTasks: [TaskRef(inject: "T07b", task: "warn").description],
                                       unscoredTasks: [TaskRef(inject: "T07b", task: "warn").description]))
            let outputs = try Fixtures.renderings(report)
            for format in ["md", "html"] {
                #expect(outputs[format]?.contains("1 team the scenario names did not take part; injects addressed to it were skipped for it: T07c") == true, "\(format)")
            }
            #expect(outputs["json"]?.contains("\"absence\"") == true)
            #expect(report.summary.contains { $0.hasPrefix("1 team the scenario names did not take part") })
            // It names no absent team (the facilitators' own report keeps the scenario's text whole).
            #expect(options == ReportOptions() || outputs.values.allSatisfy { !$0.contains("tut-c") && !$0.contains("CIRT Charlie") }, "\(options)")
        }
        let full = try AfterActionReport(try Fixtures.exercise("tutorial"))
        #expect(full.overview.absence == nil)
    }
}
