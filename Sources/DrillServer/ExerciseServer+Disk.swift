import DrillJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A full disk, said loudly and recovered from by itself.
extension ExerciseServer {
    /// Runs every `diskCheckInterval`: says once (at `critical`, on standard error by default) that
    /// the journal cannot be written, and while it cannot, checks for room by writing a probe file
    /// beside the journal; once there is room, says so and clears the degraded state.
    func watchDisk() async {
        guard let full = await host.diskFull else {
            if diskAlarm.exchange(false) {
                configuration.logger.warning("the journal can be written again: the exercise carries on", metadata: ["journal": "\(host.journal.path)"])
                journalNoticeBoard.post(.writable)
            }
            return
        }
        if !diskAlarm.exchange(true) {
            configuration.logger.critical("the journal cannot be written: \(full). New answers are refused (diskFull) until there is room; everything acknowledged is safe.")
            journalNoticeBoard.post(.diskFull(full.description))
        }
        if Self.hasRoom(beside: host.journal.path) { await host.diskHasRoom() }
    }

    /// Each time the journal stops or starts again being writable: for the console beside the server.
    public func journalNotices() -> AsyncStream<JournalNotice> {
        journalNoticeBoard.subscribe()
    }

    /// Whether 256 KiB can be written (and synced) in the journal's folder now.
    static func hasRoom(beside journal: String) -> Bool {
        let probe = journal + ".space-check"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer {
            close(descriptor)
            unlink(probe)
        }
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        for _ in 0..<4 {
            let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == chunk.count else { return false }
        }
        return fsync(descriptor) == 0
    }
}

/// A boolean shared between tasks.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag; returns what it was.
    func exchange(_ new: Bool) -> Bool {
        lock.withLock {
            defer { value = new }
            return value
        }
    }
}

/// A change in whether the server can write its journal.
public enum JournalNotice: Sendable, Equatable {
    /// It cannot, for lack of room (the journal's error, in English).
    case diskFull(String)
    /// It can again.
    case writable
}

/// Delivers `JournalNotice`s to every subscriber.
final class JournalNoticeBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var continuations: [UUID: AsyncStream<JournalNotice>.Continuation] = [:]

    func subscribe() -> AsyncStream<JournalNotice> {
        let (stream, continuation) = AsyncStream<JournalNotice>.makeStream()
        let id = UUID()
        lock.withLock { continuations[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.lock.withLock { self?.continuations.removeValue(forKey: id) } }
        return stream
    }

    func post(_ notice: JournalNotice) {
        for continuation in lock.withLock({ Array(continuations.values) }) { continuation.yield(notice) }
    }
}
