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

    /// Reads a client's frame; every problem becomes a `WireError` (never a crash). The frequent
    /// small frames are read by `ClientFrameReader`; the rest, and everything it declines, by
    /// `JSONDecoder`.
    public static func decodeClient(_ bytes: Data) -> Result<ClientFrame, WireError> {
        // Too large: `decodedClient` says so.
        if bytes.count <= Wire.maxMessageBytes, let frame = bytes.withUnsafeBytes(ClientFrameReader.frame) { return .success(frame) }
        return decodedClient(bytes)
    }

    /// `decodeClient` through `JSONDecoder` only: the reference the fast reader is tested against.
    static func decodedClient(_ bytes: Data) -> Result<ClientFrame, WireError> {
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

    /// The `ref` of a frame that could not be read as a message, so that its error can carry it
    /// (nil when the bytes are not a JSON object with a string `ref` of at most 128 bytes).
    public static func ref(of bytes: Data) -> String? {
        struct Ref: Decodable { var ref: String? }
        guard bytes.count <= Wire.maxMessageBytes, let ref = (try? JSONDecoder().decode(Ref.self, from: bytes))?.ref,
              ref.utf8.count <= 128 else { return nil }
        return ref
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
