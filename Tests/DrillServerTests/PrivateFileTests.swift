import DrillTestSupport
#if canImport(Glibc)
import Glibc
#endif
import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// Watches a folder with inotify, as a local user after the tokens would, and stats every file
/// the moment it is created, moved in, has its mode changed, or is written.
final class FolderWatcher: @unchecked Sendable {
    private final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var files: [(name: String, mode: mode_t)] = []
        var stopping = false
        let done = DispatchSemaphore(value: 0)
    }

    private let seen = Seen()
    private let fd: Int32

    init(_ folder: String) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw POSIXError(.EINVAL) }
        let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_ATTRIB | IN_MODIFY | IN_CLOSE_WRITE)
        guard inotify_add_watch(fd, folder, mask) >= 0 else { throw POSIXError(.EINVAL) }
        let fd = fd
        let seen = seen
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&poller, 1, 50) <= 0 {
                    if seen.lock.withLock({ seen.stopping }) { break }
                    continue
                }
                let n = read(fd, &buffer, buffer.count)
                guard n > 0 else { continue }
                var offset = 0
                while offset + 16 <= n {
                    let length = Int(buffer[offset + 12]) | Int(buffer[offset + 13]) << 8 | Int(buffer[offset + 14]) << 16 | Int(buffer[offset + 15]) << 24
                    let nameBytes = buffer[(offset + 16)..<min(n, offset + 16 + length)].prefix { $0 != 0 }
                    offset += 16 + length
                    guard !nameBytes.isEmpty else { continue }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    var info = stat()
                    if stat(folder + "/" + name, &info) == 0 {
                        seen.lock.withLock { seen.files.append((name, info.st_mode & 0o777)) }
                    }
                }
            }
            seen.done.signal()
        }
        thread.start()
    }

    /// Every (file, mode) observed, once the watcher has stopped.
    func stop() -> [(name: String, mode: mode_t)] {
        seen.lock.withLock { seen.stopping = true }
        seen.done.wait()
        close(fd)
        return seen.lock.withLock { seen.files }
    }
}

@Suite("Secret files are private from their first byte", .serialized)
struct PrivateFileTests {
    @Test func theTokenFilesAreNeverObservableWithAnotherModeThan0600() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = folder.appendingPathComponent("drill.journal").path
        // A usual umask: a file created without an explicit mode would be 0644.
        let umaskBefore = umask(0o022)
        defer { umask(umaskBefore) }
        let watcher = try FolderWatcher(folder.path)
        var store = CredentialStore([])
        for k in 0..<150 {
            let token = IssuedToken.generate(for: Identity(role: .team, id: "team-\(k)", name: "Team \(k)"))
            store.add(Credential(token))
            try CredentialFiles.save(journal: journal, scenarioDigest: "digest", store: store, issued: [token])
        }
        let seen = watcher.stop()
        let temporaries = seen.filter { $0.name.contains(".tmp-") }
        #expect(!temporaries.isEmpty, "the watcher saw the files being made: \(seen.prefix(5))")
        let exposed = seen.filter { $0.mode != 0o600 }
        #expect(exposed.isEmpty, "seen with another mode: \(exposed.prefix(10).map { "\($0.name) \(String($0.mode, radix: 8))" })")
        for path in [CredentialFiles.tokensPath(journal: journal), CredentialFiles.authPath(journal: journal)] {
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600, "\(path)")
        }
        // Nothing is left behind but the two files.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["drill.journal.auth", "drill.journal.tokens"])
        #expect(try CredentialFiles.issuedTokens(journal: journal).count == 150)
    }

    @Test func aPrivateFileIsReplacedWholeAndAlways0600() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let watcher = try FolderWatcher(folder.path)
        let path = folder.appendingPathComponent("secret").path
        for k in 0..<50 { try PrivateFile.write(Array("secret \(k)\n".utf8), to: path) }
        let seen = watcher.stop()
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0.mode == 0o600 }, "\(seen.filter { $0.mode != 0o600 }.prefix(5))")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "secret 49\n")
        // A folder nobody may write to: the write fails with a reason and leaves nothing.
        chmod(folder.path, 0o500)
        defer { chmod(folder.path, 0o700) }
        if getuid() != 0 {
            #expect(throws: PrivateFile.Failure.self) { try PrivateFile.write(Array("x".utf8), to: folder.appendingPathComponent("other").path) }
        }
    }
}
