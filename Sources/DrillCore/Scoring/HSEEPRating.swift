/// The HSEEP rating of an objective or capability, from the share of its points a team (or all
/// teams) earned.
public enum HSEEPRating: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Performed without challenges.
    case p = "P"
    /// Performed with some challenges.
    case s = "S"
    /// Performed with major challenges.
    case m = "M"
    /// Unable to be performed.
    case u = "U"

    /// The wording of the HSEEP rating, for reports.
    public var title: String {
        switch self {
        case .p: "Performed without challenges"
        case .s: "Performed with some challenges"
        case .m: "Performed with major challenges"
        case .u: "Unable to be performed"
        }
    }

    /// P before S before M before U.
    public static func < (a: HSEEPRating, b: HSEEPRating) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension RatingThresholds {
    /// Percentages this close under a threshold count as reaching it: they are the same figure
    /// with a different rounding error (17 of 20 points must rate 85 %, whichever way it was summed).
    public static let tolerance = 1e-9

    /// P at or above `p`, S at or above `s`, M at or above `m`, U below; at a threshold exactly,
    /// the higher rating.
    public func rating(forPercent percent: Double) -> HSEEPRating {
        if percent >= p - Self.tolerance { return .p }
        if percent >= s - Self.tolerance { return .s }
        if percent >= m - Self.tolerance { return .m }
        return .u
    }
}
