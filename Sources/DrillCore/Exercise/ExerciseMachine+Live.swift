// live17: what the white cell improvises.
extension ExerciseMachine {
    /// Records a live inject under the next free `L<n>` id; released at once when its time is
    /// not after `now` and the exercise has started, else at its time like a scheduled inject.
    mutating func compose(_ live: LiveInject, _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard state.phase != .ended else { return .failure(CommandError(.ended, "the exercise has ended")) }
        let teams = state.teams
        if let problem = live.problem(teams: { teams[$0] != nil }, maxTextBytes: Self.maxTextBytes) {
            return .failure(CommandError(.invalid, problem))
        }
        var n = state.scenario.injects.count { $0.unplanned } + 1
        while state.index.injectPosition["L\(n)"] != nil { n += 1 }
        let composed = live.completed(id: "L\(n)", at: max(live.at, now))
        var step = record(ExerciseEvent(at: now, by: actor, .injectComposed(composed)))
        if composed.at <= now, state.phase != .notStarted, let position = state.index.injectPosition[composed.id] {
            let targets = state.teamOrder.filter { state.scenario.injects[position].isAddressed(to: $0) }
            if !targets.isEmpty {
                step.append(record(ExerciseEvent(at: now, by: actor, .injectReleased(InjectRelease(inject: composed.id, teams: targets))),
                                   targets.map { .deliverInject(inject: composed.id, team: $0) }))
            }
        }
        return .success(step)
    }
}
