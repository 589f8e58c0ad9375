import Foundation
import DrillCore

// MARK: Live payloads

public struct Welcome: Sendable, Hashable, Codable {
    public var role: Role
    /// `team:<id>`, `facilitator:<name>` or `observer:<name>`.
    public var identity: String
    /// The team's display name, or the facilitator's or observer's name.
    public var name: String
    /// For a team connection: the team itself.
    public var team: TeamInfo?
    /// The feed this connection receives.
    public var feed: Feed
    /// The feed's last seq now; the replay that follows ends with it.
    public var feedSeq: Int
    /// The replay starts after this seq: the client's `lastSeq`, or 0 when that was beyond the feed.
    public var resumeFrom: Int
    public var scenario: ScenarioInfo
    public var clock: ClockStatus
    /// Every registered team (ids and names, to address messages).
    public var teams: [TeamInfo]
    /// The server program and version.
    public var server: String
    public var maxMessageBytes: Int

    public init(role: Role, identity: String, name: String, team: TeamInfo?, feed: Feed, feedSeq: Int, resumeFrom: Int,
                scenario: ScenarioInfo, clock: ClockStatus, teams: [TeamInfo], server: String, maxMessageBytes: Int = Wire.maxMessageBytes) {
        self.role = role
        self.identity = identity
        self.name = name
        self.team = team
        self.feed = feed
        self.feedSeq = feedSeq
        self.resumeFrom = resumeFrom
        self.scenario = scenario
        self.clock = clock
        self.teams = teams
        self.server = server
        self.maxMessageBytes = maxMessageBytes
    }
}

/// What teams are told of the scenario (nothing a team should not read).
public struct ScenarioInfo: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var summary: String
    public var language: String
    /// Planned exercise time, ms.
    public var duration: Millis
    public var scoreboard: ScoreboardVisibility

    public init(_ scenario: Scenario) {
        id = scenario.id
        title = scenario.title
        summary = scenario.summary
        language = scenario.language
        duration = scenario.duration
        scoreboard = scenario.scoreboard
    }

    /// The scenario as a team reading `reader` knows it: title and summary in its language, and
    /// `language` the one its injects come in.
    public init(_ scenario: Scenario, reader: String?) {
        self.init(scenario)
        let tag = scenario.contentLanguage(for: reader)
        guard let t = scenario.translations[tag] else { return }
        title = t.title ?? title
        summary = t.summary ?? summary
        language = tag
    }
}

public struct TeamInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var country: String
    /// For the white cell only.
    public var contact: String?
    /// The language the team reads scenario content in (BCP 47); nil: the scenario's own.
    public var language: String?

    public init(_ team: Team, withContact: Bool) {
        id = team.id
        name = team.name
        country = team.country
        contact = withContact && !team.contact.isEmpty ? team.contact : nil
        language = team.language
    }
}

/// Where the exercise clock stands. Between two of these a client may run the clock itself:
/// while `running`, exercise time advances `speed` ms per wall ms.
public struct ClockStatus: Sendable, Hashable, Codable {
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    public var speed: Double
    /// The server's wall clock (UTC ms) when it read the exercise time.
    public var wall: Millis

    public init(phase: ExerciseState.Phase, exerciseTime: Millis, speed: Double, wall: Millis) {
        self.phase = phase
        self.exerciseTime = exerciseTime
        self.speed = speed
        self.wall = wall
    }
}

/// The reply to a client message that was carried out.
public struct Done: Sendable, Hashable, Codable {
    /// For `submit`: the submission id.
    public var submission: String?
    /// For `submit`: true when that submission id was already recorded (the retry changed nothing).
    public var duplicate: Bool?

    public init(submission: String? = nil, duplicate: Bool? = nil) {
        self.submission = submission
        self.duplicate = duplicate
    }
}

public struct Standings: Sendable, Hashable, Codable {
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    /// In rank order.
    public var teams: [Row]

    public struct Row: Sendable, Hashable, Codable {
        public var rank: Int
        public var team: String
        public var name: String
        public var points: Double
        public var availablePoints: Double
        public var percentOfAvailable: Double?
        public var outcomes: OutcomeCounts

        public init(_ score: TeamScore) {
            rank = score.rank
            team = score.team
            name = score.name
            points = score.points
            availablePoints = score.availablePoints
            percentOfAvailable = score.percentOfAvailable
            outcomes = score.outcomes
        }
    }

    public init(_ scorecard: Scorecard) {
        phase = scorecard.phase
        exerciseTime = scorecard.exerciseTime
        teams = scorecard.teams.map(Row.init)
    }
}

/// The MSEL as it stands: every inject's status for every team it concerns.
public struct ExerciseStatus: Sendable, Hashable, Codable {
    public var phase: ExerciseState.Phase
    public var exerciseTime: Millis
    public var speed: Double
    public var injects: [InjectProgress]

    public struct InjectProgress: Sendable, Hashable, Codable {
        public var inject: String
        public var title: String
        public var held: Bool
        public var teams: [TeamInjectStatus]

        public init(inject: String, title: String, held: Bool, teams: [TeamInjectStatus]) {
            self.inject = inject
            self.title = title
            self.held = held
            self.teams = teams
        }
    }

    public struct TeamInjectStatus: Sendable, Hashable, Codable {
        public var team: String
        /// `released`, `scheduled`, `waiting`, `held`, `skipped` or `notAddressed`.
        public var status: String
        /// Released or scheduled at this exercise time.
        public var at: Millis?
        /// What it waits for, or why it is skipped.
        public var reason: String?
        /// When the team marked it read.
        public var readAt: Millis?

        public init(team: String, status: String, at: Millis?, reason: String?, readAt: Millis?) {
            self.team = team
            self.status = status
            self.at = at
            self.reason = reason
            self.readAt = readAt
        }
    }

    public init(phase: ExerciseState.Phase, exerciseTime: Millis, speed: Double, injects: [InjectProgress]) {
        self.phase = phase
        self.exerciseTime = exerciseTime
        self.speed = speed
        self.injects = injects
    }
}

public struct ScenarioSource: Sendable, Hashable, Codable {
    public var id: String
    /// SHA-256 of `source`, lowercase hex, as in the journal.
    public var digest: String
    /// The YAML text the exercise was created from.
    public var source: String

    public init(id: String, digest: String, source: String) {
        self.id = id
        self.digest = digest
        self.source = source
    }
}
