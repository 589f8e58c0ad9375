/// The whole exercise at a point in its journal: the fold of its events, nothing more.
public struct ExerciseState: Sendable {
    public enum Phase: String, Sendable, Hashable, Codable {
        case notStarted, running, paused, ended
    }

    /// The scenario with its lookups; live injects (`injectComposed`) extend it.
    public private(set) var index: ScenarioIndex
    public var scenario: Scenario { index.scenario }
    public private(set) var phase: Phase = .notStarted
    /// Exercise time of the last event.
    public private(set) var exerciseTime: Millis = 0
    public private(set) var speed: Double = 1
    /// Every registered team, by id or by registration position.
    public private(set) var teams = TeamTable()
    /// Team ids in registration order.
    public var teamOrder: [String] { teams.order }
    /// Injects a facilitator holds back from their schedule.
    public private(set) var held: Set<String> = []
    public private(set) var messages: [TimedMessage] = []
    public private(set) var rfiAnswers: [String: RFIAnswer] = [:]
    /// Where each request for information is in `messages` (the first with its id): answering
    /// one looks it up here, not through every message of the exercise.
    private var rfiPositions: [String: Int] = [:]

    /// The request for information with this id, if one was sent.
    public func rfi(_ id: String) -> Message? {
        rfiPositions[id].map { messages[$0].message }
    }
    public private(set) var notes: [TimedNote] = []
    public private(set) var pauses: [Pause] = []
    public private(set) var startedAt: Millis?
    public private(set) var endedAt: Millis?
    /// How many events have been folded.
    public private(set) var eventCount = 0
    /// Submission ids already recorded, for idempotent retries, with the ordinal of their task in
    /// `index.taskRefs` (a server holds one entry per answer of the exercise). An id belongs to
    /// the team that sent it: another team's identical id is another answer.
    public private(set) var submissionIds: [SubmissionKey: Int32] = [:]
    /// grade17: when the white cell opened the hot wash early (nil: it opens at the end).
    public private(set) var feedbackOpenedAt: Millis?
    /// grade17: each team member's latest hot-wash answers, in the order members first answered.
    public private(set) var feedback: [TimedFeedback] = []
    /// Whether team members may answer the hot wash now.
    public var isFeedbackOpen: Bool { !scenario.feedback.isEmpty && (feedbackOpenedAt != nil || phase == .ended) }

    /// A submission id as the team that sent it owns it.
    public struct SubmissionKey: Hashable, Sendable {
        public var team: String
        public var id: String

        public init(team: String, id: String) {
            self.team = team
            self.id = id
        }
    }

    /// The task `team` recorded a submission id for; nil while it is not recorded.
    public func recordedTask(ofSubmission id: String, team: String) -> TaskRef? {
        submissionIds[SubmissionKey(team: team, id: id)].map { index.taskRefs[Int($0)] }
    }

    public init(index: ScenarioIndex) {
        self.index = index
    }

    public init(scenario: Scenario) {
        self.init(index: ScenarioIndex(scenario))
    }

