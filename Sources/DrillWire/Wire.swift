/// The cyberdrill WebSocket protocol: JSON text frames `{"v":1,"type":…}`, one message per frame
/// (docs/protocol.md). This module holds the messages and their coding, nothing that does I/O.
public enum Wire {
    /// The protocol version every frame carries as `v`.
    public static let version = 1
    /// Frames (messages) larger than this are refused with `tooLarge`.
    public static let maxMessageBytes = 64 * 1024
    /// Where the WebSocket endpoint lives on a server.
    public static let path = "/ws"
    /// The most artifact bytes one `artifact` reply carries (before base64): larger files come
    /// in pieces, asked for by `offset`.
    public static let maxArtifactChunkBytes = 256 * 1024
    /// Where artifacts are downloaded over HTTP: `/artifacts/<inject>/<name>`.
    public static let artifactsPath = "/artifacts"

    /// The HTTP path of an artifact, each part percent-encoded.
    public static func artifactPath(inject: String, name: String) -> String {
        "\(artifactsPath)/\(percentEncoded(inject))/\(percentEncoded(name))"
    }

    /// Every byte but unreserved ones (RFC 3986: letters, digits, `-._~`) as `%XX`.
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

/// Who a connection speaks for, decided by the server from its token alone.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// A participating team: its own injects, answers, messages and scores.
    case team
    /// A member of the white cell: every control of the exercise.
    case facilitator
    /// Watches the exercise's progress; cannot act.
    case observer
}

/// The sequence of durable messages one kind of identity receives, numbered 1, 2, 3, … by `seq`:
/// one feed per team, one for the white cell (all facilitators), one for observers.
public enum Feed: Sendable, Hashable, CustomStringConvertible, Codable {
    case team(String)
    case whiteCell
    case observers

    /// `team:<id>`, `whitecell` or `observers`.
    public var description: String {
        switch self {
        case .team(let id): "team:\(id)"
        case .whiteCell: "whitecell"
        case .observers: "observers"
        }
    }

    public init?(parsing text: String) {
        switch text {
        case "whitecell": self = .whiteCell
        case "observers": self = .observers
        default:
            guard text.hasPrefix("team:"), text.count > 5 else { return nil }
            self = .team(String(text.dropFirst(5)))
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let feed = Feed(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown feed \(text)"))
        }
        self = feed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
