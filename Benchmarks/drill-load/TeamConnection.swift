import BenchSupport
import Foundation
import HummingbirdWSClient
import HummingbirdWebSocket
import Logging

/// What the benchmark's clients share: one WebSocket connection that says `hello` with a token and
/// hands every text frame it receives to `receive` until the connection ends, and the searches
/// that read a frame's fields without decoding it (the load generator shares the machine's cores
/// with the server).
enum TeamConnection {
    /// Connects to `url`, gives the writer to `ready`, says hello with `token`, then reads.
    static func run(url: String, token: String, ready: @escaping @Sendable (WebSocketOutboundWriter) -> Void,
                    receive: @escaping @Sendable (String) -> Void) async {
        _ = try? await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 24), logger: quietLogger()) { inbound, outbound, _ in
            ready(outbound)
            try await outbound.write(.text(#"{"v":1,"type":"hello","token":"\#(token)","lastSeq":0}"#))
            for try await message in inbound.messages(maxSize: 1 << 24) {
                guard case .text(let text) = message else { continue }
                receive(text)
            }
        }
    }

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
