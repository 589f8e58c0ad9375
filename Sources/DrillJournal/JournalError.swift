import Foundation

/// What went wrong with a journal, in sentences that name the file and say what to do.
public enum JournalError: Error, Sendable, Equatable {
    /// There is no file at the path.
    case fileNotFound(path: String)
    /// `create` found a file already there.
    case alreadyExists(path: String)
    /// The file exists but is not a cyberdrill journal (`reason` says what it is instead).
    case notAJournal(path: String, reason: String)
    /// The file is shorter than its own header says: it was cut off.
    case truncated(path: String, expectedBytes: Int64, actualBytes: Int64)
    /// SQLite or the journal's own checks found damage.
    case corrupt(path: String, detail: String)
    /// Written by a newer cyberdrill.
    case newerFormat(path: String, found: Int, supported: Int)
    /// Written by an older cyberdrill whose format this one cannot read.
    case olderFormat(path: String, found: Int, supported: Int)
    /// The journal could not be created.
    case cannotCreate(path: String, detail: String)
    /// An entry was refused before anything was written.
    case invalidEntry(reason: String)
    /// A write failed; nothing from the failed transaction was acknowledged, and the journal
    /// refuses further appends until it is opened again.
    case writeFailed(path: String, detail: String)
    /// Reading rows failed.
    case readFailed(path: String, detail: String)
    /// A write failed for lack of room on the disk. Nothing from it was acknowledged; unlike
    /// `writeFailed`, the journal takes appends again (they succeed once there is room).
    case diskFull(path: String, detail: String)
    /// `append` or a read after `close`.
    case closed(path: String)
}

extension JournalError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "no journal at \(path): check the path, or create one by starting an exercise with --journal \(path)"
        case .alreadyExists(let path):
            "\(path) already exists: a journal is never overwritten; choose another path or move the old file away"
        case .notAJournal(let path, let reason):
            "\(path) is not a cyberdrill journal (\(reason)); check that you passed the journal file and not another one"
        case .truncated(let path, let expected, let actual):
            "journal \(path) is truncated: it has \(actual) bytes but its header says \(expected); it was probably copied while still being written. Copy it again from the original, with the exercise stopped"
        case .corrupt(let path, let detail):
            "journal \(path) is damaged (\(detail)); restore it from a copy if you have one"
        case .newerFormat(let path, let found, let supported):
            "journal format \(found) of \(path) is newer than this cyberdrill (\(supported)); upgrade cyberdrill to read it"
        case .olderFormat(let path, let found, let supported):
            "journal format \(found) of \(path) is older than this cyberdrill (\(supported)) can read; open it with the cyberdrill version that wrote it"
        case .cannotCreate(let path, let detail):
            "cannot create journal \(path) (\(detail)); check that the folder exists and is writable, and that the disk is not full"
        case .invalidEntry(let reason):
            "journal entry refused: \(reason)"
        case .writeFailed(let path, let detail):
            "writing to journal \(path) failed (\(detail)); nothing from the failed write was acknowledged. Check the disk, then restart the exercise from the journal"
        case .readFailed(let path, let detail):
            "reading journal \(path) failed (\(detail))"
        case .diskFull(let path, let detail):
            "the disk holding journal \(path) is full (\(detail)); nothing from the failed write was acknowledged, and writing resumes by itself once there is room"
        case .closed(let path):
            "journal \(path) is closed; open it again to read or append"
        }
    }

    public var errorDescription: String? { description }
}
