import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Testing

/// A WebSocket client that stops reading until told to go on, as a laptop that slept or a
/// client stuck in a long computation does.
final class PausedReader: @unchecked Sendable {
    private let lock = NSLock()
    private var outbound: WebSocketOutboundWriter?
    private var received: [String] = []
    private var paused = true
    private var closed = false
    private var closeCode: WebSocketErrorCode?
    private var task: Task<Void, Never>?

    static func open(_ url: String) async throws -> PausedReader {
        let socket = PausedReader()
        let (ready, readyContinuation) = AsyncStream<Bool>.makeStream()
        socket.task = Task {
            do {
                let close = try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 24), logger: Logger(label: "paused")) { inbound, outbound, _ in
                    socket.lock.withLock { socket.outbound = outbound }
                    readyContinuation.yield(true)
                    while socket.lock.withLock({ socket.paused }) { try await Task.sleep(for: .milliseconds(20)) }
                    for try await message in inbound.messages(maxSize: 1 << 26) {
                        if case .text(let text) = message { socket.lock.withLock { socket.received.append(text) } }
                    }
                }
                socket.lock.withLock { socket.closeCode = close?.closeCode }
            } catch {
                readyContinuation.yield(false)
            }
            socket.lock.withLock { socket.closed = true }
            readyContinuation.finish()
        }
        var iterator = ready.makeAsyncIterator()
        guard await iterator.next() == true else { throw TimedOut() }
        return socket
    }

    func send(_ text: String) async throws {
        guard let outbound = lock.withLock({ outbound }) else { throw TimedOut() }
        try await outbound.write(.text(text))
    }

    func resume() { lock.withLock { paused = false } }

    var frames: [ServerFrame] { lock.withLock { received }.compactMap { try? WireCoding.decodeServer(Data($0.utf8)) } }

    /// The close code once the connection ended; nil while it is open (or when it ended without one).
    func waitUntilClosed(timeout: Duration = .seconds(30)) async -> (closed: Bool, code: WebSocketErrorCode?) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lock.withLock({ closed }) { return (true, lock.withLock { closeCode }) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return (false, nil)
    }

    func cancel() async {
        task?.cancel()
        _ = await task?.value
    }
}

@Suite("A client that stops reading gets tooSlow and close 1013 when it reads again", .serialized)
struct SlowReaderTests {
    @Test func aStalledClientThatReadsAgainWithinTheGraceGetsTooSlowThenClose1013() async throws {
        let server = try await TestServer.start {
            $0.setOutboxLimit(bytes: 64 * 1024, frames: 64)
            $0.slowReaderGrace = .seconds(20)
        }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let stalled = try await PausedReader.open(server.url)
        defer { Task { await stalled.cancel() } }
        try await stalled.send(#"{"v":1,"type":"hello","token":"\#(server.token("team:cirt-a"))","lastSeq":0}"#)
        // Followed by its feed once welcomed.
        let deadline = ContinuousClock.now + .seconds(20)
        while await server.server.hub.counts().teamsConnected < 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await server.server.hub.counts().teamsConnected == 1)
        // Far more than its queue and the sockets' buffers hold, while it reads nothing.
        let text = String(repeating: "x", count: 30_000)
        for k in 0..<300 { try await control(whitecell, .broadcast(text: "\(k) \(text)", team: nil)) }
        while await server.server.hub.counts().teamsConnected > 0, ContinuousClock.now < deadline + .seconds(40) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await server.server.hub.counts().teamsConnected == 0, "the stalled client was dropped from its feed")
        // It stays stalled longer than a moment (the server used to cut it after 2 s), then reads.
        try await Task.sleep(for: .seconds(3))
        stalled.resume()
        let (closed, code) = await stalled.waitUntilClosed()
        #expect(closed)
        #expect(code == .unknown(1013), "close code \(String(describing: code))")
        let last = stalled.frames.last { $0.error != nil }
        #expect(last?.error?.code == "tooSlow", "frames: \(stalled.frames.suffix(3).map(\.message.type))")
        await whitecell.stop()
    }
}
