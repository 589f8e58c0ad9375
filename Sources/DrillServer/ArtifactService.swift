import DrillCore
import DrillJournal
import DrillWire
import Foundation
import Hummingbird
import NIOCore

/// Who may fetch which artifact, and the pieces and downloads that carry them: over the protocol
/// (`artifact` request and reply) and over HTTP (`GET /artifacts/<inject>/<name>`).
///
/// A team may fetch an artifact once the inject that hands it out has reached the team (as the
/// journal records it), and never another team's; the white cell may fetch any; observers none.
/// An artifact a team may not fetch and one that does not exist get the same answer.
extension ExerciseServer {
    enum ArtifactAccess {
        case granted(ArtifactCatalog.File)
        case notFound
        case forbidden
    }

    func artifactAccess(_ identity: Identity, inject: String, name: String) async -> ArtifactAccess {
        switch identity.role {
        case .observer:
            return .forbidden
        case .facilitator:
            return configuration.artifacts.file(inject: inject, name: name).map(ArtifactAccess.granted) ?? .notFound
        case .team:
            guard let file = configuration.artifacts.file(inject: inject, name: name),
                  await hub.isReleased(inject, to: identity.id) else { return .notFound }
            return .granted(file)
        }
    }

    /// The reply to an `artifact` request: one piece, or an error carrying the request's `ref`.
    func artifactReply(_ request: ClientMessage.ArtifactRequest, identity: Identity, ref: String?) async -> OutFrame {
        func refuse(_ code: WireError.Code, _ message: String) -> OutFrame { OutFrame(ServerFrame(.error(WireError(code, message)), ref: ref)) }
        let file: ArtifactCatalog.File
        switch await artifactAccess(identity, inject: request.inject, name: request.name) {
        case .forbidden:
            return refuse(.forbidden, "observers cannot fetch artifacts")
        case .notFound:
            return refuse(.notFound, identity.role == .team
                ? "no artifact '\(request.name.prefix(200))' of inject '\(request.inject.prefix(64))' has reached your team"
                : "the scenario has no artifact '\(request.name.prefix(200))' in inject '\(request.inject.prefix(64))'")
        case .granted(let f):
            file = f
        }
        let size = file.record.size
        if let length = request.length {
            guard length > 0 else { return refuse(.badRange, "'length' must be at least 1") }
            guard length <= Wire.maxArtifactChunkBytes else {
                return refuse(.tooLarge, "one reply carries at most \(Wire.maxArtifactChunkBytes) bytes; ask for the rest by 'offset'")
            }
        }
        guard request.offset >= 0, request.offset <= size else {
            return refuse(.badRange, "'offset' must be between 0 and the file's size, \(size)")
        }
        let length = min(request.length ?? Wire.maxArtifactChunkBytes, Int(size - request.offset))
        let bytes: Data
        do {
            try checkUnchanged(file)
            bytes = length == 0 ? Data() : try file.read(offset: request.offset, length: length)
        } catch {
            configuration.logger.error("artifact unreadable", metadata: ["path": "\(file.realPath)", "error": "\(error)"])
            return refuse(.internal, "the server cannot read this artifact now; tell the white cell")
        }
        let chunk = ArtifactChunk(inject: file.record.inject, name: file.record.name, mediaType: ArtifactMedia.type(forName: file.record.name),
                                  size: size, sha256: file.record.sha256, offset: request.offset, bytes: bytes)
        return OutFrame(ServerFrame(.artifact(chunk), ref: ref))
    }

