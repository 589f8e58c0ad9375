import DrillTestSupport
import Foundation
import GRDB
import Testing
@testable import DrillJournal

@Suite("Journal round trip")
struct RoundTripTests {
    @Test("appended rows come back, chained, after closing and reopening")
    func createAppendReopen() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("drill.journal")
        let journal = try Journal.create(at: path, scenarioSource: Fixtures.scenario, wall: 1_000)
        let first = try await journal.append([Fixtures.answer(1), Fixtures.answer(2)], wall: 2_000)
        let second = try await journal.append(Fixtures.answer(3), wall: 3_000)
        #expect(first == 2 ... 3)
        #expect(second == 4)
        let headBeforeClose = journal.headHash
        try journal.close()

        let reopened = try Journal.open(at: path)
        let rows = try await reopened.rows()
        #expect(rows.map(\.seq) == [1, 2, 3, 4])
        #expect(rows.dropFirst().map(\.entry) == [Fixtures.answer(1), Fixtures.answer(2), Fixtures.answer(3)])
        #expect(rows.map(\.wall) == [1_000, 2_000, 2_000, 3_000])
        #expect(rows[0].prevHash == Data(count: 32))
        for (previous, row) in zip(rows, rows.dropFirst()) {
            #expect(row.prevHash == previous.hash)
        }
        #expect(rows.allSatisfy { $0.hashMatchesContents })
        #expect(reopened.lastSeq == 4)
        #expect(reopened.headHash == headBeforeClose)

        // Appending after a reopen continues the same chain.
        #expect(try await reopened.append(Fixtures.answer(4), wall: 4_000) == 5)
        #expect(try await reopened.rows(from: 5).map(\.prevHash) == [headBeforeClose])
        #expect(try await reopened.verify().isIntact)
        try reopened.close()
    }

    @Test("the first row is exerciseCreated with the scenario source and its SHA-256")
    func firstRowCarriesScenario() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("drill.journal")
        let journal = try Journal.create(
            at: path, scenarioSource: Fixtures.scenario, wall: 5, fields: Data(#"{"roster":["cirt-a","cirt-b"]}"#.utf8))
        // sha256sum of the scenario text, computed outside Swift.
        let digest = "c60c80b139f6a735a56975c46893bd68d06ee797b25d06e19ec56057b16bb2a9"
        #expect(journal.scenarioSource == Fixtures.scenario)
        #expect(journal.scenarioDigest == digest)

        let first = try #require(try journal.rows().first)
        #expect(first.seq == 1)
        #expect(first.type == "exerciseCreated")
        #expect(first.actor == "system")
        #expect(first.exerciseTime == 0)
        let payload = try #require(try JSONSerialization.jsonObject(with: first.payload) as? [String: Any])
        #expect(payload["scenarioSource"] as? String == Fixtures.scenario)
        #expect(payload["scenarioDigest"] as? String == digest)
        #expect(payload["roster"] as? [String] == ["cirt-a", "cirt-b"])
        try journal.close()

        let reopened = try Journal.open(at: path)
        #expect(reopened.scenarioSource == Fixtures.scenario)
        #expect(reopened.scenarioDigest == digest)
        try reopened.close()
    }

    @Test("create refuses fields that would overwrite the scenario")
    func reservedGenesisFields() throws {
        let folder = try TemporaryFolder()
        #expect(throws: JournalError.self) {
            try Journal.create(
                at: folder.file("a.journal"), scenarioSource: "x", wall: 0,
                fields: Data(#"{"scenarioDigest":"forged"}"#.utf8))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("a.journal")))
    }

    @Test("invalid entries are refused and nothing is written", arguments: [
        JournalEntry(exerciseTime: 0, actor: "hacker", type: "answerSubmitted", payload: Data("{}".utf8)),
        JournalEntry(exerciseTime: 0, actor: "team:", type: "answerSubmitted", payload: Data("{}".utf8)),
        JournalEntry(exerciseTime: 0, actor: "team:a", type: "", payload: Data("{}".utf8)),
        JournalEntry(exerciseTime: 0, actor: "team:a", type: "drop table", payload: Data("{}".utf8)),
        JournalEntry(exerciseTime: 0, actor: "team:a", type: "answerSubmitted", payload: Data()),
        JournalEntry(exerciseTime: 0, actor: "team:a", type: "answerSubmitted", payload: Data([0x7b, 0xff, 0x7d])),
        JournalEntry(exerciseTime: 0, actor: "team:a", type: "answerSubmitted", payload: Data([0x7b, 0x00, 0x7d])),
    ])
    func invalidEntry(_ entry: JournalEntry) async throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        await #expect(throws: JournalError.self) {
            try await journal.append([Fixtures.answer(1), entry], wall: 1)
        }
        #expect(journal.lastSeq == 1)
        #expect(try await journal.rows().count == 1)
        try journal.close()
    }

    @Test("the file is in WAL mode and syncs every commit (synchronous = FULL)")
    func durabilitySettings() throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        let (mode, synchronous) = try #require(journal.database as? DatabasePool).writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 2)
        try journal.close()
    }

    @Test("after close, appends and reads are refused, and closing again is harmless")
    func appendAfterClose() async throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        try journal.close()
        await #expect(throws: JournalError.closed(path: folder.file("drill.journal"))) {
            try await journal.append(Fixtures.answer(1), wall: 1)
        }
        #expect(throws: JournalError.closed(path: folder.file("drill.journal"))) { try journal.rows() }
        #expect(throws: JournalError.closed(path: folder.file("drill.journal"))) { try journal.verify() }
        try journal.close()
    }

    @Test("a second writer on the same file fails instead of forking the chain")
    func twoWritersCannotFork() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("drill.journal")
        let first = try Journal.create(at: path, scenarioSource: "x", wall: 0)
        let second = try Journal.open(at: path)
        #expect(try await first.append(Fixtures.answer(1), wall: 1) == 2)
        // The second one still believes the journal ends at seq 1.
        let error = await #expect(throws: JournalError.self) {
            try await second.append(Fixtures.answer(2), wall: 2)
        }
        #expect(error?.caseName == "writeFailed")
        // And it stays refused: its idea of the head is stale.
        await #expect(throws: JournalError.self) { try await second.append(Fixtures.answer(3), wall: 3) }
        #expect(try await first.append(Fixtures.answer(4), wall: 4) == 3)
        #expect(try await first.verify().isIntact)
        try second.close()
        try first.close()
    }
}
