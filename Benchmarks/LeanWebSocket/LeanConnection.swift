import Atomics
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// The load generator's WebSocket client: plain SwiftNIO on event loops of its own, so that the
/// clients cost the shared cores as little as possible beside the server they measure. One TCP
/// connection upgraded with `NIOWebSocketClientUpgrader`, then a handler of `WebSocketFrame`s that
/// takes the receipt time in `channelRead`, on the connection's event loop, before any hop, and
/// hands the text frame's bytes (no `String`) to `receive`, on that same loop. Pings are answered
/// with pongs; every frame sent is masked (RFC 6455, the server checks).
///
/// Whatever `receive` keeps belongs to the connection's event loop: the clients read it back with
/// `onLoop` (a hop) once the run is over, and share only atomic counters while it runs.
public final class LeanConnection: @unchecked Sendable {
    /// The clients' threads: as many as the machine has cores, separate from the server's.
    public static let group = MultiThreadedEventLoopGroup(numberOfThreads: max(2, System.coreCount))

    public let eventLoop: EventLoop
    /// Text frames as they arrive, with their receipt time (monotonic ns); called on `eventLoop`.
    private let receive: (ByteBuffer, UInt64) -> Void
    private let hello: String?
    /// The channel once upgraded; written and read on `eventLoop` only.
    private var channel: Channel?
    private let upgradedFlag = ManagedAtomic<Bool>(false)

    /// cyberdrill's `hello` with a token, from the start of the feed: what every benchmark client
    /// says first.
    public static func hello(token: String) -> String {
        #"{"v":1,"type":"hello","token":"\#(token)","lastSeq":0}"#
    }

    /// `hello`: the first text frame, sent as soon as the connection is upgraded (nil: none).
    public init(hello: String?, receive: @escaping (ByteBuffer, UInt64) -> Void) {
        eventLoop = Self.group.next()
        self.hello = hello
        self.receive = receive
    }

    /// Connects to `url` (ws://host:port/path) and upgrades; failures leave it unconnected (the
    /// benchmark's wait for `welcome` reports them).
    public func start(_ url: String) {
        guard let parsed = URL(string: url), let host = parsed.host, let port = parsed.port else { return }
        let path = parsed.path.isEmpty ? "/" : parsed.path
        let connection = self
        _ = ClientBootstrap(group: eventLoop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: 1 << 24, automaticErrorHandling: true) { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(LeanFrameHandler(connection))
                    }
                }
                return channel.pipeline.addHTTPClientHandlers(withClientUpgrade: (upgraders: [upgrader], completionHandler: { context in
                    context.pipeline.removeHandler(name: LeanUpgradeRequest.name, promise: nil)
                })).flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(LeanUpgradeRequest(host: host, port: port, path: path),
                                                                   name: LeanUpgradeRequest.name)
                }
            }
            .connect(host: host, port: port)
    }

    /// On the event loop, from the frame handler.
    fileprivate func upgraded(_ channel: Channel) {
        self.channel = channel
        upgradedFlag.store(true, ordering: .releasing)
        if let hello { channel.writeAndFlush(Self.frame(hello), promise: nil) }
    }

    /// Whether the WebSocket upgrade is done (from any thread).
    public var isUpgraded: Bool { upgradedFlag.load(ordering: .acquiring) }

    fileprivate func received(_ data: ByteBuffer, at time: UInt64) { receive(data, time) }

    fileprivate func closed() { channel = nil }

    /// A masked text frame.
    public static func frame(_ text: String) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text))
    }

    /// Sends one text frame now, from any thread (for the white cell's commands; the answers go
    /// through `OpenLoop`, on the loop).
    public func send(_ text: String) {
        let frame = Self.frame(text)
        eventLoop.execute { self.channel?.writeAndFlush(frame, promise: nil) }
    }

    /// On the event loop: queues `frame` without flushing; false when not connected.
    public func write(_ frame: WebSocketFrame) -> Bool {
        guard let channel else { return false }
        channel.write(frame, promise: nil)
        return true
    }

    /// On the event loop: flushes what `write` queued.
    public func flush() { channel?.flush() }

    /// Runs `body` on the connection's event loop and returns its result (reads what the
    /// connection's `receive` kept).
    public func onLoop<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T? {
        try? await eventLoop.submit(body).get()
    }

    /// Says goodbye (a close frame) and closes.
    public func close() async {
        let done: EventLoopFuture<Void> = eventLoop.flatSubmit {
            guard let channel = self.channel else { return self.eventLoop.makeSucceededVoidFuture() }
            var reason = ByteBuffer()
            reason.write(webSocketErrorCode: .normalClosure)
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: reason), promise: nil)
            return channel.close()
        }
        try? await done.get()
    }
}

