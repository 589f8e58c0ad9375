import BenchSupport
import DrillJournal
import Foundation
import GRDB

/// The journal benchmark: durable appends with group commit beside raw SQLite commits measured
/// in the same run, and replay read speed. Prints each figure with its target and PASS/MISS.
struct Bench {
    let quick: Bool
    let directory: String?

    static let submitters = 200
    static let payload = Data(#"{"inject":"I07","task":"c2","team":"cirt-alpha","submission":"6f1c2b9e-4d0a-4c51-9a57-0e4f2b7d8c11","answer":"203.0.113.66","attempt":1}"#.utf8)

    func run() async throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let appendSeconds = quick ? 1.5 : 8.0
        let replayRows = quick ? 50_000 : 300_000

        print("cyberdrill journal benchmark\(quick ? " (--quick)" : ""), \(ProcessInfo.processInfo.activeProcessorCount) cores, files in \(folder)")
        let perCommit = try RawSQLite.onePerCommit(at: folder + "/raw-one.sqlite", seconds: quick ? 0.5 : 2)
        let batched = try RawSQLite.batched(at: folder + "/raw-batch.sqlite", rows: quick ? 40_000 : 200_000, rowsPerCommit: Self.submitters)
        let saturated = try await appendBenchmark(at: folder + "/saturated.journal", submitters: Self.submitters, seconds: appendSeconds, pace: nil)
        let paced = try await appendBenchmark(at: folder + "/paced.journal", submitters: Self.submitters, seconds: appendSeconds, pace: Self.targetRate)
        let replay = try await replayBenchmark(at: folder + "/replay.journal", rows: replayRows)

        let raw = perCommit.latency
        func versusRaw(_ seconds: Double) -> String { String(format: "×%.1f raw commit p99", seconds / raw.p99) }
        let rows: [Line] = [
            Line("raw SQLite, 1 row per commit (FULL)", rate(perCommit.eventsPerSecond), "baseline", nil,
                 "commit p50 \(milliseconds(raw.p50)), p99 \(milliseconds(raw.p99))"),
            Line("raw SQLite, \(Self.submitters) rows per commit", rate(batched), "baseline"),
            Line(
                "journal, \(Self.submitters) submitters flat out", rate(saturated.eventsPerSecond), "≥ 10,000 events/s",
                saturated.eventsPerSecond >= 10_000,
                String(format: "×%.1f raw 1-row commits, ×%.2f raw batched; %.0f rows/commit",
                       saturated.eventsPerSecond / perCommit.eventsPerSecond, saturated.eventsPerSecond / batched,
                       saturated.rowsPerCommit)),
            Line("  ack latency p50 / p99", "\(milliseconds(saturated.latency.p50)) / \(milliseconds(saturated.latency.p99))",
                 "informational", nil, "\(versusRaw(saturated.latency.p99)); max \(milliseconds(saturated.latency.max))"),
            Line("journal, \(Self.submitters) submitters at \(grouped(Int(Self.targetRate)))/s", rate(paced.eventsPerSecond),
                 "informational", nil, String(format: "%.0f rows/commit", paced.rowsPerCommit)),
            Line("  ack latency p50 / p99", "\(milliseconds(paced.latency.p50)) / \(milliseconds(paced.latency.p99))",
                 "p99 < 10 ms", paced.latency.p99 < 0.010,
                 "\(versusRaw(paced.latency.p99)); max \(milliseconds(paced.latency.max))"),
            Line("replay read (rows decoded)", rate(replay.read), "≥ 300,000 events/s", replay.read >= 300_000,
                 "\(grouped(replay.rows)) rows"),
            Line("replay read + JSON payload decode", rate(replay.readAndDecode), "informational",
                 nil, "JSONDecoder into a 6-field struct"),
            Line("verify (read + SHA-256 chain)", rate(replay.verify), "informational"),
        ]
        let width = rows.map(\.name.count).max() ?? 0
        for row in rows {
            let verdict = row.pass.map { $0 ? "PASS" : "MISS" } ?? ""
            let padded = row.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let figure = row.figure.padding(toLength: 20, withPad: " ", startingAt: 0)
            let target = row.target.padding(toLength: 19, withPad: " ", startingAt: 0)
            print("  \(padded)  \(figure)  \(target)  \(verdict.padding(toLength: 4, withPad: " ", startingAt: 0))  \(row.note)")
        }
        if !quick { try await growth(folder: folder, at200: saturated) }
        print("  peak RSS of the journal benchmark (its own process): \(String(format: "%.0f", Self.peakRSSMegabytes())) MB")
    }

