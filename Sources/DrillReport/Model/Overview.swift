import DrillCore

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
    /// Report tasks answered but not graded yet, of the audience's teams: they stay pending (also
    /// after the end) until the white cell grades them. Every other task is final once the
    /// exercise has ended.
    public var awaitingGrade: Int
    /// Teams the scenario names that did not take part (a roster without them), and what was
    /// skipped for them; nil when every team it names took part.
    public var absence: Absence?
    /// Overall points of the audience's teams in percent of the points released to them, and its HSEEP rating.
    public var percent: Double?
    public var rating: HSEEPRating?
    /// Rows in the journal the report was written from, `exerciseCreated` included.
    public var journalRows: Int64? = nil
    /// Hash of the journal's last row (64 hex digits): keep it to detect rows removed later.
    public var chainHead: String? = nil
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

/// What the scenario addressed to teams that did not take part. Counts and scenario ids only: no
/// absent team is named, so that an anonymised report gives none away either.
public struct Absence: Sendable, Hashable, Codable {
    /// Teams the scenario names (its `teams:`, `to:` and `with:`) that were not in the exercise.
    public var teams: Int
    /// Injects addressed (`to:`) to at least one absent team: skipped for those teams.
    public var injects: [String]
    /// Coordination tasks (`inject.task`) that asked for an absent team: it was dropped from them.
    public var coordinationTasks: [String]
    /// Of those, the ones left with no team to tell: not scored.
    public var unscoredTasks: [String]
}
