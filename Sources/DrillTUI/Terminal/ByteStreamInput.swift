import Foundation

/// Keys from bytes handed over by someone else (an SSH channel), instead of a terminal's file
/// descriptor: the same `KeyDecoder` as `InputReader`, with the same escape and paste timeouts.
///
/// `feed` the bytes as they arrive, call `resized()` when the far terminal's size changed (the
/// runner then asks its backend for the new size) and `end()` when no more input will come.
/// What arrives before a runner starts is kept and delivered when it does.
public final class ByteStreamInput: InputSource, @unchecked Sendable {
    private let lock = NSLock()
    private var decoder = KeyDecoder()
    private var deliver: (@Sendable (InputEvent) -> Void)?
    private var early: [InputEvent] = []
    private var ended = false
    /// Bumped by every feed: a pending timeout flushes only if nothing came since.
    private var generation = 0

    public init() {}

    /// Decodes `bytes` into keys.
    public func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        let (keys, timeout, generation): ([Key], Int32?, Int) = lock.withLock {
            guard !ended else { return ([], nil, 0) }
            let keys = decoder.feed(Array(bytes))
            self.generation += 1
            let timeout: Int32? = decoder.hasPendingInput ? InputReader.escapeTimeout : decoder.isInPaste ? InputReader.pasteTimeout : nil
            return (keys, timeout, self.generation)
        }
        if !keys.isEmpty { emit(.keys(keys)) }
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(timeout))) { [weak self] in
                self?.flush(ifStill: generation)
            }
        }
    }

    /// The far terminal changed size.
    public func resized() { emit(.resized) }

    /// No more input: what is pending is decoded, then the runner hears that input ended.
    public func end() {
        let keys: [Key]? = lock.withLock {
            guard !ended else { return nil }
            ended = true
            return decoder.flush(endingPaste: true)
        }
        guard let keys else { return }
        if !keys.isEmpty { emit(.keys(keys)) }
        emit(.ended)
    }

    private func flush(ifStill generation: Int) {
        let keys: [Key] = lock.withLock {
            guard generation == self.generation, !ended else { return [] }
            return decoder.isInPaste ? decoder.flush(endingPaste: true) : decoder.flush()
        }
        if !keys.isEmpty { emit(.keys(keys)) }
    }

    private func emit(_ event: InputEvent) {
        let target: (@Sendable (InputEvent) -> Void)? = lock.withLock {
            if deliver == nil { early.append(event) }
            return deliver
        }
        target?(event)
    }

    func start(_ deliver: @escaping @Sendable (InputEvent) -> Void) {
        let early: [InputEvent] = lock.withLock {
            self.deliver = deliver
            defer { self.early = [] }
            return self.early
        }
        for event in early { deliver(event) }
    }

    func stop() {
        lock.withLock { deliver = nil }
    }
}
