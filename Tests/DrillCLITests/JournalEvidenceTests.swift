import Foundation
import GRDB
import Testing

/// The journal as evidence: archived read-only, read without being changed, refused when tampered.
@Suite("journals as evidence: read-only archives, reads that change nothing")
struct JournalEvidenceTests {
    /// A rehearsal journal of the tutorial, in a folder of its own.
    func rehearsedJournal(_ extra: [String] = []) throws -> (dir: URL, journal: URL, out: String) {
        let dir = try CLI.temporaryDirectory()
        let journal = dir.appendingPathComponent("tutorial.journal")
        let r = try CLI.run(["rehearse", "scenarios/tutorial.yaml", "--teams", "3", "--seed", "5", "--journal", journal.path] + extra)
        #expect(r.status == 0, "\(r.err)")
        return (dir, journal, r.out)
    }

    /// Runs the binary as `nobody` (tests run as root here); as the current user when not root.
    static func runAsNobody(_ arguments: [String]) throws -> CLI.Result {
        guard geteuid() == 0 else { return try CLI.run(arguments) }
        return try CLI.run(command: "/usr/bin/setpriv",
                           ["--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.binary.path] + arguments)
    }

    /// A folder `nobody` may write to, for reports.
    static func outputFolder() throws -> URL {
        let out = try CLI.temporaryDirectory()
        chmod(out.path, 0o777)
        return out
    }

    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Every read command, each twice, on `journal`, run by `run`; all must succeed.
    static func readEverything(_ journal: String, run: ([String]) throws -> CLI.Result) throws {
        let out = try outputFolder()
        for _ in 0 ..< 2 {
            let verify = try run(["verify", journal])
            #expect(verify.status == 0, "verify: \(verify.out)\(verify.err)")
            #expect(verify.out.contains(": ok: "), "\(verify.out)\(verify.err)")
            let replay = try run(["replay", journal])
            #expect(replay.status == 0, "replay: \(replay.err)")
            #expect(replay.out.contains(" events, "), "\(replay.out)")
            let report = try run(["report", journal, "--format", "md", "--format", "json", "--out", out.path])
            #expect(report.status == 0, "report: \(report.err)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
        }
    }

    @Test("a 0444 journal, alone in a 0555 folder (no -wal beside it), reads as a non-root user and stays byte for byte the same")
    func readOnlyFileInReadOnlyFolder() throws {
        let (_, journal, _) = try rehearsedJournal()
        let archive = try CLI.temporaryDirectory()
        let copy = archive.appendingPathComponent("archived.journal")
        try FileManager.default.copyItem(at: journal, to: copy)
        let before = try Data(contentsOf: copy)
        chmod(copy.path, 0o444)
        chmod(archive.path, 0o555)
        defer { chmod(archive.path, 0o755) }
        try Self.readEverything(copy.path, run: Self.runAsNobody)
        #expect(try Data(contentsOf: copy) == before, "reading changed the journal")
        #expect(try Self.listing(archive) == ["archived.journal"], "reading created files beside the journal")
    }

    @Test("a 0444 journal in a folder the reader may write to: nothing is written to it or beside it")
    func readOnlyFileInWritableFolder() throws {
        let (_, journal, _) = try rehearsedJournal()
        let archive = try CLI.temporaryDirectory()
        chmod(archive.path, 0o777)
        let copy = archive.appendingPathComponent("archived.journal")
        try FileManager.default.copyItem(at: journal, to: copy)
        let before = try Data(contentsOf: copy)
        chmod(copy.path, 0o444)
        try Self.readEverything(copy.path, run: Self.runAsNobody)
        #expect(try Data(contentsOf: copy) == before)
        #expect(try Self.listing(archive) == ["archived.journal"])
    }

    @Test("reading a journal as its owner leaves its SHA-256 unchanged, however many times")
    func readingNeverWrites() throws {
        let (dir, journal, _) = try rehearsedJournal()
        let before = try Data(contentsOf: journal)
        let filesBefore = try Self.listing(dir)
        try Self.readEverything(journal.path, run: { try CLI.run($0) })
        #expect(try Data(contentsOf: journal) == before, "reading changed the journal")
        #expect(try Self.listing(dir) == filesBefore)
    }

    @Test("a journal on a read-only bind mount reads, with and without its -wal and -shm")
    func readOnlyBindMount() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return }
        let (dir, journal, _) = try rehearsedJournal()
        let bare = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: journal, to: bare.appendingPathComponent("bare.journal"))
        let out = try Self.outputFolder()
        for (folder, name) in [(dir, journal.lastPathComponent), (bare, "bare.journal")] {
            let path = folder.appendingPathComponent(name).path
            chmod(path, 0o444)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let binary = CLI.binary.path
            let script = """
                set -e
                mount --bind -o ro '\(folder.path)' '\(folder.path)'
                if touch '\(folder.path)/probe' 2>/dev/null; then echo "mount is writable"; exit 9; fi
                '\(binary)' verify '\(path)'
                '\(binary)' replay '\(path)' > /dev/null
                '\(binary)' report '\(path)' --format csv --out '\(out.path)'
                setpriv --reuid=nobody --regid=nogroup --clear-groups '\(binary)' verify '\(path)'
                """
            let r = try CLI.run(command: "/usr/bin/unshare", ["-m", "--propagation", "private", "sh", "-c", script])
            #expect(r.status == 0, "\(name): \(r.out)\(r.err)")
            #expect(r.out.contains(": ok: "), "\(r.out)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("journal files are owner-only (0600) under umask 022")
    func journalFilesArePrivate() throws {
        let dir = try CLI.temporaryDirectory()
        let journal = dir.appendingPathComponent("private.journal").path
        let r = try CLI.run(command: "/bin/sh", ["-c", "umask 022; exec '\(CLI.binary.path)' rehearse scenarios/tutorial.yaml --teams 2 --journal '\(journal)'"])
        #expect(r.status == 0, "\(r.err)")
        #expect(Self.mode(journal) == 0o600)
        for suffix in ["-wal", "-shm"] {
            if let mode = Self.mode(journal + suffix) { #expect(mode == 0o600, "\(suffix): \(String(mode, radix: 8))") }
        }
    }

    /// Inserts one row with a crafted seq at the end (triggers dropped, as a tamperer would).
    static func craft(_ journal: URL, seq: Int64) throws {
        let db = try DatabaseQueue(path: journal.path)
        try db.write { db in
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(t)")
            }
            try db.execute(sql: """
                INSERT INTO events SELECT ?, wall, exerciseTime, actor, type, payload, prevHash, hash
                FROM events WHERE seq = (SELECT max(seq) FROM events)
                """, arguments: [seq])
        }
        try db.close()
    }

    @Test("a crafted seq (2^62, 4×10^8) is refused by replay and report, and --force reads it without crashing",
          arguments: [Int64(1) << 62, 400_000_000])
    func craftedSeqIsRefused(seq: Int64) throws {
        let (_, journal, _) = try rehearsedJournal()
        try Self.craft(journal, seq: seq)
        let out = try Self.outputFolder()
        for command in [["replay", journal.path], ["report", journal.path, "--format", "json", "--out", out.path]] {
            let refused = try CLI.run(command)
            #expect(refused.status == 1, "\(command[0]): \(refused.err)")
            #expect(refused.err.contains("does not verify"), "\(refused.err)")
            #expect(refused.err.contains("--force"))
            let forced = try CLI.run(command + ["--force"])
            #expect(forced.status == 0, "\(command[0]) --force: \(forced.err)")
            #expect(forced.err.contains("DOES NOT VERIFY"), "\(forced.err)")
        }
    }

    @Test("when verify cannot read a journal, its message does not send the user to run verify")
    func verifyFailureDoesNotSuggestVerify() throws {
        let (_, journal, _) = try rehearsedJournal()
        let archive = try CLI.temporaryDirectory()
        let copy = archive.appendingPathComponent("locked.journal")
        try FileManager.default.copyItem(at: journal, to: copy)
        chmod(copy.path, 0o000)
        for command in ["verify", "replay"] {
            let r = try Self.runAsNobody([command, copy.path])
            #expect(r.status == 1)
            #expect(r.err.contains(copy.path), "\(r.err)")
            #expect(!r.err.contains("cyberdrill verify"), "\(r.err)")
        }
    }

    /// Deletes the last `count` rows (triggers dropped, as a tamperer would).
    static func cutEnd(_ journal: URL, rows count: Int) throws {
        let db = try DatabaseQueue(path: journal.path)
        try db.write { db in
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(t)")
            }
            try db.execute(sql: "DELETE FROM events WHERE seq > (SELECT max(seq) FROM events) - ?", arguments: [count])
        }
        try db.close()
    }

