import Foundation

/// A coding key made from any field name: frames are flat objects whose fields depend on `type`.
struct WireKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringLiteral name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension DecodingError {
    /// A sentence naming the field that is wrong, for `malformed` error frames.
    var wireSentence: String {
        func path(_ context: Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "field '\(path(context, key))' is missing"
        case .typeMismatch(let type, let context):
            return "field '\(path(context))' must be \(Self.kind(type))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context))' must be \(Self.kind(type)), not null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the frame is not a JSON object: \(context.debugDescription)" }
            return "field '\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "the frame cannot be read: \(self)"
        }
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [String].Type: "an array of strings"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : (String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(type)")
        }
    }
}
