/// How far a team is against the schedule, and when it would finish if its current pace held
/// (grade17). Worked out from the state and the planned schedule alone: deterministic.
///
/// The plan expects each task of an inject addressed to the team to be done when it is due:
/// planned release (`PlannedSchedule`, branches as if their condition held) + the task's `due`.
/// Branches the team will not receive (skipped) do not count.
public struct TeamPace: Sendable, Hashable {
    public var team: String
    /// Tasks the team is expected to do over the exercise.
    public var tasks: Int
    /// Tasks whose outcome is final for the team.
    public var done: Int
    /// Tasks the plan expected to be done by now.
    public var expected: Int
    /// Exercise time at which the team finishes its tasks if its current pace holds; nil before it
    /// has finished any (no pace yet), or when every task is done (then `finishedAt`).
    public var projectedEnd: Millis?
    /// When the team finished its last task, once every task is done.
    public var finishedAt: Millis?
    /// Exercise time the plan expects the team to finish (the latest planned due).
    public var plannedEnd: Millis

    /// Tasks behind the plan (negative: ahead).
    public var behind: Int { expected - done }
}

extension ExerciseState {
    /// Every registered team's pace at `now` (the state's time by default), in team order.
    ///
    /// Pace is how much of the plan the team has covered per unit of exercise time: the planned
    /// due time of its `done`-th task (in planned order) over the time elapsed. The projected end
    /// is now plus the plan left, from there to the team's last planned due, at that pace.
    ///
    /// `scores`: the teams' task scores at `now` when the caller has them (a scorecard), so that
    /// they are not worked out again.
    public func pace(now: Millis? = nil, schedule: PlannedSchedule? = nil, scores: [String: [TaskScore]]? = nil) -> [TeamPace] {
        let now = now ?? exerciseTime
        let schedule = schedule ?? PlannedSchedule(scenario)
        let elapsed = max(0, now - (startedAt ?? now))
        return teamOrder.map { id in
            let known = scores?[id].map { Dictionary($0.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a }) }
            var planned: [Millis] = []
            var done = 0
            var lastDecided: Millis = 0
            for (position, inject) in scenario.injects.enumerated() where inject.isAddressed(to: id) {
                if case .skipped = status(of: position, for: id, now: now) { continue }
                let plannedRelease = schedule.scheduled[inject.id] ?? teams[id]?.released[position] ?? now
                for task in inject.tasks {
                    planned.append(plannedRelease + task.due)
                    let ref = TaskRef(inject: inject.id, task: task.id)
                    if let s = known?[ref] ?? score(team: id, task: ref, now: now), s.isFinal {
                        done += 1
                        lastDecided = max(lastDecided, s.decidedAt ?? now)
                    }
                }
            }
            planned.sort()
            let expected = planned.count { $0 <= now }
            let plannedEnd = planned.last ?? 0
            var pace = TeamPace(team: id, tasks: planned.count, done: done, expected: expected, projectedEnd: nil, finishedAt: nil,
                                plannedEnd: plannedEnd)
            if done >= planned.count, !planned.isEmpty {
                pace.finishedAt = lastDecided
            } else if done > 0, elapsed > 0 {
                let covered = Double(planned[done - 1])
                let rate = covered / Double(elapsed)
                if rate > 0 {
                    pace.projectedEnd = now + Millis((Double(max(0, plannedEnd - planned[done - 1])) / rate).rounded(.up))
                }
            }
            return pace
        }
    }
}
