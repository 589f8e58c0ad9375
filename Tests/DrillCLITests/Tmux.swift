#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A real terminal for end-to-end tests: a detached tmux session on a private tmux server (its own
/// socket file in the temporary folder), driven with `send-keys` and read with `capture-pane`.
/// Reusable for any command (run, demo, serve, join): start one session per process under test,
/// each on its own server.
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
    /// The server's socket: a file of our own (tmux -S), removed on close.
    private let socket: String
    let name = "main"

    /// Starts `command` in a `width` × `height` terminal in `directory`. When the command ends,
    /// `[exit N]` is printed and the pane stays, so its last words can be read.
    init(_ command: [String], width: Int = 100, height: Int = 30, directory: URL, environment: [String: String] = [:]) throws {
        tmux = Self.which("tmux") ?? "tmux"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("cyberdrill-tmux-\(UUID().uuidString.prefix(8))").path
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let line = "env \(assignments) \(command.map(Self.quote).joined(separator: " ")); echo \"[exit $?]\"; sleep 600"
        // The server this starts outlives the client: it must not inherit a pipe we wait on.
        let status = try Self.run(tmux, ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                         "-c", directory.path, line], detached: true).status
        guard status == 0 else { throw TmuxError("tmux new-session failed with status \(status)") }
    }

    deinit { close() }

    /// Keys by tmux name (`Enter`, `Escape`, `F2`, `C-c`, `Up`, `BTab`) or plain characters.
    func send(_ keys: String...) {
        _ = try? Self.run(tmux, ["-S", socket, "send-keys", "-t", name] + keys)
    }

    /// Text typed literally.
    func type(_ text: String) {
        _ = try? Self.run(tmux, ["-S", socket, "send-keys", "-t", name, "-l", text])
    }

    func resize(width: Int, height: Int) {
        _ = try? Self.run(tmux, ["-S", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// What the terminal shows now, one line per row.
    func capture() -> String {
        (try? Self.run(tmux, ["-S", socket, "capture-pane", "-p", "-t", name]).output) ?? ""
    }

    /// What the terminal shows now with its attributes, as escape sequences (`capture-pane -e`).
    func captureWithAttributes() -> String {
        (try? Self.run(tmux, ["-S", socket, "capture-pane", "-e", "-p", "-t", name]).output) ?? ""
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
        _ = try? Self.run(tmux, ["-S", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a program to its end with posix_spawn and waitpid (not Foundation's Process, whose
    /// exit monitoring can miss a child that spawned a daemon, as `tmux new-session` does).
    /// `detached` sends its output to /dev/null: a daemon it starts must not hold our pipe open.
    static func run(_ executable: String, _ arguments: [String], detached: Bool = false) throws -> (status: Int32, output: String) {
        var fds: [Int32] = [-1, -1]
        if !detached { guard pipe(&fds) == 0 else { throw TmuxError("pipe failed") } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if detached {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        }
        // The test runner blocks or ignores signals its children would inherit: tmux's panes would
        // then ignore the SIGHUP of kill-server and outlive the test. Start from a clean slate.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        if !detached { Glibc.close(fds[1]) }
        guard spawned == 0 else {
            if !detached { Glibc.close(fds[0]) }
            throw TmuxError("could not start \(executable): error \(spawned)")
        }
        var output = Data()
        if !detached {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output.append(contentsOf: buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
            }
            Glibc.close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TmuxSession {
    /// From a white cell's console once it is drawn: `s`, confirmed with `s`, until it says
    /// RUNNING; returns that screen (nil, with the issue recorded, when a step timed out).
    @discardableResult
    func startExercise(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        wait(for: "NOT STARTED", sourceLocation: sourceLocation)
        send("s")
        wait(for: "Start the exercise", sourceLocation: sourceLocation)
        send("s")
        return wait(for: "RUNNING", sourceLocation: sourceLocation)
    }
}
