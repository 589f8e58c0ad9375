import Foundation
import GRDB
import GRDBSQLite

/// Opens a journal with a read-only SQLite connection that writes nothing to the file or its
/// folder (see `Journal.openForReading`).
///
/// - No `-wal` beside the file: everything is in the main file and nobody writes it (a writer
///   always keeps its `-wal`), so it is opened `immutable=1`: no locks, no `-shm`, no `-wal`.
/// - A `-wal`: a running exercise or one that was killed. Opened read-only so that SQLite reads
///   the log and honours the writer's locks. An empty log whose `-shm` cannot be created (a
///   read-only folder) falls back to immutable; a log with rows in it is never skipped.
struct ReadOnlyOpen {
    let path: String

    func connect() throws -> DatabaseQueue {
        let walSize = Self.fileSize(path + "-wal")
        if walSize == nil, Self.canUseURI {
            return try open(immutableURI, path: path)
        }
        do {
            return try open(path, path: path)
        } catch {
            if walSize == 0, Self.canUseURI {
                return try open(immutableURI, path: path)
            }
            let cause = JournalError(error, path: path)
            guard case .readFailed(_, let detail) = cause else { throw cause }
            throw JournalError.readFailed(path: path, detail: """
                \(detail). Its write-ahead log \(path)-wal holds rows that are not in the main file yet, \
                and SQLite needs to create \(path)-shm to read them; copy the journal with its -wal file \
                into a folder you can write to, and read that copy
                """)
        }
    }

    private func open(_ name: String, path: String) throws -> DatabaseQueue {
        var configuration = Journal.configuration
        configuration.readonly = true
        do {
            return try DatabaseQueue(path: name, configuration: configuration)
        } catch {
            throw JournalError(error, path: path)
        }
    }

    /// `file:/absolute/path?immutable=1`, with the characters a URI path cannot carry escaped.
    var immutableURI: String {
        let absolute = path.hasPrefix("/")
            ? path
            : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0 ..< 0x21, 0x7F...:
                escaped += String(format: "%%%02X", byte)
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:\(escaped)?immutable=1&mode=ro"
    }

    /// URI file names are understood when SQLite was built with them on (Debian's is).
    static let canUseURI: Bool = sqlite3_compileoption_used("USE_URI") == 1

    static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}
