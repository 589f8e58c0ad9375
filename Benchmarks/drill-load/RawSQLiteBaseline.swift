import BenchSupport
import Foundation

/// The raw SQLite commit rates of this machine, measured by `journal-harness raw` (the journal
/// benchmark's own baseline code) in the folder where the server keeps its journal, in the same run.
struct RawSQLiteBaseline {
    var oneRowPerSecond: Double
    var oneRowP99Milliseconds: Double
    var batchedPerSecond: Double
    var rowsPerCommit: Int

    static func measure(harness: String, directory: String, quick: Bool) throws -> RawSQLiteBaseline {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: harness)
        process.arguments = ["raw", "--dir", directory] + (quick ? ["--quick"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var fields: [String: Double] = [:]
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        guard process.terminationStatus == 0, let one = fields["one_row_per_s"], let p99 = fields["one_row_p99_ms"],
              let batched = fields["batched_per_s"], let rows = fields["rows_per_commit"] else {
            throw BenchError("\(harness) raw gave no baseline (exit \(process.terminationStatus)): \(text.prefix(300))")
        }
        return RawSQLiteBaseline(oneRowPerSecond: one, oneRowP99Milliseconds: p99, batchedPerSecond: batched, rowsPerCommit: Int(rows))
    }
}