    /// How cost grows with the number of concurrent submitters, flat out: 50 and 800 beside the
    /// 200 above. Group commit should keep throughput flat or rising; each ack then waits for
    /// about `submitters / throughput` (Little's law), so latency grows with the submitters.
    private func growth(folder: String, at200: AppendResult) async throws {
        var points: [String] = []
        for submitters in [50, Self.submitters, 800] {
            let result = submitters == Self.submitters
                ? at200
                : try await appendBenchmark(at: folder + "/growth-\(submitters).journal", submitters: submitters, seconds: 4, pace: nil)
            points.append("\(submitters) submitters \(rate(result.eventsPerSecond)), ack p50 \(milliseconds(result.latency.p50)) p99 \(milliseconds(result.latency.p99)), "
                          + String(format: "%.0f rows/commit", result.rowsPerCommit))
        }
        print("  growth of journal appends (flat out): " + points.joined(separator: " · "))
    }

    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024   // Linux reports KiB
    }

    struct Line {
        let name: String
        let figure: String
        let target: String
        let pass: Bool?
        let note: String

        init(_ name: String, _ figure: String, _ target: String, _ pass: Bool? = nil, _ note: String = "") {
            self.name = name
            self.figure = figure
            self.target = target
            self.pass = pass
            self.note = note
        }
    }

    private func makeFolder() throws -> String {
        let base = directory ?? FileManager.default.temporaryDirectory.path
        let folder = "\(base)/journal-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    // MARK: - Durable appends

    /// Offered load of the paced run: the throughput target, where the latency target applies.
    static let targetRate = 10_000.0

    struct Latency {
        let p50: Double
        let p99: Double
        let max: Double

        init(_ seconds: [Double]) {
            let sorted = seconds.sorted()
            func at(_ fraction: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
            }
            p50 = at(0.50)
            p99 = at(0.99)
            max = sorted.last ?? 0
        }
    }

    struct AppendResult {
        let eventsPerSecond: Double
        let latency: Latency
        let rowsPerCommit: Double
    }

    /// `submitters` tasks, each appending one event and waiting for its acknowledgement: back to
    /// back (`pace` nil), or each at `pace / submitters` events/s, staggered. Latency runs from the
    /// call to its return.
    private func appendBenchmark(at path: String, submitters: Int, seconds: Double, pace: Double?) async throws -> AppendResult {
        let journal = try Journal.create(at: path, scenarioSource: "format: cyberdrill/1\n", wall: JournalHarness.wallNow())
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let interval = pace.map { Duration.seconds(Double(submitters) / $0) }
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for submitter in 0 ..< submitters {
                group.addTask {
                    var latencies: [Double] = []
                    let entry = JournalEntry(exerciseTime: 0, actor: "team:t\(submitter)", type: "answerSubmitted", payload: Self.payload)
                    var next = start + (interval ?? .zero) * (Double(submitter) / Double(submitters))
                    while clock.now < deadline {
                        if let interval {
                            try await Task.sleep(until: next, clock: clock)
                            next += interval
                        }
                        let sent = clock.now
                        try await journal.append(entry, wall: JournalHarness.wallNow())
                        latencies.append((clock.now - sent).seconds)
                    }
                    return latencies
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all
        }
        let elapsed = (clock.now - start).seconds
        let statistics = journal.statistics
        try journal.close()
        return AppendResult(
            eventsPerSecond: Double(latencies.count) / elapsed, latency: Latency(latencies),
            rowsPerCommit: Double(statistics.rows) / Double(max(1, statistics.transactions)))
    }

    // MARK: - Replay

    struct ReplayResult {
        let rows: Int
        let read: Double
        let readAndDecode: Double
        let verify: Double
    }

    /// The shape of a typed event payload, to price JSON decoding beside the raw read.
    struct AnswerSubmitted: Decodable {
        let inject: String
        let task: String
        let team: String
        let submission: String
        let answer: String
        let attempt: Int
    }

    private func replayBenchmark(at path: String, rows: Int) async throws -> ReplayResult {
        let journal = try Journal.create(at: path, scenarioSource: "format: cyberdrill/1\n", wall: JournalHarness.wallNow())
        try await fill(journal, rows: rows)
        var best = (read: 0.0, decode: 0.0, verify: 0.0)
        for _ in 0 ..< 3 {
            var count = 0
            var checksum: Int64 = 0
            let read = try time {
                try journal.forEachRow { row in
                    count += 1
                    checksum &+= row.exerciseTime &+ Int64(row.payload.count)
                }
            }
            best.read = max(best.read, Double(count) / read)
            let decoder = JSONDecoder()
            var decoded = 0
            let decode = try time {
                try journal.forEachRow { row in
                    if row.type == "answerSubmitted" {
                        _ = try decoder.decode(AnswerSubmitted.self, from: row.payload)
                    }
                    decoded += 1
                }
            }
            best.decode = max(best.decode, Double(decoded) / decode)
            var verification: JournalVerification?
            let verify = try time { verification = try journal.verify() }
            guard verification?.isIntact == true else {
                throw BenchError("the benchmark journal does not verify: \(verification?.firstProblem?.description ?? "?")")
            }
            best.verify = max(best.verify, Double(count) / verify)
            if checksum == 42 { print("") } // keeps the read loop from being optimised away
        }
        let total = Int(journal.lastSeq)
        try journal.close()
        return ReplayResult(rows: total, read: best.read, readAndDecode: best.decode, verify: best.verify)
    }

    /// Fills the journal in large batches, from one caller.
    private func fill(_ journal: Journal, rows: Int) async throws {
        var written = 1
        while written < rows {
            let count = min(5_000, rows - written)
            let entries = (0 ..< count).map { index in
                JournalEntry(exerciseTime: Int64(written + index), actor: "team:cirt-\(index % 40)", type: "answerSubmitted", payload: Self.payload)
            }
            try await journal.append(entries, wall: JournalHarness.wallNow())
            written += count
        }
    }

    private func time(_ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    private func rate(_ eventsPerSecond: Double) -> String {
        "\(grouped(Int(eventsPerSecond.rounded()))) events/s"
    }

    private func milliseconds(_ seconds: Double) -> String {
        String(format: "%.2f ms", seconds * 1000)
    }

    private func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
