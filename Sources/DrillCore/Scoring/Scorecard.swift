/// Every score of an exercise at one moment: per team, per inject, per objective and per
/// capability, derived from the events alone. It is what `--format json` prints and what the
/// after-action report reads, so its field names are part of the contract (docs/scoring.md).
///
/// Percentages are 0…100 and never rounded here; a percentage is `nil` when there is nothing to
/// take a share of (no points released yet), and so is the rating that would come from it.
public struct Scorecard: Sendable, Hashable, Codable {
    /// The scenario's id.
    public var scenario: String
    /// The exercise time the scores are taken at.
    public var exerciseTime: Millis
    public var phase: ExerciseState.Phase
    public var scoreboard: ScoreboardVisibility
    public var ratings: RatingThresholds
    /// In display order: points, highest first, then team id.
    public var teams: [TeamScore]
    /// In scenario order.
    public var injects: [InjectScore]
    /// In scenario order.
    public var objectives: [ObjectiveScore]
    /// In order of first mention by an objective.
    public var capabilities: [CapabilityScore]

    public init(scenario: String, exerciseTime: Millis, phase: ExerciseState.Phase, scoreboard: ScoreboardVisibility,
                ratings: RatingThresholds, teams: [TeamScore], injects: [InjectScore], objectives: [ObjectiveScore],
                capabilities: [CapabilityScore]) {
        self.scenario = scenario
        self.exerciseTime = exerciseTime
        self.phase = phase
        self.scoreboard = scoreboard
        self.ratings = ratings
        self.teams = teams
        self.injects = injects
        self.objectives = objectives
        self.capabilities = capabilities
    }

    /// The scores of one team, if it is registered.
    public func team(_ id: String) -> TeamScore? { teams.first { $0.team == id } }
}

/// One team's standing.
public struct TeamScore: Sendable, Hashable, Codable {
    public var team: String
    public var name: String
    /// Standard competition ranking (1, 2, 2, 4): teams with equal points share a rank.
    public var rank: Int
    public var points: Double
    /// The points of the tasks released to the team so far.
    public var availablePoints: Double
    /// The points of every task the team has received or may still receive (branches it can no
    /// longer take are left out).
    public var totalPoints: Double
    /// `points` in percent of `availablePoints`.
    public var percentOfAvailable: Double?
    /// `points` in percent of `totalPoints`.
    public var percentOfTotal: Double?
    /// Outcomes of the released tasks.
    public var outcomes: OutcomeCounts
    /// The released tasks, in scenario order.
    public var tasks: [TaskScore]

    public init(team: String, name: String, rank: Int, points: Double, availablePoints: Double, totalPoints: Double,
                outcomes: OutcomeCounts, tasks: [TaskScore]) {
        self.team = team
        self.name = name
        self.rank = rank
        self.points = points
        self.availablePoints = availablePoints
        self.totalPoints = totalPoints
        percentOfAvailable = Scorecard.percent(points, of: availablePoints)
        percentOfTotal = Scorecard.percent(points, of: totalPoints)
        self.outcomes = outcomes
        self.tasks = tasks
    }
}

/// How the teams an inject reached did on its tasks.
public struct InjectScore: Sendable, Hashable, Codable {
    public var inject: String
    public var title: String
    /// The sum of its tasks' points.
    public var maxPoints: Double
    /// Teams it was released to by the scorecard's time.
    public var teamsReached: Int
    /// The mean, over the teams reached, of each team's points on the inject in percent of `maxPoints`.
    public var averagePercent: Double?
    /// Outcomes of its tasks, over the teams reached.
    public var outcomes: OutcomeCounts

    public init(inject: String, title: String, maxPoints: Double, teamsReached: Int, averagePercent: Double?, outcomes: OutcomeCounts) {
        self.inject = inject
        self.title = title
        self.maxPoints = maxPoints
        self.teamsReached = teamsReached
        self.averagePercent = averagePercent
        self.outcomes = outcomes
    }
}

