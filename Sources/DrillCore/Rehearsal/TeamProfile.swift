/// How a simulated team behaves in a rehearsal.
public struct TeamProfile: Sendable, Hashable, Codable {
    public var name: String
    /// Probability an answer is right.
    public var accuracy: Double
    /// Answer time as a fraction of the task's `due` window (low is fast).
    public var pace: ClosedRange<Double>
    /// Probability of taking a hint before answering.
    public var hintChance: Double
    /// Probability of asking the white cell a question on an inject.
    public var rfiChance: Double

    public static let strong = TeamProfile(name: "strong", accuracy: 0.9, pace: 0.15...0.7, hintChance: 0.05, rfiChance: 0.05)
    public static let average = TeamProfile(name: "average", accuracy: 0.7, pace: 0.3...1.1, hintChance: 0.2, rfiChance: 0.1)
    public static let struggling = TeamProfile(name: "struggling", accuracy: 0.45, pace: 0.6...1.6, hintChance: 0.4, rfiChance: 0.2)

    public static let all = [strong, average, struggling]
}
