import DrillJournal
import Foundation
import Testing

/// Artifacts through the real binary: a team console over `join` opens them, `join --artifacts`
/// saves them, and `serve` refuses to resume when one changed.
@Suite("Artifacts end to end", .serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct ArtifactCommandTests {
    static let scenario = ConsoleEndToEndTests.scenario.replacingOccurrences(of: """
          A user reports an e-mail from evil.example asking for a password reset.

    """, with: """
          A user reports an e-mail from evil.example asking for a password reset.
        artifacts:
          - { path: evidence/reported.eml, description: the e-mail as reported }
          - { path: evidence/memory.bin, description: a memory dump }

    """)

    static let mail = "From: it-support@evil.example\nSubject: Reset your password today\n\nClick here.\n"
    /// NUL bytes and all the others.
    static let dump = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 31) })

    /// Writes the scenario (`e2e.yaml`) and its evidence folder into `dir`.
    static func writeFolder(in dir: URL) throws {
        let evidence = dir.appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        try mail.write(to: evidence.appendingPathComponent("reported.eml"), atomically: true, encoding: .utf8)
        try dump.write(to: evidence.appendingPathComponent("memory.bin"))
        try scenario.write(to: dir.appendingPathComponent("e2e.yaml"), atomically: true, encoding: .utf8)
    }

    /// A scenario folder, served headless in a tmux pane.
    static func serve(in dir: URL) throws -> ConsoleEndToEndTests.Served? {
        try writeFolder(in: dir)
        return try serveAgain(in: dir)
    }

    static func serveAgain(in dir: URL) throws -> ConsoleEndToEndTests.Served? {
        let serve = try TmuxSession([CLI.binary.path, "serve", "e2e.yaml", "--journal", "e2e.journal", "--listen", "127.0.0.1:0", "--headless"],
                                    width: 160, directory: dir)
        guard let served = serve.wait(for: "listening on port"),
              let line = served.split(separator: "\n").first(where: { $0.contains("listening on port") }),
              let port = line.split(separator: " ").last.flatMap({ Int($0) }) else { serve.close(); return nil }
        return ConsoleEndToEndTests.Served(pane: serve, url: "ws://127.0.0.1:\(port)/ws", tokens: try ConsoleEndToEndTests.tokens(in: dir))
    }

    @Test("join: the team console opens a text artifact fetched from the server, and tells how to download a binary one")
    func teamConsoleOpensArtifacts() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))
        try ConsoleEndToEndTests.start(served.url, whiteCell: whiteCell, in: dir)

        let term = try TmuxSession([CLI.binary.path, "join", served.url, "--token", red], width: 120, height: 40, directory: dir)
        defer { term.close() }
        term.wait(for: "A phishing report")
        term.send("o")
        term.wait(for: "Subject: Reset your password today")
        term.send("Tab")
        guard let binary = term.wait(for: "the binary artifact's download instructions", { $0.contains("memory.bin") && $0.contains("curl") }) else { return }
        let digest = ArtifactCatalog.sha256(Self.dump)
        #expect(binary.contains("SHA-256 \(digest)"), "screen:\n\(binary)")
        let port = served.url.split(separator: ":").last?.split(separator: "/").first ?? ""
        #expect(binary.contains("http://127.0.0.1:\(port)/artifacts/A1/memory.bin"), "screen:\n\(binary)")
        #expect(binary.contains("Authorization: Bearer $TOKEN"))
        #expect(binary.contains("--artifacts DIR"))
        #expect(!binary.contains(red), "the token itself is never shown")
        term.send("Escape")
        term.wait(for: "the viewer to close") { !$0.contains("Tab: next") }
        ConsoleEndToEndTests.quit(term)
    }

    @Test("join --artifacts saves every released artifact, SHA-256 checked, and does not fetch again what is already there")
    func joinSavesArtifacts() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        defer { served.pane.close() }
        let red = try #require(served.token(role: "team", id: "red"))
        let whiteCell = try #require(served.token(role: "facilitator"))
        let out = dir.appendingPathComponent("saved")

        try ConsoleEndToEndTests.start(served.url, whiteCell: whiteCell, in: dir)
        let join = try TmuxSession([CLI.binary.path, "join", served.url, "--token", red, "--lines", "--artifacts", out.path],
                                   width: 200, directory: dir)
        defer { join.close() }
        join.wait(for: "saved artifacts") { $0.components(separatedBy: "saved artifact ").count == 3 }
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("A1/reported.eml").path) == Data(Self.mail.utf8))
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("A1/memory.bin").path) == Self.dump)
        join.send("C-c")
        join.wait(for: "[exit")

        // Again: the files are there with the right SHA-256, nothing is fetched; a damaged one is.
        try Data("damaged".utf8).write(to: out.appendingPathComponent("A1/memory.bin"))
        let again = try TmuxSession([CLI.binary.path, "join", served.url, "--token", red, "--lines", "--artifacts", out.path],
                                    width: 200, directory: dir)
        defer { again.close() }
        guard let screen = again.wait(for: "both artifacts accounted for", {
            $0.contains("reported.eml is already in") && $0.contains("saved artifact \(out.path)/A1/memory.bin")
        }) else { return }
        #expect(!screen.contains("saved artifact \(out.path)/A1/reported.eml"))
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("A1/memory.bin").path) == Self.dump)
    }

    @Test("serve refuses to resume an exercise whose artifact changed, naming it")
    func restartWithAChangedArtifactIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        guard let served = try Self.serve(in: dir) else { return }
        served.pane.send("C-c")
        served.pane.wait(for: "[exit")
        served.pane.close()

        // Unchanged: it resumes.
        guard let resumed = try Self.serveAgain(in: dir) else { return }
        resumed.pane.send("C-c")
        resumed.pane.wait(for: "[exit")
        resumed.pane.close()

        try Data("tampered".utf8).write(to: dir.appendingPathComponent("evidence/memory.bin"))
        let refused = try CLI.run(["serve", "e2e.yaml", "--journal", "e2e.journal", "--listen", "127.0.0.1:0", "--headless"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.err.contains("artifact 'memory.bin' of inject A1"), "stderr:\n\(refused.err)")
        #expect(refused.err.contains("changed since the exercise was created"), "stderr:\n\(refused.err)")
        #expect(refused.err.contains(ArtifactCatalog.sha256(Self.dump)))

        // The after-action report lists the artifacts with the SHA-256 the journal recorded.
        let reports = dir.appendingPathComponent("aar")
        let report = try CLI.run(["report", "e2e.journal", "--format", "md", "--format", "html", "--format", "json", "--out", reports.path], in: dir)
        #expect(report.status == 0, "report: \(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports.path)
        for ext in ["md", "html", "json"] {
            let name = try #require(files.first { $0.hasSuffix("." + ext) }, "no .\(ext) in \(files)")
            let text = try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains(ArtifactCatalog.sha256(Self.dump)) && text.contains(ArtifactCatalog.sha256(Data(Self.mail.utf8))), "\(name)")
            #expect(text.contains("memory.bin") && text.contains("reported.eml"), "\(name)")
        }
        let jsonName = try #require(files.first { $0.hasSuffix(".json") })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent(jsonName))) as? [String: Any])
        let listed = try #require(json["artifacts"] as? [[String: Any]])
        #expect(listed.count == 2)
        #expect(listed.first { $0["name"] as? String == "memory.bin" }?["size"] as? Int == Self.dump.count)
        #expect(listed.first { $0["name"] as? String == "memory.bin" }?["inject"] as? String == "A1")
    }
}
