/// Who caused an event: the engine itself, a member of the white cell, or a team.
public enum Actor: Sendable, Hashable, Codable, CustomStringConvertible {
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

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let actor = Actor(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown actor \(text)"))
        }
        self = actor
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// One end of a message: a team, the white cell, or everyone.
public enum Party: Sendable, Hashable, Codable, CustomStringConvertible {
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

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let party = Party(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown party \(text)"))
        }
        self = party
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
