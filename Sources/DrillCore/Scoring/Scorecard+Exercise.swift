extension ExerciseState {
    /// Every score at exercise time `now` (the state's time by default).
    public func scorecard(now: Millis? = nil) -> Scorecard {
        Scorecard(state: self, now: now)
    }
}

extension Scorecard {
    /// Scores every team on every task released to it by `now` (the state's time by default), in one
    /// pass over teams × injects, and sums them up. Events after `now` are not counted.
    public init(state: ExerciseState, now: Millis? = nil) {
        let now = now ?? state.exerciseTime
        let scenario = state.scenario
        let plan = ScoringPlan(state.index)
        let thresholds = scenario.ratings
        let objectiveCount = scenario.objectives.count, capabilityCount = plan.capabilities.count

        var injectReached = [Int](repeating: 0, count: scenario.injects.count)
        var injectPercentSum = [Double](repeating: 0, count: scenario.injects.count)
        var injectOutcomes = [OutcomeCounts](repeating: OutcomeCounts(), count: scenario.injects.count)

        struct Evidence {
            var objectivePoints: [Double]
            var objectivePossible: [Double]
            var capabilityPoints: [Double]
            var capabilityPossible: [Double]
        }
        // Coordination with teams that do not take part (a roster without them): those teams are
        // dropped from the task; a task left with no team to tell is not scored at all.
        var partners: [TaskRef: [String]] = [:]
        var unscored = Set<TaskRef>()
        var unscoredPoints = [Double](repeating: 0, count: scenario.injects.count)
        for (position, tasks) in plan.tasks.enumerated() {
            for t in tasks where t.rules.type == .coordination {
                let present = t.rules.with.filter { state.teams[$0] != nil }
                guard present.count < t.rules.with.count else { continue }
                if present.isEmpty {
                    unscored.insert(t.ref)
                    unscoredPoints[position] += t.rules.points
                } else {
                    partners[t.ref] = present
                }
            }
        }

        var teamScores: [TeamScore] = []
        var evidence: [String: Evidence] = [:]
        teamScores.reserveCapacity(state.teamOrder.count)
        let noProgress = TaskProgress()

        for id in state.teamOrder {
            guard let team = state.teams[id] else { continue }
            var e = Evidence(objectivePoints: .init(repeating: 0, count: objectiveCount),
                             objectivePossible: .init(repeating: 0, count: objectiveCount),
                             capabilityPoints: .init(repeating: 0, count: capabilityCount),
                             capabilityPossible: .init(repeating: 0, count: capabilityCount))
            var points = 0.0, available = 0.0, total = 0.0
            var outcomes = OutcomeCounts()
            var tasks: [TaskScore] = []
            tasks.reserveCapacity(plan.taskCount)
            // By position: binding each inject would copy all its fields, for every team.
            for position in plan.tasks.indices {
                guard let released = team.released[position], released <= now else {
                    // Released after `now` (a scorecard of the past): it did reach the team.
                    if team.released[position] != nil || Self.mayStillReach(state, position, id, now) {
                        total += plan.injectPoints[position] - unscoredPoints[position]
                    }
                    continue
                }
                let injectMax = plan.injectPoints[position] - unscoredPoints[position]
                available += injectMax
                total += injectMax
                var injectPoints = 0.0
                for t in plan.tasks[position] where !unscored.contains(t.ref) {
                    let s = TaskScorer.score(t.rules, ref: t.ref, progress: team.progress[t.position] ?? noProgress,
                                             releasedAt: released, coordination: t.coordination(team, released), now: now,
                                             endedAt: state.endedAt, partners: partners[t.ref])
                    injectPoints += s.points
                    outcomes.add(s.outcome)
                    injectOutcomes[position].add(s.outcome)
                    for o in t.objectives {
                        e.objectivePoints[o] += s.points
                        e.objectivePossible[o] += t.rules.points
                    }
                    for c in t.capabilities {
                        e.capabilityPoints[c] += s.points
                        e.capabilityPossible[c] += t.rules.points
                    }
                    tasks.append(s)
                }
                points += injectPoints
                injectReached[position] += 1
                if let p = Self.percent(injectPoints, of: injectMax) { injectPercentSum[position] += p }
            }
            evidence[id] = e
            teamScores.append(TeamScore(team: id, name: team.team.name, rank: 0, points: points, availablePoints: available,
                                        totalPoints: total, outcomes: outcomes, tasks: tasks))
        }
        Self.rank(&teamScores)

        let order = teamScores.map(\.team)
        var objectives: [ObjectiveScore] = []
        for (k, objective) in scenario.objectives.enumerated() {
            let perTeam = order.map { id in
                EvidenceScore(team: id, points: evidence[id]?.objectivePoints[k] ?? 0,
                              possiblePoints: evidence[id]?.objectivePossible[k] ?? 0, rating: thresholds,
                              tested: plan.objectiveTested[k])
            }
            objectives.append(ObjectiveScore(objective: objective.id, title: objective.title, capability: objective.capability,
                                             points: perTeam.reduce(0) { $0 + $1.points },
                                             possiblePoints: perTeam.reduce(0) { $0 + $1.possiblePoints },
                                             rating: thresholds, tested: plan.objectiveTested[k], teams: perTeam))
        }
        var capabilities: [CapabilityScore] = []
        for (k, capability) in plan.capabilities.enumerated() {
            let perTeam = order.map { id in
                EvidenceScore(team: id, points: evidence[id]?.capabilityPoints[k] ?? 0,
                              possiblePoints: evidence[id]?.capabilityPossible[k] ?? 0, rating: thresholds,
                              tested: plan.capabilityTested[k])
            }
            capabilities.append(CapabilityScore(capability: capability, objectives: plan.capabilityObjectives[k],
                                                points: perTeam.reduce(0) { $0 + $1.points },
                                                possiblePoints: perTeam.reduce(0) { $0 + $1.possiblePoints },
                                                rating: thresholds, tested: plan.capabilityTested[k], teams: perTeam))
        }
        let injects = scenario.injects.enumerated().map { position, inject in
            InjectScore(inject: inject.id, title: inject.title, maxPoints: plan.injectPoints[position],
                        teamsReached: injectReached[position],
                        averagePercent: injectReached[position] > 0 && plan.injectPoints[position] > 0
                            ? injectPercentSum[position] / Double(injectReached[position]) : nil,
                        outcomes: injectOutcomes[position])
        }
        self.init(scenario: scenario.id, exerciseTime: now, phase: state.phase, scoreboard: scenario.scoreboard,
                  ratings: thresholds, teams: teamScores, injects: injects, objectives: objectives, capabilities: capabilities)
    }

