import DrillCore
import DrillText

/// Everything the sections of a report are built from, worked out once: the scorecard, the
/// audience's labels and redaction, the plan, and per-task aggregates over every team.
struct ReportContext {
    let input: ReportInput
    /// The report's own words, in the language `--lang` (or the team's, or the scenario's) picks.
    let texts: Texts
    let options: ReportOptions
    let state: ExerciseState
    let scenario: Scenario
    let scorecard: Scorecard
    let labels: TeamLabels
    let schedule: PlannedSchedule
    /// Teams shown individually, in report order: regional by rank (by pseudonym when
    /// anonymised); a team report has only its team.
    let shownTeams: [TeamScore]
    /// Per inject position, per task: what the scenario says about it.
    let tasks: [[TaskMeta]]
    /// Per inject position, per task: the aggregates over every team it reached.
    let aggregates: [[TaskAggregate]]
    /// Capabilities in scorecard order, and each task's.
    let capabilityOrder: [String]
    /// Per team id: its scores by inject position and task position.
    let scores: [String: [[TaskScore?]]]
    /// Exercise time of each RFI's answer, by RFI id.
    let rfiAnsweredAt: [String: Millis]

    struct TaskMeta {
        var ref: TaskRef
        var task: DrillTask
        var objectives: [String]
        var capabilities: [String]
    }

    struct TaskAggregate {
        var reached = 0
        var outcomes = OutcomeCounts()
        var percentSum = 0.0
        var late = 0
        var hints = 0
        var answerTimes: [Millis] = []
    }

    init(_ input: ReportInput, _ options: ReportOptions) throws {
        self.input = input
        self.options = options
        let state = input.state
        self.state = state
        // The scenario's words in the reader's language; ids, points and scores stay the original's.
        let reader = options.language ?? options.team.flatMap { state.teams[$0]?.team.language }
        let scenario = state.scenario.localized(to: reader)
        // The report's own words: the same choice, English for a language outside the six.
        texts = Texts(Language(tag: reader ?? state.scenario.language) ?? .en)
        self.scenario = scenario
        let scorecard = state.scorecard()
        self.scorecard = scorecard
        let registered = state.teamOrder.compactMap { state.teams[$0]?.team }
        if let team = options.team, state.teams[team] == nil {
            throw ReportError.unknownTeam(team, known: state.teamOrder)
        }
        let absent = scenario.teams.filter { state.teams[$0.id] == nil }
        let labels = TeamLabels(teams: registered, absent: absent, subject: options.team, anonymize: options.anonymize,
                                salt: input.scenarioDigest ?? scenario.id, redactWords: options.redact)
        self.labels = labels
        schedule = PlannedSchedule(scenario)

        var shown = scorecard.teams.filter { labels.isVisible($0.team) }
        if options.anonymize {
            shown.sort { (labels.label($0.team).count, labels.label($0.team)) < (labels.label($1.team).count, labels.label($1.team)) }
        }
        shownTeams = shown

        let objectiveCapability = Dictionary(scenario.objectives.map { ($0.id, $0.capability) }, uniquingKeysWith: { a, _ in a })
        tasks = scenario.injects.map { inject in
            inject.tasks.map { task in
                var capabilities: [String] = []
                for o in task.objectives {
                    if let c = objectiveCapability[o], !capabilities.contains(c) { capabilities.append(c) }
                }
                return TaskMeta(ref: TaskRef(inject: inject.id, task: task.id), task: task,
                                objectives: task.objectives.filter { objectiveCapability[$0] != nil }, capabilities: capabilities)
            }
        }
        capabilityOrder = scorecard.capabilities.map(\.capability)

        var scores: [String: [[TaskScore?]]] = [:]
        var aggregates = scenario.injects.map { [TaskAggregate](repeating: TaskAggregate(), count: $0.tasks.count) }
        let index = state.index
        for team in scorecard.teams {
            var grid = scenario.injects.map { [TaskScore?](repeating: nil, count: $0.tasks.count) }
            let progress = state.teams[team.team]?.progress
            for s in team.tasks {
                guard let p = index.taskPosition[s.task] else { continue }
                grid[p.inject][p.task] = s
                var a = aggregates[p.inject][p.task]
                a.reached += 1
                a.outcomes.add(s.outcome)
                if s.maxPoints > 0 { a.percentSum += s.points * 100 / s.maxPoints }
                if s.isLate { a.late += 1 }
                if s.hintsTaken > 0 { a.hints += 1 }
                if let t = s.timeToAnswer(progress?[p]) { a.answerTimes.append(t) }
                aggregates[p.inject][p.task] = a
            }
            scores[team.team] = grid
        }
        self.scores = scores
        self.aggregates = aggregates

        var answered: [String: Millis] = [:]
        for e in input.events {
            if case .rfiAnswered(let a) = e.body, answered[a.rfi] == nil { answered[a.rfi] = e.exerciseTime }
        }
        rfiAnsweredAt = answered
    }

    /// Free text as the audience may read it.
    func text(_ s: String) -> String { labels.redact(s) }

    var isTeamReport: Bool { options.team != nil }

    /// The HSEEP rating of a percentage under the scenario's thresholds.
    func rating(_ percent: Double?) -> HSEEPRating? { percent.map(scenario.ratings.rating(forPercent:)) }
}

extension TaskScore {
    /// The scoring answer came after the task was due.
    var isLate: Bool {
        guard let answeredAt, let dueAt else { return false }
        return answeredAt > dueAt && (outcome == .correct || outcome == .partial)
    }

    /// From release to the answer that scored, else to the first answer.
    func timeToAnswer(_ progress: TaskProgress?) -> Millis? {
        guard let releasedAt else { return nil }
        if let answeredAt { return max(0, answeredAt - releasedAt) }
        if let first = progress?.submissions.first?.time { return max(0, first - releasedAt) }
        return nil
    }
}
