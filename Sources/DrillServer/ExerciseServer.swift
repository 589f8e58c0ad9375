import DrillCore
import DrillHost
import DrillJournal
import DrillWire
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOSSL

/// Serves one exercise over WebSocket (`/ws`) and HTTP (`GET /health`, `GET /artifacts/…`): authenticates each
/// connection by its token, keeps every identity's feed, carries out what clients ask through the
/// `ExerciseHost`, and keeps the exercise clock ticking.
public final class ExerciseServer: Sendable {
    public struct Configuration: Sendable {
        /// The server's time: wall time and the clock of every wait (give the host the same wall
        /// clock). `.system` in `serve`; a manual clock in tests.
        public var clock: ServerClock = .system
        /// Host name or address to listen on, and port (0: any free port).
        public var host: String
        public var port: Int
        /// TLS when set (a certificate and its key).
        public var tls: TLSConfiguration?
        /// How often every connection is sent the exercise clock.
        public var clockInterval: Duration = .seconds(5)
        /// How often connections are sent the scores they may see, when they changed.
        public var scoreboardInterval: Duration = .seconds(10)
        /// How long a new connection may take to send `hello`.
        public var helloTimeout: Duration = .seconds(10)
        /// How long a connection that overflowed its queue has to read what is already on its way,
        /// then `tooSlow` and the close (1013), before it is cut.
        public var slowReaderGrace: Duration = .seconds(10)
        /// Frames above this are refused by the WebSocket layer itself (connection closed, 1009);
        /// messages between `Wire.maxMessageBytes` and this get a `tooLarge` error frame.
        public var maxFrameBytes = 1 << 20
        /// The longest the clock sleeps before checking for due injects.
        public var tickCap: Duration = .milliseconds(250)
        /// How long a connection may take to complete a request (its HTTP request, or the WebSocket
        /// handshake), counted from the connection or from a next request's first byte.
        public var requestDeadline: Duration = .seconds(10)
        /// The open-file limit the connection caps are fitted to (nil: the process's, read at start).
        public var openFiles: Int?
        /// Each connection's message budget: a bucket of `burst` messages refilled at `perSecond`;
        /// a message over it is answered `rateLimited`, and after `closeAfter` of those in a row
        /// (without the bucket filling up again) the connection is closed (1008).
        public var messageBudget = MessageBudget.Limits(burst: 200, perSecond: 50, closeAfter: 100)
        /// How often, while the disk is full, the server checks whether there is room again.
        public var diskCheckInterval: Duration = .seconds(1)
        /// Bad-token slow-down: first delay and its cap, in ms.
        public var authDelayMs: (base: Int64, max: Int64) = (250, 30_000)
        var limits = FeedHub.Limits()
        /// Control characters in its lines are dropped (`SafeLogHandler`).
        public var logger = Logger(label: "cyberdrill.server") { SafeLogHandler(StreamLogHandler.standardError(label: $0)) }
        /// Written into `welcome`.
        public var serverName = "cyberdrill"
        /// The artifact files served to teams (`artifact` requests, `GET /artifacts/…`); empty: none.
        public var artifacts = ArtifactCatalog()

        public init(host: String = "127.0.0.1", port: Int = 0, tls: TLSConfiguration? = nil) {
            self.host = host
            self.port = port
            self.tls = tls
        }

        /// The most a slow connection may have queued before it is closed (bytes, frames).
        public mutating func setOutboxLimit(bytes: Int, frames: Int) {
            limits.outboxBytes = bytes
            limits.outboxFrames = frames
        }
    }

    let host: ExerciseHost
    let hub: FeedHub
    /// Frames written to connections and the flushes that carried them.
    let writeCounts = WriteCounts()
    let credentials: CredentialStore
    let configuration: Configuration
    let throttle: AuthThrottle
    let scenario: Scenario
    let gate: ConnectionGate
    /// The disk-full alarm was raised (and not yet cleared).
    let diskAlarm = LockedFlag()
    let journalNoticeBoard = JournalNoticeBoard()

    public init(host: ExerciseHost, credentials: CredentialStore, configuration: Configuration) async {
        self.host = host
        self.credentials = credentials
        self.configuration = configuration
        let deadline = configuration.requestDeadline.components
        gate = ConnectionGate(limits: .fitting(openFiles: configuration.openFiles ?? ResourceLimits.openFiles(), roster: credentials.credentials.count,
                                               deadline: .milliseconds(deadline.seconds * 1000 + deadline.attoseconds / 1_000_000_000_000_000)),
                              logger: configuration.logger)
        hub = await FeedHub(host: host, limits: configuration.limits, clock: configuration.clock)
        throttle = AuthThrottle(clock: configuration.clock, baseDelayMs: configuration.authDelayMs.base, maxDelayMs: configuration.authDelayMs.max)
        scenario = await host.scenario
    }

