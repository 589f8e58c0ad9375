import DrillCore

/// The hot wash's answers to one question, as the audience may read them (grade17).
public struct FeedbackResult: Sendable, Hashable, Codable {
    public struct Count: Sendable, Hashable, Codable {
        public var answer: String
        public var count: Int
    }

    public var id: String
    public var type: FeedbackQuestion.Kind
    public var prompt: String
    /// Members who answered this question.
    public var responses: Int
    /// Scale: 1…5 in order; choice: the options in order. Empty for text.
    public var distribution: [Count]
    /// Scale: the mean answer.
    public var mean: Double?
    /// Text: every answer, quoted as given, redacted for the audience, in the order given; no
    /// name or team is attached.
    public var quotes: [String]
}
