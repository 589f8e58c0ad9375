@testable import DrillCore
import Testing

/// Per-team task progress is kept by task position; it must hold exactly what a dictionary keyed
/// by `TaskRef` would (how the fold kept it before), and give the same scores.
@Suite("Task progress by position")
struct TaskProgressTableTests {
    /// The fold's progress as it was: a dictionary per team, keyed by `TaskRef`.
    static func progressByRef(_ events: [ExerciseEvent], index: ScenarioIndex) -> [String: [TaskRef: TaskProgress]] {
        var teams: [String: [TaskRef: TaskProgress]] = [:]
        var seen: Set<String> = []
        func change(_ team: String, _ ref: TaskRef, _ body: (inout TaskProgress) -> Void) {
            guard var progress = teams[team] else { return }
            body(&progress[ref, default: TaskProgress()])
            teams[team] = progress
        }
        for event in events {
            let t = event.exerciseTime
            switch event.body {
            case .teamRegistered(let team):
                if teams[team.id] == nil { teams[team.id] = [:] }
            case .answerSubmitted(let a):
                // Submission ids are each team's own.
                let key = a.team + "\n" + a.submission
                guard !seen.contains(key), let p = index.taskPosition[a.task], teams[a.team] != nil else { continue }
                seen.insert(key)
                let evaluation = index.matchers[p.inject][p.task].evaluate(a.values)
                change(a.team, a.task) { $0.submissions.append(Submission(id: a.submission, time: t, values: a.values, evaluation: evaluation)) }
            case .hintTaken(let h):
                change(h.team, h.task) { if !$0.hints.contains(h.hint) { $0.hints.append(h.hint) } }
            case .graded(let g):
                change(g.team, g.task) { $0.grades.append(GradeRecord(time: t, score: g.score, comment: g.comment, by: event.actor.description, via: g.via)) }
            case .taskReopened(let r):
                guard index.taskPosition[r.task] != nil else { continue }
                change(r.team, r.task) {
                    $0.reopens.append(ReopenRecord(time: t, window: r.window, reason: r.reason, by: event.actor.description, extendedBefore: $0.extendedBy))
                }
            case .deadlineExtended(let x):
                for id in x.team.map({ [$0] }) ?? Array(teams.keys) { change(id, x.task) { $0.extendedBy += x.by } }
            default:
                break
            }
        }
        return teams
    }

    @Test("random exercises: the table by position holds what a dictionary by TaskRef held", arguments: 1...24 as ClosedRange<UInt64>)
    func sameProgressAsByRef(seed: UInt64) throws {
        let (machine, events, _) = try ScoringPropertyTests.play(seed: seed, steps: 300)
        let state = machine.state
        let expected = Self.progressByRef(events, index: state.index)
        for id in state.teamOrder {
            let table = try #require(state.teams[id]?.progress)
            let reference = expected[id] ?? [:]
            for ref in state.index.taskRefs {
                #expect(table[ref] == reference[ref], "team \(id), task \(ref)")
            }
            // Walking the table gives the touched tasks, each once, in scenario order.
            let walked = table.map(\.ref)
            #expect(Set(walked) == Set(reference.keys))
            #expect(walked == state.index.taskRefs.filter { reference[$0] != nil })
            #expect(table.values.count == reference.count)
        }
    }

    @Test("random exercises: scores from the table are the scores from a dictionary by TaskRef", arguments: 1...12 as ClosedRange<UInt64>)
    func sameScoresAsByRef(seed: UInt64) throws {
        let (machine, events, samples) = try ScoringPropertyTests.play(seed: seed, steps: 300)
        let state = machine.state
        let expected = Self.progressByRef(events, index: state.index)
        for now in [samples[samples.count / 2], state.exerciseTime] {
            for team in state.scorecard(now: now).teams {
                let teamState = try #require(state.teams[team.team])
                for score in team.tasks {
                    let position = try #require(state.index.taskPosition[score.task])
                    let task = state.scenario.injects[position.inject].tasks[position.task]
                    let released = teamState.released[position.inject]
                    var coordination: [String: Millis] = [:]
                    if case .coordination(let with) = task.kind, let released {
                        coordination = teamState.coordinationTimes(with: with, releasedAt: released)
                    }
                    let reference = TaskScorer.score(task, ref: score.task, progress: expected[team.team]?[score.task] ?? TaskProgress(),
                                                     releasedAt: released, coordination: coordination, now: now, endedAt: state.endedAt)
                    #expect(score == reference, "team \(team.team), task \(score.task) at \(now)")
                    #expect(state.score(team: team.team, task: score.task, now: now) == reference)
                }
            }
        }
    }

    @Test func eventsOnTasksTheScenarioDoesNotHaveAreCountedAndIgnored() throws {
        let (machine, _, _) = try ScoringPropertyTests.play(seed: 3, steps: 50)
        var state = machine.state
        let before = state.teams["a"]
        let ghost = TaskRef(inject: "I99", task: "x")
        state.apply(ExerciseEvent(at: state.exerciseTime, by: .facilitator("fc"), .graded(Grade(team: "a", task: ghost, score: 1))))
        state.apply(ExerciseEvent(at: state.exerciseTime, by: .team("a"), .hintTaken(HintTaken(team: "a", task: ghost, hint: 0))))
        state.apply(ExerciseEvent(at: state.exerciseTime, by: .facilitator("fc"), .deadlineExtended(DeadlineExtension(task: ghost, team: nil, by: 60_000))))
        #expect(state.eventCount == machine.state.eventCount + 3)
        #expect(state.teams["a"] == before)
        #expect(state.teams["a"]?.progress[ghost] == nil)
    }

    @Test func positionsFollowTheScenarioOrder() throws {
        let load = Fixture.loader.load(text: ScoringPropertyTests.yaml, path: "property.yaml")
        let index = ScenarioIndex(try #require(load.scenario))
        #expect(index.taskRefs.map(\.description) == [
            "I01.c2", "I01.sev", "I01.pct", "I01.iocs", "I02.adv", "I02.warn", "I03.ttp", "I03.hash", "I04.both", "I05.src",
        ])
        for (ordinal, ref) in index.taskRefs.enumerated() {
            let position = try #require(index.taskPosition[ref])
            #expect(position.ordinal == ordinal)
            #expect(index.position(inject: position.inject, task: position.task) == position)
        }
    }
}
