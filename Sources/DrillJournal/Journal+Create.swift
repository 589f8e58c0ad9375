import Foundation
import GRDB

extension Journal {
    /// Creates a new journal whose first row, `exerciseCreated`, carries the scenario.
    ///
    /// The first row's payload is `fields` (a JSON object, e.g. the roster) with
    /// `scenarioSource` and `scenarioDigest` added. The file appears complete or not at all:
    /// it is built under a temporary name and linked into place, and an existing file is never
    /// overwritten.
    public static func create(
        at path: String,
        scenarioSource: String,
        wall: Int64,
        actor: String = "system",
        fields: Data? = nil
    ) throws -> Journal {
        if FileManager.default.fileExists(atPath: path) {
            throw JournalError.alreadyExists(path: path)
        }
        let genesis = Genesis(scenarioSource: scenarioSource)
        let first = try PreparedEntry(JournalEntry(
            exerciseTime: 0, actor: actor, type: Genesis.eventType, payload: try genesis.payload(adding: fields)))
        let staging = "\(path).creating-\(getpid())"
        removeDatabaseFiles(staging)
        try createPrivateFile(staging, for: path)
        do {
            let database = try DatabasePool(path: staging, configuration: configuration)
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try JournalFormat.migrator.migrate(database)
            try database.write { db in
                let statement = try db.cachedStatement(sql: JournalFormat.insertSQL)
                _ = try GroupCommitWriter.insert(
                    first, wall: wall, after: .init(seq: 0, hash: ChainHash.genesisPrevHash), statement)
            }
            // Everything into the main file (synced: synchronous = FULL), leaving an empty WAL.
            try database.writeWithoutTransaction { db in
                _ = try db.checkpoint(.truncate)
            }
            try database.close()
            guard (fileSize(staging + "-wal") ?? 0) == 0 else {
                throw JournalError.cannotCreate(path: path, detail: "the new journal's write-ahead log could not be emptied")
            }
        } catch {
            removeDatabaseFiles(staging)
            throw error as? JournalError ?? JournalError.cannotCreate(path: path, detail: "\(error)")
        }
        try moveIntoPlace(staging, path)
        return try open(at: path)
    }

    /// The journal holds every answer and message: it is created empty, owner-only (0600)
    /// whatever the umask, before SQLite writes a byte; SQLite gives its `-wal` and `-shm` the
    /// main file's mode.
    private static func createPrivateFile(_ staging: String, for path: String) throws {
        let descriptor = Foundation.open(staging, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw JournalError.cannotCreate(path: path, detail: String(cString: strerror(errno)))
        }
        defer { Foundation.close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            let detail = String(cString: strerror(errno))
            unlink(staging)
            throw JournalError.cannotCreate(path: path, detail: detail)
        }
    }

    /// `link` then `unlink`: unlike `rename`, it fails instead of replacing an existing file.
    private static func moveIntoPlace(_ staging: String, _ path: String) throws {
        if link(staging, path) != 0 {
            let error = errno
            guard error != EEXIST else {
                removeDatabaseFiles(staging)
                throw JournalError.alreadyExists(path: path)
            }
            // Some file systems have no hard links: fall back to a plain rename.
            guard rename(staging, path) == 0 else {
                let detail = String(cString: strerror(errno))
                removeDatabaseFiles(staging)
                throw JournalError.cannotCreate(path: path, detail: detail)
            }
        } else {
            unlink(staging)
        }
        // Checked empty above, and no connection is left: nothing in them.
        unlink(staging + "-wal")
        unlink(staging + "-shm")
        syncDirectory(of: path)
    }

    /// Makes the new directory entry itself durable.
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = Foundation.open(directory.isEmpty ? "." : directory, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        Foundation.close(descriptor)
    }

    private static func fileSize(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] {
            unlink(path + suffix)
        }
    }
}
