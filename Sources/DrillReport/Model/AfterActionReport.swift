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
    /// The artifact files handed out, with their SHA-256, in scenario order (empty when the
    /// journal recorded none).
    public var artifacts: [ArtifactEntry] = []
    /// grade17: tasks the white cell regraded or reopened, with every step and who took it.
    public var gradeChanges: [GradeHistory] = []
    /// grade17: the hot wash, per question (empty when the scenario asks none).
    public var feedback: [FeedbackResult] = []
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
    /// The language of the report's own words (headings, labels, sentences): `en`, `fr`, `es`,
    /// `ru`, `zh` or `ar`. Nil (older reports) reads as English.
    public var language: String? = nil
}
