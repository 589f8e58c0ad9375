import BenchSupport
import DrillServer
import Foundation

// The fan-out benchmark's steps, shared by cyberdrill's server and the bare baseline
// (BareFanout.swift): connect the clients, release an inject, time its receipt at each client.

/// One release: from the white cell's send to each client's receipt, in ms; the first receipt and
/// the white cell's `ok` (for cyberdrill: the release is journaled).
struct FanoutRound {
    var receipts: [Double]
    var first: Double
    var ok: Double
}

/// Starts every client, keeping at most `inFlight` of them between connecting and `welcome`, as
/// people at their own desks do (the server caps connections that have not said `hello` per
/// address, so one address opening thousands at once would evict its own); then the white cell.
@MainActor
func connectPaced(_ clients: [LoadClient], whitecell: LoadClient, url: String, inFlight: Int = 200) async throws {
    var started = 0
    var welcomed = 0
    while started < clients.count {
        while welcomed < started, clients[welcomed].isWelcomed { welcomed += 1 }
        let pending = clients[welcomed..<started].count { !$0.isWelcomed }
        let room = inFlight - pending
        if room > 0 {
            for client in clients[started..<min(clients.count, started + room)] { client.start(url) }
            started = min(clients.count, started + room)
        }
        try await Task.sleep(for: .milliseconds(10))
    }
    whitecell.start(url)
    try await waitUntil("every client to be welcomed (\(url))", timeout: 120) { clients.allSatisfy(\.isWelcomed) && whitecell.isWelcomed }
}

/// Releases `inject` from the white cell and waits until every client has it. `bytes`: the size
/// of the frame the bare server sends (cyberdrill's own frame is what it is).
@MainActor
func releaseRound(_ inject: String, whitecell: LoadClient, clients: [LoadClient], bytes: Int? = nil) async throws -> FanoutRound {
    let before = clients.map(\.injectCount)
    let t0 = now()
    let size = bytes.map { #","bytes":\#($0)"# } ?? ""
    whitecell.send(#"{"v":1,"type":"release","ref":"\#(inject)","inject":"\#(inject)"\#(size)}"#)
    try await waitUntil("\(inject) to reach every client", timeout: 60) { clients.indices.allSatisfy { clients[$0].injectCount > before[$0] } }
    // The receipt times stay on each client's event loop until now.
    var receipts: [Double] = []
    for client in clients { if let t = await client.injectTime(inject) { receipts.append(ms(t &- t0)) } }
    var ok = await whitecell.okTime(inject)
    let deadline = now() + 10_000_000_000
    while ok == nil, now() < deadline {
        try await Task.sleep(for: .milliseconds(20))
        ok = await whitecell.okTime(inject)
    }
    return FanoutRound(receipts: receipts, first: receipts.min() ?? .nan, ok: ok.map { ms($0 &- t0) } ?? .nan)
}

/// The bare baseline server, a child process of this benchmark (`drill-load --bare-server`).
struct BareServer {
    let process: Process
    let port: Int

    static func start(in directory: URL) async throws -> BareServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--bare-server"]
        let log = directory.appendingPathComponent("bare.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        var port: Int?
        try await waitUntil("the bare server to listen", timeout: 60) {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("listening on port ") }.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
            return port != nil
        }
        return BareServer(process: process, port: port ?? 0)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// "p50 … ms, p99 … ms" of some receipts.
func spread(_ values: [Double]) -> String {
    String(format: "p50 %.1f ms, p99 %.1f ms", percentile(values, 0.5), percentile(values, 0.99))
}
