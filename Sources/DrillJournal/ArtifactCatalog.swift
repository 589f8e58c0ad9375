import Crypto
import DrillCore
import Foundation

/// A scenario's artifact files on disk: each one's real path (symbolic links resolved, never
/// outside the scenario's folder), size and SHA-256. Built when an exercise is created or
/// restarted; a restart checks the files against what the journal recorded (`check(against:)`).
public struct ArtifactCatalog: Sendable {
    /// One artifact file.
    public struct File: Sendable, Hashable {
        public var record: ArtifactRecord
        /// The resolved path of the file (inside the scenario's folder).
        public var realPath: String
    }

    /// In scenario order (inject by inject).
    public private(set) var files: [File] = []
    private var byKey: [String: Int] = [:]

    /// No artifacts at all (a server that serves none).
    public init() {}

    init(files: [File]) {
        self.files = files
        for (k, file) in files.enumerated() where byKey[Self.key(file.record.inject, file.record.name)] == nil {
            byKey[Self.key(file.record.inject, file.record.name)] = k
        }
    }

    /// The facts the journal records.
    public var records: [ArtifactRecord] { files.map(\.record) }

    /// The file an inject hands out under `name`.
    public func file(inject: String, name: String) -> File? {
        byKey[Self.key(inject, name)].map { files[$0] }
    }

    private static func key(_ inject: String, _ name: String) -> String { "\(inject)\u{0}\(name)" }

    /// Why the artifacts cannot be used; every case names the artifact and says what to do.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case missing(inject: String, name: String, path: String)
        case unreadable(inject: String, name: String, path: String, detail: String)
        /// Its real path (after symbolic links) leaves the scenario's folder.
        case outside(inject: String, name: String, path: String, realPath: String, folder: String)
        /// Its bytes differ from the ones the journal recorded.
        case changed(inject: String, name: String, path: String, recorded: ArtifactRecord, now: ArtifactRecord)
        /// The journal recorded it, the scenario folder no longer has it.
        case gone(ArtifactRecord)

        public var description: String {
            switch self {
            case .missing(let inject, let name, let path):
                "artifact '\(name)' of inject \(inject): the file \(path) does not exist"
            case .unreadable(let inject, let name, let path, let detail):
                "artifact '\(name)' of inject \(inject): the file \(path) cannot be read (\(detail))"
            case .outside(let inject, let name, let path, let realPath, let folder):
                "artifact '\(name)' of inject \(inject): \(path) leads to \(realPath), outside the scenario's folder \(folder); "
                    + "copy the file into the folder instead of linking to it"
            case .changed(let inject, let name, let path, let recorded, let now):
                "artifact '\(name)' of inject \(inject) (\(path)) changed since the exercise was created: it was \(recorded.size) bytes "
                    + "with SHA-256 \(recorded.sha256), it is now \(now.size) bytes with SHA-256 \(now.sha256); "
                    + "put the original file back (teams may already hold it), or start a new exercise with a new journal"
            case .gone(let record):
                "artifact '\(record.name)' of inject \(record.inject) (\(record.path)) was recorded when the exercise was created "
                    + "and is no longer in the scenario; put it back, or start a new exercise with a new journal"
            }
        }
    }

    /// Reads and hashes every artifact of `scenario`, whose paths are relative to `directory`.
    public static func scan(_ scenario: Scenario, directory: String) throws(Problem) -> ArtifactCatalog {
        let folder = realPath(directory.isEmpty ? "." : directory) ?? directory
        var files: [File] = []
        for inject in scenario.injects {
            for artifact in inject.artifacts {
                let path = artifact.path.hasPrefix("/") ? artifact.path : (directory.isEmpty ? "." : directory) + "/" + artifact.path
                guard FileManager.default.fileExists(atPath: path) else {
                    throw .missing(inject: inject.id, name: artifact.name, path: path)
                }
                guard let real = realPath(path) else {
                    throw .unreadable(inject: inject.id, name: artifact.name, path: path, detail: String(cString: strerror(errno)))
                }
                guard real.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
                    throw .outside(inject: inject.id, name: artifact.name, path: artifact.path, realPath: real, folder: folder)
                }
                let (size, digest): (Int64, String)
                do { (size, digest) = try hash(real) } catch {
                    throw .unreadable(inject: inject.id, name: artifact.name, path: path, detail: "\(error)")
                }
                files.append(File(record: ArtifactRecord(inject: inject.id, name: artifact.name, path: artifact.path, size: size,
                                                         sha256: digest),
                                  realPath: real))
            }
        }
        return ArtifactCatalog(files: files)
    }

    /// Checks the files against the facts the journal recorded when the exercise was created
    /// (nothing to check in a journal that recorded none).
    public func check(against recorded: [ArtifactRecord]?) throws(Problem) {
        guard let recorded else { return }
        for old in recorded {
            guard let now = file(inject: old.inject, name: old.name)?.record else { throw .gone(old) }
            if now.size != old.size || now.sha256 != old.sha256 {
                throw .changed(inject: old.inject, name: old.name, path: old.path, recorded: old, now: now)
            }
        }
    }

    // MARK: Files

    /// `realpath(3)`: the absolute path with every symbolic link resolved; nil when it fails.
    static func realPath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Size and SHA-256 (lowercase hex) of a file, read in 1 MiB pieces.
    public static func hash(_ path: String) throws -> (Int64, String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            hasher.update(data: data)
            size += Int64(data.count)
        }
        return (size, hex(hasher.finalize()))
    }

    /// SHA-256 of bytes, lowercase hex.
    public static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

    private static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}

extension ArtifactCatalog.File {
    /// Up to `length` bytes from `offset` (fewer at the end of the file).
    public func read(offset: Int64, length: Int) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: realPath) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: realPath])
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(max(0, offset)))
        return try handle.read(upToCount: length) ?? Data()
    }
}
