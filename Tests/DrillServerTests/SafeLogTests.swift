@testable import DrillServer
import Foundation
import Logging
import Testing

/// Collects what reaches the handler behind `SafeLogHandler`.
final class CapturedLog: @unchecked Sendable {
    let lock = NSLock()
    var lines: [String] = []
}

struct CaptureHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let meta = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        log.lock.withLock { log.lines.append("\(event.message) \(meta)") }
    }
}

@Suite("The server's log holds no control character")
struct SafeLogTests {
    @Test func messagesAndMetadataFromTheNetworkAreDefused() {
        let captured = CapturedLog()
        let logger = Logger(label: "test") { _ in SafeLogHandler(CaptureHandler(log: captured)) }
        logger.notice("ssh console \u{1B}[2J", metadata: ["term": "xterm\u{1B}]0;owned\u{07}\nforged line", "list": ["a\u{9B}1m"],
                                                        "map": ["k": "v\u{08}"]])
        let line = captured.lock.withLock { captured.lines.joined() }
        #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }, "\(line.debugDescription)")
        #expect(line.contains("xterm]0;owned forged line"), "\(line)")
        #expect(line.contains("ssh console [2J"))
    }

    @Test func theServerLogsThroughIt() {
        #expect(ExerciseServer.Configuration(host: "127.0.0.1", port: 0).logger.handler is SafeLogHandler)
    }
}
