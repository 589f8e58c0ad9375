import BenchSupport
import Foundation

/// The real `cyberdrill serve` as a child process on 127.0.0.1, its output in a log file.
struct ServeChild {
    let process: Process
    let port: Int
    let log: URL

    /// Starts `serve` on a free port and returns once it listens.
    static func start(binary: String, scenario: String, journal: String, roster: String, in directory: URL) async throws -> ServeChild {
        let port = try freePort()
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: binary)
        serve.arguments = ["serve", scenario, "--journal", journal, "--roster", roster, "--listen", "127.0.0.1:\(port)",
                           "--headless", "--status-every", "3600", "--observers", "0"]
        let log = directory.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        serve.standardOutput = try FileHandle(forWritingTo: log)
        serve.standardError = serve.standardOutput
        try serve.run()
        let child = ServeChild(process: serve, port: port, log: log)
        let deadline = now() + 60_000_000_000
        while now() < deadline {
            if (try? String(contentsOf: log, encoding: .utf8))?.contains("listening on port") == true { return child }
            guard serve.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        child.stop()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw BenchError("cyberdrill serve did not start listening: \(output.suffix(500))")
    }

    /// Stops it the way an operator does (SIGTERM: the journal is closed cleanly) and waits.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// CPU time the process has used so far, in seconds (user + system, from /proc).
    var cpuSeconds: Double {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return .nan }
        // After the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw BenchError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
