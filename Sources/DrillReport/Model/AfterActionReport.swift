import DrillCore

/// The after-action report (AAR) and improvement plan of one exercise, in the HSEEP shape.
///
/// One model, rendered as Markdown, HTML, JSON and CSV. Its Codable form *is* the JSON format
/// (`cyberdrill-aar/1`, docs/report-schema.md), so field names are part of the contract. Every
/// figure is taken from the exercise's `Scorecard`; nothing is scored again here. All text that came
/// from the scenario, notes or messages has been redacted for the audience before it got here.
///
/// Times named `…At` are exercise times in ms since the start; lengths are ms; `…Wall` fields are
/// UTC wall-clock dates in ISO 8601.
public struct AfterActionReport: Sendable, Hashable, Codable {
    public static let currentFormat = "cyberdrill-aar/1"

    public var format: String
    public var audience: Audience
    public var overview: Overview
    /// Executive summary: sentences written from the figures.
    public var summary: [String]
    /// In scenario order.
    public var objectives: [ObjectiveResult]
    /// In order of first mention by an objective.
    public var capabilities: [CapabilityAnalysis]
    /// Every task of the scenario with how the teams did on it, in scenario order.
    public var tasks: [TaskSummary]
    /// Facilitator notes the audience may read, in exercise-time order.
    public var notes: [NoteEntry]
    public var improvementPlan: [ImprovementItem]
    /// One entry per inject, in planned order.
    public var timeline: [TimelineEntry]
    /// Regional: every team; team report: that team only. In `teamOrder`.
    public var teams: [TeamReport]
    /// All teams as an anonymous distribution.
    public var region: RegionalDistribution
    public var responseTimes: ResponseTimes
}

/// Who the report is for.
public struct Audience: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Every team (the facilitators' or the published regional report).
        case regional
        /// One team's private report.
        case team
    }

    public var kind: Kind
    /// Team names, ids and countries are replaced by "Team A", "Team B", …
    public var anonymized: Bool
    /// The label of the team a `team` report is for.
    public var team: String?
}

// MARK: Overview

public struct Overview: Sendable, Hashable, Codable {
    public var scenario: ScenarioInfo
    /// `notStarted`, `running`, `paused` or `ended` when the journal ends.
    public var phase: String
    public var startedWall: String?
    public var endedWall: String?
    /// The date of the last event, for exercises that have not ended.
    public var lastEventWall: String?
    public var plannedDuration: Millis
    /// Exercise time from start to end (to the last event while not ended); pauses do not count.
    public var actualDuration: Millis?
    /// Wall-clock time from start to end, pauses included.
    public var wallDuration: Millis?
    public var pauses: [PauseSpan]
    public var pausedTotal: Millis
    /// Labels of the teams, in team order (a team report lists its own team only).
    public var teams: [String]
    public var teamCount: Int
    /// Distinct facilitators who acted, by name, in order of first action.
    public var facilitators: [String]
    public var injectsPlanned: Int
    /// Injects released to at least one team.
    public var injectsReleased: Int
    public var tasksPlanned: Int
    public var events: Int
    /// Overall points of the audience's teams in percent of the points released to them, and its HSEEP rating.
    public var percent: Double?
    public var rating: HSEEPRating?
}

public struct ScenarioInfo: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var summary: String
    /// BCP 47 tag of the content.
    public var language: String
    /// `ltr` or `rtl`, from the language.
    public var direction: String
    public var digest: String?
    public var ratings: RatingThresholds
}

public struct PauseSpan: Sendable, Hashable, Codable {
    public var from: Millis
    /// nil while still paused when the journal ends.
    public var to: Millis?
    public var fromWall: String?
    public var toWall: String?
    /// Wall-clock length (exercise time stands still while paused).
    public var length: Millis?
}

// MARK: Objectives and capabilities

/// An objective with its HSEEP rating and the evidence behind it.
public struct ObjectiveResult: Sendable, Hashable, Codable {
    public var objective: String
    public var title: String
    public var capability: String
    public var description: String
    /// Regional: all teams pooled (the scorecard's objective score). Team report: that team's.
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
    /// Tasks that give evidence for it (`INJECT.TASK`), in scenario order.
    public var tasks: [String]
    /// Teams with at least one of those tasks released.
    public var teamsAssessed: Int
    /// How many teams rated P, S, M and U on it.
    public var ratingCounts: RatingCounts
    /// Per-team percentages, as an anonymous distribution.
    public var spread: Spread?
    /// Per team (regional, in team order); empty in a team report.
    public var teams: [TeamRating]
}