/// An objective's points over the released tasks that give evidence for it, with its HSEEP rating:
/// none (nil) while no such task has been released, U if the scenario has no such task at all.
public struct ObjectiveScore: Sendable, Hashable, Codable {
    public var objective: String
    public var title: String
    public var capability: String
    /// Summed over all teams.
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
    /// Per team, in the scorecard's team order.
    public var teams: [EvidenceScore]

    /// `tested` is false when no task of the scenario gives evidence for it: it is then rated U.
    public init(objective: String, title: String, capability: String, points: Double, possiblePoints: Double,
                rating thresholds: RatingThresholds, tested: Bool = true, teams: [EvidenceScore]) {
        self.objective = objective
        self.title = title
        self.capability = capability
        self.points = points
        self.possiblePoints = possiblePoints
        percent = Scorecard.percent(points, of: possiblePoints)
        rating = Scorecard.rating(percent, thresholds, tested: tested)
        self.teams = teams
    }
}

/// A capability's points over the released tasks that give evidence for any of its objectives
/// (a task counts once even when it serves two of them).
public struct CapabilityScore: Sendable, Hashable, Codable {
    public var capability: String
    /// Objective ids with this capability, in scenario order.
    public var objectives: [String]
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
    public var teams: [EvidenceScore]

    public init(capability: String, objectives: [String], points: Double, possiblePoints: Double,
                rating thresholds: RatingThresholds, tested: Bool = true, teams: [EvidenceScore]) {
        self.capability = capability
        self.objectives = objectives
        self.points = points
        self.possiblePoints = possiblePoints
        percent = Scorecard.percent(points, of: possiblePoints)
        rating = Scorecard.rating(percent, thresholds, tested: tested)
        self.teams = teams
    }
}

/// One team's points on an objective or capability.
public struct EvidenceScore: Sendable, Hashable, Codable {
    public var team: String
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?

    public init(team: String, points: Double, possiblePoints: Double, rating thresholds: RatingThresholds, tested: Bool = true) {
        self.team = team
        self.points = points
        self.possiblePoints = possiblePoints
        percent = Scorecard.percent(points, of: possiblePoints)
        rating = Scorecard.rating(percent, thresholds, tested: tested)
    }
}

/// How many tasks ended (so far) in each outcome.
public struct OutcomeCounts: Sendable, Hashable, Codable {
    public var pending = 0
    public var correct = 0
    public var partial = 0
    public var wrong = 0
    public var missed = 0

    public init(pending: Int = 0, correct: Int = 0, partial: Int = 0, wrong: Int = 0, missed: Int = 0) {
        self.pending = pending
        self.correct = correct
        self.partial = partial
        self.wrong = wrong
        self.missed = missed
    }

    public mutating func add(_ outcome: Outcome) {
        switch outcome {
        case .pending: pending += 1
        case .correct: correct += 1
        case .partial: partial += 1
        case .wrong: wrong += 1
        case .missed: missed += 1
        }
    }

    public subscript(_ outcome: Outcome) -> Int {
        switch outcome {
        case .pending: pending
        case .correct: correct
        case .partial: partial
        case .wrong: wrong
        case .missed: missed
        }
    }

    public var total: Int { pending + correct + partial + wrong + missed }
}

extension Scorecard {
    /// The rating of a percentage; with no percentage, U for what no task tests, else none.
    static func rating(_ percent: Double?, _ thresholds: RatingThresholds, tested: Bool) -> HSEEPRating? {
        if let percent { return thresholds.rating(forPercent: percent) }
        return tested ? nil : .u
    }

    /// `part` in percent of `whole`; nil when `whole` is 0. Multiplied before dividing, so that
    /// 17 of 20 is 85 exactly.
    public static func percent(_ part: Double, of whole: Double) -> Double? {
        whole > 0 ? part * 100 / whole : nil
    }
}
