import Foundation
import Testing
@testable import DrillTUI

/// Keys from bytes handed over (an SSH channel), as `serve --ssh` feeds them.
@Suite("Byte stream input")
struct ByteStreamInputTests {
    /// Collects what the input delivers, and lets a test wait for it.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [InputEvent] = []

        func add(_ event: InputEvent) { lock.withLock { events.append(event) } }

        var keys: [Key] {
            lock.withLock {
                var keys: [Key] = []
                for case .keys(let k) in events { keys += k }
                return keys
            }
        }
        var resizes: Int { lock.withLock { events.filter { if case .resized = $0 { true } else { false } }.count } }
        var ended: Bool { lock.withLock { events.contains { if case .ended = $0 { true } else { false } } } }

        /// Waits (up to 5 s) until `condition` holds.
        func wait(_ condition: (Collector) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline {
                if condition(self) { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return condition(self)
        }
    }

    @Test("bytes fed before start are delivered on start, in order, then the rest as it comes")
    func earlyBytes() {
        let input = ByteStreamInput()
        input.feed(Array("ab".utf8))
        let collector = Collector()
        input.start { collector.add($0) }
        #expect(collector.keys == [.char("a"), .char("b")])
        input.feed(Array("\r".utf8))
        input.resized()
        #expect(collector.keys == [.char("a"), .char("b"), .enter])
        #expect(collector.resizes == 1)
    }

    @Test("a lone ESC becomes the Esc key after the escape timeout; a sequence split across two feeds stays one key")
    func escapeTimeout() {
        let input = ByteStreamInput()
        let collector = Collector()
        input.start { collector.add($0) }
        input.feed([0x1B])
        input.feed(Array("[A".utf8))
        #expect(collector.wait { $0.keys == [.up] })
        input.feed([0x1B])
        #expect(collector.wait { $0.keys == [.up, .escape] })
    }

    @Test("end delivers what is pending, then the end, once; bytes after it are ignored")
    func end() {
        let input = ByteStreamInput()
        let collector = Collector()
        input.start { collector.add($0) }
        input.end()
        input.end()
        input.feed(Array("x".utf8))
        #expect(collector.ended)
        #expect(collector.keys.isEmpty)
    }
}
