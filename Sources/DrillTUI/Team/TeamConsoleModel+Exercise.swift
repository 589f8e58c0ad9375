import DrillCore

extension TeamConsoleModel {
    /// What `team` sees of a local exercise at exercise time `now` (the state's time by default).
    ///
    /// `artifactText` reads an artifact's file for the reader (nil: not shown). The scores come
    /// from the scorecard's `TeamView`, so `hidden` and `own` scoreboards hold here as on a network.
    public init?(state: ExerciseState, team id: String, now: Millis? = nil, connection: Connection = .local,
                 queued: [QueuedAnswer] = [], artifactText: (Inject, Artifact) -> String? = { _, _ in nil }) {
        guard let team = state.teams[id] else { return nil }
        let now = max(now ?? state.exerciseTime, state.exerciseTime)
        let scenario = state.scenario
        let view = state.scorecard(now: now).teamView(for: id)
        var scores: [TaskRef: TeamTaskView] = [:]
        for task in view?.tasks ?? [] { scores[task.task] = task }
        let inbox = team.releaseOrder.compactMap { position -> InboxItem? in
            guard let released = team.released[position], released <= now else { return nil }
            // The team reads the inject in its language (ids and scores are the original's).
            let inject = scenario.localizedInject(at: position, to: team.team.language)
            let tasks = inject.tasks.map { task -> TaskItem in
                let ref = TaskRef(inject: inject.id, task: task.id)
                let progress = team.progress[ref]
                let hints = task.hints.enumerated().map { n, hint in
                    HintItem(cost: hint.cost, text: progress?.hints.contains(n) == true ? hint.text : nil)
                }
                return TaskItem(ref: ref, prompt: task.prompt, input: TaskInput(task.kind), points: task.points,
                                attempts: task.attempts, penalty: task.penalty, hints: hints,
                                answers: progress?.submissions.map(\.values) ?? [], score: scores[ref],
                                dueAt: scores[ref]?.dueAt, closesAt: scores[ref]?.closesAt)
            }
            return InboxItem(id: inject.id, title: inject.title, channel: inject.channel, from: inject.from, tlp: inject.tlp,
                             releasedAt: released, readAt: team.read[position], body: inject.body,
                             artifacts: inject.artifacts.map { ArtifactItem(name: $0.name, description: $0.description, text: artifactText(inject, $0)) },
                             tasks: tasks,
                             untranslated: !scenario.untranslatedFields(ofInject: position, for: team.team.language).isEmpty)
        }
        let messages = state.messages.compactMap { timed -> MessageItem? in
            let m = timed.message
            let mine = m.from == .team(id) || m.to == .team(id) || m.to == .all
            guard mine, timed.time <= now else { return nil }
            return MessageItem(id: m.id, time: timed.time, from: m.from, to: m.to, kind: m.kind, text: m.text,
                               answer: m.kind == .rfi ? state.rfiAnswers[m.id]?.text : nil)
        }
        self.init(team: TeamInfo(id: id, name: team.team.name), scenarioTitle: scenario.translations[scenario.contentLanguage(for: team.team.language)]?.title ?? scenario.title, exerciseTime: now,
                  duration: scenario.duration, phase: state.phase, speed: state.speed, connection: connection,
                  inbox: inbox, messages: messages,
                  teams: state.teamOrder.map { TeamInfo(id: $0, name: state.teams[$0]?.team.name ?? $0) },
                  score: view, queued: queued)
        hotWash = HotWash(state: state, team: id)
    }
}

extension TeamConsoleModel.TaskInput {
    /// The input a task kind takes, leaving out what would give the answer away.
    public init(_ kind: TaskKind) {
        switch kind {
        case .text: self = .text
        case .number(_, _, let unit): self = .number(unit: unit)
        case .choice(let options, _, let multiple, _): self = .choice(options: options, multiple: multiple)
        case .indicators: self = .indicators
        case .report: self = .report
        case .coordination(let with): self = .coordination(with: with)
        }
    }

    public var label: String {
        switch self {
        case .text: "text"
        case .number: "number"
        case .choice(_, let multiple): multiple ? "choose one or more" : "choose one"
        case .indicators: "indicators, one per line"
        case .report: "report"
        case .coordination: "coordination"
        }
    }
}
