import DrillCore

/// What `rehearse --format json` and `replay --format json` print: one object, one schema for
/// both (docs/cli.md lists its fields). A field that a command has no value for is left out:
/// `seed`, `endedAt` and the journal's fields come from `rehearse`; `digest`, `phase` and
/// `exerciseTime` from `replay`. Keys are written sorted, so the text is stable.
struct ScorecardJSON: Codable, Equatable {
    /// The scenario's id.
    var scenario: String
    /// `replay`: SHA-256 of the scenario embedded in the journal.
    var digest: String?
    /// `rehearse`: the seed of the simulated teams.
    var seed: UInt64?
    /// How many events the exercise holds.
    var events: Int
    /// `replay`: the exercise's phase (`planned`, `running`, `paused`, `ended`).
    var phase: String?
    /// `rehearse`: the exercise time at which the rehearsal ended (ms).
    var endedAt: Millis?
    /// `replay`: the exercise time the journal reaches (ms).
    var exerciseTime: Millis?
    /// One line per team, by rank.
    var teams: [ExerciseSummary.TeamLine]
    /// The objectives with their rating.
    var objectives: [ObjectiveScore]
    /// `rehearse --journal`: the journal written, its row count and its chain head.
    var journal: String?
    var journalRows: Int64?
    var chainHead: String?

    init(scenario: String, summary: ExerciseSummary, events: Int) {
        self.scenario = scenario
        self.events = events
        teams = summary.teams
        objectives = summary.objectives
    }
}
