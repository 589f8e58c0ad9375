import DrillTestSupport
import Foundation
import Testing
@testable import DrillJournal

@Suite("Group commit")
struct GroupCommitTests {
    @Test("200 concurrent submitters get disjoint, gapless seqs and their own rows")
    func concurrentAppendsAreGapless() async throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        let results = try await withThrowingTaskGroup(of: (Int, ClosedRange<Int64>).self) { group in
            for team in 0 ..< 200 {
                group.addTask {
                    let entries = (0 ... team % 3).map { Fixtures.answer(team: "t\(team)", $0) }
                    return (team, try await journal.append(entries, wall: Int64(team)))
                }
            }
            var results: [(Int, ClosedRange<Int64>)] = []
            for try await result in group { results.append(result) }
            return results
        }
        let ranges = results.map(\.1).sorted { $0.lowerBound < $1.lowerBound }
        let expectedRows = (0 ..< 200).map { $0 % 3 + 1 }.reduce(0, +)
        #expect(ranges.first?.lowerBound == 2)
        for (previous, next) in zip(ranges, ranges.dropFirst()) {
            #expect(next.lowerBound == previous.upperBound + 1)
        }
        #expect(ranges.last?.upperBound == Int64(expectedRows + 1))
        #expect(journal.lastSeq == Int64(expectedRows + 1))

        let rows = try await journal.rows()
        for (team, range) in results {
            let mine = rows.filter { range.contains($0.seq) }
            #expect(mine.count == team % 3 + 1)
            #expect(mine.allSatisfy { $0.actor == "team:t\(team)" && $0.wall == Int64(team) })
        }
        #expect(try await journal.verify().isIntact)
        // Commits were shared: far fewer transactions than callers.
        let statistics = journal.statistics
        #expect(statistics.appendCalls == 200)
        #expect(statistics.rows == expectedRows)
        #expect(statistics.transactions < 100)
        try journal.close()
    }

    @Test("callers queued during a commit share the next transaction")
    func queuedCallersShareOneTransaction() async throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        journal.writer.hold()
        let appends = Task {
            try await withThrowingTaskGroup(of: ClosedRange<Int64>.self) { group in
                for index in 0 ..< 200 {
                    group.addTask { try await journal.append([Fixtures.answer(index)], wall: 1) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(try await Fixtures.eventually { journal.writer.pendingCount == 200 })
        #expect(journal.lastSeq == 1)
        journal.writer.release()
        let ranges = try await appends.value
        #expect(ranges.count == 200)
        #expect(journal.statistics.transactions == 1)
        #expect(journal.statistics.largestTransaction == 200)
        #expect(journal.lastSeq == 201)
        try journal.close()
    }

    @Test("seqs follow the order in which calls reached the journal")
    func seqsFollowArrivalOrder() async throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        journal.writer.hold()
        var tasks: [Task<ClosedRange<Int64>, any Error>] = []
        for index in 0 ..< 5 {
            tasks.append(Task { try await journal.append([Fixtures.answer(index), Fixtures.answer(index)], wall: 1) })
            #expect(try await Fixtures.eventually { journal.writer.pendingCount == index + 1 })
        }
        journal.writer.release()
        var ranges: [ClosedRange<Int64>] = []
        for task in tasks { ranges.append(try await task.value) }
        #expect(ranges == [2 ... 3, 4 ... 5, 6 ... 7, 8 ... 9, 10 ... 11])
        try journal.close()
    }

    @Test("a huge queue is split into bounded transactions, in order")
    func transactionsAreBounded() async throws {
        let folder = try TemporaryFolder()
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        journal.writer.hold()
        let big = (0 ..< 5_000).map { Fixtures.answer($0) }
        var tasks: [Task<ClosedRange<Int64>, any Error>] = []
        for index in 0 ..< 3 {
            tasks.append(Task { try await journal.append(big, wall: 1) })
            #expect(try await Fixtures.eventually { journal.writer.pendingCount == index + 1 })
        }
        journal.writer.release()
        var ranges: [ClosedRange<Int64>] = []
        for task in tasks { ranges.append(try await task.value) }
        #expect(ranges == [2 ... 5_001, 5_002 ... 10_001, 10_002 ... 15_001])
        #expect(journal.statistics.transactions == 3)
        #expect(journal.statistics.largestTransaction <= GroupCommitWriter.maximumRowsPerTransaction)
        try journal.close()
    }

    @Test("close waits for queued appends, which are then durable")
    func closeDrainsQueue() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("drill.journal")
        let journal = try Journal.create(at: path, scenarioSource: "x", wall: 0)
        let appends = (0 ..< 50).map { index in
            Task { try await journal.append(Fixtures.answer(index), wall: 1) }
        }
        #expect(try await Fixtures.eventually { journal.statistics.appendCalls + journal.writer.pendingCount >= 1 })
        try journal.close()
        var acknowledged = 0
        for task in appends {
            if (try? await task.value) != nil { acknowledged += 1 }
        }
        let reopened = try Journal.open(at: path)
        #expect(reopened.lastSeq == Int64(acknowledged + 1))
        try reopened.close()
    }
}

