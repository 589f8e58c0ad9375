import DrillCore

/// Who is connected, per team: sent live (no `seq`, never journaled) to the white cell's
/// connections when one of them connects and whenever a team's connection count changes.
public struct Presence: Sendable, Hashable, Codable {
    public struct Team: Sendable, Hashable, Codable {
        public var team: String
        /// Connections of this team's token open now (its members, each with a `join`).
        public var members: Int
        /// Exercise time at which its last connection closed; nil while connected, or if it never was.
        public var droppedAt: Millis?
        /// Whether it has been connected since the server started.
        public var seen: Bool

        public init(team: String, members: Int, droppedAt: Millis? = nil, seen: Bool) {
            self.team = team
            self.members = members
            self.droppedAt = droppedAt
            self.seen = seen
        }
    }

    /// Every registered team, in registration order.
    public var teams: [Team]
    /// Exercise time when the server counted.
    public var at: Millis

    public init(teams: [Team], at: Millis) {
        self.teams = teams
        self.at = at
    }

    public func of(_ team: String) -> Team? { teams.first { $0.team == team } }
}
