import DrillCore

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
    // live17
    /// Composed by the white cell during the exercise (a live inject); absent otherwise.
    public var unplanned: Bool? = nil
    /// An inject of the library (`at: demand`), released only by hand; absent otherwise.
    public var onDemand: Bool? = nil
    /// The trigger as facts, for the renderers to word: the inject it follows and how long after
    /// (nil for `at`), and for a branch the task and outcomes it waits for.
    public var afterInject: String? = nil
    public var afterDelay: Millis? = nil
    public var conditionTask: String? = nil
    public var conditionOutcomes: [Outcome]? = nil
}
