import Atomics
import BenchSupport
import LeanWebSocket
import DrillCore
import DrillJournal
import DrillServer
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix

// Server load benchmark (DESIGN.md, Performance targets), run through Scripts/bench-server:
//   fanout: an inject released to N connected teams (× `--members` connections each), receipt
//           latency p50/p99 beside a bare Hummingbird server's fan-out of a frame of the same size
//           to as many clients of the same code, alternating with it in the same run
//           (BareFanout.swift); a bare WebSocket echo round trip as information;
//   soak:   N teams × R answers/s for D seconds; every answer acknowledged once and journaled
//           once (checked against the journal), server peak RSS.
// It starts the real `cyberdrill serve` (release build) as a child process on 127.0.0.1 and
// talks to it over loopback only; every loop is bounded in count and time.

let arguments = Array(CommandLine.arguments.dropFirst())
// The fan-out's baseline runs as a child process of this benchmark (BareFanout.swift).
if arguments.contains("--bare-server") {
    try await runBareServer()
    exit(0)
}
ResourceLimits.raiseOpenFiles()
let quick = arguments.contains("--quick")
/// Only the fan-out, at any `--teams`, for "How cost grows" (Scripts/bench runs 125 and 1000 beside the 500 of the full run).
let fanoutOnly = arguments.contains("--fanout-only")
let teamCount = Int(option("--teams") ?? "") ?? 500
/// Connections per team token: members of a team, each with their own console (the 4,000-connection row: 200 × 20).
let members = max(1, Int(option("--members") ?? "") ?? 1)
/// Without the bare fan-out baseline (Scripts/bench's "growth of fan-out" lines).
let withBaseline = !arguments.contains("--no-baseline")
let soakSeconds = Double(option("--seconds") ?? "") ?? (quick ? 5 : 60)
/// Answers a second across all connections (open loop); by default 2 a second per team.
let answerRate = Double(option("--rate") ?? "") ?? 2 * Double(teamCount)
let fanoutRounds = quick ? 3 : 5
let binary = cyberdrillBinary()
// Answers over the network (AnswersBenchmark.swift): a server of its own, nothing else runs.
if arguments.contains("--answers") {
    let correct = try await AnswersBenchmark(arguments: arguments, cyberdrill: binary).run()
    exit(correct ? 0 : 1)
}
/// A logger that stays quiet (the benchmark prints its own lines).
func quietLogger() -> Logger {
    var logger = Logger(label: "drill-load")
    logger.logLevel = .critical
    return logger
}

func report(_ name: String, _ figure: String, _ target: String, _ pass: Bool, _ baseline: String) {
    print("\(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(figure.padding(toLength: 34, withPad: " ", startingAt: 0)) target \(target.padding(toLength: 22, withPad: " ", startingAt: 0)) \(pass ? "PASS" : "MISS")  \(baseline)")
    fflush(nil)
}

// MARK: The scenario: one inject with answer tasks released at start, then injects released by hand.

let fanoutInjects = (1...fanoutRounds).map { String(format: "F%02d", $0) }
let scenarioYAML = """
    format: cyberdrill/1
    id: load-test
    title: Load test
    duration: 12h
    scoreboard: own
    defaults: { due: 10h, late: 1h }
    injects:
      - id: I01
        at: 0m
        title: Answer me many times
        channel: siem
        body: Every answer is wrong on purpose, so the tasks stay open.
        tasks:
          - { id: t1, type: text, prompt: One, accept: [right], points: 10 }
          - { id: t2, type: text, prompt: Two, accept: [right], points: 10 }
          - { id: t3, type: text, prompt: Three, accept: [right], points: 10 }
          - { id: t4, type: text, prompt: Four, accept: [right], points: 10 }
    \(fanoutInjects.map { """
      - id: \($0)
        at: 11h
        title: Fan-out probe \($0)
        channel: news
        body: \(String(repeating: "A regional newswire reports a wave of defacements. ", count: 8))
        tasks:
          - { id: q, type: choice, prompt: Severity?, options: [low, high], answer: high, points: 5 }
    """ }.joined(separator: "\n"))
    """

// MARK: Clients

