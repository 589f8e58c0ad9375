import DrillTestSupport
import Foundation
import GRDB
import Testing
@testable import DrillJournal

@Suite("Opening the wrong file")
struct OpenErrorTests {
    @Test("a missing file")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("nope.journal")
        #expect(throws: JournalError.fileNotFound(path: path)) { try Journal.open(at: path) }
        #expect(!FileManager.default.fileExists(atPath: path), "open must not create a journal")
    }

    @Test("create never overwrites an existing file")
    func createDoesNotOverwrite() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("drill.journal")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.alreadyExists(path: path)) {
            try Journal.create(at: path, scenarioSource: "x", wall: 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("precious".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["drill.journal"])
    }

    @Test("a SQLite database of another program is refused and left untouched")
    func otherSQLiteDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("app.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE events (id INTEGER PRIMARY KEY)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let error = try #require(throws: JournalError.self) { try Journal.open(at: path) }
        #expect(error.caseName == "notAJournal")
        #expect(error.description.contains(path))
        #expect(error.description.contains("not a cyberdrill journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("random bytes are not a journal")
    func randomBytes() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("noise.journal")
        var generator = SplitMix64(seed: 42)
        try Data((0 ..< 8_192).map { _ in UInt8.random(in: 0 ... 255, using: &generator) })
            .write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: JournalError.self) { try Journal.open(at: path) }
        #expect(error == .notAJournal(path: path, reason: "it is not a SQLite database"))
    }

    @Test("an empty file is not a journal")
    func emptyFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("empty.journal")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(throws: JournalError.notAJournal(path: path, reason: "the file is empty")) { try Journal.open(at: path) }
    }

    @Test("a journal cut off part way is reported as truncated", arguments: [0.5, 0.9, 0.01])
    func truncatedJournal(keeping fraction: Double) async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 3_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(Double(size) * fraction))
        try handle.close()

        let error = try #require(throws: JournalError.self) { try Journal.open(at: path) }
        #expect(error.caseName == "truncated", "\(error)")
        #expect(error.description.contains("truncated"))
    }

    @Test("a journal written by a newer format says to upgrade")
    func newerFormat() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 2)
        try Fixtures.tamper(path, dropTriggers: false) { db in try db.execute(sql: "PRAGMA user_version = 2") }
        let error = try #require(throws: JournalError.self) { try Journal.open(at: path) }
        #expect(error == .newerFormat(path: path, found: 2, supported: 1))
        #expect(error.description.contains("journal format 2 of \(path) is newer than this cyberdrill (1); upgrade cyberdrill"))
    }

    @Test("a journal of an older, unreadable format says so")
    func olderFormat() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 2)
        try Fixtures.tamper(path, dropTriggers: false) { db in try db.execute(sql: "PRAGMA user_version = 0") }
        #expect(throws: JournalError.olderFormat(path: path, found: 0, supported: 1)) { try Journal.open(at: path) }
    }

    @Test("damage inside the file is caught by open, reading or verify")
    func scribbledPages() async throws {
        let folder = try TemporaryFolder()
        let path = try await Fixtures.journal(in: folder, rows: 3_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var generator = SplitMix64(seed: 7)
        // Half of every fifth page, from the third on: through cell contents and b-tree pointers.
        for page in stride(from: 4_096 * 2, to: size, by: 4_096 * 5) {
            try handle.seek(toOffset: UInt64(page + 2_048))
            try handle.write(contentsOf: Data((0 ..< 2_048).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }))
        }
        try handle.close()

        do {
            let journal = try Journal.open(at: path)
            defer { try? journal.close() }
            let verification = try await journal.verify()
            #expect(!verification.isIntact, "scribbled pages went unnoticed")
        } catch let error as JournalError {
            #expect(error.caseName == "corrupt", "\(error)")
        }
    }
}

/// A small seeded generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
