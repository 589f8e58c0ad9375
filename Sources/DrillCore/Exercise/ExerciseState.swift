/// The whole exercise at a point in its journal: the fold of its events, nothing more.
public struct ExerciseState: Sendable {
    public enum Phase: String, Sendable, Hashable, Codable {
        case notStarted, running, paused, ended
    }

    public let index: ScenarioIndex
    public var scenario: Scenario { index.scenario }
    public private(set) var phase: Phase = .notStarted
    /// Exercise time of the last event.
    public private(set) var exerciseTime: Millis = 0
    public private(set) var speed: Double = 1
    /// Team ids in registration order.
    public private(set) var teamOrder: [String] = []
    public private(set) var teams: [String: TeamState] = [:]
    /// Injects a facilitator holds back from their schedule.
    public private(set) var held: Set<String> = []
    public private(set) var messages: [TimedMessage] = []
    public private(set) var rfiAnswers: [String: RFIAnswer] = [:]
    public private(set) var notes: [TimedNote] = []
    public private(set) var pauses: [Pause] = []
    public private(set) var startedAt: Millis?
    public private(set) var endedAt: Millis?
    /// How many events have been folded.
    public private(set) var eventCount = 0
    /// Submission ids already recorded, for idempotent retries.
    public private(set) var submissionIds: [String: TaskRef] = [:]

    public init(index: ScenarioIndex) {
        self.index = index
    }

    public init(scenario: Scenario) {
        self.init(index: ScenarioIndex(scenario))
    }

    /// Folds events in order.
    public static func fold(_ events: some Sequence<ExerciseEvent>, index: ScenarioIndex) -> ExerciseState {
        var state = ExerciseState(index: index)
        for e in events { state.apply(e) }
        return state
    }

    /// Applies one event. Events that name unknown teams, injects or tasks are counted and
    /// otherwise ignored, so a journal always replays.
    public mutating func apply(_ event: ExerciseEvent) {
        eventCount += 1
        exerciseTime = max(exerciseTime, event.exerciseTime)
        let t = event.exerciseTime
        switch event.body {
        case .exerciseCreated:
            break
        case .teamRegistered(let team):
            if teams[team.id] == nil {
                teamOrder.append(team.id)
                teams[team.id] = TeamState(team: team, injectCount: scenario.injects.count)
            }
        case .started:
            phase = .running
            startedAt = startedAt ?? t
        case .paused:
            if phase == .running { phase = .paused; pauses.append(Pause(from: t, to: nil)) }
        case .resumed:
            if phase == .paused {
                phase = .running
                if !pauses.isEmpty { pauses[pauses.count - 1].to = t }
            }
        case .speedChanged(let change):
            speed = change.speed
        case .injectReleased(let release):
            held.remove(release.inject)
            guard let i = index.injectPosition[release.inject] else { break }
            for id in release.teams where teams[id]?.released[i] == nil {
                teams[id]?.released[i] = t
                teams[id]?.releaseOrder.append(i)
            }
        case .injectHeld(let hold):
            held.insert(hold.inject)
        case .injectRead(let read):
            guard let i = index.injectPosition[read.inject] else { break }
            if teams[read.team]?.read[i] == nil { teams[read.team]?.read[i] = t }
        case .answerSubmitted(let a):
            guard submissionIds[a.submission] == nil, let p = index.taskPosition[a.task], teams[a.team] != nil else { break }
            submissionIds[a.submission] = a.task
            let evaluation = index.matchers[p.inject][p.task].evaluate(a.values)
            teams[a.team]?.progress[a.task, default: TaskProgress()].submissions
                .append(Submission(id: a.submission, time: t, values: a.values, evaluation: evaluation))
        case .hintTaken(let h):
            guard teams[h.team] != nil else { break }
            if teams[h.team]?.progress[h.task]?.hints.contains(h.hint) != true {
                teams[h.team]?.progress[h.task, default: TaskProgress()].hints.append(h.hint)
            }
        case .graded(let g):
            guard teams[g.team] != nil else { break }
            teams[g.team]?.progress[g.task, default: TaskProgress()].grades
                .append(GradeRecord(time: t, score: g.score, comment: g.comment, by: event.actor.description))
        case .deadlineExtended(let x):
            let ids = x.team.map { [$0] } ?? teamOrder
            for id in ids where teams[id] != nil {
                teams[id]?.progress[x.task, default: TaskProgress()].extendedBy += x.by
            }
        case .messageSent(let m):
            messages.append(TimedMessage(time: t, message: m))
            if case .team(let from) = m.from, case .team(let to) = m.to {
                teams[from]?.messageTimes[to, default: []].append(t)
            }
        case .rfiAnswered(let answer):
            rfiAnswers[answer.rfi] = answer
        case .noteAdded(let note):
            notes.append(TimedNote(time: t, note: note, by: event.actor.description))
        case .ended:
            phase = .ended
            endedAt = t
            if let last = pauses.last, last.to == nil { pauses[pauses.count - 1].to = t }
        }
    }

