import DrillCore
import Logging

/// A log handler that drops the control characters of every message and metadata value
/// (`SafeText.line`) before another handler writes them: a log line holds text that came from
/// the network (an SSH client's terminal type, a request's names, an error's description), and
/// neither an ESC sequence nor a line break in it may reach whoever reads the log on a terminal,
/// or forge a line of its own.
public struct SafeLogHandler: LogHandler {
    public var inner: any LogHandler

    public init(_ inner: any LogHandler) {
        self.inner = inner
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: SafeText.line(event.message.description))
        event.metadata = event.metadata.map(Self.safe)
        inner.log(event: event)
    }

    static func safe(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.reduce(into: [:]) { out, item in out[SafeText.line(item.key)] = safe(item.value) }
    }

    static func safe(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let s): .string(SafeText.line(s))
        case .stringConvertible(let c): .string(SafeText.line(c.description))
        case .array(let a): .array(a.map(safe))
        case .dictionary(let d): .dictionary(safe(d))
        }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }
}
