import DrillCore
import Testing

/// Scenarios with one inject released at 0 to every team, holding the tasks a scoring test needs.
enum ScoringFixture {
    /// `tasks` are YAML task lines (each starting with `- `), indented by the caller or not.
    static func scenario(tasks: [String], extra: String = "", objectives: String = "  - { id: O1, title: Detect, capability: detection }") -> String {
        """
        format: cyberdrill/1
        id: scoring
        title: Scoring
        duration: 3h
        \(extra)
        objectives:
        \(objectives)
        injects:
          - id: I01
            at: 0m
            title: First
            channel: email
            objectives: [O1]
            tasks:
        \(tasks.map { "      " + $0 }.joined(separator: "\n"))

        """
    }

    static func drive(_ tasks: [String], teams: [String] = ["a", "b"], extra: String = "") throws -> Drive {
        var d = try Drive(scenario(tasks: tasks, extra: extra), teams: teams)
        try d.ok(.start, at: 0)
        return d
    }

    static func ref(_ task: String, _ inject: String = "I01") -> TaskRef { TaskRef(inject: inject, task: task) }
}

extension Drive {
    /// A team's answer, with a submission id made up from the time.
    @discardableResult
    mutating func answer(_ team: String, _ task: TaskRef, _ values: String..., at t: Millis) throws -> Step {
        try ok(.submit(task: task, submission: "\(team)-\(task)-\(t)", values: values), by: .team(team), at: t)
    }

    func score(_ team: String, _ task: TaskRef, now: Millis? = nil) -> TaskScore? {
        machine.state.score(team: team, task: task, now: now)
    }
}