/// Writes the HTTP/1 upgrade request once the TCP connection is up (the upgrade handler adds the
/// WebSocket headers to it); removed when the upgrade completes.
private final class LeanUpgradeRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    static let name = "lean-upgrade-request"
    let host: String, port: Int, path: String

    init(host: String, port: Int, path: String) {
        self.host = host
        self.port = port
        self.path = path
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(host):\(port)")
        headers.add(name: "Content-Length", value: "0")
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }
}

/// The connection's frames: receipt time first, then pings, closes and text.
private final class LeanFrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame
    let connection: LeanConnection

    init(_ connection: LeanConnection) { self.connection = connection }

    func handlerAdded(context: ChannelHandlerContext) { connection.upgraded(context.channel) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let time = DispatchTime.now().uptimeNanoseconds  // BenchSupport's now()
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            connection.received(frame.unmaskedData, at: time)
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)),
                                  promise: nil)
        case .connectionClose:
            context.close(promise: nil)
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.closed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
}

/// Searches in a frame's bytes, without making a `String` of it.
public enum FrameBytes {
    /// Whether `needle` occurs in `buffer`'s readable bytes.
    public static func contains(_ buffer: ByteBuffer, _ needle: StaticString) -> Bool { offset(of: needle, in: buffer) != nil }

    /// The offset (from the reader index) just after the first `needle` in `buffer`.
    public static func offset(of needle: StaticString, in buffer: ByteBuffer, from start: Int = 0) -> Int? {
        buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            let length = needle.utf8CodeUnitCount
            guard length > 1 else { return nil }
            let first = Int32(needle.utf8Start[0]), second = needle.utf8Start[1]
            var from = start
            // memchr to each candidate first byte (a quote, frequent in JSON), its second byte
            // compared inline, then memcmp the rest.
            while bytes.count - from >= length {
                guard let hit = memchr(base + from, first, bytes.count - from - length + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if bytes[at + 1] == second, memcmp(hit, needle.utf8Start, length) == 0 { return at + length }
                from = at + 1
            }
            return nil
        }
    }

    /// The string value after `marker` (which ends with the opening quote), up to the closing quote.
    public static func string(after marker: StaticString, in buffer: ByteBuffer) -> String? {
        guard let start = offset(of: marker, in: buffer) else { return nil }
        return buffer.withUnsafeReadableBytes { bytes -> String? in
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    /// The non-negative integer after `marker`.
    public static func int(after marker: StaticString, in buffer: ByteBuffer) -> Int? {
        guard let start = offset(of: marker, in: buffer) else { return nil }
        return buffer.withUnsafeReadableBytes { bytes -> Int? in digits(bytes, from: start).value }
    }

    /// The number at the end of a submission id (`t001-17` → 17), which is the answer's index on
    /// its connection: the string value after `marker`, its digits after the last `-`.
    public static func index(after marker: StaticString, in buffer: ByteBuffer) -> Int? {
        guard let start = offset(of: marker, in: buffer) else { return nil }
        return buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")),
                  let dash = bytes[start..<end].lastIndex(of: UInt8(ascii: "-")) else { return nil }
            let (value, stop) = digits(bytes, from: dash + 1)
            return stop == end ? value : nil
        }
    }

    private static func digits(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (value: Int?, end: Int) {
        var value = 0, i = start
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), i - start < 18 {
            value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return (i > start ? value : nil, i)
    }
}