    /// A file whose size is no longer the recorded one was changed on disk during the exercise:
    /// refused, rather than served with bytes that do not match the SHA-256 the teams were given.
    private func checkUnchanged(_ file: ArtifactCatalog.File) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: file.realPath)[.size] as? NSNumber)?.int64Value
        guard size == file.record.size else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file.realPath,
                                                             NSLocalizedDescriptionKey: "changed on disk since the exercise was created"])
        }
    }

    // MARK: HTTP

    /// `GET /artifacts/<inject>/<name>` with `Authorization: Bearer <token>`.
    func artifactDownload(_ request: Request, remote: String) async -> Response {
        func plain(_ status: HTTPResponse.Status, _ text: String, _ extra: HTTPFields = [:]) -> Response {
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
            headers.append(contentsOf: extra)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
        }
        guard let (inject, name) = Self.artifactPathParts(request.uri.path) else {
            return plain(.notFound, "not found: the address is /artifacts/<inject>/<name>")
        }
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"cyberdrill\""]
        let token = Self.bearerToken(request.headers[.authorization])
        // No header: nothing was tried. A header without a valid token is a bad token.
        guard request.headers[.authorization] != nil,
              let identity = await checkToken(token ?? "", from: remote, front: "artifacts") else {
            return plain(.unauthorized, "a valid token is needed: send the header 'Authorization: Bearer <token>'", challenge)
        }
        let file: ArtifactCatalog.File
        switch await artifactAccess(identity, inject: inject, name: name) {
        case .forbidden: return plain(.forbidden, "observers cannot download artifacts")
        case .notFound: return plain(.notFound, "not found")
        case .granted(let f): file = f
        }
        do { try checkUnchanged(file) } catch {
            configuration.logger.error("artifact unreadable", metadata: ["path": "\(file.realPath)", "error": "\(error)"])
            return plain(.internalServerError, "the server cannot read this artifact now; tell the white cell")
        }
        let record = file.record
        var headers: HTTPFields = [
            .contentType: ArtifactMedia.type(forName: record.name),
            .contentDisposition: Self.contentDisposition(record.name),
            .cacheControl: "no-store",
            .xContentTypeOptions: "nosniff",
        ]
        headers[HTTPFields.Element.Name("X-Content-SHA256")!] = record.sha256
        if let digest = Self.digestHeader(record.sha256) { headers[HTTPFields.Element.Name("Digest")!] = digest }
        let path = file.realPath, size = record.size
        configuration.logger.info("artifact download", metadata: ["identity": "\(identity)", "inject": "\(inject)", "name": "\(name)"])
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: Int(size)) { writer in
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
            defer { try? handle.close() }
            var left = size
            while left > 0, let data = try handle.read(upToCount: Int(min(left, 256 * 1024))), !data.isEmpty {
                try await writer.write(ByteBuffer(bytes: data))
                left -= Int64(data.count)
            }
            try await writer.finish(nil)
        })
    }

    /// `/artifacts/<inject>/<name>`, both parts percent-decoded; nil for any other shape.
    static func artifactPathParts(_ path: String) -> (String, String)? {
        let prefix = Wire.artifactsPath + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        guard let inject = String(rest[..<slash]).removingPercentEncoding,
              let name = String(rest[rest.index(after: slash)...]).removingPercentEncoding,
              !inject.isEmpty, !name.isEmpty else { return nil }
        return (inject, name)
    }

    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the quoted name keeps only
    /// printable ASCII without quotes or backslashes, the extended one carries the exact name.
    static func contentDisposition(_ name: String) -> String {
        let fallback = String(name.unicodeScalars.map { s -> Character in
            s.isASCII && s.value >= 0x20 && s.value < 0x7F && s != "\"" && s != "\\" && s != "/" ? Character(s) : "_"
        })
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(Wire.percentEncoded(name))"
    }

    /// `sha-256=<base64>` (RFC 3230 with the RFC 5843 algorithm name).
    static func digestHeader(_ hex: String) -> String? {
        var bytes: [UInt8] = []
        var chars = hex.utf8.makeIterator()
        while let a = chars.next(), let b = chars.next() {
            guard let byte = UInt8(String(decoding: [a, b], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes.count == 32 ? "sha-256=" + Data(bytes).base64EncodedString() : nil
    }
}
