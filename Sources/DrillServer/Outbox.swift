import Foundation

/// What one connection has yet to write, bounded so that a slow client never holds up the others
/// or the server's memory: when it overflows, the connection is closed (`tooSlow`) and the client
/// resumes its feed after reconnecting, losing nothing.
final class Outbox: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [OutFrame] = []
    private var head = 0
    private var bytes = 0
    private var waiter: CheckedContinuation<OutFrame?, Never>?
    private var closed = false
    /// Frames held back until the feed's catch-up is written first.
    private var gated: Bool
    private(set) var overflowed = false
    private var _onOverflow: (@Sendable () -> Void)?
    /// Called once, when the outbox overflows.
    var onOverflow: (@Sendable () -> Void)? {
        get { lock.withLock { _onOverflow } }
        set {
            lock.lock()
            _onOverflow = newValue
            let already = overflowed
            lock.unlock()
            if already { newValue?() }
        }
    }
    let maxBytes: Int
    let maxFrames: Int

    init(maxBytes: Int = 4 << 20, maxFrames: Int = 8192, gated: Bool = false) {
        self.maxBytes = maxBytes
        self.maxFrames = maxFrames
        self.gated = gated
    }

    var isOverflowed: Bool { lock.withLock { overflowed } }

    /// Queues a frame; false when the connection could not keep up and the outbox closed.
    @discardableResult
    func push(_ frame: OutFrame) -> Bool {
        lock.lock()
        if closed { lock.unlock(); return false }
        if frames.count - head + 1 > maxFrames || bytes + frame.bytes.readableBytes > maxBytes {
            overflowed = true
            closed = true
            let w = waiter
            waiter = nil
            let callback = _onOverflow
            lock.unlock()
            w?.resume(returning: nil)
            callback?()
            return false
        }
        if let w = waiter, !gated {
            waiter = nil
            lock.unlock()
            w.resume(returning: frame)
            return true
        }
        frames.append(frame)
        bytes += frame.bytes.readableBytes
        lock.unlock()
        return true
    }

    /// Puts frames ahead of everything queued (a feed's catch-up) and opens the gate.
    func prepend(_ catchUp: [OutFrame]) {
        lock.lock()
        let queued = frames[head...]
        frames = catchUp + queued
        head = 0
        bytes = frames.reduce(0) { $0 + $1.bytes.readableBytes }
        gated = false
        let w = frames.isEmpty ? nil : waiter
        if w != nil { waiter = nil }
        let first = w != nil ? takeFirst() : nil
        lock.unlock()
        w?.resume(returning: first)
    }

    /// The next frame to write; nil once closed (or overflowed) and drained.
    func next() async -> OutFrame? {
        await withCheckedContinuation { (continuation: CheckedContinuation<OutFrame?, Never>) in
            lock.lock()
            if overflowed {
                lock.unlock()
                continuation.resume(returning: nil)
                return
            }
            if !gated, head < frames.count {
                let frame = takeFirst()
                lock.unlock()
                continuation.resume(returning: frame)
                return
            }
            if closed {
                lock.unlock()
                continuation.resume(returning: nil)
                return
            }
            waiter = continuation
            lock.unlock()
        }
    }

    /// Frames already queued after the one `next()` returned, up to `maxFrames` and about
    /// `maxBytes` (at least one when any is queued), without waiting: the writer sends them with
    /// it and flushes once. Empty while gated or once overflowed.
    func takeAvailable(maxFrames: Int, maxBytes: Int) -> [OutFrame] {
        lock.lock()
        defer { lock.unlock() }
        guard !overflowed, !gated, head < frames.count, maxFrames > 0 else { return [] }
        var taken: [OutFrame] = []
        var size = 0
        while head < frames.count, taken.count < maxFrames, taken.isEmpty || size + frames[head].bytes.readableBytes <= maxBytes {
            let frame = takeFirst()
            size += frame.bytes.readableBytes
            taken.append(frame)
        }
        return taken
    }

    /// No more frames will be queued; `next()` drains what is left, then returns nil.
    func close() {
        lock.lock()
        closed = true
        let w = waiter
        waiter = nil
        let first = (w != nil && !gated && head < frames.count) ? takeFirst() : nil
        lock.unlock()
        w?.resume(returning: first)
    }

    /// Call with the lock held.
    private func takeFirst() -> OutFrame {
        let frame = frames[head]
        head += 1
        bytes -= frame.bytes.readableBytes
        // Written frames are let go at once (each holds its bytes).
        if head == frames.count {
            frames.removeAll(keepingCapacity: frames.capacity <= 64)
            head = 0
        } else if head >= 32 {
            frames.removeFirst(head)
            head = 0
        }
        return frame
    }
}
