import DrillWire
import Foundation
import HummingbirdWebSocket
import NIOCore

/// Reassembles WebSocket frames into messages, refusing (without holding) any above the limit, so
/// an oversized message gets an error frame and the connection goes on.
struct MessageReader {
    enum Incoming {
        case text(Data)
        case binary
        case tooLarge(bytes: Int)
    }

    private var iterator: WebSocketInboundStream.AsyncIterator
    let limit: Int

    init(_ inbound: WebSocketInboundStream, limit: Int = Wire.maxMessageBytes) {
        iterator = inbound.makeAsyncIterator()
        self.limit = limit
    }

    /// The next whole message; nil when the connection closed.
    mutating func next() async throws -> Incoming? {
        var buffer = ByteBuffer()
        var size = 0
        var isText = true
        var started = false
        while let frame = try await iterator.next() {
            switch frame.opcode {
            case .text, .binary:
                // A new message: whatever was not finished before is dropped (the peer broke the
                // framing rules; the WebSocket layer closes it for protocol errors it sees itself).
                buffer.clear()
                size = 0
                isText = frame.opcode == .text
                started = true
            case .continuation:
                guard started else { continue }
            }
            size += frame.data.readableBytes
            if size <= limit {
                var data = frame.data
                buffer.writeBuffer(&data)
            }
            guard frame.fin else { continue }
            if size > limit { return .tooLarge(bytes: size) }
            if !isText { return .binary }
            return .text(Data(buffer.readableBytesView))
        }
        return nil
    }
}
