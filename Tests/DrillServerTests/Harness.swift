import DrillTestSupport
import DrillClient
import DrillCore
import DrillHost
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Testing

/// A small scenario for network tests: three teams, injects one exercise minute apart (a second
/// of wall time at 60×), one inject for Bravo only, tasks of several kinds.
enum TestScenario {
    static let yaml = """
        format: cyberdrill/1
        id: net-test
        title: Network test drill
        duration: 1h
        scoreboard: own
        teams:
          - { id: cirt-a, name: CIRT Alpha, country: XA }
          - { id: cirt-b, name: CIRT Bravo, country: XB }
          - { id: cirt-c, name: CIRT Charlie, country: XC }
        injects:
          - id: I01
            at: 0m
            title: Beaconing seen by the NOC
            channel: email
            from: NOC <noc@telco.example>
            to: all
            body: Outbound traffic to 203.0.113.66 every 60 s.
            tasks:
              - { id: c2, type: text, prompt: Which IP is the C2?, accept: ["203.0.113.66"], points: 10, attempts: 3, penalty: 2, hints: [{ text: Look at port 443, cost: 2 }] }
              - { id: sev, type: choice, prompt: Severity?, options: [low, medium, high], answer: high, points: 5 }
          - id: I02
            at: 1m
            title: For Bravo only
            channel: phone
            to: [cirt-b]
            body: Bravo's upstream provider is affected. Secret for Bravo.
            tasks:
              - { id: warn, type: coordination, prompt: Warn Alpha, with: [cirt-a], points: 5 }
          - id: I03
            at: 2m
            title: Advisory
            channel: ticket
            to: all
            body: Write the advisory.
            tasks:
              - id: adv
                type: report
                prompt: Draft the advisory
                points: 10
                rubric:
                  - { score: 1.0, text: complete }
                  - { score: 0.0, text: missing }
        """

    static func load(_ text: String = yaml) throws -> Scenario {
        let load = ScenarioLoader { _ in true }.load(text: text, path: "net-test.yaml")
        return try #require(load.scenario, "\(load.diagnostics)")
    }
}