    /// Runs until cancelled: reads the journal into the feeds, then listens. `onListening` gets the
    /// port actually bound (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let updates = try await hub.catchUpWithJournal()
        let router = Router(context: DrillRequestContext.self)
        router.get("/health") { [self] _, _ in try await self.healthResponse() }
        router.get(RouterPath(stringLiteral: Wire.artifactsPath + "/**")) { [self] request, context in
            await self.artifactDownload(request, remote: context.remoteAddress)
        }
        router.ws(RouterPath(stringLiteral: Wire.path)) { [self] inbound, outbound, context in
            let connection = Connection(server: self, outbound: outbound, remote: context.requestContext.remoteAddress,
                                        channel: context.requestContext.channel)
            await connection.serve(inbound)
        }
        let wsConfiguration = WebSocketServerConfiguration(maxFrameSize: configuration.maxFrameBytes, autoPing: .enabled(timePeriod: .seconds(30)))
        // Plain HTTP connections (health checks) left idle are closed; WebSockets have their pings.
        let http = HTTP1Channel.Configuration(idleTimeout: .seconds(30))
        // Every connection passes the gate first (deadlines and caps), before TLS and HTTP.
        let gate = self.gate
        let webSocketResponder = router.buildResponder()
        let tls = configuration.tls
        let server = HTTPServerBuilder { responder in
            let base = HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder,
                                                    configuration: .init(http1: http, ws: wsConfiguration))
            if let tls { return GatedChannel(base: try TLSChannel(base, tlsConfiguration: tls), gate: gate) }
            return GatedChannel(base: base, gate: gate)
        }
        let app = Application(router: router, server: server,
                              configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                              onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
                              logger: configuration.logger)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await self.hub.follow(updates) }
            group.addTask { try await self.keepTime() }
            group.addTask { try await self.every(self.configuration.diskCheckInterval) { await self.watchDisk() } }
            group.addTask { try await self.every(self.configuration.clockInterval) { await self.pushClock() } }
            group.addTask {
                var round = 0
                try await self.every(self.configuration.scoreboardInterval) {
                    round += 1
                    await self.hub.pushScores(exerciseTime: await self.host.exerciseTime, force: round % 6 == 0)
                }
            }
            #if canImport(Glibc)
            // glibc keeps freed memory of busy threads for reuse; give it back now and then, so the
            // server's resident size follows what it holds, not its peak churn.
            if let trim = MallocTrim.function { group.addTask { try await self.every(.seconds(5)) { _ = trim(0) } } }
            #endif
            try await app.run()
        }
    }

    /// Releases injects when they fall due: sleeps until the host's next wake time (at most `tickCap`).
    private func keepTime() async throws {
        var last = await host.glance
        while !Task.isCancelled {
            if case .failure(let error) = await host.tick() {
                // A full disk: releases wait for room (the journal watch says so); anything else stops the clock.
                if case .journal(let e) = error, case .diskFull? = e as? JournalError {} else {
                    configuration.logger.error("the exercise clock stopped: \(error)")
                    return
                }
            }
            // A new phase or speed changes how clients run the clock between two updates: tell them now.
            let now = await host.glance
            if now.phase != last.phase || now.speed != last.speed {
                last = now
                await pushClock()
            }
            var sleep = configuration.tickCap
            if let wake = await host.nextWakeWall() {
                let ms = max(1, wake - configuration.clock.now())
                sleep = min(sleep, .milliseconds(ms))
            }
            try await configuration.clock.sleep(for: sleep)
        }
    }

    private func every(_ period: Duration, _ body: () async throws -> Void) async throws {
        while !Task.isCancelled {
            try await configuration.clock.sleep(for: period)
            try await body()
        }
    }

    func clockStatus() async -> ClockStatus {
        let now = await host.glance
        return ClockStatus(phase: now.phase, exerciseTime: now.exerciseTime, speed: now.speed, wall: configuration.clock.now())
    }

    /// Tells the white cell who is connected now (after a connection opened or closed).
    func presenceChanged() async {
        await hub.announcePresence(at: await clockStatus().exerciseTime)
    }

    /// Who is connected, each time it changes: for a console in the same process as the server.
    public func presenceUpdates() async -> AsyncStream<Presence> {
        let stream = await hub.presenceUpdates()
        await presenceChanged()
        return stream
    }

    private func pushClock() async {
        await hub.broadcast(OutFrame(ServerFrame(.clock(await clockStatus()))))
    }

    // MARK: Status

    /// What `GET /health` answers and `serve --headless` prints.
    public struct Status: Sendable, Codable {
        public var status: String
        public var scenario: String
        public var phase: ExerciseState.Phase
        public var exerciseTime: Millis
        public var speed: Double
        public var teams: Int
        public var teamsConnected: Int
        public var facilitatorsConnected: Int
        public var observersConnected: Int
        public var connections: Int
        public var journalSeq: Int64
        /// With `status` `degraded`: why (e.g. the disk is full).
        public var reason: String?
    }

    public func status() async -> Status {
        let now = await host.glance
        let counts = await hub.counts()
        let full = await host.diskFull
        return Status(status: full == nil ? "ok" : "degraded", scenario: scenario.id, phase: now.phase, exerciseTime: now.exerciseTime, speed: now.speed,
                      teams: now.teams, teamsConnected: counts.teamsConnected, facilitatorsConnected: counts.facilitators,
                      observersConnected: counts.observers, connections: counts.connections, journalSeq: host.journal.lastSeq,
                      reason: full.map { "diskFull: \($0)" })
    }

    private func healthResponse() async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(await status())
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim`, which Swift's Glibc module does not declare (it lives in malloc.h).
enum MallocTrim {
    typealias Function = @convention(c) (Int) -> Int32
    static let function: Function? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
#endif

/// The request context of the server's routes: the WebSocket handler slot and the peer's address
/// (bad tokens are slowed down per address).
struct DrillRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<DrillRequestContext>
    let remoteAddress: String
    /// To cut off a connection that stopped reading (its writes would wait forever).
    let channel: any NIOCore.Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        channel = source.channel
    }
}
