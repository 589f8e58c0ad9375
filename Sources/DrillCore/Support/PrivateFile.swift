import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Secrets on disk (tokens, token hashes, an SSH host key, a queue of answers): readable by their
/// owner only from the first byte. The bytes go to a new file under a fresh temporary name,
/// created with `O_CREAT|O_EXCL` and mode 0600 (so no other mode is ever observable, not even for
/// an instant), are synced, and the file is renamed over `path` in one step; the folder is synced
/// so that the rename is durable too.
public enum PrivateFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// The mode every private file has.
    public static let mode: mode_t = 0o600

    /// Replaces `path` with `bytes`, mode 0600 from creation on.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let temporary = try createTemporary(beside: path)
        defer { if let name = temporary.leftover { unlink(name) } }
        var failure: String?
        let data = Array(bytes)
        var offset = 0
        while offset < data.count {
            let n = data[offset...].withUnsafeBytes { Glibc.write(temporary.fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            offset += n
        }
        // umask only ever narrows the mode open(2) gives; fchmod makes it exactly 0600 (never wider).
        if failure == nil, fchmod(temporary.fd, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(temporary.fd) != 0 { failure = String(cString: strerror(errno)) }
        close(temporary.fd)
        if failure == nil, rename(temporary.name, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure { throw Failure(path: path, reason: failure) }
        temporary.leftover = nil
        syncFolder(of: path)
    }

    private final class Temporary {
        let fd: Int32
        let name: String
        var leftover: String?
        init(fd: Int32, name: String) {
            self.fd = fd
            self.name = name
            leftover = name
        }
    }

    /// `<path>.tmp-XXXXXX`, a name nobody could have prepared: mkstemp(3) opens it with
    /// `O_CREAT|O_EXCL` and mode 0600.
    private static func createTemporary(beside path: String) throws -> Temporary {
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return Temporary(fd: fd, name: name)
    }

    private static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
