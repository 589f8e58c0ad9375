import DrillTestSupport
import Foundation
import GRDB
import Testing
@testable import DrillJournal

@Suite("Verify")
struct VerifyTests {
    @Test("an untouched journal verifies, and its head hash is the last row's")
    func intactJournal() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 1_200)
        let journal = try Journal.open(at: path)
        let verification = try await journal.verify()
        #expect(verification.isIntact)
        #expect(verification.firstProblem == nil)
        #expect(verification.intactThrough == 1_200)
        #expect(verification.headHash == journal.headHash)
        try journal.close()
    }

    /// Ways of editing the file once the append-only triggers are dropped, and what `verify`
    /// must say about each.
    enum Tampering: String, CaseIterable, Sendable {
        case editPayload, editPayloadAndRecomputeHash, editWall, deleteRow, deleteRowAndRenumber,
             insertForgedRow, insertRowWithBogusHash, deleteAllRows, editScenario

        var expected: (seq: Int64, kind: JournalProblem.Kind) {
            switch self {
            case .editPayload, .editPayloadAndRecomputeHash, .editWall: (5, .altered)
            case .deleteRow, .deleteRowAndRenumber: (5, .removed)
            case .insertForgedRow, .insertRowWithBogusHash: (5, .inserted)
            case .deleteAllRows: (1, .removed)
            case .editScenario: (1, .altered)
            }
        }

        func apply(_ db: Database) throws {
            let forged = #"{"answer":"forged"}"#
            switch self {
            case .editPayload:
                try db.execute(sql: "UPDATE events SET payload = ? WHERE seq = 5", arguments: [forged])
            case .editPayloadAndRecomputeHash:
                let row = try Self.row(5, db)
                let hash = ChainHash.hash(
                    prevHash: row.prevHash, seq: 5, wall: row.wall, exerciseTime: row.exerciseTime,
                    actor: row.actor, type: row.type, payload: Data(forged.utf8))
                try db.execute(sql: "UPDATE events SET payload = ?, hash = ? WHERE seq = 5", arguments: [forged, hash])
            case .editWall:
                try db.execute(sql: "UPDATE events SET wall = wall + 1 WHERE seq = 5")
            case .deleteRow:
                try db.execute(sql: "DELETE FROM events WHERE seq = 5")
            case .deleteRowAndRenumber:
                try db.execute(sql: """
                    DELETE FROM events WHERE seq = 5;
                    UPDATE events SET seq = seq + 1000000 WHERE seq > 5;
                    UPDATE events SET seq = seq - 1000001 WHERE seq > 1000000;
                    """)
            case .insertForgedRow, .insertRowWithBogusHash:
                let previous = try Self.row(4, db)
                try db.execute(sql: """
                    UPDATE events SET seq = seq + 1000000 WHERE seq >= 5;
                    UPDATE events SET seq = seq - 999999 WHERE seq > 1000000;
                    """)
                let hash = self == .insertForgedRow
                    ? ChainHash.hash(prevHash: previous.hash, seq: 5, wall: previous.wall, exerciseTime: previous.exerciseTime,
                                     actor: "team:cirt-b", type: "answerSubmitted", payload: Data(forged.utf8))
                    : Data(repeating: 7, count: 32)
                try db.execute(
                    sql: "INSERT INTO events VALUES (5, ?, ?, 'team:cirt-b', 'answerSubmitted', ?, ?, ?)",
                    arguments: [previous.wall, previous.exerciseTime, forged, previous.hash, hash])
            case .deleteAllRows:
                // The first and last rows are needed to open: leave the file looking empty in between.
                try db.execute(sql: "DELETE FROM events")
            case .editScenario:
                let row = try Self.row(1, db)
                let payload = String(decoding: row.payload, as: UTF8.self).replacingOccurrences(of: "telco", with: "TELCO")
                let hash = ChainHash.hash(
                    prevHash: row.prevHash, seq: 1, wall: row.wall, exerciseTime: row.exerciseTime,
                    actor: row.actor, type: row.type, payload: Data(payload.utf8))
                // Recompute the whole chain, so only the digest check can notice.
                try db.execute(sql: "UPDATE events SET payload = ?, hash = ? WHERE seq = 1", arguments: [payload, hash])
                var previousHash = hash
                for seq in 2 ... Int64(try Int.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 1) {
                    let row = try Self.row(seq, db)
                    let rowHash = ChainHash.hash(
                        prevHash: previousHash, seq: seq, wall: row.wall, exerciseTime: row.exerciseTime,
                        actor: row.actor, type: row.type, payload: row.payload)
                    try db.execute(sql: "UPDATE events SET prevHash = ?, hash = ? WHERE seq = ?", arguments: [previousHash, rowHash, seq])
                    previousHash = rowHash
                }
            }
        }

        static func row(_ seq: Int64, _ db: Database) throws -> JournalRow {
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE seq = ?", arguments: [seq]) else {
                throw JournalError.corrupt(path: "", detail: "fixture has no row \(seq)")
            }
            return JournalRow(
                seq: row["seq"], wall: row["wall"], exerciseTime: row["exerciseTime"], actor: row["actor"],
                type: row["type"], payload: Data((row["payload"] as String).utf8), prevHash: row["prevHash"], hash: row["hash"])
        }
    }

    @Test("verify names the first tampered seq and what was done", arguments: Tampering.allCases)
    func detectsTampering(_ tampering: Tampering) async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 12)
        try Fixtures.tamper(path, tampering.apply)

        let verification: JournalVerification
        if tampering == .deleteAllRows {
            // An emptied journal does not even open; verify through a journal opened before.
            #expect(throws: JournalError.self) { try Journal.open(at: path) }
            return
        } else {
            let journal = try Journal.open(at: path)
            verification = try await journal.verify()
            try journal.close()
        }
        let problem = try #require(verification.firstProblem, "\(tampering) went unnoticed")
        #expect(problem.seq == tampering.expected.seq, "\(problem)")
        #expect(problem.kind == tampering.expected.kind, "\(problem)")
        #expect(!verification.isIntact)
        #expect(verification.intactThrough == tampering.expected.seq - 1)
        #expect(verification.headHash == nil)
    }

    @Test("the append-only triggers refuse UPDATE, DELETE and gaps from any SQLite client")
    func triggersRefuseEdits() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 3)
        let statements = [
            "UPDATE events SET actor = 'team:x' WHERE seq = 2",
            "DELETE FROM events WHERE seq = 3",
            "INSERT INTO events SELECT seq + 5, wall, exerciseTime, actor, type, payload, prevHash, hash FROM events WHERE seq = 3",
        ]
        for sql in statements {
            #expect(throws: DatabaseError.self, "\(sql)") {
                try Fixtures.tamper(path, dropTriggers: false) { db in try db.execute(sql: sql) }
            }
        }
        let journal = try Journal.open(at: path)
        #expect(try await journal.verify().isIntact)
        #expect(journal.lastSeq == 3)
        try journal.close()
    }
}
