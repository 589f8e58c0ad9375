import DrillCore
import Foundation
import Testing
@testable import DrillReport

/// A drill the white cell ended early, with report answers it never graded.
@Suite("After the end, the report's scores are final except ungraded reports, which it counts")
struct ReportFinalityTests {
    /// The tutorial rehearsed, without its grades, ended at `end`.
    static func endedEarly(at end: Millis) throws -> ReportInput {
        let scenario = try Fixtures.scenario("tutorial")
        let index = ScenarioIndex(scenario)
        let roster = Fixtures.roster(scenario, teams: 3)
        var events = Rehearsal(index: index, teams: roster, seed: 7).run().events.filter { e in
            if case .graded = e.body { return false }
            if case .ended = e.body { return false }
            return e.exerciseTime <= end
        }
        events.append(ExerciseEvent(at: end, by: .facilitator("Amina"), .ended))
        let state = ExerciseState.fold(events, index: index)
        return ReportInput(state: state, events: events, walls: events.map { Fixtures.startWall + $0.exerciseTime })
    }

    @Test func onlyUngradedReportsArePendingAndTheReportCountsThem() throws {
        let input = try Self.endedEarly(at: 19 * 60_000)
        let report = try AfterActionReport(input)
        let reportTasks = Set(input.scenario.injects.flatMap { i in i.tasks.filter { $0.type == .report }.map { TaskRef(inject: i.id, task: $0.id).description } })
        let pending = report.teams.flatMap { t in t.tasks.filter { $0.outcome == .pending } }
        #expect(!pending.isEmpty, "the rehearsal answered a report task before 0:19")
        #expect(pending.allSatisfy { reportTasks.contains($0.task) && $0.answeredAt != nil }, "\(pending.map(\.task))")
        #expect(report.overview.awaitingGrade == pending.count)
        let sentence = "\(pending.count) report answer\(pending.count == 1 ? "" : "s") submitted but not graded"
        #expect(report.summary.contains { $0.contains(sentence) && $0.contains("every other score is final") }, "\(report.summary)")
        for (format, text) in try Fixtures.renderings(report) where format != "csv" {
            #expect(text.contains(sentence) || text.contains("\"awaitingGrade\" : \(pending.count)"), "\(format)")
        }
    }

    @Test func theScoreChartRunsToTheActualEnd() throws {
        let report = try AfterActionReport(try Self.endedEarly(at: 19 * 60_000))
        #expect(report.overview.actualDuration == 19 * 60_000 && report.overview.plannedDuration == 20 * 60_000)
        let chart = Charts.scoreOverTime(report)
        #expect(chart.contains(">0:15<"), "a tick before the end")
        #expect(!chart.contains(">0:20<"), "no tick at the planned end, which the exercise never reached")
    }

    @Test func aFullyGradedEndedExerciseIsFinal() throws {
        let report = try AfterActionReport(try Fixtures.exercise("tutorial"))
        #expect(report.overview.awaitingGrade == 0)
        #expect(report.teams.allSatisfy { $0.outcomes.pending == 0 })
        #expect(ReportFacts.overview(report, summary: false, shortDigest: true).contains { $0.term == "Scores" && $0.value == "final: every task is decided" })
    }
}
