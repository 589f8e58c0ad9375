import DrillCore
import Testing

/// Found while writing the pacing tests (grade17): one `advance` over several due times releases
/// what is due for every team, not only for those due at the earliest of them.
@Suite("Releasing over several due times at once")
struct CatchUpReleaseTests {
    @Test func aBranchDueEarlierForOneTeamDoesNotHoldBackAnotherTeamsInject() throws {
        var d = try Drive(PacingTests.yaml)
        try d.ok(.start, at: 0)
        try d.answer("a", TaskRef(inject: "I01", task: "t1"), "x", at: 2 * minute)
        // b missed t1: its catch-up (planned at 1 min) falls due at 10 min; I02 at 20 min for both.
        d.tick(20 * minute)
        #expect(d.released("I03", "b") != nil)
        #expect(d.released("I02", "a") == 20 * minute)
        #expect(d.released("I02", "b") == 20 * minute)
        #expect(ExerciseState.fold(d.events, index: d.machine.state.index) == d.machine.state)
    }
}
