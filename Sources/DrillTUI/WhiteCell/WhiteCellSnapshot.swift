import DrillCore
import DrillText

/// Everything the white cell's console shows, taken from an exercise state at one exercise time.
///
/// It is a plain value worked out once per change (or once a second for the countdowns), so that
/// drawing a frame only lays out what is already known: the local runner builds it from the
/// host's state; a remote white-cell console can build it from a state folded from the events it
/// receives.
public struct WhiteCellSnapshot: Sendable {
    public var title: String
    public var scenarioId: String
    public var now: Millis
    public var duration: Millis
    public var phase: ExerciseState.Phase
    public var speed: Double
    /// Registration order.
    public var teams: [TeamColumn]
    /// Scenario order.
    public var injects: [InjectColumn]
    /// `teams.count × injects.count` marks, team-major: the mark of team `t` on inject `i` is at
    /// `t * injects.count + i`.
    public var marks: [Theme.Mark]
    /// Release and read times, laid out as `marks`.
    public var releasedAt: [Millis?]
    public var readAt: [Millis?]
    /// Planned order.
    public var msel: [MSELRow]
    /// Ranking order.
    public var scoreboard: [ScoreRow]
    /// Answers to `report` tasks; ungraded first, oldest first.
    public var grading: [GradingItem]
    /// Oldest first.
    public var messages: [MessageRow]
    public var notes: [TimedNote]
    /// What happened lately, newest first.
    public var activity: [ActivityRow]
    /// Each team's task scores, for the details of a matrix cell.
    public var taskScores: [String: [TaskScore]]
    /// Inject texts for the details of an MSEL row (the white cell sees facilitator notes too).
    public var injectDetails: [String: Inject]
    /// The scenario's objectives, for the note form.
    public var objectives: [Objective]
    /// grade17: each team's progress against the schedule, by team id (empty before the start).
    public var pacing: [String: TeamPace] = [:]
    /// grade17: whether the scenario has a hot wash, and whether it is open.
    public var hasFeedback = false
    public var feedbackOpen = false

    public struct TeamColumn: Sendable, Hashable {
        public var id: String
        public var name: String
    }

    public struct InjectColumn: Sendable, Hashable {
        public var id: String
        public var title: String
        public var taskCount: Int
    }

    /// Where an inject stands across the teams it is meant for.
    public enum Progress: Sendable, Hashable {
        /// Every team it can reach has it.
        case released
        /// The earliest time it is due for a team that does not have it yet.
        case due(at: Millis)
        case held
        /// Waits for an earlier inject or for a branch condition.
        case waiting
        /// Reaches none of the teams (a branch no team took).
        case skipped
        // live17
        /// In the inject library: waits for the white cell to release it.
        case onDemand
    }

    public struct MSELRow: Sendable, Hashable {
        public var inject: String
        public var title: String
        public var channel: Channel
        /// Planned time, as if every branch were decided.
        public var planned: Millis?
        public var isBranch: Bool
        public var progress: Progress
        public var teamsReleased: Int
        /// Teams it is addressed to, less those on a branch they will never take.
        public var teamsReachable: Int
        // live17
        /// Composed by the white cell during the exercise (a live inject).
        public var unplanned = false
    }

    public struct ScoreRow: Sendable, Hashable {
        public var rank: Int
        public var team: String
        public var name: String
        public var points: Double
        public var available: Double
        public var percent: Double?
        public var outcomes: OutcomeCounts
    }

    public struct GradingItem: Sendable, Hashable {
        public var team: String
        public var teamName: String
        public var task: TaskRef
        public var prompt: String
        public var answer: String
        public var answeredAt: Millis
        public var rubric: [RubricLevel]
        /// The latest grade, if any (a fraction 0…1).
        public var grade: Double?
        public var points: Double
        // live17
        /// The task's grading guide (`guide:`), for the white cell only.
        public var guide = ""
    }

    public struct MessageRow: Sendable, Hashable {
        public var id: String
        public var time: Millis
        public var from: String
        public var to: String
        public var kind: Message.Kind
        public var text: String
        /// For an RFI: the white cell's answer once given.
        public var answer: String?
        /// Who sent it and to whom, to name the white cell and all teams in another language.
        public var fromParty: Party = .whiteCell
        public var toParty: Party = .all
        /// Whether the white cell sent it (its own RFIs wait for nobody).
        public var fromWhiteCell: Bool { fromParty == .whiteCell }
        /// Whether it waits for the white cell (an unanswered RFI).
        public var needsAnswer: Bool { kind == .rfi && answer == nil && !fromWhiteCell }
    }

