import DrillCore

/// What a report is built from: the journal's facts, and nothing else.
///
/// `state` is the fold of `events`; `walls` holds the wall time (UTC ms) of each event, parallel to
/// `events`. The CLI passes a journal replay's fields in; tests may pass a rehearsal's.
public struct ReportInput: Sendable {
    public var state: ExerciseState
    public var events: [ExerciseEvent]
    public var walls: [Int64]
    /// SHA-256 of the scenario's text, as the journal recorded it; nil when not known.
    public var scenarioDigest: String?
    /// The journal's row count and chain head (hash of its last row, 64 hex digits) when the
    /// report was written: printed in every format, so that `cyberdrill verify --report` can
    /// later tell whether rows were removed from the journal's end. Nil when not known.
    public var journalRows: Int64?
    public var chainHead: String?
    /// The artifact files' facts the journal recorded when the exercise was created (nil: none recorded).
    public var artifacts: [ArtifactRecord]?

    public init(state: ExerciseState, events: [ExerciseEvent], walls: [Int64], scenarioDigest: String? = nil,
                artifacts: [ArtifactRecord]? = nil, journalRows: Int64? = nil, chainHead: String? = nil) {
        self.state = state
        self.events = events
        self.walls = walls
        self.scenarioDigest = scenarioDigest
        self.journalRows = journalRows
        self.chainHead = chainHead
        self.artifacts = artifacts
    }

    public var scenario: Scenario { state.scenario }

    /// The wall time of event `k`, if known.
    func wall(_ k: Int) -> Int64? { walls.indices.contains(k) ? walls[k] : nil }
}

/// Who a report is for: the whole region (optionally anonymised), or one team privately.
public struct ReportOptions: Sendable, Hashable {
    /// Write one team's private report: only its name and scores; other teams only as anonymous distributions.
    public var team: String?
    /// Teams become "Team A", "Team B", …; no team name, id or country appears anywhere.
    public var anonymize: Bool
    /// More words to hide wherever free text is shown (e.g. country names in the scenario's own
    /// language, which no team field carries); each becomes "[redacted]".
    public var redact: [String]
    /// The language of the scenario's texts (titles, prompts) in the report: one of the scenario's
    /// `languages`; nil: the team's own language for a team report, the scenario's otherwise.
    /// Team answers are quoted as written, whatever the language.
    public var language: String?

    public init(team: String? = nil, anonymize: Bool = false, redact: [String] = [], language: String? = nil) {
        self.team = team
        self.anonymize = anonymize
        self.redact = redact
        self.language = language
    }
}

/// Why a report cannot be built.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownTeam(String, known: [String])

    public var description: String {
        switch self {
        case .unknownTeam(let id, let known):
            let list = known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")
            return "no team '\(id)' took part in this exercise; give one of: \(list)"
        }
    }
}