public struct RatingCounts: Sendable, Hashable, Codable {
    public var p = 0
    public var s = 0
    public var m = 0
    public var u = 0

    mutating func add(_ rating: HSEEPRating?) {
        switch rating {
        case .p: p += 1
        case .s: s += 1
        case .m: m += 1
        case .u: u += 1
        case nil: break
        }
    }

    public subscript(_ rating: HSEEPRating) -> Int {
        switch rating {
        case .p: p
        case .s: s
        case .m: m
        case .u: u
        }
    }
}

public struct TeamRating: Sendable, Hashable, Codable {
    public var team: String
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
}

/// A capability's rating, strengths and areas for improvement.
public struct CapabilityAnalysis: Sendable, Hashable, Codable {
    public var capability: String
    public var objectives: [String]
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
    public var spread: Spread?
    public var strengths: [Finding]
    public var improvements: [Finding]
}

/// One strength or area for improvement, from the scores or from a facilitator's note.
public struct Finding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Most teams (or the team) answered correctly and on time.
        case answeredWell
        /// Most teams (or the team) missed the task or answered it wrong.
        case missed
        /// Many answers came after the task was due.
        case late
        /// Many teams needed a hint.
        case hints
        /// A facilitator's note.
        case note
    }

    public var kind: Kind
    public var text: String
    public var task: String?
    public var inject: String?
    /// Teams concerned, of `of` teams the task reached.
    public var teams: Int?
    public var of: Int?
    /// Index into `notes` for `note` findings.
    public var note: Int?
}

// MARK: Tasks, notes, improvement plan

/// A task of the scenario and how every team that received it did (anonymous aggregates).
public struct TaskSummary: Sendable, Hashable, Codable {
    public var task: String
    public var inject: String
    public var prompt: String
    public var type: String
    public var maxPoints: Double
    public var objectives: [String]
    public var capabilities: [String]
    public var teamsReached: Int
    public var outcomes: OutcomeCounts
    /// Mean of the teams' points in percent of `maxPoints`.
    public var averagePercent: Double?
    /// Teams whose scoring answer came after the task was due.
    public var answeredLate: Int
    /// Teams that took at least one hint.
    public var tookHints: Int
    /// Time from release to answer, over the teams that answered.
    public var answerTime: TimeStats
}

/// A facilitator's observation.
public struct NoteEntry: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case strength, improvement, observation
    }

    public var at: Millis
    public var by: String
    public var kind: Kind
    /// The observation, without the `action:`/`owner:`/`due:` lines.
    public var text: String
    public var inject: String?
    /// Label of the team it is about.
    public var team: String?
    public var capabilities: [String]
    public var objectives: [String]
    public var tags: [String]
    public var action: String?
    public var owner: String?
    public var due: String?
}

/// A row of the improvement plan; the last three columns are blank (nil) to be filled in unless a note gave them.
public struct ImprovementItem: Sendable, Hashable, Codable {
    public var area: String
    public var capability: String
    public var objectives: [String]
    public var task: String?
    public var inject: String?
    /// `scores` or `note`.
    public var source: String
    public var action: String?
    public var owner: String?
    public var due: String?
}

// MARK: Timeline

/// An inject planned against what happened.
public struct TimelineEntry: Sendable, Hashable, Codable {
    public var inject: String
    public var title: String
    public var channel: String
    /// Planned release (branches as if their condition held); nil when it cannot be resolved.
    public var plannedAt: Millis?
    /// `at`, or `after I03 + 10m`, with `, when I02.c2 is wrong|missed` for branches.
    public var trigger: String
    public var isBranch: Bool
    /// Exercise times a facilitator held it.
    public var heldAt: [Millis]
    /// Releases a facilitator made by hand.
    public var manualReleases: Int
    /// Teams it is addressed to (before branches).
    public var teamsAddressed: Int
    public var teamsReached: Int
    public var firstReleasedAt: Millis?
    public var lastReleasedAt: Millis?
    /// Median of release minus plan over the teams reached.
    public var medianDelay: Millis?
    public var averagePercent: Double?
    public var outcomes: OutcomeCounts
}

