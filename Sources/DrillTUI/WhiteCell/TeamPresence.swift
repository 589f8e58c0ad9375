import DrillCore
import DrillText

/// Whether a team is connected to a served exercise, as the white cell's console shows it.
public struct TeamPresence: Sendable, Hashable {
    /// Its connections open now (members joined with the team's token).
    public var members: Int
    /// Exercise time its last connection closed; nil while connected or if it never was.
    public var droppedAt: Millis?
    /// Whether it has connected since the server started.
    public var seen: Bool

    public init(members: Int, droppedAt: Millis? = nil, seen: Bool) {
        self.members = members
        self.droppedAt = droppedAt
        self.seen = seen
    }

    public var isOnline: Bool { members > 0 }

    /// `●` online, `○` not connected.
    var mark: String { isOnline ? "●" : "○" }

    var style: Style { isOnline ? Style(foreground: .green) : Style(foreground: .red, attributes: .bold) }

    /// A short cell: `●2` (two members), `○0:12` (dropped at 0:12:xx), `○` (not connected yet).
    var cell: String {
        if isOnline { return "●\(members)" }
        if let droppedAt { return "○" + DurationText.clock(droppedAt).dropLast(3) }
        return "○"
    }

    /// In words, for the start dialog and the details of a cell.
    func words(_ texts: Texts) -> String {
        if isOnline { return texts(.presenceOnline, ["n": members]) }
        if let droppedAt { return texts(.presenceDropped, ["time": DurationText.clock(droppedAt)]) }
        return texts(seen ? .presenceNotConnected : .presenceNotYet)
    }
}
