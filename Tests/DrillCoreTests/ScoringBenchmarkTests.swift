import DrillCore
import DrillFixtures
import Testing

/// The benchmark generator is part of the product (Scripts/bench calls it), so it is tested; its
/// timing is not (DESIGN.md: benchmarks, not timed tests).
@Suite("Scoring: benchmark")
struct ScoringBenchmarkTests {
    @Test func theGeneratedExerciseIsTheSameForTheSameSeed() {
        let one = ScoringBenchmark.exercise(teams: 5, injects: 6, tasks: 4, seed: 7)
        let two = ScoringBenchmark.exercise(teams: 5, injects: 6, tasks: 4, seed: 7)
        let other = ScoringBenchmark.exercise(teams: 5, injects: 6, tasks: 4, seed: 8)
        #expect(one.events == two.events)
        #expect(one.events != other.events)
        #expect(one.scenario.injects.flatMap(\.tasks).count == 24)
    }

    @Test func itIsAValidExerciseWithEveryOutcome() {
        let (scenario, events) = ScoringBenchmark.exercise(teams: 8, injects: 12, tasks: 4, seed: 1)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.exerciseTime <= $1.exerciseTime })
        let state = ExerciseState.fold(events, index: ScenarioIndex(scenario))
        #expect(state.phase == .ended)
        let card = state.scorecard()
        #expect(card.teams.count == 8)
        #expect(card.teams.allSatisfy { $0.tasks.count == 48 })
        let outcomes = Set(card.teams.flatMap { $0.tasks.map(\.outcome) })
        #expect(outcomes.isSuperset(of: [.correct, .partial, .wrong, .missed, .pending]))
    }

    @Test func runTimesOnlyTheScoringWithTheClockItIsGiven() {
        let clock = ManualClock()
        // Each reading of the clock moves it on by 3 ms: every timing is 3 ms.
        let result = ScoringBenchmark.run(teams: 3, injects: 4, tasks: 4, seed: 1, repeats: 3) {
            clock.advance(by: 3)
            return UInt64(clock.now()) * 1_000_000
        }
        #expect(result.seconds == 0.003)
        #expect(result.events == ScoringBenchmark.exercise(teams: 3, injects: 4, tasks: 4, seed: 1).events.count)
    }
}
