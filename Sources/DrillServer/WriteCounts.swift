import Foundation

/// How many frames the server wrote to its connections and in how many flushes (each a
/// `writev`): frames queued together for one connection go out in one flush.
final class WriteCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var _frames = 0
    private var _flushes = 0

    func add(frames: Int) {
        lock.withLock {
            _frames += frames
            _flushes += 1
        }
    }

    var frames: Int { lock.withLock { _frames } }
    var flushes: Int { lock.withLock { _flushes } }
}
