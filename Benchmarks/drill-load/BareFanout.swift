import BenchSupport
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

// The fan-out's baseline: the same work without cyberdrill's code. A bare Hummingbird WebSocket
// server, run as a child process of its own like `cyberdrill serve` (`drill-load --bare-server`),
// that answers each `hello` with a `welcome` and, when a client sends `release`, writes one text
// frame of the size the client asks for (the size of cyberdrill's inject frame, measured in the
// same run) to every connected client: one buffer, written to each connection in turn from the
// task that read the trigger, then `ok` to the sender. No journal, no feed, no outbox, no
// authentication: what remains is Hummingbird, SwiftNIO, the kernel's loopback and the clients.
// The clients are the same `LoadClient`s (lean SwiftNIO clients), and receipt is timed the same way.

/// The connections of the bare server, in the order they said hello.
final class BareRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var writers: [Int: WebSocketOutboundWriter] = [:]
    private var order: [Int] = []
    private var last = 0

    func newKey() -> Int { lock.withLock { last += 1; return last } }

    func add(_ key: Int, _ writer: WebSocketOutboundWriter) {
        lock.withLock {
            if writers.updateValue(writer, forKey: key) == nil { order.append(key) }
        }
    }

    func remove(_ key: Int) {
        lock.withLock {
            writers[key] = nil
            order.removeAll { $0 == key }
        }
    }

    /// Every connection but `key`'s, in the order they said hello.
    func all(except key: Int) -> [WebSocketOutboundWriter] { lock.withLock { order.filter { $0 != key }.compactMap { writers[$0] } } }
}

/// Runs the bare server until killed; prints `listening on port N` once it listens.
func runBareServer() async throws {
    let registry = BareRegistry()
    let router = Router(context: BasicWebSocketRequestContext.self)
    router.ws("/ws") { inbound, outbound, _ in
        let key = registry.newKey()
        defer { registry.remove(key) }
        for try await message in inbound.messages(maxSize: 1 << 20) {
            guard case .text(let text) = message else { continue }
            if text.contains("\"type\":\"hello\"") {
                registry.add(key, outbound)
                try await outbound.write(.text(#"{"v":1,"type":"welcome"}"#))
            } else if text.contains("\"type\":\"release\""), let inject = FrameText.string(after: "\"inject\":\"", in: text) {
                let size = FrameText.int(after: "\"bytes\":", in: text) ?? 1000
                let head = #"{"v":1,"type":"inject","inject":"\#(inject)","body":""#
                let tail = #""}"#
                var frame = ByteBuffer()
                frame.writeString(head + String(repeating: "x", count: max(0, size - head.utf8.count - tail.utf8.count)) + tail)
                for writer in registry.all(except: key) {
                    try? await writer.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: frame)))
                }
                try await outbound.write(.text(#"{"v":1,"type":"ok","ref":"\#(inject)"}"#))
            }
        }
    }
    let app = Application(router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
                          configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { print("listening on port \($0.localAddress?.port ?? 0)"); fflush(nil) }, logger: quietLogger())
    try await app.run()
}

/// The bare server's reading of a trigger frame's fields (the server side, not timed).
enum FrameText {
    /// The string value that follows `marker` (which ends with the opening quote).
    static func string(after marker: String, in text: String) -> String? {
        guard let r = text.range(of: marker) else { return nil }
        let rest = text[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The integer that follows `marker`.
    static func int(after marker: String, in text: String) -> Int? {
        guard let r = text.range(of: marker) else { return nil }
        return Int(text[r.upperBound...].prefix { $0.isNumber })
    }
}