    /// Makes room for `answers` more answers, when a host knows how many events are coming (a
    /// replay): the record of submission ids then does not grow, and rehash, as they arrive.
    public mutating func reserveCapacity(answers: Int) {
        submissionIds.reserveCapacity(submissionIds.count + answers)
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
            teams.add(TeamState(team: team, index: index))
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
            for id in release.teams {
                guard let k = teams.position(of: id), teams.states[k].released[i] == nil else { continue }
                teams.states[k].released[i] = t
                teams.states[k].releaseOrder.append(i)
            }
        case .injectHeld(let hold):
            held.insert(hold.inject)
        case .injectRead(let read):
            guard let i = index.injectPosition[read.inject] else { break }
            if let k = teams.position(of: read.team), teams.states[k].read[i] == nil { teams.states[k].read[i] = t }
        case .answerSubmitted(let a):
            let key = SubmissionKey(team: a.team, id: a.submission)
            guard submissionIds[key] == nil, let p = index.taskPosition[a.task], let k = teams.position(of: a.team) else { break }
            submissionIds[key] = Int32(p.ordinal)
            let submission = Submission(id: a.submission, time: t, values: a.values, evaluation: index.evaluate(a.values, at: p))
            teams.states[k].progress.update(p) { $0.submissions.append(submission) }
        case .hintTaken(let h):
            guard let p = index.taskPosition[h.task], let k = teams.position(of: h.team) else { break }
            teams.states[k].progress.update(p) { if !$0.hints.contains(h.hint) { $0.hints.append(h.hint) } }
        case .graded(let g):
            guard let p = index.taskPosition[g.task], let k = teams.position(of: g.team) else { break }
            let grade = GradeRecord(time: t, score: g.score, comment: g.comment, by: event.actor.description, via: g.via)
            teams.states[k].progress.update(p) { $0.grades.append(grade) }
        case .deadlineExtended(let x):
            guard let p = index.taskPosition[x.task] else { break }
            let positions = x.team.map { teams.position(of: $0).map { [$0] } ?? [] } ?? Array(teams.states.indices)
            for k in positions {
                teams.states[k].progress.update(p) { $0.extendedBy += x.by }
            }
        case .messageSent(let m):
            if m.kind == .rfi, rfiPositions[m.id] == nil { rfiPositions[m.id] = messages.count }
            messages.append(TimedMessage(time: t, message: m))
            if case .team(let from) = m.from, case .team(let to) = m.to, let k = teams.position(of: from) {
                teams.states[k].messageTimes[to, default: []].append(t)
            }
        case .rfiAnswered(let answer):
            rfiAnswers[answer.rfi] = answer
        case .noteAdded(let note):
            notes.append(TimedNote(time: t, note: note, by: event.actor.description))
        case .ended:
            phase = .ended
            endedAt = t
            if let last = pauses.last, last.to == nil { pauses[pauses.count - 1].to = t }
        // live17
        case .injectComposed(let live):
            // A replay of a journal whose ids clash (never written by the engine) keeps the first.
            guard index.injectPosition[live.id] == nil, !live.id.isEmpty else { break }
            var scenario = index.scenario
            scenario.injects.append(live.inject)
            index = ScenarioIndex(scenario)
            teams.grow(to: index)
        // grade17
        case .taskReopened(let r):
            guard let p = index.taskPosition[r.task], let k = teams.position(of: r.team) else { break }
            let by = event.actor.description
            teams.states[k].progress.update(p) {
                $0.reopens.append(ReopenRecord(time: t, window: r.window, reason: r.reason, by: by, extendedBefore: $0.extendedBy))
            }
        case .feedbackOpened:
            feedbackOpenedAt = feedbackOpenedAt ?? t
        case .feedbackAnswered(let a):
            let answer = TimedFeedback(time: t, answer: a)
            if let k = feedback.firstIndex(where: { $0.answer.team == a.team && $0.answer.member == a.member }) {
                feedback[k] = answer
            } else {
                feedback.append(answer)
            }
        }
    }

    /// The score of one team on one task at the state's exercise time (or `now`).
    public func score(team id: String, task ref: TaskRef, now: Millis? = nil) -> TaskScore? {
        guard let team = teams[id], let p = index.taskPosition[ref] else { return nil }
        let task = scenario.injects[p.inject].tasks[p.task]
        let released = team.released[p.inject]
        var coordination: [String: Millis] = [:]
        if case .coordination(let with) = task.kind, let released {
            coordination = team.coordinationTimes(with: with, releasedAt: released)
        }
        var partners: [String]?
        if case .coordination(let with) = task.kind, with.contains(where: { teams[$0] == nil }) {
            partners = with.filter { teams[$0] != nil }
        }
        return TaskScorer.score(TaskRules(task), ref: ref, progress: team.progress[p] ?? TaskProgress(), releasedAt: released,
                                coordination: coordination, now: now ?? exerciseTime, endedAt: endedAt, partners: partners)
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
    /// What the team did on each task of the scenario.
    public var progress: TaskProgressTable
    /// Every time this team messaged each other team (coordination counts the first after release).
    public var messageTimes: [String: [Millis]] = [:]

    init(team: Team, index: ScenarioIndex) {
        self.team = team
        released = Array(repeating: nil, count: index.scenario.injects.count)
        read = Array(repeating: nil, count: index.scenario.injects.count)
        progress = TaskProgressTable(index: index)
    }

    /// For a coordination task released at `released`, when this team first messaged each team
    /// it must tell. (A team cannot tell itself: `validate` warns when a scenario asks it to.)
    public func coordinationTimes(with teams: [String], releasedAt released: Millis) -> [String: Millis] {
        var first: [String: Millis] = [:]
        for other in teams {
            if let t = messageTimes[other]?.first(where: { $0 >= released }) { first[other] = t }
        }
        return first
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
    /// Every time the white cell reopened the task for this team, in order (grade17).
    public var reopens: [ReopenRecord] = []

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
    /// Set for an outcome recorded without a submission: how the answer was given.
    public var via: GradeChannel? = nil
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
            && a.teams == b.teams && a.held == b.held && a.messages == b.messages
            && a.rfiAnswers == b.rfiAnswers && a.notes == b.notes && a.pauses == b.pauses && a.startedAt == b.startedAt
            && a.endedAt == b.endedAt && a.eventCount == b.eventCount && a.submissionIds == b.submissionIds
            && a.feedbackOpenedAt == b.feedbackOpenedAt && a.feedback == b.feedback
    }
}

/// The teams of an exercise, addressable by id and by registration position (hosts and the
/// machine use positions on hot paths: an array index is cheaper than hashing an id).
public struct TeamTable: Sendable, Hashable {
    public private(set) var order: [String] = []
    private var positions: [String: Int] = [:]
    var states: [TeamState] = []

    public var count: Int { states.count }

    public subscript(id: String) -> TeamState? {
        positions[id].map { states[$0] }
    }

    public subscript(position k: Int) -> TeamState { states[k] }

    public func position(of id: String) -> Int? { positions[id] }

    /// Room for the injects and tasks a larger index has past the current ones (live injects).
    mutating func grow(to index: ScenarioIndex) {
        for k in states.indices {
            let more = index.scenario.injects.count - states[k].released.count
            if more > 0 {
                states[k].released += Array(repeating: nil, count: more)
                states[k].read += Array(repeating: nil, count: more)
            }
            states[k].progress.grow(to: index)
        }
    }

    mutating func add(_ state: TeamState) {
        guard positions[state.team.id] == nil else { return }
        positions[state.team.id] = states.count
        order.append(state.team.id)
        states.append(state)
    }
}
