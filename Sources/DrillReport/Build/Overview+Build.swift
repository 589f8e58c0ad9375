import DrillCore

extension Overview {
    init(_ c: ReportContext) {
        let state = c.state, scenario = c.scenario
        var startedWall: Int64?, endedWall: Int64?
        var pauses: [PauseSpan] = []
        var openedWall: Int64?
        var facilitators: [String] = []
        var phase = ExerciseState.Phase.notStarted
        // Mirrors the fold's pause rules, to pair each pause with its wall times.
        for (k, e) in c.input.events.enumerated() {
            if case .facilitator(let name) = e.actor, !facilitators.contains(name) { facilitators.append(name) }
            switch e.body {
            case .started:
                if startedWall == nil { startedWall = c.input.wall(k) }
                phase = .running
            case .paused where phase == .running:
                phase = .paused
                openedWall = c.input.wall(k)
                pauses.append(PauseSpan(from: e.exerciseTime, to: nil, fromWall: openedWall.map(WallDate.iso), toWall: nil, length: nil))
            case .resumed where phase == .paused:
                phase = .running
                pauses[pauses.count - 1].close(at: e.exerciseTime, wall: c.input.wall(k), openedWall: openedWall)
            case .ended:
                endedWall = c.input.wall(k)
                if phase == .paused { pauses[pauses.count - 1].close(at: e.exerciseTime, wall: c.input.wall(k), openedWall: openedWall) }
                phase = .ended
            default:
                break
            }
        }
        let released = (0..<scenario.injects.count).count { i in
            state.teamOrder.contains { state.teams[$0]?.released[i] != nil }
        }
        let all = c.scorecard.teams
        let shown = c.isTeamReport ? c.shownTeams : all
        let points = shown.reduce(0) { $0 + $1.points }, available = shown.reduce(0) { $0 + $1.availablePoints }
        let percent = Scorecard.percent(points, of: available)
        self.init(
            scenario: ScenarioInfo(id: c.text(scenario.id), title: c.text(scenario.title), summary: c.text(scenario.summary.trimmingCharacters()),
                                   language: scenario.language, direction: ScriptDirection.of(language: scenario.language),
                                   digest: c.input.scenarioDigest, ratings: scenario.ratings),
            phase: state.phase.rawValue,
            startedWall: startedWall.map(WallDate.iso),
            endedWall: endedWall.map(WallDate.iso),
            lastEventWall: c.input.walls.last.map(WallDate.iso),
            plannedDuration: scenario.duration,
            actualDuration: state.startedAt.map { (state.endedAt ?? state.exerciseTime) - $0 },
            wallDuration: startedWall.flatMap { s in (endedWall ?? c.input.walls.last).map { $0 - s } },
            pauses: pauses,
            pausedTotal: pauses.reduce(0) { $0 + ($1.length ?? 0) },
            teams: c.shownTeams.map { c.labels.label($0.team) },
            teamCount: state.teamOrder.count,
            facilitators: facilitators.map(c.text),
            injectsPlanned: scenario.injects.count,
            injectsReleased: released,
            tasksPlanned: scenario.injects.reduce(0) { $0 + $1.tasks.count },
            events: c.input.events.count,
            awaitingGrade: c.shownTeams.reduce(0) { n, team in
                n + team.tasks.count { $0.outcome == .pending && $0.answeredAt != nil && c.state.index.task($0.task)?.type == .report }
            },
            absence: Absence(state),
            percent: percent,
            rating: c.rating(percent),
            journalRows: c.input.journalRows,
            chainHead: c.input.chainHead
        )
    }
}

extension PauseSpan {
    mutating func close(at time: Millis, wall: Int64?, openedWall: Int64?) {
        to = time
        toWall = wall.map(WallDate.iso)
        if let wall, let openedWall { length = wall - openedWall }
    }
}

extension Absence {
    /// Nil when every team the scenario names took part.
    init?(_ state: ExerciseState) {
        let scenario = state.scenario
        func absent(_ id: String) -> Bool { state.teams[id] == nil }
        var named = Set(scenario.teams.map(\.id))
        var injects: [String] = [], tasks: [String] = [], unscored: [String] = []
        for inject in scenario.injects {
            if case .teams(let to) = inject.to {
                named.formUnion(to)
                if to.contains(where: absent) { injects.append(inject.id) }
            }
            for task in inject.tasks {
                guard case .coordination(let with) = task.kind else { continue }
                named.formUnion(with)
                if with.contains(where: absent) {
                    let ref = TaskRef(inject: inject.id, task: task.id).description
                    tasks.append(ref)
                    if with.allSatisfy(absent) { unscored.append(ref) }
                }
            }
        }
        let count = named.filter(absent).count
        guard count > 0 else { return nil }
        self.init(teams: count, injects: injects, coordinationTasks: tasks, unscoredTasks: unscored)
    }
}