    /// The score of one team on one task at the state's exercise time (or `now`).
    public func score(team id: String, task ref: TaskRef, now: Millis? = nil) -> TaskScore? {
        guard let team = teams[id], let p = index.taskPosition[ref] else { return nil }
        let task = scenario.injects[p.inject].tasks[p.task]
        return TaskScorer.score(task, ref: ref, progress: team.progress[ref] ?? TaskProgress(),
                                releasedAt: team.released[p.inject],
                                coordination: team.firstMessages(after: team.released[p.inject] ?? 0),
                                now: now ?? exerciseTime)
    }
}

/// What one team has received and done.
public struct TeamState: Sendable, Hashable {
    public var team: Team
    /// Release time per inject position; nil while not released.
    public var released: [Millis?]
    /// Inject positions in the order they were released.
    public var releaseOrder: [Int] = []
    public var read: [Millis?]
    public var progress: [TaskRef: TaskProgress] = [:]
    /// Every time this team messaged each other team (coordination counts the first after release).
    public var messageTimes: [String: [Millis]] = [:]

    init(team: Team, injectCount: Int) {
        self.team = team
        released = Array(repeating: nil, count: injectCount)
        read = Array(repeating: nil, count: injectCount)
    }

    /// For each team messaged at or after `time`, the first such time.
    func firstMessages(after time: Millis) -> [String: Millis] {
        var out: [String: Millis] = [:]
        for (to, times) in messageTimes {
            if let first = times.first(where: { $0 >= time }) { out[to] = first }
        }
        return out
    }
}

/// What a team did on one task.
public struct TaskProgress: Sendable, Hashable {
    public var submissions: [Submission] = []
    /// Hint indexes in the order taken.
    public var hints: [Int] = []
    public var grades: [GradeRecord] = []
    /// Total deadline extension for this team.
    public var extendedBy: Millis = 0

    public init() {}
}

public struct Submission: Sendable, Hashable {
    public var id: String
    public var time: Millis
    public var values: [String]
    public var evaluation: Evaluation
}

public struct GradeRecord: Sendable, Hashable {
    public var time: Millis
    public var score: Double
    public var comment: String
    public var by: String
}

public struct TimedMessage: Sendable, Hashable {
    public var time: Millis
    public var message: Message
}

public struct TimedNote: Sendable, Hashable {
    public var time: Millis
    public var note: Note
    public var by: String
}

public struct Pause: Sendable, Hashable, Codable {
    public var from: Millis
    public var to: Millis?

    public init(from: Millis, to: Millis?) {
        self.from = from
        self.to = to
    }
}

extension ExerciseState: Equatable {
    /// Two states are equal when every folded fact is; the scenario is compared by value.
    public static func == (a: ExerciseState, b: ExerciseState) -> Bool {
        a.scenario == b.scenario && a.phase == b.phase && a.exerciseTime == b.exerciseTime && a.speed == b.speed
            && a.teamOrder == b.teamOrder && a.teams == b.teams && a.held == b.held && a.messages == b.messages
            && a.rfiAnswers == b.rfiAnswers && a.notes == b.notes && a.pauses == b.pauses && a.startedAt == b.startedAt
            && a.endedAt == b.endedAt && a.eventCount == b.eventCount && a.submissionIds == b.submissionIds
    }
}
