import DrillTestSupport
import Foundation
import Testing
import DrillJournal

/// kill -9 a process that appends continuously, many times, and check after each kill that
/// every append it had acknowledged is in the journal and the chain holds.
@Suite("Crash safety")
struct CrashTests {
    static let kills = 25
    static let seed: UInt64 = 0x5EED_0C0F_FEE0

    @Test("kill -9 never loses an acknowledged append", .timeLimit(.minutes(2)))
    func killNineKeepsAcknowledgedAppends() async throws {
        let harness = try #require(HarnessBinary.locate(), "journal-harness was not built next to the tests; run `swift build --build-tests`")
        let folder = try TemporaryFolder()
        let path = folder.file("crash.journal")
        var generator = SplitMix64(seed: Self.seed)
        var acknowledgedTotal = 0
        var lastSeq: Int64 = 0

        for round in 1 ... Self.kills {
            // Mostly kill while appends are flowing; sometimes while the journal is being
            // created or opened (and the WAL recovered).
            let early = UInt64.random(in: 0 ..< 5, using: &generator) == 0
            let delay = early ? Int.random(in: 0 ... 40, using: &generator) : Int.random(in: 20 ... 250, using: &generator)
            let run = try ChildRun(harness: harness, journal: path)
            if !early {
                _ = try await Fixtures.eventually { run.output.contains("ready") }
            }
            try await Task.sleep(for: .milliseconds(delay))
            let acknowledged = run.killNine()

            let context = "round \(round) (seed \(Self.seed), \(early ? "early" : "running") kill after \(delay) ms)"
            guard FileManager.default.fileExists(atPath: path) else {
                // Killed before the first journal was linked into place: nothing was acknowledged.
                #expect(acknowledged.isEmpty, "\(context)")
                continue
            }
            let journal = try Journal.open(at: path)
            let verification = try await journal.verify()
            #expect(verification.isIntact, "\(context): \(verification.firstProblem?.description ?? "")")
            #expect(verification.intactThrough == journal.lastSeq, "\(context)")
            for range in acknowledged {
                #expect(range.upperBound <= journal.lastSeq, "\(context): acknowledged \(range) but the journal ends at \(journal.lastSeq)")
            }
            #expect(journal.lastSeq >= lastSeq, "\(context): durable rows disappeared")
            lastSeq = journal.lastSeq
            acknowledgedTotal += acknowledged.reduce(0) { $0 + $1.count }
            try journal.close()
        }
        // The test only means something if the writer got real work acknowledged.
        #expect(acknowledgedTotal > 500, "only \(acknowledgedTotal) rows acknowledged over \(Self.kills) runs")
        print("crash test: \(acknowledgedTotal) rows acknowledged over \(Self.kills) kills, journal ends at seq \(lastSeq)")
    }
}

/// One run of `journal-harness crash-writer`, its stdout collected as it comes.
final class ChildRun: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var buffer = Data()
    private let finished = DispatchSemaphore(value: 0)

    init(harness: URL, journal: String) throws {
        process.executableURL = harness
        process.arguments = ["crash-writer", journal, "--submitters", "16"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        // A plain thread: reading blocks, and the cooperative pool has only a couple of threads.
        Thread { [self] in
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                lock.withLock { buffer.append(chunk) }
            }
            finished.signal()
        }.start()
    }

    var output: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }

    /// SIGKILL, then the seq ranges the child reported as acknowledged (whole lines only).
    func killNine() -> [ClosedRange<Int64>] {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        finished.wait()
        let text = output
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        return complete.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 2, let first = Int64(fields[0]), let last = Int64(fields[1]) else { return nil }
            return first ... last
        }
    }
}

/// Finds the `journal-harness` executable built beside the test bundle.
enum HarnessBinary {
    static func locate() -> URL? {
        if let override = ProcessInfo.processInfo.environment["JOURNAL_HARNESS"] {
            return URL(fileURLWithPath: override)
        }
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(contentsOf: Bundle.allBundles.map(\.bundleURL))
        for candidate in candidates {
            // Walk up: on macOS the tests sit inside an .xctest bundle in the products folder.
            var folder = candidate
            for _ in 0 ..< 4 {
                let binary = folder.appendingPathComponent("journal-harness")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }
}
