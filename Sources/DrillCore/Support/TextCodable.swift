/// A value that is written as one string in JSON (`team:cirt-a`, `I01.c2`), parsed back with
/// `init?(parsing:)`.
public protocol TextCodable: Codable, CustomStringConvertible {
    init?(parsing text: String)
}

extension TextCodable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "cannot read \(Self.self) from '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
