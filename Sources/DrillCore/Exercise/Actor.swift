/// Who caused an event: the engine itself, a member of the white cell, or a team.
public enum Actor: Sendable, Hashable, TextCodable {
    case system
    case facilitator(String)
    case team(String)

    /// `system`, `facilitator:<name>` or `team:<id>`, as stored in the journal.
    public var description: String {
        switch self {
        case .system: "system"
        case .facilitator(let name): "facilitator:\(name)"
        case .team(let id): "team:\(id)"
        }
    }

    public init?(parsing text: String) {
        if text == "system" { self = .system; return }
        if text.hasPrefix("facilitator:") { self = .facilitator(String(text.dropFirst(12))); return }
        if text.hasPrefix("team:") { self = .team(String(text.dropFirst(5))); return }
        return nil
    }

    public var teamId: String? {
        if case .team(let id) = self { return id }
        return nil
    }

}

/// One end of a message: a team, the white cell, or everyone.
public enum Party: Sendable, Hashable, TextCodable {
    case team(String)
    case whiteCell
    case all

    /// `team:<id>`, `whitecell` or `all`.
    public var description: String {
        switch self {
        case .team(let id): "team:\(id)"
        case .whiteCell: "whitecell"
        case .all: "all"
        }
    }

    public init?(parsing text: String) {
        switch text {
        case "whitecell": self = .whiteCell
        case "all": self = .all
        default:
            guard text.hasPrefix("team:"), text.count > 5 else { return nil }
            self = .team(String(text.dropFirst(5)))
        }
    }

}