@Suite("Group commit under load: gathering callers before a transaction")
struct GroupCommitGatherTests {
    /// A journal whose drain, when it gathers, waits two minutes unless enough callers come: a
    /// test that finishes within `Fixtures.eventually`'s seconds shows that it did not wait.
    func journal(in folder: TemporaryFolder) throws -> Journal {
        let journal = try Journal.create(at: folder.file("drill.journal"), scenarioSource: "x", wall: 0)
        journal.writer.setGatherWindow(.seconds(120))
        return journal
    }

    /// Two callers share a transaction, so the drain then gathers.
    func twoCallersTogether(_ journal: Journal) async throws {
        journal.writer.hold()
        let first = Task { try await journal.append([Fixtures.answer(1)], wall: 1) }
        let second = Task { try await journal.append([Fixtures.answer(2)], wall: 1) }
        #expect(try await Fixtures.eventually { journal.writer.pendingCount == 2 })
        journal.writer.release()
        _ = try await (first.value, second.value)
        #expect(journal.statistics.largestTransaction == 2)
        #expect(try await Fixtures.eventually { journal.writer.isGathering })
    }

    @Test("after a shared transaction, callers arriving while the drain gathers share the next one")
    func gatheredCallersShareOneTransaction() async throws {
        let folder = try TemporaryFolder()
        let journal = try journal(in: folder)
        try await twoCallersTogether(journal)
        let done = Locked(0)
        for index in 0 ..< GroupCommitWriter.gatherRequests {
            Task {
                _ = try await journal.append([Fixtures.answer(10 + index)], wall: 2)
                done.withLock { $0 += 1 }
            }
        }
        // Enough callers end the wait at once (not after the two-minute window).
        #expect(try await Fixtures.eventually { done.withLock { $0 } == GroupCommitWriter.gatherRequests })
        #expect(journal.statistics.transactions == 2)
        #expect(journal.statistics.largestTransaction == GroupCommitWriter.gatherRequests)
        #expect(journal.lastSeq == Int64(1 + 2 + GroupCommitWriter.gatherRequests))
        try journal.close()
    }

    @Test("a lone caller is never held back to gather others")
    func loneCallerDoesNotWait() async throws {
        let folder = try TemporaryFolder()
        let journal = try journal(in: folder)
        for index in 0 ..< 3 {
            let append = Task { try await journal.append([Fixtures.answer(index)], wall: 1) }
            #expect(try await Fixtures.eventually { journal.lastSeq == Int64(2 + index) })
            #expect(try await append.value == Int64(2 + index) ... Int64(2 + index))
        }
        #expect(journal.statistics.transactions == 3)
        #expect(!journal.writer.isGathering)
        try journal.close()
    }

    @Test("closing while the drain gathers writes what is queued at once")
    func closeEndsTheGathering() async throws {
        let folder = try TemporaryFolder()
        let journal = try journal(in: folder)
        try await twoCallersTogether(journal)
        let late = Task { try await journal.append([Fixtures.answer(3)], wall: 2) }
        #expect(try await Fixtures.eventually { journal.writer.pendingCount == 1 })
        let closed = Locked(false)
        Task.detached {
            try journal.close()
            closed.withLock { $0 = true }
        }
        #expect(try await Fixtures.eventually { closed.withLock { $0 } })
        #expect(try await late.value == 4 ... 4)
        let reopened = try Journal.open(at: folder.file("drill.journal"))
        #expect(reopened.lastSeq == 4)
        try reopened.close()
    }
}
