import DrillCore
import Foundation
@testable import DrillReport
import Testing

/// live17: the after-action report tells improvised injects apart from the planned ones.
@Suite("Unplanned injects in the report")
struct UnplannedInjectReportTests {
    /// The tutorial rehearsed, with a live inject composed at 20 min for the first team, which
    /// answers it right, spliced in before the end.
    static func input() throws -> ReportInput {
        let base = try Fixtures.exercise("tutorial", teams: 3, extras: false)
        let team = base.state.teamOrder[0]
        let t: Millis = 20 * 60_000
        let live = LiveInject(id: "L1", at: t, title: "Call from the regulator", channel: .phone, from: "Regulator", teams: [team],
                              tasks: [DrillTask(id: "t1", prompt: "Notify?", kind: .choice(options: ["yes", "no"], answers: ["yes"], multiple: false, partial: false),
                                                points: 7)])
        var events = base.events
        let end = events.lastIndex { if case .ended = $0.body { true } else { false } } ?? events.count
        let spliced = [
            ExerciseEvent(at: t, by: .facilitator("Amina"), .injectComposed(live)),
            ExerciseEvent(at: t, by: .facilitator("Amina"), .injectReleased(InjectRelease(inject: "L1", teams: [team]))),
            ExerciseEvent(at: t + 60_000, by: .team(team), .answerSubmitted(AnswerSubmission(team: team, task: TaskRef(inject: "L1", task: "t1"),
                                                                                              submission: "live-1", values: ["yes"]))),
        ]
        // Events stay in exercise-time order for the report's charts.
        let at = events[..<end].lastIndex { $0.exerciseTime <= t }.map { $0 + 1 } ?? 0
        events.insert(contentsOf: spliced, at: at)
        let state = ExerciseState.fold(events, index: ScenarioIndex(try Fixtures.scenario("tutorial")))
        return ReportInput(state: state, events: events, walls: events.map { Fixtures.startWall + $0.exerciseTime })
    }

    @Test func theTimelineMarksTheLiveInjectUnplannedInEveryFormat() throws {
        let input = try Self.input()
        let report = try AfterActionReport(input)
        let entry = try #require(report.timeline.first { $0.inject == "L1" })
        #expect(entry.unplanned == true && entry.plannedAt == nil && entry.teamsReached == 1)
        #expect(entry.firstReleasedAt.map { Int($0 / 60_000) } == 20)
        #expect(report.timeline.filter { $0.unplanned == true }.count == 1)
        let html = try report.html()
        #expect(html.contains("<td class=\"unplanned\">unplanned</td>"))
        #expect(html.contains("Call from the regulator"))
        #expect(HTMLReportTests.xmlError(html) == nil)
        #expect(try report.markdown().contains("| L1 | Call from the regulator | unplanned |"))
        let french = try AfterActionReport(input, options: ReportOptions(language: "fr")).html()
        #expect(french.contains("non planifié"))
        // Its task is scored like any other.
        let team = input.state.teamOrder[0]
        #expect(input.state.scorecard().teams.first { $0.team == team }?.tasks.contains { $0.task.inject == "L1" && $0.points == 7 } == true)
    }
}
