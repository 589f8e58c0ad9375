import DrillServer
import DrillTUI
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// One SSH session's terminal, handed to the console that runs on it: who authenticated, the
/// keys typed (a `ByteStreamInput` fed from the channel), the size (from `pty-req` and every
/// `window-change`) and an output that writes to the channel. A console runs on it exactly as on
/// a local terminal: `TerminalRunner(input: terminal.input)` and `terminal.makeBackend()`.
public final class SSHTerminal: Sendable {
    /// Who the token stands for.
    public let identity: Identity
    /// The user name typed (`ssh NAME@host`): free text, shown nowhere else.
    public let user: String
    /// The token the session authenticated with; the console joins the exercise with it.
    public let token: String
    /// `TERM` from the PTY request (e.g. `xterm-256color`).
    public let term: String
    /// Environment variables the client sent (`SendEnv`/`SetEnv`), e.g. `NO_COLOR`, `LANG`.
    public let environment: [String: String]
    /// The client's address, for logs.
    public let remote: String
    /// The keys typed on the far terminal.
    public let input = ByteStreamInput()
    /// Finishes when the channel closes (the terminal was closed, the link dropped).
    public let ended: AsyncStream<Void>
    private let endedContinuation: AsyncStream<Void>.Continuation
    private let size: NIOLockedValueBox<Size>
    private let channel: any Channel

    init(identity: Identity, user: String, token: String, term: String, environment: [String: String], remote: String,
         size: Size, channel: any Channel) {
        self.identity = identity
        self.user = user
        self.token = token
        self.term = term
        self.environment = environment
        self.remote = remote
        self.size = NIOLockedValueBox(size)
        self.channel = channel
        (ended, endedContinuation) = AsyncStream<Void>.makeStream()
    }

    /// Whether to send colours: not for `TERM=dumb` (or no `TERM`), nor when `NO_COLOR` was sent.
    public var colors: Bool {
        !term.isEmpty && term != "dumb" && !ANSIBackend.noColorRequested(environment["NO_COLOR"])
    }

    /// The far terminal's size now.
    public var currentSize: Size { size.withLockedValue { $0 } }

    /// A backend that draws on the far terminal (ANSI escape sequences written to the channel).
    ///
    /// A client that stops reading (its window and the TCP buffers full) does not make the server
    /// queue frames for it without end: while the channel is not writable, frames are dropped and
    /// the backend forgets what the terminal shows, so the first frame sent once it reads again
    /// redraws everything.
    public func makeBackend() -> ANSIBackend {
        let size = self.size
        let drawn = BackendReference()
        let backend = ANSIBackend(size: { size.withLockedValue { $0 } }, colors: colors) { [weak self] text in
            if self?.write(text) == false { drawn.backend?.invalidate() }
        }
        drawn.backend = backend
        return backend
    }

    /// Writes `text` to the far terminal as it is (lines end with "\r\n": there is no tty on
    /// this side to translate). Returns false, writing nothing, while the channel cannot take more.
    @discardableResult
    public func write(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        guard channel.isWritable else { return false }
        let buffer = channel.allocator.buffer(string: text)
        channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: nil)
        return true
    }

    /// The channel closed: input ends, and `ended` finishes.
    func close() {
        input.end()
        endedContinuation.finish()
    }

    func resize(_ new: Size) {
        size.withLockedValue { $0 = new }
        input.resized()
    }
}

/// The backend whose output closure needs to reach it (to invalidate it after a dropped frame).
private final class BackendReference: @unchecked Sendable {
    weak var backend: ANSIBackend?
}
