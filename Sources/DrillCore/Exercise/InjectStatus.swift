/// Where an inject stands for one team.
public enum InjectStatus: Sendable, Hashable {
    case released(at: Millis)
    /// Will be released at this exercise time.
    case scheduled(at: Millis)
    /// Waits for something that has not happened yet (an earlier inject, a task outcome).
    case waiting(String)
    case held
    /// Will never be released to this team, and why.
    case skipped(String)
    case notAddressed
    // live17
    /// In the inject library (`at: demand`): waits for the white cell to release it.
    case onDemand
}

extension ExerciseState {
    /// The status of an inject for a team at exercise time `now`, derived from the events.
    public func status(of position: Int, for teamId: String, now: Millis? = nil) -> InjectStatus {
        status(of: position, for: teamId, now: now, depth: 0)
    }

    private func status(of position: Int, for teamId: String, now: Millis?, depth: Int) -> InjectStatus {
        // Chains of unreleased injects are followed only so far: past that the answer is "waiting",
        // which only delays noticing a dead branch (and keeps the stack small).
        if depth > 256 { return .waiting("a long chain of earlier injects") }
        guard let team = teams[teamId] else { return .notAddressed }
        let inject = scenario.injects[position]
        if let t = team.released[position] { return .released(at: t) }
        guard inject.isAddressed(to: teamId) else { return .notAddressed }
        let now = now ?? exerciseTime
        var time: Millis
        var onDemand = false
        switch inject.trigger {
        case .demand:
            time = 0
            onDemand = true
        case .at(let t):
            time = t
        case .after(let dep, let delay):
            guard let k = index.injectPosition[dep] else { return .skipped("after unknown inject \(dep)") }
            if let t = team.released[k] {
                time = t + delay
            } else {
                switch status(of: k, for: teamId, now: now, depth: depth + 1) {
                case .skipped, .notAddressed: return .skipped("after \(dep), which this team does not receive")
                default: return .waiting("after \(dep) + \(DurationText.format(delay))")
                }
            }
        }
        if let condition = inject.condition {
            guard let k = index.injectPosition[condition.task.inject] else { return .skipped("unknown task \(condition.task)") }
            if team.released[k] == nil {
                switch status(of: k, for: teamId, now: now, depth: depth + 1) {
                case .skipped, .notAddressed: return .skipped("\(condition.task.inject) is not released to this team")
                default: return onDemand ? .onDemand : .waiting("when \(condition.task) is \(condition.outcomeText)")
                }
            }
            guard let score = score(team: teamId, task: condition.task, now: now) else { return .skipped("unknown task \(condition.task)") }
            guard score.isFinal, let decided = score.decidedAt else {
                // A library inject waits for the white cell, not for the branch.
                return onDemand ? .onDemand : .waiting("when \(condition.task) is \(condition.outcomeText)")
            }
            guard condition.outcomes.contains(score.outcome) else {
                return .skipped("\(condition.task) was \(score.outcome.rawValue), not \(condition.outcomeText)")
            }
            time = max(time, decided)
        }
        if held.contains(inject.id) { return .held }
        return onDemand ? .onDemand : .scheduled(at: time)
    }
}

extension Condition {
    /// `wrong|missed`
    public var outcomeText: String { outcomes.sorted().map(\.rawValue).joined(separator: "|") }
}
