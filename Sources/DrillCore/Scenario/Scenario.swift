/// Exercise time and spans, in milliseconds. Exercise time 0 is the start of the exercise.
public typealias Millis = Int64

/// A scripted exercise: the master scenario events list (MSEL) and everything needed to score it.
public struct Scenario: Sendable, Hashable {
    /// The format tag; only `cyberdrill/1` is understood.
    public var format: String
    public var id: String
    public var title: String
    public var summary: String
    /// BCP 47 tag of the content (`en`, `fr`, `ar`, `zh`, …).
    public var language: String
    /// Every language a team may read the scenario in, `language` first (`languages:` in the file;
    /// just `language` when the file does not say).
    public var languages: [String]
    /// The scenario's texts in each other language of `languages`, by language tag.
    public var translations: [String: ScenarioTranslation]
    /// Planned exercise time.
    public var duration: Millis
    public var scoreboard: ScoreboardVisibility
    public var objectives: [Objective]
    /// The default roster; a roster file given to `run`/`serve` replaces it.
    public var teams: [Team]
    public var defaults: TaskDefaults
    public var ratings: RatingThresholds
    public var injects: [Inject]
    /// grade17: the hot wash's questions (`feedback:`), in order; empty: no hot wash.
    public var feedback: [FeedbackQuestion] = []

    public init(
        format: String = Scenario.currentFormat, id: String, title: String, summary: String = "",
        language: String = "en", duration: Millis, scoreboard: ScoreboardVisibility = .own,
        objectives: [Objective] = [], teams: [Team] = [], defaults: TaskDefaults = TaskDefaults(),
        ratings: RatingThresholds = RatingThresholds(), injects: [Inject]
    ) {
        self.format = format
        self.id = id
        self.title = title
        self.summary = summary
        self.language = language
        self.languages = [language]
        self.translations = [:]
        self.duration = duration
        self.scoreboard = scoreboard
        self.objectives = objectives
        self.teams = teams
        self.defaults = defaults
        self.ratings = ratings
        self.injects = injects
    }

    public static let currentFormat = "cyberdrill/1"

    /// The inject with this id, if any.
    public func inject(_ id: String) -> Inject? { injects.first { $0.id == id } }

    /// The task a reference points at, if any.
    public func task(_ ref: TaskRef) -> DrillTask? { inject(ref.inject)?.tasks.first { $0.id == ref.task } }

    /// The objective with this id, if any.
    public func objective(_ id: String) -> Objective? { objectives.first { $0.id == id } }
}

/// What teams may see of the scores of others.
public enum ScoreboardVisibility: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every team sees the whole scoreboard.
    case live
    /// A team sees only its own score.
    case own
    /// Teams see no scores until the exercise ends.
    case hidden
}

/// An exercise objective, rated P/S/M/U in the after-action report.
public struct Objective: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// Free label: HSEEP core capability, GCA pillar, NIST CSF function…
    public var capability: String
    public var description: String

    public init(id: String, title: String, capability: String = "general", description: String = "") {
        self.id = id
        self.title = title
        self.capability = capability
        self.description = description
    }
}

/// A participating team, usually a national CIRT.
public struct Team: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var country: String
    public var contact: String
    /// The BCP 47 tag of the language the team reads scenario content in; nil: the scenario's own.
    public var language: String?

    public init(id: String, name: String, country: String = "", contact: String = "", language: String? = nil) {
        self.id = id
        self.name = name
        self.country = country
        self.contact = contact
        self.language = language
    }
}

/// Values every task takes unless it says otherwise.
public struct TaskDefaults: Sendable, Hashable {
    /// Answer window from the inject's release to the team.
    public var due: Millis = 15 * 60_000
    /// After `due`, points decay linearly to `floor` over this window.
    public var late: Millis = 15 * 60_000
    /// Fraction of the points kept at the end of the late window.
    public var floor: Double = 0.5
    public var points: Double = 10
    /// Wrong attempts allowed; `nil` is unlimited.
    public var attempts: Int? = nil
    /// Points lost per wrong attempt (per false item for indicator tasks).
    public var penalty: Double = 0

    public init() {}
}

/// HSEEP rating thresholds, in percent of an objective's points.
public struct RatingThresholds: Sendable, Hashable, Codable {
    /// Performed without challenges.
    public var p: Double = 85
    /// Performed with some challenges.
    public var s: Double = 60
    /// Performed with major challenges.
    public var m: Double = 30

    public init(p: Double = 85, s: Double = 60, m: Double = 30) {
        self.p = p
        self.s = s
        self.m = m
    }
}