struct TestWall: WallClock {
    func now() -> Millis { Millis((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// An in-process server on 127.0.0.1, port 0, with a token per team, one facilitator and one observer.
struct TestServer {
    let directory: URL
    let journal: String
    let host: ExerciseHost
    let server: ExerciseServer
    let task: Task<Void, any Error>
    let port: Int
    /// Token by identity (`team:cirt-a`, `facilitator:whitecell`, `observer:observer`).
    let tokens: [String: String]

    var url: String { "ws://127.0.0.1:\(port)/ws" }

    /// With `clock`, the host and the server run on it (time moves only when the test advances
    /// it); without, on the system's time.
    static func start(_ yaml: String = TestScenario.yaml, clock: TestClock? = nil,
                      configure: (inout ExerciseServer.Configuration) -> Void = { _ in }) async throws -> TestServer {
        let directory = try temporaryDirectory()
        let journal = directory.appendingPathComponent("drill.journal").path
        let scenario = try TestScenario.load(yaml)
        let wall: any WallClock = clock?.wall ?? TestWall()
        let host = try await ExerciseHost.create(journalPath: journal, scenario: scenario, source: yaml, scenarioPath: "net-test.yaml",
                                                 teams: scenario.teams, wall: wall)
        return try await serve(host, teams: scenario.teams, directory: directory, journal: journal) { configuration in
            if let clock { configuration.clock = clock.server }
            configure(&configuration)
        }
    }

    /// Serves `host` on 127.0.0.1 (port 0) with a token for each of `teams`, a white cell and an
    /// observer.
    static func serve(_ host: ExerciseHost, teams: [Team], directory: URL, journal: String,
                      configure: (inout ExerciseServer.Configuration) -> Void) async throws -> TestServer {
        let identities = teams.map { Identity(role: .team, id: $0.id, name: $0.name) }
            + [Identity(role: .facilitator, id: "whitecell", name: "whitecell"), Identity(role: .observer, id: "observer", name: "observer")]
        var tokens: [String: String] = [:]
        var store = CredentialStore([])
        for identity in identities {
            let issued = IssuedToken.generate(for: identity)
            store.add(Credential(issued))
            tokens[identity.description] = issued.token
        }
        var configuration = ExerciseServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.authDelayMs = (20, 2_000)
        configuration.logger.logLevel = .critical
        configure(&configuration)
        let server = await ExerciseServer(host: host, credentials: store, configuration: configuration)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { port in portContinuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return TestServer(directory: directory, journal: journal, host: host, server: server, task: task, port: port, tokens: tokens)
    }

    func token(_ identity: String) -> String { tokens[identity] ?? "" }

    func stop() async {
        task.cancel()
        _ = await task.result
        try? await host.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The journal's events, read back from the file.
    func events() throws -> [ExerciseEvent] {
        try JournalReplay.load(host.journal).events
    }
}

/// Records what a client receives.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var _frames: [ServerFrame] = []
    private var _events: [ClientEvent] = []

    func add(_ event: ClientEvent) {
        lock.withLock {
            _events.append(event)
            if case .message(let frame) = event { _frames.append(frame) }
        }
    }

    var frames: [ServerFrame] { lock.withLock { _frames } }
    var events: [ClientEvent] { lock.withLock { _events } }
}

/// A real `ExerciseClient` with its events recorded, for stories told from a client's side.
struct TestClient {
    let client: ExerciseClient
    let recorder: Recorder
    let task: Task<Void, Never>
    let name: String

    static func connect(_ url: String, token: String, name: String, queueFile: String? = nil, waitForWelcome: Bool = true) async throws -> TestClient {
        var configuration = ExerciseClient.Configuration()
        configuration.queueFile = queueFile
        configuration.backoff = Backoff(initial: 0.1, maximum: 0.5)
        configuration.logger.logLevel = .critical
        let client = try ExerciseClient(url: url, token: token, configuration: configuration)
        let recorder = Recorder()
        let task = Task {
            let events = client.events
            Task { await client.run() }
            for await event in events { recorder.add(event) }
        }
        let test = TestClient(client: client, recorder: recorder, task: task, name: name)
        if waitForWelcome { try await test.waitForEvent("caught up") { if case .caughtUp = $0 { true } else { false } } }
        return test
    }

    static func connect(_ server: TestServer, _ identity: String, queueFile: String? = nil) async throws -> TestClient {
        try await connect(server.url, token: server.token(identity), name: identity, queueFile: queueFile)
    }

    var frames: [ServerFrame] { recorder.frames }
    var feed: [ServerFrame] { recorder.frames.filter { $0.seq != nil } }

    /// Waits until a received frame matches.
    @discardableResult
    func waitFor<T>(_ what: String, timeout: Duration = .seconds(15), _ match: (ServerFrame) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for frame in recorder.frames { if let found = match(frame) { return found } }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(name): timed out waiting for \(what); received \(recorder.frames.map(\.message.type))")
        throw TimedOut()
    }

    func waitForEvent(_ what: String, timeout: Duration = .seconds(15), _ match: (ClientEvent) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if recorder.events.contains(where: match) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(name): timed out waiting for \(what); events \(recorder.events.prefix(6))")
        throw TimedOut()
    }

    func stop() async {
        await client.stop()
        _ = await task.value
    }
}

struct TimedOut: Error {}

/// Waits (polling, up to `timeout` of real time) until `condition` holds; records an issue and
/// throws when it never does. For conditions the server exposes in process (counts, queues).
func eventually(_ what: String, timeout: Duration = .seconds(20), _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("timed out waiting until \(what)")
    throw TimedOut()
}

extension TestServer {
    /// Waits until the feeds have taken in everything journaled so far: whatever the events
    /// written until now put in any connection's queue is queued. Follow it with a ping on the
    /// connection (`pingBarrier`) before asserting that something did not reach it.
    func feedsCaughtUp() async throws {
        let written = host.journal.lastSeq
        try await eventually("the feeds projected journal seq \(written)") { await server.hub.journalSeq >= written }
    }

    /// The barrier before asserting absence on `socket`: the feeds caught up with the journal,
    /// then a ping answered on the same connection (everything queued for it before has arrived).
    func pingBarrier(_ socket: RawSocket, _ ref: String) async throws {
        try await feedsCaughtUp()
        try await socket.send(#"{"v":1,"type":"ping","ref":"\#(ref)"}"#)
        _ = try await socket.waitFor("pong \(ref)") { $0.ref == ref && $0.message == .pong ? $0 : nil }
    }

    /// The same barrier for a real client.
    func pingBarrier(_ client: TestClient) async throws {
        try await feedsCaughtUp()
        let pong = try await client.client.request(.ping)
        guard case .pong = pong.message, let ref = pong.ref else {
            Issue.record("\(client.name): ping answered \(pong.message.type)")
            throw TimedOut()
        }
        // The reply resumes the request before the recorder has read the events ahead of it.
        _ = try await client.waitFor("pong \(ref) recorded") { $0.ref == ref && $0.message == .pong ? true : nil }
    }
}

/// A bare WebSocket, for frames no real client sends.
final class RawSocket: @unchecked Sendable {
    private let lock = NSLock()
    private var outbound: WebSocketOutboundWriter?
    private var received: [String] = []
    private(set) var closed = false
    private var paused = false
    private var task: Task<Void, Never>?
    var closeCode: WebSocketErrorCode?

    /// Opens a connection; `reading: false` never reads what the server sends (a stalled client);
    /// `paused: true` reads nothing until `resume()` (a laptop that slept, a client stuck in a
    /// long computation).
    static func open(_ url: String, reading: Bool = true, paused: Bool = false) async throws -> RawSocket {
        let socket = RawSocket()
        socket.paused = paused
        let (ready, readyContinuation) = AsyncStream<Bool>.makeStream()
        socket.task = Task {
            do {
                let close = try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 24), logger: Logger(label: "raw")) { inbound, outbound, _ in
                    socket.lock.withLock { socket.outbound = outbound }
                    readyContinuation.yield(true)
                    if reading {
                        while socket.lock.withLock({ socket.paused }) { try await Task.sleep(for: .milliseconds(20)) }
                        for try await message in inbound.messages(maxSize: 1 << 26) {
                            if case .text(let text) = message { socket.lock.withLock { socket.received.append(text) } }
                        }
                    } else {
                        while !Task.isCancelled, !socket.closed { try await Task.sleep(for: .milliseconds(50)) }
                    }
                }
                socket.lock.withLock { socket.closeCode = close?.closeCode }
            } catch {
                readyContinuation.yield(false)
            }
            socket.lock.withLock { socket.closed = true }
            readyContinuation.finish()
        }
        var iterator = ready.makeAsyncIterator()
        guard await iterator.next() == true else { throw TimedOut() }
        return socket
    }

    func send(_ text: String) async throws {
        guard let outbound = lock.withLock({ outbound }) else { throw TimedOut() }
        try await outbound.write(.text(text))
    }

    /// Starts reading again after `open(_:paused: true)`.
    func resume() { lock.withLock { paused = false } }

    func sendBinary(_ bytes: [UInt8]) async throws {
        guard let outbound = lock.withLock({ outbound }) else { throw TimedOut() }
        try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
    }

    func hello(_ token: String, lastSeq: Int = 0) async throws {
        try await send(#"{"v":1,"type":"hello","token":"\#(token)","lastSeq":\#(lastSeq)}"#)
    }

    var texts: [String] { lock.withLock { received } }
    var isClosed: Bool { lock.withLock { closed } }

    /// Decoded frames received so far.
    var frames: [ServerFrame] { texts.compactMap { try? WireCoding.decodeServer(Data($0.utf8)) } }

    /// Waits for the first frame after `count` received ones that matches (throws when none
    /// comes in time, so a caller may wait without reading the match).
    @discardableResult
    func waitFor<T>(_ what: String, after count: Int = 0, timeout: Duration = .seconds(10), _ match: (ServerFrame) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for frame in frames.dropFirst(count) { if let found = match(frame) { return found } }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("raw socket: timed out waiting for \(what); received \(texts.map { $0.prefix(120) })")
        throw TimedOut()
    }

    func waitUntilClosed(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if isClosed { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    func close() async {
        let outbound = lock.withLock { () -> WebSocketOutboundWriter? in closed = true; return self.outbound }
        try? await outbound?.close(.normalClosure, reason: nil)
        task?.cancel()
        _ = await task?.value
    }
}

extension ServerFrame {
    var error: WireError? { if case .error(let e) = message { e } else { nil } }
    var inject: InjectDelivery? { if case .inject(let i) = message { i } else { nil } }
    var ack: AnswerNotice? { if case .ack(let a) = message { a } else { nil } }
}

/// Sends a facilitator request and expects `ok`.
func control(_ client: TestClient, _ message: ClientMessage) async throws {
    let reply = try await client.client.request(message)
    guard case .ok = reply.message else {
        Issue.record("\(message.type): expected ok, got \(reply.message.type)")
        return
    }
}