    /// Whether an inject not released to the team by `now` may still be: it is addressed to the
    /// team and not on a branch the team can no longer take.
    private static func mayStillReach(_ state: ExerciseState, _ position: Int, _ team: String, _ now: Millis) -> Bool {
        switch state.status(of: position, for: team, now: now) {
        case .skipped, .notAddressed: return false
        case .released, .scheduled, .waiting, .held: return true
        // live17: a library inject counts once the white cell releases it.
        case .onDemand: return false
        }
    }

    /// Points ranked on a grid of a millionth of a point, so that sums that differ only by
    /// rounding error tie.
    static func rankKey(_ points: Double) -> Int64 { Int64((points * 1_000_000).rounded()) }

    /// Sorts teams by points, highest first, then team id, and gives standard competition ranks.
    static func rank(_ teams: inout [TeamScore]) {
        teams.sort { a, b in
            let ka = rankKey(a.points), kb = rankKey(b.points)
            return ka != kb ? ka > kb : a.team < b.team
        }
        for i in teams.indices {
            teams[i].rank = i > 0 && rankKey(teams[i].points) == rankKey(teams[i - 1].points) ? teams[i - 1].rank : i + 1
        }
    }
}

/// What the scorecard needs of the scenario, worked out once per scorecard rather than per team.
struct ScoringPlan {
    /// A class with constant fields: iterating the plan costs one retain per task, not a copy of
    /// every field.
    final class PlannedTask: Sendable {
        let ref: TaskRef
        /// Where the team's progress on it is kept.
        let position: ScenarioIndex.TaskPosition
        let rules: TaskRules
        /// Positions of its known objectives and of their capabilities (each once).
        let objectives: [Int]
        let capabilities: [Int]

        init(ref: TaskRef, position: ScenarioIndex.TaskPosition, task: DrillTask, objectives: [Int], capabilities: [Int]) {
            self.ref = ref
            self.position = position
            rules = TaskRules(task)
            self.objectives = objectives
            self.capabilities = capabilities
        }

        /// For coordination tasks, the first message the team sent to each team to tell, at or
        /// after the release.
        func coordination(_ team: TeamState, _ released: Millis) -> [String: Millis] {
            guard rules.type == .coordination else { return [:] }
            return team.coordinationTimes(with: rules.with, releasedAt: released)
        }
    }

    var tasks: [[PlannedTask]]
    var injectPoints: [Double]
    var taskCount: Int
    var capabilities: [String]
    var capabilityObjectives: [[String]]
    /// Whether any task of the scenario gives evidence for each objective, each capability.
    var objectiveTested: [Bool]
    var capabilityTested: [Bool]

    init(_ index: ScenarioIndex) {
        let scenario = index.scenario
        var objectivePosition: [String: Int] = [:]
        var capabilityPosition: [String: Int] = [:]
        var objectiveCapability: [Int] = []
        capabilities = []
        capabilityObjectives = []
        for (k, objective) in scenario.objectives.enumerated() {
            if objectivePosition[objective.id] == nil { objectivePosition[objective.id] = k }
            if capabilityPosition[objective.capability] == nil {
                capabilityPosition[objective.capability] = capabilities.count
                capabilities.append(objective.capability)
                capabilityObjectives.append([])
            }
            let c = capabilityPosition[objective.capability] ?? 0
            objectiveCapability.append(c)
            capabilityObjectives[c].append(objective.id)
        }
        tasks = scenario.injects.enumerated().map { i, inject in
            inject.tasks.enumerated().map { j, task in
                var objectives: [Int] = [], capabilities: [Int] = []
                for id in task.objectives {
                    guard let k = objectivePosition[id], !objectives.contains(k) else { continue }
                    objectives.append(k)
                    if !capabilities.contains(objectiveCapability[k]) { capabilities.append(objectiveCapability[k]) }
                }
                return PlannedTask(ref: TaskRef(inject: inject.id, task: task.id),
                                   position: index.position(inject: i, task: j), task: task,
                                   objectives: objectives, capabilities: capabilities)
            }
        }
        var objectiveTested = [Bool](repeating: false, count: scenario.objectives.count)
        var capabilityTested = [Bool](repeating: false, count: capabilities.count)
        for t in tasks.joined() {
            for k in t.objectives { objectiveTested[k] = true }
            for c in t.capabilities { capabilityTested[c] = true }
        }
        self.objectiveTested = objectiveTested
        self.capabilityTested = capabilityTested
        injectPoints = scenario.injects.map(\.points)
        taskCount = tasks.reduce(0) { $0 + $1.count }
    }
}
