import DrillCore

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
