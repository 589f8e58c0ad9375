import DrillJournal
import Foundation

/// Appends to a journal without end, from several tasks, and writes each acknowledged seq range
/// to stdout as `FIRST LAST` lines, so a test can `kill -9` it and check nothing acknowledged
/// was lost. Prints `ready LASTSEQ` once the journal is open.
struct CrashWriter {
    let path: String
    let submitters: Int

    func run() async throws {
        let journal = FileManager.default.fileExists(atPath: path)
            ? try Journal.open(at: path)
            : try Journal.create(at: path, scenarioSource: "format: cyberdrill/1\nid: crash-test\n", wall: JournalHarness.wallNow())
        Self.report("ready \(journal.lastSeq)\n")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for submitter in 0 ..< submitters {
                group.addTask {
                    var round = 0
                    while true {
                        round += 1
                        // 1 to 3 entries per call, payloads of varying length.
                        let entries = (0 ..< (1 + round % 3)).map { index in
                            JournalEntry(
                                exerciseTime: Int64(round) * 1_000, actor: "team:t\(submitter)", type: "answerSubmitted",
                                payload: Data(#"{"round":\#(round),"entry":\#(index),"pad":"\#(String(repeating: "x", count: (round * 7 + index) % 300))"}"#.utf8))
                        }
                        let seqs = try await journal.append(entries, wall: JournalHarness.wallNow())
                        Self.report("\(seqs.lowerBound) \(seqs.upperBound)\n")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// One `write` per line: lines of concurrent tasks never interleave (they are far shorter
    /// than PIPE_BUF), and nothing waits in a buffer when the process is killed.
    static func report(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(1, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { exit(3) }
                offset += written
            }
        }
    }
}
