import Foundation
import Testing

/// The helper that runs programs for these tests: a chatty program must not deadlock it.
@Suite("The CLI test helper")
struct CLIHelperTests {
    /// 300,000 bytes to standard error first, then 300,000 to standard output, then a last line to
    /// each: far more than a pipe holds (64 KiB). A helper that reads standard output to its end
    /// before standard error leaves the program blocked on its first write to a full stderr pipe,
    /// and itself blocked on a stdout that never ends.
    static let chatty = """
        head -c 300000 /dev/zero | tr '\\0' e >&2
        head -c 300000 /dev/zero | tr '\\0' o
        echo ' end of stderr' >&2
        echo ' end of stdout'
        exit 3
        """

    @Test("reads standard output and standard error at once, each whole, however much arrives")
    func chattyProgram() throws {
        // Run on a thread of its own with a deadline, so that a deadlocked helper fails the test
        // instead of hanging the suite.
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.set(Result { try CLI.run(command: "/bin/sh", ["-c", Self.chatty]) })
            done.signal()
        }
        guard done.wait(timeout: .now() + 120) == .success, let result = try box.get()?.get() else {
            Issue.record("the helper did not return within 120 s: it deadlocked on a full pipe")
            return
        }
        #expect(result.status == 3)
        #expect(result.err.utf8.count == 300_000 + " end of stderr\n".utf8.count)
        #expect(result.out.utf8.count == 300_000 + " end of stdout\n".utf8.count)
        #expect(result.err.hasPrefix(String(repeating: "e", count: 300_000)))
        #expect(result.out.hasPrefix(String(repeating: "o", count: 300_000)))
        #expect(result.err.hasSuffix("e end of stderr\n"))
        #expect(result.out.hasSuffix("o end of stdout\n"))
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<CLI.Result, any Error>?
    func set(_ result: Result<CLI.Result, any Error>) { lock.withLock { value = result } }
    func get() throws -> Result<CLI.Result, any Error>? { lock.withLock { value } }
}
