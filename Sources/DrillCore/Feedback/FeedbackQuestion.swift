/// A question of the scenario's hot wash (`feedback:`), asked of every team member when the
/// exercise ends, or earlier when the white cell opens the form (grade17).
public struct FeedbackQuestion: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 1 (lowest) to 5 (highest).
        case scale
        /// One of `options`.
        case choice
        /// Free text.
        case text
    }

    public var id: String
    public var type: Kind
    public var prompt: String
    /// Choice questions: the answers offered.
    public var options: [String]

    public init(id: String, type: Kind, prompt: String, options: [String] = []) {
        self.id = id
        self.type = type
        self.prompt = prompt
        self.options = options
    }

    public static let scale = 1...5
    /// Longest free answer, in UTF-8 bytes.
    public static let maxTextBytes = 4096
}

/// The white cell opens the hot wash before the end (grade17).
public struct FeedbackOpening: Sendable, Hashable, Codable {
    public init() {}
}

/// One team member's answers to the hot wash (grade17). A member sending again replaces its
/// earlier answers; all stay in the journal.
public struct FeedbackAnswer: Sendable, Hashable, Codable {
    public var team: String
    /// Chosen by the member's console, the same for every answer it sends (not a name: the hot
    /// wash is anonymous in the report).
    public var member: String
    /// By question id: `1`…`5` for a scale, the option for a choice, the text.
    public var answers: [String: String]

    public init(team: String, member: String, answers: [String: String]) {
        self.team = team
        self.member = member
        self.answers = answers
    }
}

/// A member's latest answers as the fold keeps them.
public struct TimedFeedback: Sendable, Hashable {
    public var time: Millis
    public var answer: FeedbackAnswer
}
