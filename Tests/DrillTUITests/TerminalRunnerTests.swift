#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import DrillTUI

/// A program that records what reaches it and ends on `q`; `seen`, when set, counts the keys for
/// a test watching from outside.
private struct Recorder: TerminalProgram {
    var keys: [Key] = []
    var messages: [String] = []
    var sizes: [Size] = []
    var seen: KeyCount?

    mutating func update(_ event: TerminalEvent<String>) -> Bool {
        switch event {
        case .key(let key):
            keys.append(key)
            seen?.add()
            return key != .char("q") && key != .ctrl("c")
        case .message(let text): messages.append(text)
        case .inputEnded: return false
        case .tick, .resized: break
        }
        return true
    }

    mutating func layout(_ size: Size) { sizes.append(size) }

    func render(_ size: Size) -> Screen {
        var screen = Screen(size: size)
        screen.put("keys: \(keys.count)", x: 0, y: 0)
        return screen
    }
}

private final class Frames: @unchecked Sendable {
    var text = ""
}

/// How many keys reached the program, read from another task.
private final class KeyCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }

    /// Waits until at least `n` keys arrived (polling, generously); false if they never did.
    func wait(for n: Int) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while lock.withLock({ count }) < n, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        return lock.withLock { count } >= n
    }
}

@Suite("The terminal runner: input loop, Esc timeout, messages, too small", .serialized)
struct TerminalRunnerTests {
    private func pipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        _ = Glibc.pipe(&fds)
        return (fds[0], fds[1])
    }

    private func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(fd, &bytes, bytes.count)
    }

    @Test("keys from the input in order; a lone Esc becomes Esc after its timeout; posted messages arrive")
    func keysAndMessages() async throws {
        let (input, output) = pipe()
        defer { close(input); close(output) }
        let runner = TerminalRunner<String>(input: input)
        let frames = Frames()
        let backend = ANSIBackend(size: { Size(width: 80, height: 24) }, colors: false) { frames.text += $0 }
        let seen = KeyCount()
        var program = Recorder(seen: seen)
        let writer = Task.detached {
            self.write("a中\u{1B}", to: output)
            // The lone Esc reached the program as Esc (after its timeout) before the next bytes.
            let escape = await seen.wait(for: 3)
            runner.post("hello")
            self.write("\u{1B}[A", to: output)
            let up = await seen.wait(for: 4)
            self.write("q", to: output)
            return (escape: escape, up: up)
        }
        try await runner.run(&program, on: backend)
        let arrived = await writer.value
        #expect(arrived.escape, "the lone Esc reached the program on its own, before more input")
        #expect(arrived.up)
        #expect(program.keys == [.char("a"), .char("中"), .escape, .up, .char("q")])
        #expect(program.messages == ["hello"])
        #expect(frames.text.contains("keys:") && frames.text.contains("H4"))
        #expect(program.sizes.allSatisfy { $0 == Size(width: 80, height: 24) })
    }

    @Test("below 80×24 the program is replaced by the message and only Ctrl-C reaches it")
    func tooSmall() async throws {
        let (input, output) = pipe()
        defer { close(input); close(output) }
        let runner = TerminalRunner<String>(input: input)
        let frames = Frames()
        let backend = ANSIBackend(size: { Size(width: 60, height: 20) }, colors: false) { frames.text += $0 }
        var program = Recorder()
        write("xq\u{3}", to: output)
        try await runner.run(&program, on: backend)
        #expect(program.keys == [.ctrl("c")])
        #expect(frames.text.contains("terminal too small: need 80×24, have 60×20"))
    }

    @Test("the end of the input ends the program")
    func inputEnds() async throws {
        let (input, output) = pipe()
        defer { close(input) }
        let runner = TerminalRunner<String>(input: input)
        let backend = ANSIBackend(size: { Size(width: 80, height: 24) }, colors: false) { _ in }
        var program = Recorder()
        write("ab", to: output)
        close(output)
        try await runner.run(&program, on: backend)
        #expect(program.keys == [.char("a"), .char("b")])
    }
}
