import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `cyberdrill serve --headless` in a process of its own (optionally under `prlimit`), with what it
/// prints collected as it comes.
final class ServedProcess: @unchecked Sendable {
    let process = Process()
    let directory: URL
    let journal: String
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    /// Starts `serve` on `scenario.yaml` (a copy of the tutorial) in `directory`.
    init(in directory: URL, journal: String = "t.journal", listen: String = "127.0.0.1:0", nofile: String? = nil) throws {
        self.directory = directory
        self.journal = journal
        let scenario = directory.appendingPathComponent("scenario.yaml")
        if !FileManager.default.fileExists(atPath: scenario.path) {
            try Self.scenario.write(to: scenario, atomically: true, encoding: .utf8)
        }
        let serve = ["serve", "scenario.yaml", "--journal", journal, "--listen", listen, "--headless", "--status-every", "1"]
        if let nofile {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--nofile=\(nofile)", "--", CLI.binary.path] + serve
        } else {
            process.executableURL = CLI.binary
            process.arguments = serve
        }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; return }
            self?.lock.withLock { self?.outText += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; return }
            self?.lock.withLock { self?.errText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// Three teams, one inject at the start.
    static let scenario = """
        format: cyberdrill/1
        id: abuse
        title: Abuse drill
        duration: 1h
        teams:
          - { id: tut-a, name: CIRT Alpha, country: XA }
          - { id: tut-b, name: CIRT Bravo, country: XB }
          - { id: tut-c, name: CIRT Charlie, country: XC }
        injects:
          - id: I01
            at: 0m
            title: Beaconing
            channel: email
            to: all
            body: Outbound traffic to 203.0.113.66 every 60 s.
            tasks:
              - { id: c2, type: text, prompt: Which IP is the C2?, accept: ["203.0.113.66"], points: 10 }
        """

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }
    var pid: Int32 { process.processIdentifier }

    /// Waits for "listening on port N"; nil if the process ended or the time ran out first.
    func port(timeout: Duration = .seconds(60)) async -> Int? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let range = out.range(of: #"listening on port (\d+)"#, options: .regularExpression),
               let port = Int(out[range].split(separator: " ").last ?? "") {
                return port
            }
            if !process.isRunning { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Waits until the process ends (true) or `timeout` passes (false).
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return !process.isRunning
    }

    /// Waits until standard output or error contains `text`.
    func waitFor(_ text: String, timeout: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if out.contains(text) || err.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// SIGTERM, then SIGKILL if it lingers.
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        if !(await waitForExit(timeout: .seconds(15))) { kill(pid, SIGKILL) }
        _ = await waitForExit(timeout: .seconds(5))
    }

    /// The token of `identity` (`team:tut-a`, …) from the tokens file.
    func token(_ identity: String) throws -> String {
        let url = directory.appendingPathComponent(journal + ".tokens")
        let data = try Data(contentsOf: url)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let tokens = object?["tokens"] as? [[String: Any]] ?? []
        for entry in tokens {
            let role = entry["role"] as? String ?? "", id = entry["id"] as? String ?? ""
            if "\(role):\(id)" == identity, let token = entry["token"] as? String { return token }
        }
        throw TokenMissing(identity: identity)
    }

    struct TokenMissing: Error { var identity: String }
}

/// A WebSocket client on a plain socket, from RFC 6455: enough to open connections by the hundred,
/// stay silent, or say `hello` and look for the reply. Blocking calls run off the cooperative pool.
final class MiniSocket: @unchecked Sendable {
    let descriptor: Int32
    private var received: [UInt8] = []
    /// Everything received so far, as text.
    var text: String { String(decoding: received, as: UTF8.self) }

    /// Connects to 127.0.0.1:`port`; nil if the connection is refused.
    init?(port: Int, connectTimeoutMs: Int32 = 5000) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Non-blocking connect with a time limit: a server whose backlog is full never answers the SYN.
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var connected = status == 0
        if !connected, errno == EINPROGRESS {
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            connected = poll(&poller, 1, connectTimeoutMs) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0
        }
        guard connected else {
            Glibc.close(fd)
            return nil
        }
        _ = fcntl(fd, F_SETFL, flags)
        descriptor = fd
    }

    deinit { Glibc.close(descriptor) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// The upgrade request and, in the same write, a masked text frame carrying `text`.
    @discardableResult
    func upgradeAndSend(_ text: String) -> Bool {
        let request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        return send(Array(request.utf8) + Self.frame(text))
    }

    @discardableResult
    func sendText(_ text: String) -> Bool { send(Self.frame(text)) }

    static func frame(_ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame.append(0x80 | 126)
            frame += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return frame
    }

    /// Reads until the bytes received contain one of `needles` (returned), the peer closes (nil,
    /// `closed` true) or `timeout` passes (nil).
    func read(until needles: [String], timeout: Duration) -> (found: String?, closed: Bool) {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let found = needles.first(where: { text.contains($0) }) { return (found, false) }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return (nil, false) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ms = Int32(max(1, min(1000, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            guard poll(&poller, 1, ms) >= 0 else { return (nil, true) }
            guard poller.revents != 0 else { continue }
            let n = recv(descriptor, &buffer, buffer.count, 0)
            if n <= 0 { return (nil, true) }
            received += buffer[0..<n]
        }
    }

    /// True if the server closed the connection within `timeout`.
    func waitClosed(timeout: Duration) -> Bool {
        read(until: ["\u{0}never\u{0}"], timeout: timeout).closed
    }
}

/// Runs blocking work on a thread of its own, off Swift's cooperative pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

/// `GET /health` on 127.0.0.1:`port`, within `timeout`; nil if it did not answer.
func health(port: Int, timeout: Duration = .seconds(10)) async -> String? {
    await offPool {
        guard let socket = MiniSocket(port: port) else { return nil }
        socket.send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        let (found, _) = socket.read(until: ["}"], timeout: timeout)
        guard found != nil else { return nil }
        return socket.text
    }
}
