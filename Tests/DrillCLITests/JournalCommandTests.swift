import Foundation
import GRDB
import Testing

@Suite("replay and verify on real journal files")
struct JournalCommandTests {
    /// A rehearsal journal of the tutorial with three teams.
    func rehearsedJournal() throws -> (URL, String) {
        let dir = try CLI.temporaryDirectory()
        let journal = dir.appendingPathComponent("tutorial.journal")
        let r = try CLI.run(["rehearse", "scenarios/tutorial.yaml", "--teams", "3", "--seed", "5", "--journal", journal.path])
        #expect(r.status == 0, "\(r.err)")
        return (journal, r.out)
    }

    @Test func replayGivesTheRehearsedScores() throws {
        let (journal, rehearsed) = try rehearsedJournal()
        let replayed = try CLI.run(["replay", journal.path])
        #expect(replayed.status == 0)
        // Same points column for every team.
        func points(_ text: String) -> [String] {
            text.split(separator: "\n").filter { $0.contains("  tut-") }
                .map { $0.split(separator: " ").suffix(2).joined(separator: " ") }
        }
        #expect(!points(rehearsed).isEmpty)
        #expect(points(rehearsed) == points(replayed.out))
        let verify = try CLI.run(["verify", journal.path])
        #expect(verify.status == 0)
        #expect(verify.out.contains(": ok: "))
    }

    @Test(arguments: ["edit", "delete", "insert"])
    func verifyFindsTampering(kind: String) throws {
        let (journal, _) = try rehearsedJournal()
        let db = try DatabaseQueue(path: journal.path)
        try db.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for t in triggers { try db.execute(sql: "DROP TRIGGER \(t)") }
            switch kind {
            case "edit":
                try db.execute(sql: "UPDATE events SET payload = replace(payload, 'a', 'b') WHERE seq = 10")
            case "delete":
                try db.execute(sql: "DELETE FROM events WHERE seq = 10")
            default:
                try db.execute(sql: "UPDATE events SET seq = seq + 1000 WHERE seq >= 10")
                try db.execute(sql: "INSERT INTO events SELECT 10, wall, exerciseTime, actor, type, payload, prevHash, hash FROM events WHERE seq = 1009")
                try db.execute(sql: "UPDATE events SET seq = seq - 999 WHERE seq >= 1010")
            }
        }
        try db.close()
        let r = try CLI.run(["verify", journal.path])
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("TAMPERED: first bad row at seq 1"), "\(r.out)\(r.err)")
    }

    @Test func aFileThatIsNotAJournalIsAUserError() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("notes.txt")
        try "hello".write(to: file, atomically: true, encoding: .utf8)
        for command in ["replay", "verify"] {
            let r = try CLI.run([command, file.path])
            #expect(r.status == 1)
            #expect(r.err.contains(file.path))
        }
    }
}