    /// The scenario's languages, its own first.
    public var languages: [String] = []
    /// The scenario, kept only when it has translations (to show an inject in each language).
    var translated: Scenario?

    /// Inject `id` in `language` (as a team reading it receives it); the original without one.
    public func inject(_ id: String, in language: String?) -> Inject? {
        guard let original = injectDetails[id] else { return nil }
        guard let translated, let language, let position = translated.injects.firstIndex(where: { $0.id == id }) else { return original }
        return translated.localizedInject(at: position, to: language)
    }

    public var ungradedCount: Int { grading.count { $0.grade == nil } }
    public var openRFICount: Int { messages.count { $0.needsAnswer } }

    /// The mark of team position `team` on inject position `inject`.
    public func mark(team: Int, inject: Int) -> Theme.Mark { marks[team * injects.count + inject] }

    /// The snapshot at `now`, its activity feed and party names in `texts`' language.
    public init(state: ExerciseState, now: Millis? = nil, texts: Texts = .english) {
        let now = max(now ?? state.exerciseTime, state.exerciseTime)
        let scenario = state.scenario
        let index = state.index
        title = scenario.title
        scenarioId = scenario.id
        self.now = now
        duration = scenario.duration
        phase = state.phase
        speed = state.speed
        objectives = scenario.objectives
        injectDetails = Dictionary(scenario.injects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        languages = scenario.languages
        translated = scenario.languages.count > 1 ? scenario : nil
        teams = state.teamOrder.map { TeamColumn(id: $0, name: state.teams[$0]?.team.name ?? $0) }
        injects = scenario.injects.map { InjectColumn(id: $0.id, title: $0.title, taskCount: $0.tasks.count) }
        let names = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })

        // Scores and the matrix.
        let card = state.scorecard(now: now)
        var marks = [Theme.Mark](repeating: .notReleased, count: teams.count * injects.count)
        var scores: [String: [TaskScore]] = [:]
        for score in card.teams { scores[score.team] = score.tasks }
        var outcomes = [[Outcome]](repeating: [], count: injects.count)
        for (t, team) in teams.enumerated() {
            guard let teamState = state.teams[team.id] else { continue }
            for i in outcomes.indices { outcomes[i].removeAll(keepingCapacity: true) }
            for score in scores[team.id] ?? [] {
                if let i = index.injectPosition[score.task.inject] { outcomes[i].append(score.outcome) }
            }
            for i in scenario.injects.indices {
                guard let released = teamState.released[i], released <= now else { continue }
                marks[t * injects.count + i] = Theme.Mark(combining: outcomes[i])
            }
        }
        self.marks = marks
        var releasedAt = [Millis?](repeating: nil, count: marks.count)
        var readAt = [Millis?](repeating: nil, count: marks.count)
        for (t, team) in teams.enumerated() {
            guard let teamState = state.teams[team.id] else { continue }
            for i in scenario.injects.indices {
                releasedAt[t * injects.count + i] = teamState.released[i].flatMap { $0 <= now ? $0 : nil }
                readAt[t * injects.count + i] = teamState.read[i]
            }
        }
        self.releasedAt = releasedAt
        self.readAt = readAt
        taskScores = scores
        hasFeedback = !scenario.feedback.isEmpty
        feedbackOpen = state.isFeedbackOpen
        if state.phase != .notStarted {
            pacing = Dictionary(state.pace(now: now, scores: scores).map { ($0.team, $0) }, uniquingKeysWith: { a, _ in a })
        }
        scoreboard = card.teams.map {
            ScoreRow(rank: $0.rank, team: $0.team, name: $0.name, points: $0.points, available: $0.availablePoints,
                     percent: $0.percentOfAvailable, outcomes: $0.outcomes)
        }

