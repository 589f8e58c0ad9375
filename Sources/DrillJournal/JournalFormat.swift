import GRDB

/// The on-disk format: version, file identity and the schema migrations that build it.
enum JournalFormat {
    /// Bumped whenever a file written by this version cannot be read by the previous one.
    static let version = 1
    /// `PRAGMA application_id`: "CDRJ", so a journal is recognised before any table is read.
    static let applicationID: Int32 = 0x4344_524A

    static let insertSQL = """
        INSERT INTO events (seq, wall, exerciseTime, actor, type, payload, prevHash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let selectSQL = """
        SELECT seq, wall, exerciseTime, actor, type, payload, prevHash, hash
        FROM events WHERE seq >= ? ORDER BY seq
        """

    /// `selectSQL` without the hashes, for replay.
    static let selectEventSQL = """
        SELECT seq, wall, exerciseTime, actor, type, payload
        FROM events WHERE seq >= ? ORDER BY seq
        """

    /// Named migrations; a journal whose `grdb_migrations` names one unknown here is newer.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events table, append-only and gapless triggers") { db in
            try db.execute(sql: """
                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = 1;
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
                    wall INTEGER NOT NULL,
                    exerciseTime INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    type TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    prevHash BLOB NOT NULL CHECK (length(prevHash) = 32),
                    hash BLOB NOT NULL CHECK (length(hash) = 32)
                ) STRICT;
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'journal rows are append-only: UPDATE is refused'); END;
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'journal rows are append-only: DELETE is refused'); END;
                CREATE TRIGGER events_gapless BEFORE INSERT ON events
                WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM events)
                BEGIN SELECT RAISE(ABORT, 'journal seq must continue the last row without a gap'); END;
                """)
        }
        return migrator
    }
}
