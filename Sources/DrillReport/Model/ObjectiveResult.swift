import DrillCore

/// An objective with its HSEEP rating and the evidence behind it.
public struct ObjectiveResult: Sendable, Hashable, Codable {
    public var objective: String
    public var title: String
    public var capability: String
    public var description: String
    /// Regional: all teams pooled (the scorecard's objective score). Team report: that team's.
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
    /// Tasks that give evidence for it (`INJECT.TASK`), in scenario order.
    public var tasks: [String]
    /// Teams with at least one of those tasks released.
    public var teamsAssessed: Int
    /// How many teams rated P, S, M and U on it.
    public var ratingCounts: RatingCounts
    /// Per-team percentages, as an anonymous distribution.
    public var spread: Spread?
    /// Per team (regional, in team order); empty in a team report.
    public var teams: [TeamRating]
}

public struct RatingCounts: Sendable, Hashable, Codable {
    public var p = 0
    public var s = 0
    public var m = 0
    public var u = 0

    mutating func add(_ rating: HSEEPRating?) {
        switch rating {
        case .p: p += 1
        case .s: s += 1
        case .m: m += 1
        case .u: u += 1
        case nil: break
        }
    }

    public subscript(_ rating: HSEEPRating) -> Int {
        switch rating {
        case .p: p
        case .s: s
        case .m: m
        case .u: u
        }
    }
}

public struct TeamRating: Sendable, Hashable, Codable {
    public var team: String
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
}

/// A capability's rating, strengths and areas for improvement.
public struct CapabilityAnalysis: Sendable, Hashable, Codable {
    public var capability: String
    public var objectives: [String]
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
    public var spread: Spread?
    public var strengths: [Finding]
    public var improvements: [Finding]
}

/// One strength or area for improvement, from the scores or from a facilitator's note.
public struct Finding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Most teams (or the team) answered correctly and on time.
        case answeredWell
        /// Most teams (or the team) missed the task or answered it wrong.
        case missed
        /// Many answers came after the task was due.
        case late
        /// Many teams needed a hint.
        case hints
        /// A facilitator's note.
        case note
    }

    public var kind: Kind
    public var text: String
    public var task: String?
    public var inject: String?
    /// Teams concerned, of `of` teams the task reached.
    public var teams: Int?
    public var of: Int?
    /// Index into `notes` for `note` findings.
    public var note: Int?
}
