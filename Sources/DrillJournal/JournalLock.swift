import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One writer per journal: `serve` holds an exclusive lock on `<journal>.lock` for as long as it
/// runs, and writes into it where it listens, so that a second `serve` on the same journal is
/// refused with the first one's address instead of appending to a journal another process writes.
///
/// The lock is `flock(2)` on the file: the kernel releases it when the process ends, however it
/// ends (`kill -9` included), so a stale file never blocks a restart.
public final class JournalLock: @unchecked Sendable {
    /// The file beside the journal.
    public static func path(journal: String) -> String { journal + ".lock" }

    /// Another process holds the lock.
    public struct Held: Error, Sendable, Equatable {
        /// The lock file.
        public var path: String
        /// What the holder wrote into it (its process id and address); empty if it wrote nothing yet.
        public var holder: String
    }

    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var released = false

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock of `journal`, or throws `Held` naming the holder (or a `JournalError` when the
    /// file cannot be made). Never waits.
    public static func acquire(journal: String) throws -> JournalLock {
        let path = path(journal: journal)
        // The file may be removed by its holder between our open and our lock: then lock again.
        for _ in 0..<10 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw JournalError.cannotCreate(path: path, detail: String(cString: strerror(errno)))
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let error = errno
                let holder = read(descriptor)
                close(descriptor)
                guard error == EWOULDBLOCK else {
                    throw JournalError.cannotCreate(path: path, detail: String(cString: strerror(error)))
                }
                throw Held(path: path, holder: holder)
            }
            var held = stat(), named = stat()
            if fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                let lock = JournalLock(path: path, descriptor: descriptor)
                lock.announce("pid \(getpid())")
                return lock
            }
            close(descriptor)
        }
        throw JournalError.cannotCreate(path: path, detail: "its lock file keeps being replaced")
    }

    /// Writes who holds the lock (e.g. `pid 4242, ws://drill-host:8080/ws`) for a refused second server.
    public func announce(_ holder: String) {
        lock.withLock {
            guard !released else { return }
            _ = ftruncate(descriptor, 0)
            let bytes = Array((holder + "\n").utf8)
            _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    /// Removes the file and releases the lock (also done by the kernel when the process ends).
    public func release() {
        lock.withLock {
            guard !released else { return }
            released = true
            unlink(path)
            close(descriptor)
        }
    }

    deinit { release() }

    private static func read(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