/// A fan-out and soak client (a `LeanConnection`): hello, then records what it needs with byte
/// searches (the load generator shares the machine's two cores with the server, so it does not
/// decode JSON). What it records belongs to the connection's event loop; the benchmark polls the
/// atomic counters while a round runs and reads the rest with a hop to that loop afterwards.
final class LoadClient: @unchecked Sendable {
    let id: String
    private(set) var connection: LeanConnection!
    private let welcomed = ManagedAtomic<Bool>(false)
    private let injects = ManagedAtomic<Int>(0)
    private let acked = ManagedAtomic<Int>(0)

    // On the connection's event loop only.
    private var injectTimes: [String: UInt64] = [:]
    /// The size of each inject's frame (the bare baseline sends frames of this size).
    private var injectBytes: [String: Int] = [:]
    /// Per soak answer n (from 1): how many `ack`s, and when the first came.
    private var acks: [Int: (count: Int, first: UInt64)] = [:]
    private var okTimes: [String: UInt64] = [:]
    private var lastSeq = 0
    private var seqProblems = 0
    private var errors: [String] = []
    /// Soak answer n's due time, by n (from 1).
    private var dueTimes: [Int: UInt64] = [:]

    init(id: String, token: String) {
        self.id = id
        connection = LeanConnection(hello: LeanConnection.hello(token: token)) { [weak self] data, time in
            self?.receive(data, at: time)
        }
    }

    func start(_ url: String) { connection.start(url) }

    private func receive(_ data: ByteBuffer, at t: UInt64) {
        if AnswerClient.trace { print("[\(id)] \(String(buffer: data).prefix(160))") }
        if let seq = FrameBytes.int(after: #""seq":"#, in: data) {
            if seq != lastSeq + 1 { seqProblems += 1 }
            lastSeq = seq
        }
        if FrameBytes.contains(data, #""type":"welcome""#) { welcomed.store(true, ordering: .releasing) }
        else if FrameBytes.contains(data, #""type":"inject""#), let inject = FrameBytes.string(after: #""inject":""#, in: data) {
            injectTimes[inject] = t
            injectBytes[inject] = data.readableBytes
            injects.wrappingIncrement(ordering: .releasing)
        }
        else if FrameBytes.contains(data, #""type":"ack""#), let n = FrameBytes.index(after: #""submission":""#, in: data) {
            if let previous = acks[n] { acks[n] = (previous.count + 1, previous.first) } else {
                acks[n] = (1, t)
                acked.wrappingIncrement(ordering: .relaxed)
            }
        }
        else if FrameBytes.contains(data, #""type":"error""#) { errors.append(String(String(buffer: data).prefix(200))) }
        else if FrameBytes.contains(data, #""type":"ok""#), let ref = FrameBytes.string(after: #""ref":""#, in: data) { okTimes[ref] = t }
    }

    func send(_ text: String) { connection.send(text) }

    var isWelcomed: Bool { welcomed.load(ordering: .acquiring) }
    /// Injects received so far.
    var injectCount: Int { injects.load(ordering: .acquiring) }
    /// Soak answers acknowledged so far (each counted once).
    var ackedCount: Int { acked.load(ordering: .relaxed) }
    func injectTime(_ inject: String) async -> UInt64? { await connection.onLoop { self.injectTimes[inject] } ?? nil }
    func injectSize(_ inject: String) async -> Int? { await connection.onLoop { self.injectBytes[inject] } ?? nil }
    func okTime(_ ref: String) async -> UInt64? { await connection.onLoop { self.okTimes[ref] } ?? nil }

    /// Soak answer n (from 1) was written; on the connection's event loop.
    func sent(_ n: Int, due: UInt64) { dueTimes[n] = due }

    /// Soak answers written so far; on the connection's event loop.
    var sentCount: Int { dueTimes.count }

    /// The soak's outcome on this connection: each answer's due time and its acks, seq gaps, errors.
    func soakResults() async -> (due: [Int: UInt64], acks: [Int: (count: Int, first: UInt64)], seqProblems: Int, errors: [String]) {
        await connection.onLoop { (self.dueTimes, self.acks, self.seqProblems, self.errors) } ?? ([:], [:], 0, [])
    }

    func close() async { await connection.close() }
}

// MARK: Baseline: a bare WebSocket echo on loopback, same process, same run.

func echoRoundTrips(count: Int) async throws -> [Double] {
    let router = Router(context: BasicWebSocketRequestContext.self)
    router.ws("/echo") { inbound, outbound, _ in
        for try await message in inbound.messages(maxSize: 1 << 20) {
            if case .text(let t) = message { try await outbound.write(.text(t)) }
        }
    }
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
                          configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: quietLogger())
    let server = Task { try await app.run() }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw BenchError("echo server did not start") }
    let payload = #"{"v":1,"type":"inject","inject":"F01","title":"\#(String(repeating: "x", count: 600))"}"#
    // One lean client, no hello: each echo's receipt (on the client's event loop) sends the next.
    let probe = EchoProbe(count: count, payload: payload)
    probe.connection.start("ws://127.0.0.1:\(port)/echo")
    try await waitUntil("the echo client to connect", timeout: 30) { probe.isConnected }
    probe.connection.eventLoop.execute { probe.next() }
    try await waitUntil("\(count) echo round trips", timeout: 60) { probe.isDone }
    await probe.connection.close()
    return await probe.connection.onLoop { probe.times } ?? []
}

/// Round trips to an echo server, one after the other, timed on the client's event loop.
final class EchoProbe: @unchecked Sendable {
    private(set) var connection: LeanConnection!
    private let done = ManagedAtomic<Bool>(false)
    private let count: Int
    private let payload: String
    // On the connection's event loop only.
    private var sentAt: UInt64 = 0
    var times: [Double] = []

