/// What one team may see of the scores, as the scenario's `scoreboard:` allows:
///
/// | scoreboard | own tasks | own points, % | own rank | other teams |
/// |---|---|---|---|---|
/// | `live` | outcomes, points, reasons | yes | yes | rank, name, points |
/// | `own` | outcomes, points, reasons | yes | no | nothing |
/// | `hidden`, running | outcomes, reasons without figures | no | no | nothing |
/// | `hidden`, ended | as `own` | yes | no | nothing |
///
/// It never holds another team's answers, task scores or messages: it is built only from the
/// team's own `TeamScore` and, under `live`, the rank, name and points of the others.
public struct TeamView: Sendable, Hashable, Codable {
    public var team: String
    public var name: String
    public var scoreboard: ScoreboardVisibility
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    /// False while `hidden` keeps points from teams; every figure below is then nil.
    public var showsPoints: Bool
    /// The team's released tasks, in scenario order.
    public var tasks: [TeamTaskView]
    public var outcomes: OutcomeCounts
    public var points: Double?
    public var availablePoints: Double?
    public var totalPoints: Double?
    public var percentOfAvailable: Double?
    public var percentOfTotal: Double?
    /// Under `live` only.
    public var rank: Int?
    /// Under `live` only: every team's rank and points, in display order.
    public var standings: [Standing]?

    public init(team: String, name: String, scoreboard: ScoreboardVisibility, phase: ExerciseState.Phase,
                exerciseTime: Millis, showsPoints: Bool, tasks: [TeamTaskView], outcomes: OutcomeCounts,
                points: Double? = nil, availablePoints: Double? = nil, totalPoints: Double? = nil,
                percentOfAvailable: Double? = nil, percentOfTotal: Double? = nil, rank: Int? = nil,
                standings: [Standing]? = nil) {
        self.team = team
        self.name = name
        self.scoreboard = scoreboard
        self.phase = phase
        self.exerciseTime = exerciseTime
        self.showsPoints = showsPoints
        self.tasks = tasks
        self.outcomes = outcomes
        self.points = points
        self.availablePoints = availablePoints
        self.totalPoints = totalPoints
        self.percentOfAvailable = percentOfAvailable
        self.percentOfTotal = percentOfTotal
        self.rank = rank
        self.standings = standings
    }
}

/// One line of a live scoreboard.
public struct Standing: Sendable, Hashable, Codable {
    public var rank: Int
    public var team: String
    public var name: String
    public var points: Double

    public init(rank: Int, team: String, name: String, points: Double) {
        self.rank = rank
        self.team = team
        self.name = name
        self.points = points
    }
}

/// A team's own task score as the team may see it.
public struct TeamTaskView: Sendable, Hashable, Codable {
    public var task: TaskRef
    public var outcome: Outcome
    public var isFinal: Bool
    public var decidedAt: Millis?
    /// nil while `hidden` keeps points from teams.
    public var points: Double?
    public var maxPoints: Double
    /// With figures ("correct, 6 min late (×0.8), hint 1 (−3)") or, under `hidden`, without.
    public var reason: String
    /// The reason as facts (protocol v1 additions; without figures under `hidden`): what a client
    /// words in its own language.
    public var why: ScoreReason?
    public var wrongAttempts: Int
    public var hintsTaken: Int
    public var releasedAt: Millis?
    public var answeredAt: Millis?
    public var dueAt: Millis?
    public var closesAt: Millis?

    public init(_ score: TaskScore, showsPoints: Bool) {
        task = score.task
        outcome = score.outcome
        isFinal = score.isFinal
        decidedAt = score.decidedAt
        points = showsPoints ? score.points : nil
        maxPoints = score.maxPoints
        reason = showsPoints ? score.reason : score.plainReason
        why = showsPoints ? score.why : score.why?.withoutFigures
        wrongAttempts = score.wrongAttempts
        hintsTaken = score.hintsTaken
        releasedAt = score.releasedAt
        answeredAt = score.answeredAt
        dueAt = score.dueAt
        closesAt = score.closesAt
    }
}

extension TeamView {
    /// Whether teams see points: always, except under `hidden` until the exercise ends.
    public static func showsPoints(_ scoreboard: ScoreboardVisibility, phase: ExerciseState.Phase) -> Bool {
        scoreboard != .hidden || phase == .ended
    }
}

extension TeamTaskView {
    /// One task's score as its team may see it now, without scoring the whole exercise (hosts
    /// acknowledge answers with it; the rules are `Scorecard.teamView(for:)`'s).
    public init(_ score: TaskScore, scoreboard: ScoreboardVisibility, phase: ExerciseState.Phase) {
        self.init(score, showsPoints: TeamView.showsPoints(scoreboard, phase: phase))
    }
}

extension Scorecard {
    /// What `team` may see; nil if it is not in the scorecard.
    public func teamView(for team: String) -> TeamView? {
        guard let own = self.team(team) else { return nil }
        let showsPoints = TeamView.showsPoints(scoreboard, phase: phase)
        var view = TeamView(team: own.team, name: own.name, scoreboard: scoreboard, phase: phase, exerciseTime: exerciseTime,
                            showsPoints: showsPoints, tasks: own.tasks.map { TeamTaskView($0, showsPoints: showsPoints) },
                            outcomes: own.outcomes)
        if showsPoints {
            view.points = own.points
            view.availablePoints = own.availablePoints
            view.totalPoints = own.totalPoints
            view.percentOfAvailable = own.percentOfAvailable
            view.percentOfTotal = own.percentOfTotal
        }
        if scoreboard == .live {
            view.rank = own.rank
            view.standings = teams.map { Standing(rank: $0.rank, team: $0.team, name: $0.name, points: $0.points) }
        }
        return view
    }
}
