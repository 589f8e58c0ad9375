import Foundation
import Hummingbird
import HummingbirdWebSocket
import LeanWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

/// The load generators' client: its byte searches, and a real connection to a real WebSocket
/// server on 127.0.0.1 (upgrade, hello first, masked frames the server reads back intact, text
/// frames handed over on the connection's event loop).
@Suite("Lean WebSocket client")
struct LeanWebSocketTests {
    @Test func findsMarkersInTheFramesBytes() {
        let frame = ByteBuffer(string: #"{"seq":42,"type":"ack","task":{"type":"text"},"submission":"t001-17","code":"x"}"#)
        #expect(FrameBytes.contains(frame, #""type":"ack""#))
        #expect(!FrameBytes.contains(frame, #""type":"ok""#))
        #expect(!FrameBytes.contains(frame, #""type":"inject""#))
        #expect(FrameBytes.int(after: #""seq":"#, in: frame) == 42)
        #expect(FrameBytes.string(after: #""submission":""#, in: frame) == "t001-17")
        #expect(FrameBytes.index(after: #""submission":""#, in: frame) == 17)
        #expect(FrameBytes.string(after: #""code":""#, in: frame) == "x")
        // A marker at the very end, one cut short, and one absent.
        #expect(FrameBytes.contains(ByteBuffer(string: #"xx"type":"ok""#), #""type":"ok""#))
        #expect(!FrameBytes.contains(ByteBuffer(string: #"xx"type":"o"#), #""type":"ok""#))
        #expect(FrameBytes.string(after: #""ref":""#, in: frame) == nil)
        // Not an answer index: no dash, or something after the digits.
        #expect(FrameBytes.index(after: #""s":""#, in: ByteBuffer(string: #"{"s":"t001"}"#)) == nil)
        #expect(FrameBytes.index(after: #""s":""#, in: ByteBuffer(string: #"{"s":"t001-1x"}"#)) == nil)
        // The search starts at the reader index.
        var moved = ByteBuffer(string: #""type":"ok"--"#)
        moved.moveReaderIndex(forwardBy: 2)
        #expect(!FrameBytes.contains(moved, #""type":"ok""#))
    }

    @Test func talksToARealServerWithMaskedFrames() async throws {
        // The server answers every text frame with "echo:" + what it read (unmasked by the server).
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/ws") { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                if case .text(let text) = message { try await outbound.write(.text("echo:" + text)) }
            }
        }
        var logger = Logger(label: "lean-test")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let received = NIOLockedValueBox<[String]>([])
        let offLoop = NIOLockedValueBox(0)
        let connection = LeanConnection(hello: #"{"type":"hello"}"#) { data, _ in
            if MultiThreadedEventLoopGroup.currentEventLoop == nil { offLoop.withLockedValue { $0 += 1 } }
            received.withLockedValue { $0.append(String(buffer: data)) }
        }
        connection.start("ws://127.0.0.1:\(port)/ws")
        let long = String(repeating: "é", count: 400)   // a frame over 126 bytes: a longer header and mask
        func waitFor(_ count: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(30)
            while received.withLockedValue({ $0.count }) < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        }
        try await waitFor(1)
        connection.send("second")
        connection.send(long)
        try await waitFor(3)
        #expect(received.withLockedValue { $0 } == [#"echo:{"type":"hello"}"#, "echo:second", "echo:" + long])
        // Every frame was handed over on an event loop (the receipt time is taken there).
        #expect(offLoop.withLockedValue { $0 } == 0)
        #expect(await connection.onLoop { connection.eventLoop.inEventLoop } == true)
        await connection.close()
    }
}
