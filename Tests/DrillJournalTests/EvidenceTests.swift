import DrillTestSupport
import Foundation
import GRDB
import Testing
@testable import DrillJournal

@Suite("The journal as evidence: read-only opening and the anchored end")
struct EvidenceTests {
    @Test("openForReading reads every row, refuses appends, and leaves the file and its folder as they were")
    func openForReadingWritesNothing() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 300)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let journal = try Journal.openForReading(at: path)
        #expect(!journal.isWritable)
        #expect(journal.lastSeq == 300)
        #expect(try await journal.verify().isIntact)
        #expect(try await journal.rows().count == 300)
        await #expect(throws: JournalError.self) { try await journal.append(Fixtures.answer(1), wall: 1) }
        try journal.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing)
    }

    @Test("a new journal and its -wal and -shm are 0600 whatever the umask")
    func privateFiles() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("private.journal")
        let old = umask(0o002)
        defer { umask(old) }
        let journal = try Journal.create(at: path, scenarioSource: Fixtures.scenario, wall: 1)
        try await journal.append(Fixtures.answer(1), wall: 2)
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            #expect(stat(file, &info) == 0, "\(file) exists while the journal is open")
            #expect(info.st_mode & 0o777 == 0o600, "\(file): \(String(info.st_mode & 0o777, radix: 8))")
        }
        try journal.close()
    }

    @Test("the ended row records the rows before it and their head; verify checks it")
    func endedRowAnchorsTheChain() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 20)
        let writer = try Journal.open(at: path)
        let headBefore = writer.headHash
        let seq = try await writer.append(JournalEntry(exerciseTime: 5, actor: "system", type: ChainAnchor.eventType,
                                                       payload: Data(#"{"chain":{"rows":1,"head":"forged"},"note":"kept"}"#.utf8)), wall: 3)
        try writer.close()
        #expect(seq == 21)
        let journal = try Journal.openForReading(at: path)
        defer { try? journal.close() }
        let ended = try #require(try await journal.rows(from: 21).first)
        // The writer's anchor replaces whatever the caller put under "chain"; other fields stay.
        #expect(ChainAnchor(payload: ended.payload) == ChainAnchor(rows: 20, head: ChainHash.hex(headBefore)))
        #expect(String(decoding: ended.payload, as: UTF8.self).contains(#""note":"kept""#))
        let check = try await journal.verify()
        #expect(check.isIntact)
        #expect(check.endedAt == 21)
        #expect(check.anchor?.rows == 20)
        #expect(try journal.seq(ofRowHash: headBefore) == 20)
        #expect(try journal.seq(ofRowHash: Data(repeating: 7, count: 32)) == nil)
    }

    @Test("an ended row whose anchor lies is reported as altered, even with its hash recomputed")
    func forgedAnchorIsAltered() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 10)
        let journal = try Journal.open(at: path)
        let head = journal.headHash
        try journal.close()
        let payload = Data(#"{"chain":{"head":"\#(ChainHash.hex(head))","rows":5}}"#.utf8)
        let hash = ChainHash.hash(prevHash: head, seq: 11, wall: 9, exerciseTime: 9, actor: "system", type: "ended", payload: payload)
        try Fixtures.tamper(path, dropTriggers: false) { db in
            try db.execute(sql: JournalFormat.insertSQL, arguments: [11, 9, 9, "system", "ended", String(decoding: payload, as: UTF8.self), head, hash])
        }
        let reader = try Journal.openForReading(at: path)
        defer { try? reader.close() }
        let problem = try #require(try await reader.verify().firstProblem)
        #expect(problem.seq == 11)
        #expect(problem.kind == .altered)
    }

    @Test("buffers are sized from the file, never from a crafted seq")
    func capacityIsBoundedByTheFile() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 50)
        try Fixtures.tamper(path) { db in
            try db.execute(sql: "INSERT INTO events SELECT ?, wall, exerciseTime, actor, type, payload, prevHash, hash FROM events WHERE seq = 50",
                           arguments: [Int64(1) << 62])
        }
        let journal = try Journal.openForReading(at: path)
        defer { try? journal.close() }
        #expect(journal.lastSeq == Int64(1) << 62)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        #expect(journal.capacityHint() <= size / 64)
        #expect(try await journal.rows().count == 51)
        #expect(try await !journal.verify().isIntact)
    }
}
