#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DrillText

/// What a program on the terminal reacts to.
public enum TerminalEvent<Message: Sendable>: Sendable {
    case key(Key)
    /// The terminal changed size.
    case resized(Size)
    /// A regular beat (four a second), for clocks and countdowns.
    case tick
    /// Standard input closed: nothing more will be typed.
    case inputEnded
    /// Something the program's own tasks posted (`TerminalRunner.post`).
    case message(Message)
}

/// A program shown on a terminal: Model / Update / View, with keys and messages as plain values.
public protocol TerminalProgram {
    associatedtype Message: Sendable
    /// Reacts to an event; returns false to end the program.
    mutating func update(_ event: TerminalEvent<Message>) -> Bool
    /// Stores what depends on the size (scroll positions that keep cursors visible) before a frame.
    mutating func layout(_ size: Size)
    /// Draws the program at `size` (never below `TooSmallView.minimum`).
    func render(_ size: Size) -> Screen
    /// The language of the "terminal too small" screen shown instead of the program.
    var tooSmallLanguage: Language { get }
}

extension TerminalProgram {
    public var tooSmallLanguage: Language { .en }
}

/// Runs a `TerminalProgram` on a terminal backend: input, resizes, ticks and posted messages go
/// in one at a time, and every event is followed by a frame, of which the backend sends the diff.
/// Below 80×24 the program is replaced by `TooSmallView` and only Ctrl-C reaches it.
public final class TerminalRunner<Message: Sendable>: Sendable {
    private let stream: AsyncStream<TerminalEvent<Message>>
    private let continuation: AsyncStream<TerminalEvent<Message>>.Continuation
    private let reader: any InputSource

    /// A runner reading keys from the terminal on descriptor `input` (resizes: SIGWINCH).
    public init(input: Int32 = 0) {
        (stream, continuation) = AsyncStream<TerminalEvent<Message>>.makeStream(bufferingPolicy: .unbounded)
        reader = InputReader(input: input)
    }

    /// A runner reading keys from bytes handed over (an SSH channel); its resizes come from
    /// `input.resized()`, its size from the backend.
    public init(input: ByteStreamInput) {
        (stream, continuation) = AsyncStream<TerminalEvent<Message>>.makeStream(bufferingPolicy: .unbounded)
        reader = input
    }

    /// Hands a message to the program, from any task or thread.
    public func post(_ message: Message) {
        continuation.yield(.message(message))
    }

    /// Runs until the program's `update` returns false; the terminal is given back as it was
    /// (also when the process dies of a signal: the backends arm handlers for that).
    public func run<Program: TerminalProgram>(_ program: inout Program, on backend: any TerminalBackend,
                                              tick: Duration = .milliseconds(250)) async throws where Program.Message == Message {
        let continuation = self.continuation
        reader.start { event in
            switch event {
            case .keys(let keys): for key in keys { continuation.yield(.key(key)) }
            case .resized: continuation.yield(.resized(Size(width: 0, height: 0)))
            case .ended: continuation.yield(.inputEnded)
            }
        }
        defer { reader.stop() }
        try backend.start()
        defer { backend.stop() }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                continuation.yield(.tick)
            }
        }
        defer { ticker.cancel() }

        var size = backend.size
        func draw(_ program: inout Program) {
            if TooSmallView.fits(size) {
                program.layout(size)
                backend.flush(program.render(size))
            } else {
                backend.flush(TooSmallView.render(size, language: program.tooSmallLanguage))
            }
        }
        draw(&program)
        for await event in stream {
            var event = event
            if case .resized = event {
                size = backend.size
                event = .resized(size)
            } else if case .tick = event, backend.size != size {
                // A resize whose signal was missed (or a terminal that sends none).
                size = backend.size
                event = .resized(size)
            }
            if !TooSmallView.fits(size), case .key(let key) = event, key != .ctrl("c") { draw(&program); continue }
            guard program.update(event) else { break }
            draw(&program)
        }
    }
}

/// Choosing the terminal backend.
public enum TerminalBackends {
    /// ncurses when stdout is a terminal and `TERM` names one, the plain ANSI backend otherwise
    /// (or when `plain`, or when ncurses cannot open the terminal). Not started yet.
    public static func preferred(plain: Bool = false) -> any TerminalBackend {
        if !plain, isatty(1) != 0, let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty, term != "dumb" {
            return FallbackBackend(primary: NcursesBackend())
        }
        return ANSIBackend(input: 0, output: 1)
    }
}

/// ncurses if it starts, else the ANSI backend: a terminal ncurses does not know still works.
final class FallbackBackend: TerminalBackend {
    private var active: any TerminalBackend

    init(primary: any TerminalBackend) {
        active = primary
    }

    var size: Size { active.size }

    func start() throws {
        do {
            try active.start()
        } catch {
            active = ANSIBackend(input: 0, output: 1)
            try active.start()
        }
    }

    func flush(_ screen: Screen) { active.flush(screen) }
    func invalidate() { active.invalidate() }
    func stop() { active.stop() }
}