    init(count: Int, payload: String) {
        self.count = count
        self.payload = payload
        connection = LeanConnection(hello: nil) { [weak self] _, time in
            guard let self else { return }
            self.times.append(ms(time &- self.sentAt))
            if self.times.count >= self.count { self.done.store(true, ordering: .releasing) } else { self.next() }
        }
    }

    /// Whether the upgrade is done (a write would go out).
    var isConnected: Bool { connection.isUpgraded }
    var isDone: Bool { done.load(ordering: .acquiring) }

    /// On the event loop: sends the next payload.
    func next() {
        sentAt = now()
        if connection.write(LeanConnection.frame(payload)) { connection.flush() }
    }
}

// MARK: Run

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drill-load-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let scenarioPath = directory.appendingPathComponent("load.yaml").path
try scenarioYAML.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
let rosterPath = directory.appendingPathComponent("roster.csv").path
try (["id,name,country"] + (1...teamCount).map { String(format: "t%03d,Team %03d,ZZ", $0, $0) }).joined(separator: "\n")
    .write(toFile: rosterPath, atomically: true, encoding: .utf8)
let journalPath = directory.appendingPathComponent("load.journal").path

let connectionCount = teamCount * members
print("server load: \(teamCount) teams\(members > 1 ? " × \(members) members = \(connectionCount) connections" : ""), cyberdrill serve on 127.0.0.1\(quick ? " (quick)" : "")")
let child = try await ServeChild.start(binary: binary, scenario: scenarioPath, journal: journalPath, roster: rosterPath, in: directory)
defer { child.stop() }
let serve = child.process
let port = child.port
let tokens = try CredentialFiles.issuedTokens(journal: journalPath)
let url = "ws://127.0.0.1:\(port)/ws"
// Every member of a team connects with the team's token.
let teamTokens = tokens.filter { $0.role == .team }
let teams = teamTokens.flatMap { token in (1...members).map { LoadClient(id: members > 1 ? "\(token.id)m\($0)" : token.id, token: token.token) } }
guard let whitecellToken = tokens.first(where: { $0.role == .facilitator })?.token else { throw BenchError("no facilitator token") }
let whitecell = LoadClient(id: "whitecell", token: whitecellToken)
let connectStart = now()
try await connectPaced(teams, whitecell: whitecell, url: url)
print("connected \(teams.count) clients in \(String(format: "%.2f", ms(now() - connectStart) / 1000)) s; server RSS \(String(format: "%.0f", rss(of: serve.processIdentifier).current)) MB")
whitecell.send(#"{"v":1,"type":"start","ref":"start"}"#)
try await waitUntil("I01 to reach every team", timeout: 60) { teams.allSatisfy { $0.injectCount >= 1 } }

// The baseline: a bare WebSocket server (BareFanout.swift) with as many clients of the same code,
// connected beside cyberdrill's for the whole measurement; the rounds alternate between the two
// servers, so that both see the same load from the machine's neighbours.
let bare = withBaseline ? try await BareServer.start(in: directory) : nil
defer { bare?.stop() }
let bareClients = bare == nil ? [] : (1...connectionCount).map { LoadClient(id: "bare\($0)", token: "-") }
let bareWhitecell = LoadClient(id: "bare-whitecell", token: "-")
if let bare {
    try await connectPaced(bareClients, whitecell: bareWhitecell, url: "ws://127.0.0.1:\(bare.port)/ws")
}

// Fan-out: release each probe by hand; latency from the facilitator's send to each client's receipt.
var latencies: [Double] = [], bareLatencies: [Double] = []
var commits: [Double] = [], firsts: [Double] = [], bareFirsts: [Double] = []
for inject in fanoutInjects {
    try await Task.sleep(for: .milliseconds(300))
    let round = try await releaseRound(inject, whitecell: whitecell, clients: teams)
    latencies += round.receipts
    firsts.append(round.first)
    commits.append(round.ok)
    if bare != nil {
        try await Task.sleep(for: .milliseconds(300))
        let size = await teams.first?.injectSize(inject) ?? 1000
        let b = try await releaseRound(inject, whitecell: bareWhitecell, clients: bareClients, bytes: size)
        bareLatencies += b.receipts
        bareFirsts.append(b.first)
    }
}
for client in bareClients { await client.close() }
await bareWhitecell.close()
bare?.stop()
print(String(format: "  release → first client %.1f ms (median), → white cell's ok (journaled) %.1f ms (median)",
             percentile(firsts, 0.5), percentile(commits, 0.5))
      + (bare == nil ? "" : String(format: "; bare server: → first client %.1f ms (median)", percentile(bareFirsts, 0.5))))
let p99 = percentile(latencies, 0.99)
let bareP99 = percentile(bareLatencies, 0.99)
let fanoutPeak = rss(of: serve.processIdentifier).peak
let figure = String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f", percentile(latencies, 0.5), p99, latencies.max() ?? .nan)
let ratio = bare == nil ? "no baseline" : String(format: "bare fan-out %@; p99 = %.1f× bare", spread(bareLatencies), p99 / bareP99)
if members == 1 {
    report("fan-out to \(teams.count) teams (p99)", figure, "< 20 ms, ≤ 15× bare", p99 < 20 && (bare == nil || p99 <= 15 * bareP99), ratio)
} else {
    report("fan-out to \(teams.count) connections", figure, "p99 < 100 ms", p99 < 100, ratio)
    report("  server RSS, \(teams.count) conns", String(format: "peak %.0f MB", fanoutPeak), "< 400 MB", fanoutPeak < 400,
           String(format: "%.0f KB a connection over the whole peak", fanoutPeak * 1024 / Double(teams.count)))
}
if fanoutOnly {
    for client in teams { await client.close() }
    await whitecell.close()
    let serverRSS = rss(of: serve.processIdentifier)
    serve.terminate()
    serve.waitUntilExit()
    print(String(format: "  growth of fan-out: %d clients p50 %.1f ms, p99 %.1f ms, max %.1f ms (%.3f ms of p99 per client); server RSS %.0f MB, peak %.0f MB",
                 teams.count, percentile(latencies, 0.5), p99, latencies.max() ?? .nan, p99 / Double(teams.count), serverRSS.current, serverRSS.peak))
    // exit skips the deferred clean-up above.
    try? FileManager.default.removeItem(at: directory)
    exit(0)
}
let echo = try await echoRoundTrips(count: 1000)
print(String(format: "  bare WebSocket echo, one round trip (information): p50 %.3f ms, p99 %.3f ms", percentile(echo, 0.5), percentile(echo, 0.99)))

// Soak: the teams answer `answerRate` times a second in all for `soakSeconds`, open loop (each
// answer is sent when it falls due, acknowledged or not); ack latency runs from that due time.
print(String(format: "  server RSS before the soak: %.0f MB", rss(of: serve.processIdentifier).current))
print(String(format: "  peak RSS of the fan-out benchmark (the server's, connections and releases): %.0f MB", rss(of: serve.processIdentifier).peak))
// Team k's n-th answer (n from 1) falls due at soakStart + (k / teams + n - 1) × interval (OpenLoop).
let soakStart = await OpenLoop.run(teams.map(\.connection), seconds: soakSeconds, interval: Double(teams.count) / answerRate,
                                   text: { k, n in #"{"v":1,"type":"submit","submission":"\#(teams[k].id)-\#(n + 1)","task":"I01.t\#((n + 1) % 4 + 1)","values":["wrong \#(n + 1)"]}"# },
                                   sent: { k, n, due, _ in teams[k].sent(n + 1, due: due) })
let sendSeconds = ms(now() - soakStart) / 1000
var sentCount = 0
for client in teams { sentCount += await client.connection.onLoop { client.sentCount } ?? 0 }
try? await waitUntil("every answer to be acknowledged", timeout: 60) {
    teams.reduce(0) { $0 + $1.ackedCount } >= sentCount
}
let ackSeconds = ms(now() - soakStart) / 1000
let (rssNow, rssPeak, rssFiles) = rss(of: serve.processIdentifier)
var submissions: [String] = []
var acked = 0, duplicateAcks = 0, seqProblems = 0
var ackLatencies: [Double] = []
var errors: [String] = []
for client in teams {
    let results = await client.soakResults()
    for (n, due) in results.due.sorted(by: { $0.key < $1.key }) {
        submissions.append("\(client.id)-\(n)")
        // Acknowledgement latency of every answer: from when it fell due to its first `ack` (sent once it is durable).
        if let ack = results.acks[n] { ackLatencies.append(ms(ack.first &- due)) }
    }
    for (_, ack) in results.acks {
        acked += 1
        duplicateAcks += ack.count - 1
    }
    seqProblems += results.seqProblems
    errors += results.errors
}
for client in teams { await client.close() }
await whitecell.close()
serve.terminate()
serve.waitUntilExit()

// Check against the journal: each answer exactly once.
let replay = try JournalReplay.load(path: journalPath)
var journaled: [String: Int] = [:]
for event in replay.events {
    if case .answerSubmitted(let a) = event.body { journaled[a.submission, default: 0] += 1 }
}
let sentSet = Set(submissions)
let lost = sentSet.subtracting(journaled.keys).count
let duplicated = journaled.values.filter { $0 > 1 }.count + (submissions.count - sentSet.count)
let extra = Set(journaled.keys).subtracting(sentSet).count
let rate = Double(submissions.count) / sendSeconds
report("soak \(teams.count)×\((answerRate / Double(teams.count)).clean)/s×\(Int(soakSeconds)) s", "\(submissions.count) answers, \(String(format: "%.0f", rate))/s, \(lost) lost, \(duplicated) dup",
       "0 lost, 0 dup", lost == 0 && duplicated == 0 && extra == 0 && acked == submissions.count && duplicateAcks == 0,
       "acked \(acked) (\(duplicateAcks) repeated) in \(String(format: "%.1f", ackSeconds)) s; feed seq gaps \(seqProblems); errors \(errors.count)\(errors.first.map { ": \($0)" } ?? "")")
let correct = lost == 0 && duplicated == 0 && extra == 0 && acked == submissions.count && duplicateAcks == 0
print(String(format: "  soak ack latency (due → ack, every answer): p50 %.2f ms, p99 %.2f ms, max %.1f ms; %d of %d answers timed",
             percentile(ackLatencies, 0.5), percentile(ackLatencies, 0.99), ackLatencies.max() ?? .nan, ackLatencies.count, submissions.count))
report("server RSS after soak", String(format: "peak %.0f MB, now %.0f MB", rssPeak, rssNow), "< 150 MB", rssPeak < 150,
       String(format: "of now %.0f MB mapped files (binary, libraries); %d journal events", rssFiles, replay.events.count))

// Timing and memory figures depend on the machine; losing or repeating an answer never does.
if !correct { exit(1) }
