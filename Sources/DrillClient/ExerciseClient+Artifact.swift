import Crypto
import DrillWire
import Foundation

/// An artifact file fetched whole, its SHA-256 checked.
public struct ArtifactDownload: Sendable {
    public var inject: String
    public var name: String
    public var mediaType: String
    public var sha256: String
    public var bytes: Data

    /// The bytes as text, when the media type is a text one and the bytes are UTF-8 text.
    public var text: String? {
        guard ArtifactMedia.isText(mediaType), ArtifactMedia.looksLikeText(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why an artifact could not be fetched whole.
public enum ArtifactFetchError: Error, Sendable, CustomStringConvertible {
    /// The pieces did not fit together (a server changed the file mid-way, or sent nonsense).
    case inconsistent(String)
    /// Everything arrived, and its SHA-256 is not the one announced.
    case digestMismatch(expected: String, got: String)
    /// The file is larger than the caller allows.
    case tooLarge(size: Int64, limit: Int64)

    public var description: String {
        switch self {
        case .inconsistent(let why): "the artifact's pieces do not fit together: \(why)"
        case .digestMismatch(let expected, let got): "the artifact's SHA-256 is \(got), the server announced \(expected)"
        case .tooLarge(let size, let limit): "the artifact is \(size) bytes, more than the \(limit) allowed here"
        }
    }
}

extension ExerciseClient {
    /// Fetches an artifact whole, piece by piece (`artifact` requests of at most
    /// `Wire.maxArtifactChunkBytes`), and checks its SHA-256. `limit`: the largest file wanted
    /// (bigger ones throw `ArtifactFetchError.tooLarge` after the first piece). Each piece is
    /// passed to `progress` (bytes so far, total). Throws `ClientError` when the server refuses
    /// (`notFound` before the inject reached the team) or the connection drops.
    public func fetchArtifact(inject: String, name: String, limit: Int64 = .max,
                              progress: @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws -> ArtifactDownload {
        var bytes = Data()
        var hasher = SHA256()
        var first: ArtifactChunk?
        var offset: Int64 = 0
        repeat {
            let reply = try await request(.artifact(.init(inject: inject, name: name, offset: offset)))
            guard case .artifact(let chunk) = reply.message else {
                throw ArtifactFetchError.inconsistent("the server answered \(reply.message.type)")
            }
            guard let piece = chunk.bytes, chunk.offset == offset else { throw ArtifactFetchError.inconsistent("bad piece at \(offset)") }
            if let first, first.size != chunk.size || first.sha256 != chunk.sha256 {
                throw ArtifactFetchError.inconsistent("the file changed while it was fetched")
            }
            if first == nil {
                guard chunk.size <= limit else { throw ArtifactFetchError.tooLarge(size: chunk.size, limit: limit) }
                first = chunk
                bytes.reserveCapacity(Int(chunk.size))
            }
            guard piece.count > 0 || offset == chunk.size else { throw ArtifactFetchError.inconsistent("an empty piece at \(offset)") }
            hasher.update(data: piece)
            bytes.append(piece)
            offset += Int64(piece.count)
            progress(offset, chunk.size)
        } while offset < (first?.size ?? 0)
        guard let first else { throw ArtifactFetchError.inconsistent("no piece") }
        guard offset == first.size else { throw ArtifactFetchError.inconsistent("\(offset) bytes of \(first.size)") }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard digest == first.sha256 else { throw ArtifactFetchError.digestMismatch(expected: first.sha256, got: digest) }
        return ArtifactDownload(inject: first.inject, name: first.name, mediaType: first.mediaType, sha256: digest, bytes: bytes)
    }
}
