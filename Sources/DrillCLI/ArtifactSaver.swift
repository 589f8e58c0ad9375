import DrillClient
import DrillJournal
import DrillWire
import Foundation

/// `join --artifacts DIR`: saves every artifact as its inject arrives, as `DIR/<inject>/<name>`.
///
/// Each file is fetched over the connection, its SHA-256 checked, written under a temporary name
/// and renamed into place. A file already there with the right SHA-256 is not fetched again
/// (after a restart of join, or on a reconnection). Names are made safe: no path separators,
/// no control characters, no `.` or `..`, so nothing is ever written outside DIR. A fetch that
/// fails (the connection dropped) is tried again on the next connection.
actor ArtifactSaver {
    struct Wanted: Hashable {
        var inject: String
        var name: String
        var sha256: String?
    }

    let directory: String
    private let client: ExerciseClient
    /// Where lines about saved files go (nil: nowhere, e.g. under a full-screen console).
    private let report: (@Sendable (String) -> Void)?
    private var queue: [Wanted] = []
    private var done: Set<Wanted> = []
    private var failed: [Wanted] = []
    private var working = false

    init(directory: String, client: ExerciseClient, report: (@Sendable (String) -> Void)?) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = ArtifactSaver.realPath(directory) ?? directory
        self.client = client
        self.report = report
    }

    /// Looks at every client event: injects bring artifacts, a new connection retries failures.
    func observe(_ event: ClientEvent) {
        switch event {
        case .message(let frame):
            guard case .inject(let inject) = frame.message else { return }
            for a in inject.artifacts {
                let wanted = Wanted(inject: inject.inject, name: a.name, sha256: a.sha256)
                if !done.contains(wanted), !queue.contains(wanted) { queue.append(wanted) }
            }
        case .caughtUp:
            queue += failed.filter { !queue.contains($0) }
            failed = []
        default:
            return
        }
        guard !working, !queue.isEmpty else { return }
        working = true
        Task { await self.work() }
    }

    private func work() async {
        while !queue.isEmpty {
            let next = queue.removeFirst()
            if await save(next) { done.insert(next) } else { failed.append(next) }
        }
        working = false
    }

    /// Fetches and writes one artifact; false when it should be tried again later.
    private func save(_ wanted: Wanted) async -> Bool {
        let folder = directory + "/" + Self.safeName(wanted.inject)
        let path = folder + "/" + Self.safeName(wanted.name)
        let shown = Self.safeName(wanted.inject) + "/" + Self.safeName(wanted.name)
        if let expected = wanted.sha256, FileManager.default.fileExists(atPath: path),
           let (_, digest) = try? ArtifactCatalog.hash(path), digest == expected {
            report?("artifact \(shown) is already in \(directory) (SHA-256 \(expected))")
            return true
        }
        let download: ArtifactDownload
        do {
            download = try await client.fetchArtifact(inject: wanted.inject, name: wanted.name)
        } catch ClientError.refused(let error) {
            report?("! artifact \(shown) was refused: \(error.code): \(error.message)")
            return true
        } catch {
            report?("! artifact \(shown) could not be fetched (\(error)); trying again on the next connection")
            return false
        }
        if let expected = wanted.sha256, expected != download.sha256 {
            report?("! artifact \(shown): the server sent SHA-256 \(download.sha256), the inject announced \(expected); not saved")
            return true
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The folder must be the one asked for, not a link planted elsewhere.
            guard let real = Self.realPath(folder), real == directory + "/" + Self.safeName(wanted.inject) else {
                report?("! artifact \(shown): \(folder) is not a plain folder inside \(directory); not saved")
                return true
            }
            let temporary = folder + "/.\(Self.safeName(wanted.name)).part-\(getpid())"
            try download.bytes.write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
            }
        } catch {
            report?("! artifact \(shown) could not be written to \(path): \(error)")
            return true
        }
        report?("saved artifact \(path) (\(download.bytes.count) bytes, SHA-256 \(download.sha256) checked)")
        return true
    }

    /// A single path component that is safe to create: separators, control characters and the
    /// characters Windows refuses become `_`; `.` and `..` and empty names become `_`; at most
    /// 200 bytes.
    static func safeName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            if s.value < 0x20 || s.value == 0x7F || "/\\:*?\"<>|".unicodeScalars.contains(s) { return "_" }
            return Character(s)
        })
        while out.utf8.count > 200 { out.removeFirst() }
        if out.isEmpty || out == "." || out == ".." { out = "_" }
        if out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
