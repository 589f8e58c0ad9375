import Foundation
import Testing

/// A real terminal for end-to-end tests: a detached tmux session on a private tmux server, driven
/// with `send-keys` and read with `capture-pane`. Reusable for any command (run, demo, serve,
/// join): start one session per process under test, each on its own server.
final class TmuxSession: @unchecked Sendable {
    /// Whether tmux can be run here; tests that need it are skipped otherwise.
    static let available: Bool = {
        guard let path = which("tmux") else { return false }
        return (try? run(path, ["-V"]).status) == 0
    }()

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private let tmux: String
    private let socket: String
    let name = "main"

    /// Starts `command` in a `width` × `height` terminal in `directory`. When the command ends,
    /// `[exit N]` is printed and the pane stays, so its last words can be read.
    init(_ command: [String], width: Int = 100, height: Int = 30, directory: URL, environment: [String: String] = [:]) throws {
        tmux = Self.which("tmux") ?? "tmux"
        socket = "cyberdrill-test-\(UUID().uuidString.prefix(8))"
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let line = "env \(assignments) \(command.map(Self.quote).joined(separator: " ")); echo \"[exit $?]\"; sleep 600"
        let result = try Self.run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                         "-c", directory.path, line])
        guard result.status == 0 else { throw TmuxError("tmux new-session failed: \(result.output)") }
    }

    deinit { close() }

    /// Keys by tmux name (`Enter`, `Escape`, `F2`, `C-c`, `Up`, `BTab`) or plain characters.
    func send(_ keys: String...) {
        _ = try? Self.run(tmux, ["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// Text typed literally.
    func type(_ text: String) {
        _ = try? Self.run(tmux, ["-L", socket, "send-keys", "-t", name, "-l", text])
    }

    func resize(width: Int, height: Int) {
        _ = try? Self.run(tmux, ["-L", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// What the terminal shows now, one line per row.
    func capture() -> String {
        (try? Self.run(tmux, ["-L", socket, "capture-pane", "-p", "-t", name]).output) ?? ""
    }

    /// Waits until the screen satisfies `condition`; records an issue with the screen on timeout.
    @discardableResult
    func wait(for what: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation,
              _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); the screen shows:\n\(screen)", sourceLocation: sourceLocation)
        return nil
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    func wait(for text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        wait(for: "“\(text)”", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    func close() {
        _ = try? Self.run(tmux, ["-L", socket, "kill-server"])
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
