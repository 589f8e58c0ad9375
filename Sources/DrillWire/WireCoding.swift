import Foundation

/// Frames to and from bytes, with every failure turned into the error frame it deserves.
public enum WireCoding {
    /// Encodes a frame as the UTF-8 JSON text of one WebSocket text frame.
    public static func encode(_ frame: ServerFrame) throws -> Data {
        try makeEncoder().encode(frame)
    }

    public static func encode(_ frame: ClientFrame) throws -> Data {
        try makeEncoder().encode(frame)
    }

    /// Reads a client's frame; every problem becomes a `WireError` (never a crash).
    public static func decodeClient(_ bytes: Data) -> Result<ClientFrame, WireError> {
        guard bytes.count <= Wire.maxMessageBytes else {
            return .failure(WireError(.tooLarge, "the message is \(bytes.count) bytes; the limit is \(Wire.maxMessageBytes)"))
        }
        do {
            return .success(try JSONDecoder().decode(ClientFrame.self, from: bytes))
        } catch let error as WireError {
            return .failure(error)
        } catch let error as DecodingError {
            return .failure(WireError(.malformed, error.wireSentence))
        } catch {
            return .failure(WireError(.malformed, "the frame cannot be read: \(error)"))
        }
    }

    /// Reads a server's frame (clients).
    public static func decodeServer(_ bytes: Data) throws -> ServerFrame {
        try JSONDecoder().decode(ServerFrame.self, from: bytes)
    }

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
