import BenchSupport
import DrillCore
import DrillJournal
import DrillServer
import Foundation
import Hummingbird
import HummingbirdWSClient
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

/// A bare WebSocket client: hello, then records what it needs with string searches (the load
/// generator shares the machine's two cores with the server, so it does not decode JSON).
final class LoadClient: @unchecked Sendable {
    let token: String
    let id: String
    private let lock = NSLock()
    private var outbound: WebSocketOutboundWriter?
    private(set) var injectTimes: [String: UInt64] = [:]
    /// The size of each inject's frame (the bare baseline sends frames of this size).
    private(set) var injectBytes: [String: Int] = [:]
    private(set) var acks: [String: Int] = [:]
    /// When each submission's first `ack` arrived.
    private(set) var ackTimes: [String: UInt64] = [:]
    private(set) var okTimes: [String: UInt64] = [:]
    private(set) var welcomed = false
    private(set) var lastSeq = 0
    private(set) var seqProblems = 0
    private(set) var errors: [String] = []
    private var task: Task<Void, Never>?

    init(id: String, token: String) {
        self.id = id
        self.token = token
    }

    func start(_ url: String) {
        task = Task {
            await TeamConnection.run(url: url, token: self.token, ready: { outbound in self.lock.withLock { self.outbound = outbound } },
                                     receive: { self.receive($0) })
        }
    }

    private func receive(_ text: String) {
        let t = now()
        lock.withLock {
            if let seq = TeamConnection.int(after: "\"seq\":", in: text) {
                if seq != lastSeq + 1 { seqProblems += 1 }
                lastSeq = seq
            }
            if text.contains("\"type\":\"welcome\"") { welcomed = true }
            else if text.contains("\"type\":\"inject\""), let inject = TeamConnection.string(after: "\"inject\":\"", in: text) {
                injectTimes[inject] = t
                injectBytes[inject] = text.utf8.count
            }
            else if text.contains("\"type\":\"ack\""), let submission = TeamConnection.string(after: "\"submission\":\"", in: text) {
                acks[submission, default: 0] += 1
                if ackTimes[submission] == nil { ackTimes[submission] = t }
            }
            else if text.contains("\"type\":\"error\"") { errors.append(String(text.prefix(200))) }
            else if text.contains("\"type\":\"ok\""), let ref = TeamConnection.string(after: "\"ref\":\"", in: text) { okTimes[ref] = t }
        }
    }

    func send(_ text: String) async {
        guard let outbound = lock.withLock({ outbound }) else { return }
        try? await outbound.write(.text(text))
    }

    var isWelcomed: Bool { lock.withLock { welcomed } }
    func injectTime(_ id: String) -> UInt64? { lock.withLock { injectTimes[id] } }
    func injectSize(_ id: String) -> Int? { lock.withLock { injectBytes[id] } }
    func okTime(_ ref: String) -> UInt64? { lock.withLock { okTimes[ref] } }
    var ackCounts: [String: Int] { lock.withLock { acks } }
    var firstAckTimes: [String: UInt64] { lock.withLock { ackTimes } }
    var problems: (seq: Int, errors: [String]) { lock.withLock { (seqProblems, errors) } }

    func close() async {
        let o = lock.withLock { outbound }
        try? await o?.close(.normalClosure, reason: nil)
        task?.cancel()
    }


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
    let times = Locked([Double]())
    try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/echo", logger: quietLogger()) { inbound, outbound, _ in
        var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
        for _ in 0..<count {
            let t = now()
            try await outbound.write(.text(payload))
            _ = try await messages.next()
            let elapsed = ms(now() - t)
            times.withLock { $0.append(elapsed) }
        }
    }
    return times.withLock { $0 }
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
await whitecell.send(#"{"v":1,"type":"start","ref":"start"}"#)
try await waitUntil("I01 to reach every team", timeout: 60) { teams.allSatisfy { $0.injectTime("I01") != nil } }

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
        let size = teams.first?.injectSize(inject) ?? 1000
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
let soakStart = now()
let sent = Locked([(submission: String, due: UInt64)]())
await withTaskGroup(of: Void.self) { group in
    for (k, client) in teams.enumerated() {
        group.addTask {
            // Each team answers every `interval` seconds, the teams spread over the first interval:
            // team k's n-th answer falls due at soakStart + (k / teams + n) × interval.
            let interval = Double(teams.count) / answerRate
            let deadline = soakStart + UInt64(soakSeconds * 1e9)
            var n = 0
            var mine: [(submission: String, due: UInt64)] = []
            while true {
                let due = soakStart + UInt64((Double(k) / Double(teams.count) + Double(n)) * interval * 1e9)
                guard due < deadline else { break }
                let wait = Int64(bitPattern: due &- now())
                if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
                n += 1
                let submission = "\(client.id)-\(n)"
                mine.append((submission, due))
                await client.send(#"{"v":1,"type":"submit","submission":"\#(submission)","task":"I01.t\#(n % 4 + 1)","values":["wrong \#(n)"]}"#)
            }
            sent.withLock { $0 += mine }
        }
    }
}
let sendSeconds = ms(now() - soakStart) / 1000
let dueTimes = sent.withLock { $0 }
let submissions = dueTimes.map(\.submission)
try? await waitUntil("every answer to be acknowledged", timeout: 60) {
    teams.reduce(0) { $0 + $1.ackCounts.count } >= submissions.count
}
let ackSeconds = ms(now() - soakStart) / 1000
let (rssNow, rssPeak, rssFiles) = rss(of: serve.processIdentifier)
var acked = 0, duplicateAcks = 0
for client in teams {
    for (_, count) in client.ackCounts {
        acked += 1
        if count > 1 { duplicateAcks += count - 1 }
    }
}
// Acknowledgement latency of every answer: from when it fell due to its first `ack` (sent once it is durable).
let firstAcks = teams.reduce(into: [String: UInt64]()) { all, client in all.merge(client.firstAckTimes) { a, _ in a } }
let ackLatencies = dueTimes.compactMap { answer in firstAcks[answer.submission].map { ms($0 &- answer.due) } }
let seqProblems = teams.reduce(0) { $0 + $1.problems.seq }
let errors = teams.flatMap { $0.problems.errors }
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
             percentile(ackLatencies, 0.5), percentile(ackLatencies, 0.99), ackLatencies.max() ?? .nan, ackLatencies.count, dueTimes.count))
report("server RSS after soak", String(format: "peak %.0f MB, now %.0f MB", rssPeak, rssNow), "< 150 MB", rssPeak < 150,
       String(format: "of now %.0f MB mapped files (binary, libraries); %d journal events", rssFiles, replay.events.count))

// Timing and memory figures depend on the machine; losing or repeating an answer never does.
if !correct { exit(1) }
