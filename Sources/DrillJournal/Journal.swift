import DrillCore
import Foundation
import GRDB

/// The exercise's durable, append-only, hash-chained event journal: one SQLite file.
///
/// Appends from any number of tasks are group-committed; each `append` returns only once its
/// rows are durable. Reads run concurrently with appends and see committed rows only.
public final class Journal: Sendable {
    /// The journal's file.
    public let path: String
    /// The scenario's YAML source text, from the first row (`exerciseCreated`).
    public let scenarioSource: String
    /// SHA-256 of `scenarioSource`'s UTF-8 bytes, lowercase hex, as stored in the first row.
    public let scenarioDigest: String
    /// The artifact files' facts recorded in the first row (nil in journals written before they were).
    public let recordedArtifacts: [ArtifactRecord]?

    let database: any DatabaseReader
    let writer: GroupCommitWriter
    /// False for a journal opened with `openForReading`: appends are refused.
    public let isWritable: Bool

    private init(path: String, database: DatabasePool, genesis: Genesis, head: GroupCommitWriter.Head) {
        self.path = path
        self.database = database
        self.scenarioSource = genesis.scenarioSource
        self.scenarioDigest = genesis.scenarioDigest
        self.recordedArtifacts = genesis.artifacts
        self.writer = GroupCommitWriter(path: path, database: database, head: head)
        self.isWritable = true
    }

    private init(path: String, reader: DatabaseQueue, genesis: Genesis, head: GroupCommitWriter.Head) {
        self.path = path
        self.database = reader
        self.scenarioSource = genesis.scenarioSource
        self.scenarioDigest = genesis.scenarioDigest
        self.recordedArtifacts = genesis.artifacts
        self.writer = GroupCommitWriter(path: path, database: nil, head: head)
        self.isWritable = false
    }

    /// Opens an existing journal for reading and appending.
    ///
    /// Throws `JournalError` when the file is missing, is not a journal, is truncated or damaged,
    /// or was written by another format version. Opening does not verify the chain: `verify()`.
    public static func open(at path: String) throws -> Journal {
        try JournalFileCheck(path: path).run()
        let database: DatabasePool
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in
                // GRDB sets NORMAL for WAL; FULL syncs the WAL at every commit, which is what
                // makes an acknowledged append survive a power cut.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch {
            throw JournalError(error, path: path)
        }
        let (genesis, head) = try read(database, path: path)
        return Journal(path: path, database: database, genesis: genesis, head: head)
    }

    /// Opens an existing journal for reading only, without writing a byte to it or beside it:
    /// `verify`, `replay` and `report` use it, so a journal archived read-only (a 0444 file, a
    /// 0555 folder, a read-only mount) can be checked, and checking it leaves its file hash as
    /// it was. Appends are refused.
    ///
    /// With no write-ahead log beside the file (a journal closed cleanly, or copied without it)
    /// SQLite reads it as immutable: no lock, no `-shm`, no `-wal` is created. With a `-wal`
    /// (a running exercise, or one killed) it opens read-only and honours the log; if that is
    /// impossible (a read-only folder without the `-shm`), it says so rather than read less.
    public static func openForReading(at path: String) throws -> Journal {
        try JournalFileCheck(path: path).run()
        let reader = try ReadOnlyOpen(path: path).connect()
        let (genesis, head) = try read(reader, path: path)
        return Journal(path: path, reader: reader, genesis: genesis, head: head)
    }

    /// Reads what `open` needs: the format is this one, and the first and last rows.
    private static func read(_ database: any DatabaseReader, path: String) throws -> (Genesis, GroupCommitWriter.Head) {
        do {
            return try database.read { db in
                // Migrations unknown here, within the same format version, only add to the
                // schema (the format version is bumped for anything else): they are fine.
                guard try JournalFormat.migrator.hasCompletedMigrations(db) else {
                    throw JournalError.corrupt(path: path, detail: "its schema is incomplete")
                }
                guard let first = try RowReader.first(db), first.seq == 1 else {
                    throw JournalError.corrupt(path: path, detail: "it has no first row carrying the scenario")
                }
                guard let genesis = Genesis(first) else {
                    throw JournalError.corrupt(path: path, detail: "its first row is not an exerciseCreated event carrying the scenario")
                }
                guard let last = try RowReader.last(db) else {
                    throw JournalError.corrupt(path: path, detail: "it has no rows")
                }
                return (genesis, GroupCommitWriter.Head(seq: last.seq, hash: last.hash))
            }
        } catch let error as RowReader.UnreadableRow {
            throw JournalError.corrupt(path: path, detail: "row \(error.seq.map(String.init) ?? "?"): \(error.detail)")
        } catch {
            throw JournalError(error, path: path)
        }
    }

    /// Appends the entries as consecutive rows, in one transaction shared with other callers.
    /// It runs on the caller's executor until the entries are queued, so an actor that appends
    /// twice gets its rows in the order it asked (`nonisolated(nonsending)`).
    ///
    /// Returns their seqs once that transaction is committed and synced to disk. Entries of
    /// concurrent callers get seqs in the order the calls reached the journal. When it throws,
    /// nothing was acknowledged; the rows may still have reached the disk if the failure came
    /// from the disk itself, so retried events must be idempotent (e.g. submission ids).
    /// Not cancellable once called: the rows may already be on their way to the disk.
    @discardableResult
    nonisolated(nonsending) public func append(_ entries: [JournalEntry], wall: Int64) async throws -> ClosedRange<Int64> {
        guard !entries.isEmpty else {
            throw JournalError.invalidEntry(reason: "append needs at least one entry")
        }
        var prepared: [PreparedEntry] = []
        prepared.reserveCapacity(entries.count)
        for entry in entries {
            prepared.append(try PreparedEntry(entry))
        }
        return try await writer.submit(prepared, wall: wall)
    }

    /// Appends one entry; returns its seq once durable.
    @discardableResult
    nonisolated(nonsending) public func append(_ entry: JournalEntry, wall: Int64) async throws -> Int64 {
        try await append([entry], wall: wall).lowerBound
    }

    /// Seq of the last durable row.
    public var lastSeq: Int64 { writer.head.seq }

    /// Hash of the last durable row: keep it elsewhere to detect a chain rewritten end to end.
    public var headHash: Data { writer.head.hash }

    /// What group commit has done since this journal was opened.
    public var statistics: JournalStatistics { writer.statistics }

    /// Writes what is queued, refuses further appends and closes the file.
    ///
    /// Blocks until queued appends are durable (a few milliseconds). Closing twice is harmless.
    public func close() throws {
        guard writer.close() else { return }
        do {
            try database.close()
        } catch {
            throw JournalError(error, path: path)
        }
    }
}

/// Thrown inside a read to stop a row walk early.
struct StopReading: Error {}

extension Journal {
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "cyberdrill.journal"
        // Waits for another process's lock rather than failing at once (e.g. `verify` running
        // while the exercise writes).
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 2
        return configuration
    }
}

extension JournalError {
    /// Maps a SQLite or file error to a journal error naming the file.
    init(_ error: any Error, path: String) {
        if let error = error as? JournalError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self = .readFailed(path: path, detail: "\(error)")
            return
        }
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT:
            self = .corrupt(path: path, detail: message)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            self = .readFailed(path: path, detail: "\(message); check the permissions of the file and its folder")
        default:
            self = .readFailed(path: path, detail: message)
        }
    }
}