// MARK: Teams

/// One team's scorecard.
public struct TeamReport: Sendable, Hashable, Codable {
    /// The team's name, or its pseudonym ("Team A") when anonymised.
    public var team: String
    /// nil when anonymised.
    public var id: String?
    public var country: String?
    /// Standard competition rank; nil when anonymised.
    public var rank: Int?
    /// Teams ranked.
    public var of: Int
    public var points: Double
    public var availablePoints: Double
    public var totalPoints: Double
    public var percent: Double?
    public var percentOfTotal: Double?
    public var rating: HSEEPRating?
    public var outcomes: OutcomeCounts
    public var tasks: [TeamTask]
    /// Injects released to the team (in scenario order): planned against actual.
    public var injects: [TeamInject]
    public var objectives: [TeamObjective]
    /// From release to first read of each inject.
    public var readTime: TimeStats
    /// From release to the answer of each answered task.
    public var answerTime: TimeStats
    public var hintsTaken: Int
    public var messagesToTeams: Int
    public var messagesToWhiteCell: Int
    public var rfis: [RFIEntry]
    /// Cumulative points at each answer that earned points, from (0, 0).
    public var scoreOverTime: [ScorePoint]
}

public struct TeamTask: Sendable, Hashable, Codable {
    public var task: String
    public var inject: String
    public var type: String
    public var outcome: Outcome
    public var points: Double
    public var maxPoints: Double
    /// The scorer's reason, e.g. "correct, 6 min late (×0.8), hint 1 (−3)".
    public var reason: String
    public var releasedAt: Millis?
    public var readAt: Millis?
    public var answeredAt: Millis?
    public var dueAt: Millis?
    public var timeToRead: Millis?
    public var timeToAnswer: Millis?
    public var late: Bool
    public var wrongAttempts: Int
    public var hintsTaken: Int
}

public struct TeamInject: Sendable, Hashable, Codable {
    public var inject: String
    public var plannedAt: Millis?
    public var releasedAt: Millis
    public var readAt: Millis?
    /// Release minus plan.
    public var delay: Millis?
    public var points: Double
    public var maxPoints: Double
    public var percent: Double?
    /// The inject's tasks in one word: correct (all), missed (all), wrong (nothing earned),
    /// pending (any), partial otherwise; nil when it has no tasks.
    public var result: Outcome?
}

public struct TeamObjective: Sendable, Hashable, Codable {
    public var objective: String
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
}

public struct RFIEntry: Sendable, Hashable, Codable {
    public var at: Millis
    public var question: String
    public var answer: String?
    public var answeredAt: Millis?
}

public struct ScorePoint: Sendable, Hashable, Codable {
    public var at: Millis
    public var points: Double
}

// MARK: Distributions

/// Five figures of a distribution (min, quartiles, median, max) and its size.
public struct Spread: Sendable, Hashable, Codable {
    public var count: Int
    public var min: Double
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var max: Double
}

/// Times in ms: count, median, 90th percentile, quartiles, min and max (nil when count is 0).
public struct TimeStats: Sendable, Hashable, Codable {
    public var count: Int
    public var median: Millis?
    public var p90: Millis?
    public var q1: Millis?
    public var q3: Millis?
    public var min: Millis?
    public var max: Millis?
}

/// Every team, without names: what a team report compares the team with.
public struct RegionalDistribution: Sendable, Hashable, Codable {
    public var teams: Int
    /// Teams' points in percent of the points released to them.
    public var percent: Spread?
    public var points: Spread?
    public var readTime: TimeStats
    public var answerTime: TimeStats
    /// Quartiles of the teams' cumulative points over time.
    public var scoreOverTime: [BandPoint]
}

public struct BandPoint: Sendable, Hashable, Codable {
    public var at: Millis
    public var q1: Double
    public var median: Double
    public var q3: Double
}

/// How quickly the audience's teams read injects and answered tasks.
public struct ResponseTimes: Sendable, Hashable, Codable {
    public var read: TimeStats
    public var answer: TimeStats
    /// Bins of `binWidth` ms from 0; the last bin also holds everything beyond it.
    public var binWidth: Millis
    public var bins: [HistogramBin]
}

public struct HistogramBin: Sendable, Hashable, Codable {
    public var from: Millis
    public var to: Millis
    public var read: Int
    public var answer: Int
}
