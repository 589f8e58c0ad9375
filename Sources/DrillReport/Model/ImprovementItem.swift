import DrillCore

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
