import BenchSupport
import Foundation

extension RawSQLite {
    /// `journal-harness raw`: the two raw SQLite baselines of the journal benchmark, measured in
    /// `directory` (default: the temporary folder) and printed on one line for another program to
    /// read: `one_row_per_s`, `one_row_p50_ms`, `one_row_p99_ms`, `batched_per_s`, `rows_per_commit`.
    static func printBaselines(quick: Bool, directory: String?, rowsPerCommit: Int) throws {
        let base = directory ?? FileManager.default.temporaryDirectory.path
        let folder = "\(base)/raw-sqlite-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let perCommit = try onePerCommit(at: folder + "/raw-one.sqlite", seconds: quick ? 0.3 : 2)
        let batchedRate = try batched(at: folder + "/raw-batch.sqlite", rows: quick ? 20_000 : 200_000, rowsPerCommit: max(1, rowsPerCommit))
        print(String(format: "one_row_per_s=%.1f one_row_p50_ms=%.3f one_row_p99_ms=%.3f batched_per_s=%.1f rows_per_commit=%d",
                     perCommit.eventsPerSecond, perCommit.latency.p50 * 1000, perCommit.latency.p99 * 1000, batchedRate, max(1, rowsPerCommit)))
    }
}
