import Foundation
import GRDB

/// Plain SQLite inserts into a table shaped like the journal's, without hashing, triggers or
/// group commit: the machine's own yardstick for the journal figures.
enum RawSQLite {
    private static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.journalMode = .wal
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                PRAGMA synchronous = FULL;
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY, wall INTEGER NOT NULL, exerciseTime INTEGER NOT NULL,
                    actor TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
                    prevHash BLOB NOT NULL, hash BLOB NOT NULL) STRICT;
                """)
        }
        return queue
    }

    private static func insert(_ db: Database, seq: Int) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let hash = Data(repeating: UInt8(truncatingIfNeeded: seq), count: 32)
        try statement.execute(arguments: [
            seq, JournalHarness.wallNow(), seq, "team:cirt-a", "answerSubmitted",
            String(decoding: Bench.payload, as: UTF8.self), hash, hash,
        ])
    }

    /// Events/s and commit latency when every row is its own durable transaction.
    static func onePerCommit(at path: String, seconds: Double) throws -> (eventsPerSecond: Double, latency: Bench.Latency) {
        let queue = try open(path)
        let clock = ContinuousClock()
        let start = clock.now
        var seq = 0
        var latencies: [Double] = []
        while (clock.now - start).seconds < seconds {
            seq += 1
            let began = clock.now
            try queue.write { db in try insert(db, seq: seq) }
            latencies.append((clock.now - began).seconds)
        }
        let rate = Double(seq) / (clock.now - start).seconds
        try queue.close()
        return (rate, Bench.Latency(latencies))
    }

    /// Events/s with `rowsPerCommit` rows per durable transaction.
    static func batched(at path: String, rows: Int, rowsPerCommit: Int) throws -> Double {
        let queue = try open(path)
        let clock = ContinuousClock()
        let start = clock.now
        var seq = 0
        while seq < rows {
            try queue.write { db in
                for _ in 0 ..< rowsPerCommit {
                    seq += 1
                    try insert(db, seq: seq)
                }
            }
        }
        let rate = Double(seq) / (clock.now - start).seconds
        try queue.close()
        return rate
    }
}
