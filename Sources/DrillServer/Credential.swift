import Crypto
import DrillCore
import DrillWire
import Foundation

/// One identity a token stands for.
public struct Identity: Sendable, Hashable, Codable, CustomStringConvertible {
    public var role: Role
    /// The team id, or the facilitator's or observer's name.
    public var id: String
    /// A display name (the team's name, or the id again).
    public var name: String
    /// The white cell member who views this team's feed read-only (`hello` with `asTeam`); nil:
    /// the team itself. Such a connection gets exactly the team's feed and cannot act.
    public var viewer: String?

    public init(role: Role, id: String, name: String, viewer: String? = nil) {
        self.role = role
        self.id = id
        self.name = name
        self.viewer = viewer
    }

    /// `team:<id>`, `facilitator:<name>` or `observer:<name>`.
    public var description: String { "\(role.rawValue):\(id)" }

    /// The engine actor a connection of this identity acts as; nil for observers, who cannot act.
    public var actor: Actor? {
        guard viewer == nil else { return nil }
        return switch role {
        case .team: .team(id)
        case .facilitator: .facilitator(id)
        case .observer: nil
        }
    }

    /// The feed this identity receives.
    public var feed: Feed {
        switch role {
        case .team: .team(id)
        case .facilitator: .whiteCell
        case .observer: .observers
        }
    }
}

/// A token as handed out: the secret and who it stands for. Only its hash is kept by the server.
public struct IssuedToken: Sendable, Hashable, Codable {
    public var role: Role
    public var id: String
    public var name: String
    public var token: String

    public var identity: Identity { Identity(role: role, id: id, name: name) }

    /// A new random token: 128 bits from the system's cryptographic generator, as 32 hex digits.
    public static func generate(for identity: Identity) -> IssuedToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return IssuedToken(role: identity.role, id: identity.id, name: identity.name, token: bytes.hex)
    }
}

/// A stored credential: an identity and the SHA-256 of its token.
public struct Credential: Sendable, Hashable, Codable {
    public var role: Role
    public var id: String
    public var name: String
    /// Lowercase hex SHA-256 of the token's UTF-8 bytes.
    public var sha256: String

    public init(_ issued: IssuedToken) {
        role = issued.role
        id = issued.id
        name = issued.name
        sha256 = Credential.digest(issued.token).hex
    }

    public var identity: Identity { Identity(role: role, id: id, name: name) }

    static func digest(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }
}

extension Sequence<UInt8> {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