    static func head(in text: String) -> String? {
        guard let range = text.range(of: #"chain head [0-9a-f]{64}"#, options: .regularExpression) else { return nil }
        return String(text[range].suffix(64))
    }

    @Test("the ended row anchors the chain; rows cut off the end are found against the head rehearse printed or any report names")
    func rowsCutOffTheEndAreFound() throws {
        let (_, journal, out) = try rehearsedJournal()
        let head = try #require(Self.head(in: out), "rehearse prints the chain head: \(out)")
        let reports = try Self.outputFolder()
        let written = try CLI.run(["report", journal.path, "--format", "md", "--format", "html", "--format", "json", "--format", "csv",
                                   "--out", reports.path])
        #expect(written.status == 0, "\(written.err)")
        let formats = ["md", "html", "json", "csv"]
        for format in formats {
            let text = try String(contentsOf: reports.appendingPathComponent("report.\(format)"), encoding: .utf8)
            #expect(text.contains(head), "report.\(format) names the chain head")
        }
        let intact = try CLI.run(["verify", journal.path, "--head", head])
        #expect(intact.status == 0, "\(intact.out)\(intact.err)")
        #expect(intact.out.contains("ended at seq"), "\(intact.out)")
        #expect(intact.out.contains("no row is missing at the end"), "\(intact.out)")

        try Self.cutEnd(journal, rows: 10)
        let alone = try CLI.run(["verify", journal.path])
        // The chain itself is intact, but verify says the journal no longer shows its own end.
        #expect(alone.status == 0)
        #expect(alone.out.contains("not ended"), "\(alone.out)")
        let againstHead = try CLI.run(["verify", journal.path, "--head", head])
        #expect(againstHead.status == 1, "\(againstHead.out)")
        #expect(againstHead.out.contains("TAMPERED") && againstHead.out.contains("removed from its end"), "\(againstHead.out)")
        for format in formats {
            let r = try CLI.run(["verify", journal.path, "--report", reports.appendingPathComponent("report.\(format)").path])
            #expect(r.status == 1, "report.\(format): \(r.out)\(r.err)")
            #expect(r.out.contains("is not in this journal"), "report.\(format): \(r.out)\(r.err)")
        }
        let malformed = try CLI.run(["verify", journal.path, "--head", "xyz"])
        #expect(malformed.status == 64)
    }
}
