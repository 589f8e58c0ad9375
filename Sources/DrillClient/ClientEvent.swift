import DrillWire

/// What happens to a client, in order: a UI follows these and needs nothing else.
public enum ClientEvent: Sendable {
    /// Opening a connection (attempt 1, 2, … since the last success).
    case connecting(attempt: Int)
    /// Authenticated. When `welcome.resumeFrom` is 0 after earlier messages, the server replays the
    /// feed from its start: a view built from earlier messages should start over.
    case connected(Welcome)
    /// Every message the client missed while away has arrived; queued answers are being sent.
    case caughtUp(seq: Int)
    /// A server message. Feed messages (with `seq`) come once each, in order, across reconnections.
    case message(ServerFrame)
    /// The connection dropped; the client reconnects by itself after `retryIn` seconds.
    case disconnected(reason: String, retryIn: Double)
    /// The client stopped for good: `stop()` was called, or the server refused the token.
    case stopped(reason: StopReason)
}

/// Why a client stopped for good.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    /// `stop()` was called (the person quit, a signal): nothing went wrong.
    case requested
    /// The server refused the token (its `unauthorized` error); reconnecting would not help.
    case tokenRefused(WireError)

    /// Whether the stop was asked for, rather than forced by the server.
    public var isRequested: Bool { self == .requested }

    public var description: String {
        switch self {
        case .requested: "stopped"
        case .tokenRefused(let error): "the server refused the token: \(error.message)"
        }
    }
}

/// Why a request failed.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The server refused it, with its code and sentence.
    case refused(WireError)
    /// Not connected right now (the client is reconnecting).
    case notConnected
    /// The connection dropped before the reply came; the request may or may not have been carried out.
    case disconnected
    case timedOut
    case invalidURL(String)

    public var description: String {
        switch self {
        case .refused(let e): "\(e.code): \(e.message)"
        case .notConnected: "not connected to the server (reconnecting)"
        case .disconnected: "the connection dropped before the server answered"
        case .timedOut: "the server did not answer in time"
        case .invalidURL(let url): "'\(url)' is not a WebSocket address; use ws://HOST:PORT/ws or wss://HOST:PORT/ws"
        }
    }
}
