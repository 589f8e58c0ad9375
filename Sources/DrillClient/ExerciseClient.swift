import DrillCore
import DrillWire
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL
import NIOWebSocket

/// A connection to a cyberdrill server that survives the network: it authenticates with its token,
/// resumes its feed from the last `seq` it saw, reconnects by itself with backoff and jitter, and
/// keeps answers queued (optionally on disk) until the server acknowledges them.
///
/// ```swift
/// let client = try ExerciseClient(url: "ws://drill.example:8080/ws", token: token)
/// Task { await client.run() }
/// for await event in client.events {
///     if case .message(let frame) = event, case .inject(let inject) = frame.message { … }
/// }
/// let id = await client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])
/// try await client.request(.read(inject: "I01"))
/// ```
public actor ExerciseClient {
    public struct Configuration: Sendable {
        public var backoff = Backoff()
        /// Keep unacknowledged answers in this file (JSON), so they survive a restart.
        public var queueFile: String?
        /// For `wss://` with a private certificate authority or a self-signed certificate.
        public var tls: TLSConfiguration?
        /// Sent in `hello`, for the server's log.
        public var clientName = "cyberdrill-client"
        /// With a white cell's token: view this team's feed read-only (`hello`'s `asTeam`).
        public var asTeam: String?
        public var requestTimeout: Duration = .seconds(30)
        /// The largest server message accepted (the white cell's scorecard can be large).
        public var maxMessageBytes = 32 << 20
        /// Ping the server this often; a link that stops answering is closed and redialled.
        public var pingInterval: Duration = .seconds(20)
        public var logger = Logger(label: "cyberdrill.client")

        public init() {}
    }

    public nonisolated let events: AsyncStream<ClientEvent>
    private let continuation: AsyncStream<ClientEvent>.Continuation
    public nonisolated let url: String
    private let token: String
    private let configuration: Configuration

    /// The last feed seq received; sent as `lastSeq` when reconnecting.
    public private(set) var lastSeq = 0
    /// The latest `welcome`.
    public private(set) var welcome: Welcome?
    /// Whether the missed part of the feed has arrived on the current connection.
    public private(set) var isCaughtUp = false
    public private(set) var phase: ExerciseState.Phase?
    private var queue: AnswerQueue
    /// Answers sent on the current connection and not yet answered.
    private var inFlight: Set<String> = []
    private var outbound: WebSocketOutboundWriter?
    private var replies: [String: CheckedContinuation<ServerFrame, any Error>] = [:]
    private var nextRef = 0
    private var stopped = false
    private var fatal: StopReason?
    private var failures = 0
    private var generator = SystemRandomNumberGenerator()

    public init(url: String, token: String, configuration: Configuration = Configuration()) throws {
        self.url = try Self.normalise(url)
        self.token = token
        self.configuration = configuration
        queue = AnswerQueue(path: configuration.queueFile)
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// `ws://host:port` becomes `ws://host:port/ws`; anything but ws/wss is refused.
    static func normalise(_ url: String) throws -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "ws" || scheme == "wss", components.host?.isEmpty == false else { throw ClientError.invalidURL(url) }
        if components.path.isEmpty || components.path == "/" {
            var c = components
            c.path = Wire.path
            return c.string ?? url
        }
        return url
    }

    /// Whether the client stopped for good (`stop()`, or a refused token).
    public var isStopped: Bool { stopped }

    /// Answers given and not yet acknowledged, oldest first.
    public var pendingAnswers: [ClientMessage.Submission] { queue.pending }

    // MARK: Running

    /// Connects, and reconnects after every drop, until `stop()` or a refused token. Returns then.
    public func run() async {
        var attempt = 0
        while !stopped {
            attempt += 1
            continuation.yield(.connecting(attempt: attempt))
            var reason = "closed"
            do {
                let close = try await WebSocketClient.connect(
                    url: url, configuration: clientConfiguration, tlsConfiguration: tlsConfiguration, logger: configuration.logger
                ) { inbound, outbound, _ in
                    await self.session(inbound, outbound)
                }
                if let close { reason = "closed by the server (\(close.closeCode)\(close.reason.map { ": \($0)" } ?? ""))" }
            } catch {
                reason = "\(error)"
            }
            endSession()
            if let fatal {
                stopped = true
                continuation.yield(.stopped(reason: fatal))
                break
            }
            if stopped { break }
            if welcome != nil, isCaughtUpOnce { attempt = 0 }
            failures += 1
            let delay = configuration.backoff.delay(afterFailures: failures, using: &generator)
            continuation.yield(.disconnected(reason: reason, retryIn: delay))
            // In short slices, so that stop() is not kept waiting for a long backoff.
            let until = ContinuousClock.now + .milliseconds(Int(delay * 1000))
            while !stopped, ContinuousClock.now < until { try? await Task.sleep(for: .milliseconds(100)) }
        }
        if fatal == nil { continuation.yield(.stopped(reason: .requested)) }
        continuation.finish()
    }

    /// Set once a connection got as far as a welcome (the backoff starts over after it).
    private var isCaughtUpOnce = false

    /// Closes the connection and stops reconnecting.
    public func stop() async {
        stopped = true
        try? await outbound?.close(.normalClosure, reason: "client stopped")
    }

    /// Drops the current connection; the client reconnects and resumes as after any drop.
    public func reconnect() async {
        try? await outbound?.close(.goingAway, reason: "reconnecting")
    }

    private var clientConfiguration: WebSocketClientConfiguration {
        var c = WebSocketClientConfiguration(maxFrameSize: configuration.maxMessageBytes,
                                             autoPing: .enabled(timePeriod: configuration.pingInterval))
        // TLS cannot name an IP address in SNI, and the WebSocket client always sends one: give it
        // a name, and check the certificate against the trust roots only (see tlsConfiguration).
        if Self.isIPAddress(host) { c.sniHostname = "cyberdrill-server" }
        return c
    }

    /// The TLS settings for this URL: for an IP address, the chain is verified but not the name.
    private var tlsConfiguration: TLSConfiguration? {
        guard var tls = configuration.tls else { return nil }
        if Self.isIPAddress(host), tls.certificateVerification == .fullVerification { tls.certificateVerification = .noHostnameVerification }
        return tls
    }

    private nonisolated var host: String { URLComponents(string: url)?.host ?? "" }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return inet_pton(AF_INET, bare, &v4) == 1 || inet_pton(AF_INET6, bare, &v6) == 1
    }

    private func session(_ inbound: WebSocketInboundStream, _ writer: WebSocketOutboundWriter) async {
        outbound = writer
        isCaughtUp = false
        isCaughtUpOnce = false
        let hello = ClientFrame(.hello(.init(token: token, lastSeq: lastSeq, client: configuration.clientName, asTeam: configuration.asTeam)))
        guard (try? await write(hello)) != nil else { return }
        do {
            for try await message in inbound.messages(maxSize: configuration.maxMessageBytes) {
                guard case .text(let text) = message else { continue }
                guard let frame = try? WireCoding.decodeServer(Data(text.utf8)) else {
                    configuration.logger.warning("unreadable server message", metadata: ["text": "\(text.prefix(200))"])
                    continue
                }
                await receive(frame)
                if stopped || fatal != nil {
                    try? await writer.close(.normalClosure, reason: nil)
                    return
                }
            }
        } catch {
            configuration.logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }

    private func endSession() {
        outbound = nil
        isCaughtUp = false
        inFlight = []
        let waiting = replies
        replies = [:]
        for (_, c) in waiting { c.resume(throwing: ClientError.disconnected) }
    }

    // MARK: Receiving

    private func receive(_ frame: ServerFrame) async {
        if let seq = frame.seq {
            // Feed messages come once each, in order: anything already seen is a repeat.
            guard seq > lastSeq else { return }
            lastSeq = seq
        }
        switch frame.message {
        case .welcome(let w):
            welcome = w
            phase = w.clock.phase
            failures = 0
            isCaughtUpOnce = true
            if w.resumeFrom < lastSeq { lastSeq = w.resumeFrom }
            continuation.yield(.connected(w))
            if w.feedSeq <= lastSeq { await caughtUp() }
            return
        case .ack(let a):
            queue.remove(a.submission)
            inFlight.remove(a.submission)
        case .phase(let change):
            phase = change.phase
        case .clock(let clock):
            phase = clock.phase
        case .ok(let done):
            if let id = done.submission {
                queue.remove(id)
                inFlight.remove(id)
            }
        case .error(let error):
            if error.code == WireError.Code.unauthorized.rawValue { fatal = .tokenRefused(error) }
            if let id = error.submission {
                inFlight.remove(id)
                // Paused or not started: kept, and sent again when the exercise runs. Anything else
                // will never be accepted: dropped (the error message says why).
                let retryable: Set<String> = ["notRunning", "notStarted", "internal", "tooSlow", "shuttingDown"]
                if !retryable.contains(error.code) { queue.remove(id) }
            }
        default:
            break
        }
        // Artifact pieces go to the request alone: they are large, and no view folds them.
        if case .artifact = frame.message, let ref = frame.ref, let waiting = replies.removeValue(forKey: ref) {
            waiting.resume(returning: frame)
            return
        }
        continuation.yield(.message(frame))
        if let ref = frame.ref, let waiting = replies.removeValue(forKey: ref) {
            if case .error(let error) = frame.message { waiting.resume(throwing: ClientError.refused(error)) } else { waiting.resume(returning: frame) }
        }
        if let seq = frame.seq, let w = welcome, !isCaughtUp, seq >= w.feedSeq { await caughtUp() }
        if case .phase(let change) = frame.message, change.phase == .running, isCaughtUp { await flush() }
    }

    private func caughtUp() async {
        isCaughtUp = true
        continuation.yield(.caughtUp(seq: lastSeq))
        await flush()
    }

    /// Sends every queued answer not already on its way (only once caught up, so that an answer
    /// acknowledged while away is not sent again).
    private func flush() async {
        guard isCaughtUp, outbound != nil, phase == nil || phase == .running else { return }
        for submission in queue.pending where !inFlight.contains(submission.submission) {
            inFlight.insert(submission.submission)
            do {
                try await write(ClientFrame(.submit(submission), ref: "submit:\(submission.submission)"))
            } catch {
                inFlight.remove(submission.submission)
                return
            }
        }
    }

    // MARK: Sending

    /// Queues an answer under a new submission id and sends it as soon as it can; returns the id.
    /// The answer stays queued (and in `queueFile`) until the server acknowledges it.
    @discardableResult
    public func submit(task: TaskRef, values: [String]) async -> String {
        let id = Self.newSubmissionId(using: &generator)
        await submit(ClientMessage.Submission(submission: id, task: task, values: values))
        return id
    }

    /// Queues an answer under the caller's submission id (sending the same id again is harmless).
    public func submit(_ submission: ClientMessage.Submission) async {
        if !queue.contains(submission.submission) { queue.append(submission) }
        await flush()
    }

    /// Sends a request and returns the server's reply (`ok`, `pong`, `scoreboard`, …); throws
    /// `ClientError.refused` with the server's code when it says no.
    @discardableResult
    public func request(_ message: ClientMessage) async throws -> ServerFrame {
        guard outbound != nil, welcome != nil else { throw ClientError.notConnected }
        nextRef += 1
        let ref = "r\(nextRef)"
        let timeout = configuration.requestTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.expire(ref)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { c in
            replies[ref] = c
            Task { await self.sendRequest(ClientFrame(message, ref: ref)) }
        }
    }

    private func sendRequest(_ frame: ClientFrame) async {
        do { try await write(frame) } catch {
            if let ref = frame.ref, let c = replies.removeValue(forKey: ref) { c.resume(throwing: ClientError.disconnected) }
        }
    }

    private func expire(_ ref: String) {
        replies.removeValue(forKey: ref)?.resume(throwing: ClientError.timedOut)
    }

    /// Writes a raw frame (tests use it to send what a well-behaved client would not).
    public func sendRaw(_ text: String) async throws {
        guard let outbound else { throw ClientError.notConnected }
        try await outbound.write(.text(text))
    }

    private func write(_ frame: ClientFrame) async throws {
        guard let outbound else { throw ClientError.notConnected }
        let data = try WireCoding.encode(frame)
        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }

    /// 128 random bits as 32 hex digits: unique without coordination.
    static func newSubmissionId(using generator: inout SystemRandomNumberGenerator) -> String {
        let a = generator.next() as UInt64, b = generator.next() as UInt64
        return String(format: "%016llx%016llx", a, b)
    }
}
