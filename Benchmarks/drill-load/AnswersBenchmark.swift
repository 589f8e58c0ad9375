import BenchSupport
import LeanWebSocket
import DrillCore
import DrillJournal
import DrillServer
import Foundation

/// `drill-load --answers`: answers over the network. N team connections submit together at a
/// total rate (open loop: each answer is sent when it falls due, whether or not earlier ones were
/// acknowledged), against the real `cyberdrill serve`. For every answer it measures the time from
/// when it fell due to its acknowledgement at the client (which the server sends only once the
/// answer is committed to the journal). Then it kills the server (SIGKILL) and checks the journal
/// file: every acknowledged answer is there, none twice. Beside it, the raw SQLite 1-row and
/// batched commit rates of the same run, in the same folder (`journal-harness raw`).
///
///     drill-load --answers [--teams 500] [--rate 10000] [--seconds 30] [--quick] [--journal-harness PATH]
struct AnswersBenchmark {
    var teams: Int
    /// Answers a second, across all connections.
    var rate: Double
    var seconds: Double
    var quick: Bool
    var cyberdrill: String
    var harness: String

    static let targetRate = 10_000.0
    static let targetP99 = 10.0

    init(arguments: [String], cyberdrill: String) {
        func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        quick = arguments.contains("--quick")
        teams = Int(option("--teams") ?? "") ?? (quick ? 50 : 500)
        rate = Double(option("--rate") ?? "") ?? (quick ? 500 : Self.targetRate)
        seconds = Double(option("--seconds") ?? "") ?? (quick ? 3 : 30)
        self.cyberdrill = cyberdrill
        harness = option("--journal-harness")
            ?? URL(fileURLWithPath: cyberdrill).deletingLastPathComponent().appendingPathComponent("journal-harness").path
    }

    /// Runs it and prints its lines; false when an answer was lost or repeated.
    func run() async throws -> Bool {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drill-answers-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let perTeam = rate / Double(teams)
        let scenario = AnswersScenario(answersPerTeam: Int((perTeam * seconds).rounded(.up)))
        print("answers over the network: \(teams) connections × \(perTeam.clean)/s for \(seconds.clean) s = \(Int(rate)) answers/s offered, "
              + "\(scenario.taskCount) tasks a team\(quick ? " (quick)" : ""); load \(Self.loadAverage())")

        // The baselines first, in the journal's folder, while nothing else of ours runs.
        let raw = try RawSQLiteBaseline.measure(harness: harness, directory: directory.path, quick: quick)

        let scenarioPath = directory.appendingPathComponent("answers.yaml").path
        try scenario.yaml.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        let rosterPath = directory.appendingPathComponent("roster.csv").path
        try (["id,name,country"] + (1...teams).map { String(format: "t%03d,Team %03d,ZZ", $0, $0) }).joined(separator: "\n")
            .write(toFile: rosterPath, atomically: true, encoding: .utf8)
        let journalPath = directory.appendingPathComponent("answers.journal").path
        let serve = try await ServeChild.start(binary: cyberdrill, scenario: scenarioPath, journal: journalPath, roster: rosterPath, in: directory)
        defer { serve.stop() }

        let tokens = try CredentialFiles.issuedTokens(journal: journalPath)
        let url = "ws://127.0.0.1:\(serve.port)/ws"
        let clients = tokens.filter { $0.role == .team }.map { AnswerClient(team: $0.id, token: $0.token) }
        guard let whiteCellToken = tokens.first(where: { $0.role == .facilitator })?.token else { throw BenchError("no white cell token") }
        let whiteCell = AnswerClient(team: "whitecell", token: whiteCellToken)
        whiteCell.start(url)
        for (k, client) in clients.enumerated() {
            client.start(url)
            if k % 50 == 49 { try await Task.sleep(for: .milliseconds(20)) }
        }
        try await Self.waitUntil("every team to be welcomed", timeout: 60) { clients.allSatisfy(\.isWelcomed) && whiteCell.isWelcomed }
        whiteCell.send(#"{"v":1,"type":"start","ref":"start"}"#)
        do {
            try await Self.waitUntil("every inject to reach every team", timeout: 120) {
                clients.allSatisfy { $0.injectCount >= scenario.injectCount }
            }
        } catch {
            let reached = clients.map(\.injectCount).reduce(0, +)
            throw BenchError("\(error): \(reached) of \(clients.count * scenario.injectCount) deliveries arrived")
        }
        // Let the release's fan-out drain before the clock starts.
        try await Task.sleep(for: .milliseconds(500))

        // Every frame is built before the clock starts (OpenLoop).
        let interval = Double(teams) / rate   // seconds between two answers of one connection
        let cpuBefore = serve.cpuSeconds
        let ownCPUBefore = Self.ownCPUSeconds()
        let start = await OpenLoop.run(clients.map(\.connection), seconds: seconds, interval: interval,
                           text: { k, n in clients[k].answer(n, task: scenario.task(forAnswer: n)) },
                           sent: { k, n, due, written in clients[k].sent(n, due: due, written: written) })
        try? await Self.waitUntil("every answer to be acknowledged or refused", timeout: quick ? 30 : 120) {
            clients.allSatisfy { $0.outstanding == 0 }
        }
        let cpuSeconds = serve.cpuSeconds - cpuBefore
        let ownCPUSeconds = Self.ownCPUSeconds() - ownCPUBefore
        let serverRSS = rss(of: serve.process.processIdentifier)
        // Acknowledged means durable: the server gets no chance to write anything more.
        kill(serve.process.processIdentifier, SIGKILL)
        serve.process.waitUntilExit()
        for client in clients { await client.close() }
        await whiteCell.close()

        var results: [(team: String, records: (records: [AnswerClient.Record], otherErrors: [String]))] = []
        for client in clients { results.append((client.team, await client.records())) }
        let journaled = try Self.journaledAnswers(journalPath)
        return summarize(results.map { ($0.team, $0.records.records) }, otherErrors: results.flatMap(\.records.otherErrors),
                         journaled: journaled, start: start, cpuSeconds: cpuSeconds, clientCPUSeconds: ownCPUSeconds, serverRSS: serverRSS.peak, raw: raw)
    }

    /// How many times each answer is in the journal, by team and submission id.
    static func journaledAnswers(_ path: String) throws -> [String: Int] {
        let replay = try JournalReplay.load(path: path)
        var journaled: [String: Int] = [:]
        for event in replay.events {
            if case .answerSubmitted(let a) = event.body { journaled[a.team + "/" + a.submission, default: 0] += 1 }
        }
        return journaled
    }

    /// CPU time this process (the load generator) has used so far, in seconds (user + system).
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func waitUntil(_ what: String, timeout: Double, _ condition: () -> Bool) async throws {
        let deadline = now() + UInt64(timeout * 1e9)
        while now() < deadline {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchError("timed out: \(what)")
    }
}
