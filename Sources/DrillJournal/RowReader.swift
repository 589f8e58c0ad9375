import Foundation
import GRDB
import GRDBSQLite

/// A journal row as replay reads it: no hashes, and a payload that is valid only during the call
/// that receives it.
struct BorrowedRow {
    let seq: Int64
    let wall: Int64
    let exerciseTime: Int64
    let actor: String
    let type: String
    let payload: UnsafeRawBufferPointer
}

/// Reads journal rows straight off the SQLite statement, without per-row `Row` or Codable work:
/// replay speed depends on it.
enum RowReader {
    /// A stored value that is not what the schema promises (only possible after tampering).
    struct UnreadableRow: Error {
        let seq: Int64?
        let detail: String
    }

    /// Calls `body` with each row from `seq` on, in order.
    static func forEach(
        _ db: Database, from seq: Int64, _ body: (JournalRow) throws -> Void
    ) throws {
        try step(db, sql: JournalFormat.selectSQL, from: seq) { raw in try body(decode(raw)) }
    }

    /// Calls `body` with each row from `seq` on, in order, without its hashes and with the
    /// payload lent for the duration of the call: replay allocates nothing per row for them.
    static func forEachBorrowed(
        _ db: Database, from seq: Int64, _ body: (BorrowedRow) throws -> Void
    ) throws {
        try step(db, sql: JournalFormat.selectEventSQL, from: seq) { raw in
            guard sqlite3_column_type(raw, 0) == SQLITE_INTEGER else {
                throw UnreadableRow(seq: nil, detail: "a row has no integer seq")
            }
            let seq = sqlite3_column_int64(raw, 0)
            guard sqlite3_column_type(raw, 5) == SQLITE_TEXT else {
                throw UnreadableRow(seq: seq, detail: "payload has the wrong storage type")
            }
            let start = sqlite3_column_blob(raw, 5)
            let count = Int(sqlite3_column_bytes(raw, 5))
            try body(BorrowedRow(
                seq: seq,
                wall: try integer(raw, 1, seq: seq, name: "wall"),
                exerciseTime: try integer(raw, 2, seq: seq, name: "exerciseTime"),
                actor: try text(raw, 3, seq: seq, name: "actor"),
                type: try text(raw, 4, seq: seq, name: "type"),
                payload: UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count)))
        }
    }

    /// Runs `sql` (one `seq >= ?` argument) and calls `body` on the statement at each row.
    private static func step(_ db: Database, sql: String, from seq: Int64, _ body: (OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments([seq])
        let raw = statement.sqliteStatement
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(db, code) }
            try body(raw)
        }
    }

    /// The first row, or nil in an empty journal.
    static func first(_ db: Database) throws -> JournalRow? {
        try one(db, sql: "SELECT seq, wall, exerciseTime, actor, type, payload, prevHash, hash FROM events ORDER BY seq LIMIT 1")
    }

    /// The last row, or nil in an empty journal.
    static func last(_ db: Database) throws -> JournalRow? {
        try one(db, sql: "SELECT seq, wall, exerciseTime, actor, type, payload, prevHash, hash FROM events ORDER BY seq DESC LIMIT 1")
    }

    private static func one(_ db: Database, sql: String) throws -> JournalRow? {
        let statement = try db.makeStatement(sql: sql)
        let raw = statement.sqliteStatement
        switch sqlite3_step(raw) {
        case SQLITE_ROW:
            return try decode(raw)
        case SQLITE_DONE:
            return nil
        case let code:
            throw error(db, code)
        }
    }

    private static func error(_ db: Database, _ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }

    private static func decode(_ raw: OpaquePointer) throws -> JournalRow {
        guard sqlite3_column_type(raw, 0) == SQLITE_INTEGER else {
            throw UnreadableRow(seq: nil, detail: "a row has no integer seq")
        }
        let seq = sqlite3_column_int64(raw, 0)
        return JournalRow(
            seq: seq,
            wall: try integer(raw, 1, seq: seq, name: "wall"),
            exerciseTime: try integer(raw, 2, seq: seq, name: "exerciseTime"),
            actor: try text(raw, 3, seq: seq, name: "actor"),
            type: try text(raw, 4, seq: seq, name: "type"),
            payload: try bytes(raw, 5, type: SQLITE_TEXT, seq: seq, name: "payload"),
            prevHash: try bytes(raw, 6, type: SQLITE_BLOB, seq: seq, name: "prevHash"),
            hash: try bytes(raw, 7, type: SQLITE_BLOB, seq: seq, name: "hash"))
    }

    private static func integer(_ raw: OpaquePointer, _ column: Int32, seq: Int64, name: String) throws -> Int64 {
        guard sqlite3_column_type(raw, column) == SQLITE_INTEGER else {
            throw UnreadableRow(seq: seq, detail: "\(name) is not an integer")
        }
        return sqlite3_column_int64(raw, column)
    }

    private static func text(_ raw: OpaquePointer, _ column: Int32, seq: Int64, name: String) throws -> String {
        guard sqlite3_column_type(raw, column) == SQLITE_TEXT else {
            throw UnreadableRow(seq: seq, detail: "\(name) is not text")
        }
        // Pointer first, then the byte count, as SQLite's documentation asks.
        guard let start = sqlite3_column_text(raw, column) else { return "" }
        let count = Int(sqlite3_column_bytes(raw, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    private static func bytes(
        _ raw: OpaquePointer, _ column: Int32, type: Int32, seq: Int64, name: String
    ) throws -> Data {
        guard sqlite3_column_type(raw, column) == type else {
            throw UnreadableRow(seq: seq, detail: "\(name) has the wrong storage type")
        }
        // For a TEXT column, sqlite3_column_blob gives the stored UTF-8 bytes unchanged.
        guard let start = sqlite3_column_blob(raw, column) else { return Data() }
        let count = Int(sqlite3_column_bytes(raw, column))
        return Data(bytes: start, count: count)
    }
}