        msel = Self.msel(state: state, now: now)
        grading = Self.grading(state: state, scores: scores, names: names)
        messages = state.messages.map { timed in
            let m = timed.message
            return MessageRow(id: m.id, time: timed.time, from: Self.partyName(m.from, names, texts), to: Self.partyName(m.to, names, texts),
                              kind: m.kind, text: m.text, answer: m.kind == .rfi ? state.rfiAnswers[m.id]?.text : nil,
                              fromParty: m.from, toParty: m.to)
        }
        notes = state.notes
        activity = Self.activity(state: state, now: now, names: names, texts: texts)
        wordsLanguage = texts.language
    }

    /// The language of the snapshot's words (party names, activity rows).
    public private(set) var wordsLanguage: Language = .en

    /// Puts the snapshot's words (the white cell and all teams in messages, the activity feed)
    /// into `texts`' language; a console does it when its language differs from the snapshot's.
    public mutating func localize(_ texts: Texts) {
        guard texts.language != wordsLanguage else { return }
        wordsLanguage = texts.language
        for i in messages.indices {
            if case .team = messages[i].fromParty {} else { messages[i].from = Self.partyName(messages[i].fromParty, [:], texts) }
            if case .team = messages[i].toParty {} else { messages[i].to = Self.partyName(messages[i].toParty, [:], texts) }
        }
        for i in activity.indices { activity[i].localize(texts) }
    }

    static func partyName(_ party: Party, _ names: [String: String], _ texts: Texts) -> String {
        switch party {
        case .team(let id): names[id] ?? id
        case .whiteCell: texts(.partyWhiteCell)
        case .all: texts(.partyAllTeams)
        }
    }

    private static func msel(state: ExerciseState, now: Millis) -> [MSELRow] {
        let scenario = state.scenario
        let plan = PlannedSchedule(scenario)
        var rows: [MSELRow] = []
        rows.reserveCapacity(scenario.injects.count)
        for (i, inject) in scenario.injects.enumerated() {
            var released = 0, reachable = 0, waiting = 0, onDemand = 0
            var due: Millis?
            for k in 0..<state.teams.count {
                let team = state.teams[position: k]
                if team.released[i] != nil { released += 1; reachable += 1; continue }
                guard inject.isAddressed(to: team.team.id) else { continue }
                switch state.status(of: i, for: team.team.id, now: now) {
                case .scheduled(let t): reachable += 1; due = min(due ?? t, t)
                case .waiting: reachable += 1; waiting += 1
                case .held: reachable += 1
                case .released: released += 1; reachable += 1
                case .skipped, .notAddressed: break
                case .onDemand: reachable += 1; onDemand += 1
                }
            }
            let progress: Progress
            if state.held.contains(inject.id) && released < reachable { progress = .held }
            else if reachable > 0 && released == reachable { progress = .released }
            else if let due { progress = .due(at: due) }
            else if onDemand > 0 { progress = .onDemand }
            else if waiting > 0 || (reachable > released) { progress = .waiting }
            else { progress = .skipped }
            rows.append(MSELRow(inject: inject.id, title: inject.title, channel: inject.channel, planned: plan.scheduled[inject.id],
                                isBranch: inject.condition != nil, progress: progress, teamsReleased: released, teamsReachable: reachable,
                                unplanned: inject.unplanned))
        }
        // Planned order; the scenario's order breaks ties. Live injects have no plan: they sort
        // at their release time.
        func key(_ r: MSELRow, _ i: Int) -> Millis {
            if let p = r.planned, !r.unplanned { return p }
            if r.unplanned, case .at(let t) = scenario.injects[i].trigger { return t }
            return .max
        }
        return rows.enumerated().sorted { a, b in
            (key(a.element, a.offset), a.offset) < (key(b.element, b.offset), b.offset)
        }.map(\.element)
    }

    private static func grading(state: ExerciseState, scores: [String: [TaskScore]], names: [String: String]) -> [GradingItem] {
        let scenario = state.scenario
        var reportTasks: [(TaskRef, DrillTask, [RubricLevel])] = []
        for inject in scenario.injects {
            for task in inject.tasks {
                if case .report(let rubric) = task.kind { reportTasks.append((TaskRef(inject: inject.id, task: task.id), task, rubric)) }
            }
        }
        guard !reportTasks.isEmpty else { return [] }
        var items: [GradingItem] = []
        for id in state.teamOrder {
            guard let team = state.teams[id] else { continue }
            for (ref, task, rubric) in reportTasks {
                guard let progress = team.progress[ref], let last = progress.submissions.last else { continue }
                let points = scores[id]?.first { $0.task == ref }?.points ?? 0
                items.append(GradingItem(team: id, teamName: names[id] ?? id, task: ref, prompt: task.prompt,
                                         answer: last.values.joined(separator: "\n"), answeredAt: last.time, rubric: rubric,
                                         grade: progress.grades.last?.score, points: points, guide: task.guide))
            }
        }
        return items.enumerated().sorted { a, b in
            let ka = (a.element.grade == nil ? 0 : 1, a.element.answeredAt, a.offset)
            let kb = (b.element.grade == nil ? 0 : 1, b.element.answeredAt, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
