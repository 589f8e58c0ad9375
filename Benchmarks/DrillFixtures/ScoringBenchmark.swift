import DrillCore

/// The scoring benchmark (200 teams × 60 injects × 4 tasks in < 50 ms, docs/scoring.md), run by
/// `DrillBench scoring` and checked by DrillCoreTests; not shipped. It reads no clock: the caller
/// passes one in.
public enum ScoringBenchmark {
    /// Generates an exercise (the same for the same arguments), folds its events, then times
    /// building the whole `Scorecard` from the folded state: `repeats` times after one warm-up,
    /// reporting the median. `now` is a monotonic clock in nanoseconds, e.g.
    /// `{ DispatchTime.now().uptimeNanoseconds }`.
    public static func run(teams: Int = 200, injects: Int = 60, tasks: Int = 4, seed: UInt64 = 1, repeats: Int = 5,
                           now: () -> UInt64) -> (events: Int, seconds: Double) {
        let (scenario, events) = exercise(teams: teams, injects: injects, tasks: tasks, seed: seed)
        let state = ExerciseState.fold(events, index: ScenarioIndex(scenario))
        var checksum = state.scorecard().teams.first?.points ?? 0
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = now()
            let card = state.scorecard()
            let end = now()
            checksum += card.teams.first?.points ?? 0
            times.append(Double(end &- start) / 1e9)
        }
        // Keeps the optimiser from dropping the work.
        if checksum.isNaN { times.append(0) }
        times.sort()
        return (events.count, times[times.count / 2])
    }

    /// A deterministic exercise: `injects` injects two minutes apart, each with `tasks` tasks of
    /// every type in turn, released to all `teams`, who answer right, wrong, partly, late or not
    /// at all, take hints, get graded and message each other; then it ends.
    public static func exercise(teams teamCount: Int, injects injectCount: Int, tasks taskCount: Int,
                                seed: UInt64) -> (scenario: Scenario, events: [ExerciseEvent]) {
        var g = SeededGenerator(seed: seed)
        let teams = (0..<teamCount).map { Team(id: "t\($0 + 1)", name: "Team \($0 + 1)") }
        let objectives = (0..<5).map { Objective(id: "O\($0 + 1)", title: "Objective \($0 + 1)", capability: ["detection", "response", "cooperation"][$0 % 3]) }
        let rubric = [RubricLevel(score: 1, text: "Full"), RubricLevel(score: 0.5, text: "Partial"), RubricLevel(score: 0, text: "None")]
        let injects = (0..<injectCount).map { i in
            Inject(id: "I\(i + 1)", trigger: .at(Millis(i) * 120_000), title: "Inject \(i + 1)", channel: .email,
                   objectives: [objectives[i % objectives.count].id],
                   tasks: (0..<taskCount).map { j in
                       let kind: TaskKind = switch (i + j) % 6 {
                       case 0: .text(accept: ["203.0.113.\(j)"], match: .caseless)
                       case 1: .choice(options: ["low", "medium", "high"], answers: ["high"], multiple: false, partial: false)
                       case 2: .number(answer: 12, tolerance: 1, unit: "%")
                       case 3: .indicators(accept: ["evil.example", "c2.example", "drop.example"])
                       case 4: .report(rubric: rubric)
                       default: .coordination(with: [])      // filled per team below
                       }
                       return DrillTask(id: "k\(j + 1)", prompt: "Task \(j + 1)", kind: kind, points: Double(5 + 5 * (j % 3)),
                                        attempts: 3, penalty: 1, hints: [Hint(text: "hint", cost: 2)],
                                        objectives: [objectives[(i + j) % objectives.count].id])
                   })
        }
        // Coordination tasks ask every team to tell the first team (the first team tells the second).
        var scenario = Scenario(id: "scoring-benchmark", title: "Scoring benchmark", duration: Millis(injectCount) * 120_000 + 3_600_000,
                                objectives: objectives, teams: teams, injects: injects)
        for i in scenario.injects.indices {
            for j in scenario.injects[i].tasks.indices where scenario.injects[i].tasks[j].type == .coordination {
                scenario.injects[i].tasks[j].kind = .coordination(with: [teams.first?.id ?? ""])
            }
        }

        var timed: [(time: Millis, event: ExerciseEvent)] = []
        func add(_ time: Millis, _ actor: Actor, _ body: ExerciseEvent.Body) {
            timed.append((time, ExerciseEvent(at: time, by: actor, body)))
        }
        for team in teams { add(0, .facilitator("bench"), .teamRegistered(team)) }
        add(0, .facilitator("bench"), .started)
        var submission = 0
        for inject in scenario.injects {
            guard case .at(let released) = inject.trigger else { continue }
            add(released, .system, .injectReleased(InjectRelease(inject: inject.id, teams: teams.map(\.id))))
            for (k, team) in teams.enumerated() {
                for task in inject.tasks {
                    let ref = TaskRef(inject: inject.id, task: task.id)
                    var t = released + Millis.random(in: 30_000...600_000, using: &g)
                    let roll = Int.random(in: 0..<100, using: &g)
                    if roll < 10 { continue }                                   // never answered
                    if roll < 20 { t += task.due + Millis.random(in: 0...task.late, using: &g) }   // late
                    if roll % 7 == 0 { add(t, .team(team.id), .hintTaken(HintTaken(team: team.id, task: ref, hint: 0))) }
                    func submit(_ values: [String]) {
                        submission += 1
                        add(t, .team(team.id), .answerSubmitted(AnswerSubmission(team: team.id, task: ref, submission: "s\(submission)", values: values)))
                        t += Millis.random(in: 10_000...60_000, using: &g)
                    }
                    switch task.kind {
                    case .text(let accept, _):
                        for _ in 0..<(roll % 3) { submit(["198.51.100.\(roll)"]) }
                        if roll < 85 { submit(accept) }
                    case .choice:
                        if roll % 2 == 0 { submit(["low"]) }
                        submit([roll < 70 ? "high" : "medium"])
                    case .number:
                        submit([roll < 60 ? "12 %" : roll < 80 ? "１３" : "20"])
                    case .indicators:
                        submit([roll < 50 ? "evil[.]example, c2[.]example, drop[.]example" : "evil.example bad.example"])
                    case .report:
                        submit(["Advisory from \(team.name)"])
                        if roll < 90 {
                            add(t, .facilitator("bench"), .graded(Grade(team: team.id, task: ref, score: [1, 0.5, 0][roll % 3])))
                        }
                    case .coordination:
                        let to = k == 0 ? teams.dropFirst().first?.id : teams.first?.id
                        if let to, roll < 80 {
                            add(t, .team(team.id), .messageSent(Message(id: "M\(timed.count)", from: .team(team.id), to: .team(to), text: "heads up")))
                        }
                    }
                }
            }
        }
        add(scenario.duration, .facilitator("bench"), .ended)
        // In time order, ties in the order generated.
        let events = timed.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element.event)
        return (scenario, events)
    }
}
