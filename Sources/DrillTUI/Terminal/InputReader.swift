#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

/// Where a runner's keys come from: a terminal's descriptor (`InputReader`) or bytes handed
/// over (`ByteStreamInput`).
protocol InputSource: Sendable {
    /// Starts delivering; `deliver` may be called on any thread.
    func start(_ deliver: @escaping @Sendable (InputEvent) -> Void)
    func stop()
}

/// What the terminal's input side reports.
enum InputEvent: Sendable {
    case keys([Key])
    /// The window changed size (SIGWINCH).
    case resized
    /// The input reached its end (stdin closed).
    case ended
}

/// Reads stdin on a thread of its own and decodes it into keys.
///
/// It polls stdin and a self-pipe: the SIGWINCH handler writes to the pipe (the only thing a
/// signal handler may safely do), and so does `stop()`. A lone ESC waits `escapeTimeout` for
/// the rest of a sequence before it counts as the Esc key. Only one reader may watch resizes at
/// a time (the handler's pipe is process-wide).
final class InputReader: InputSource, @unchecked Sendable {
    private let input: Int32
    private var pipe: [Int32] = [-1, -1]
    private var thread: Thread?
    /// How long a lone ESC waits for the rest of an escape sequence.
    static let escapeTimeout: Int32 = 30
    /// How long a bracketed paste may pause before it is taken as ended (a broken terminator).
    static let pasteTimeout: Int32 = 2000

    init(input: Int32 = 0) {
        self.input = input
    }

    /// Starts reading; `deliver` is called on the reader's thread.
    func start(_ deliver: @escaping @Sendable (InputEvent) -> Void) {
        guard thread == nil else { return }
        var fds: [Int32] = [-1, -1]
        guard cnc_make_pipe(&fds) == 0 else { return }
        pipe = fds
        _ = cnc_watch_resize(fds[1])
        let input = self.input, wake = fds[0]
        let thread = Thread {
            Self.loop(input: input, wake: wake, deliver: deliver)
        }
        thread.name = "cyberdrill input"
        thread.start()
        self.thread = thread
    }

    /// Stops the thread (it wakes at once) and the resize watch.
    func stop() {
        guard thread != nil else { return }
        cnc_unwatch_resize()
        var byte: UInt8 = UInt8(ascii: "q")
        _ = write(pipe[1], &byte, 1)
        thread = nil
        // The read end is closed by the loop when it leaves; the write end here.
        close(pipe[1])
    }

    private static func loop(input: Int32, wake: Int32, deliver: @Sendable (InputEvent) -> Void) {
        var decoder = KeyDecoder()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var inputOpen = true
        defer { close(wake) }
        while true {
            var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: inputOpen ? input : -1, events: Int16(POLLIN), revents: 0)]
            let timeout: Int32 = decoder.hasPendingInput ? escapeTimeout : decoder.isInPaste ? pasteTimeout : -1
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                deliver(.ended)
                return
            }
            if ready == 0 {
                let keys = decoder.isInPaste ? decoder.flush(endingPaste: true) : decoder.flush()
                if !keys.isEmpty { deliver(.keys(keys)) }
                continue
            }
            if fds[0].revents != 0 {
                let n = read(wake, &buffer, buffer.count)
                if n > 0 {
                    if buffer[0..<n].contains(UInt8(ascii: "q")) { return }
                    deliver(.resized)
                }
            }
            if inputOpen && fds[1].revents != 0 {
                let n = read(input, &buffer, buffer.count)
                if n > 0 {
                    let keys = decoder.feed(buffer[0..<n])
                    if !keys.isEmpty { deliver(.keys(keys)) }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    let keys = decoder.flush(endingPaste: true)
                    if !keys.isEmpty { deliver(.keys(keys)) }
                    inputOpen = false
                    deliver(.ended)
                }
            }
        }
    }
}
