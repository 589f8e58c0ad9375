import DrillTestSupport
import DrillClient
import DrillCore
import DrillHost
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import NIOSSL
import Testing

/// A scenario folder with three artifacts: a log and a binary capture (larger than one piece,
/// with NUL bytes) for everyone with I01, and a file for Bravo only with I02.
struct ArtifactFolder {
    let directory: URL
    let log: Data
    let pcap: Data
    let secret: Data

    static let yaml = TestScenario.yaml
        .replacingOccurrences(of: """
                body: Outbound traffic to 203.0.113.66 every 60 s.

            """, with: """
                body: Outbound traffic to 203.0.113.66 every 60 s.
                artifacts:
                  - { path: evidence/proxy.log, description: Proxy log }
                  - { name: beacon capture.pcap, path: evidence/capture.pcap }

            """)
        .replacingOccurrences(of: """
                body: Bravo's upstream provider is affected. Secret for Bravo.

            """, with: """
                body: Bravo's upstream provider is affected. Secret for Bravo.
                artifacts:
                  - { path: evidence/bravo-only.txt }

            """)

    static func make() throws -> ArtifactFolder {
        let directory = try temporaryDirectory()
        let evidence = directory.appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        let log = Data("2026-12-03T10:00:00Z CONNECT 203.0.113.66:443 ✓\n".utf8) + Data(repeating: UInt8(ascii: "x"), count: 100) + Data("\n".utf8)
        // Bytes 0…255 over and over, NULs included: 2.5 pieces.
        let pcap = Data((0..<(Wire.maxArtifactChunkBytes * 5 / 2 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) })
        let secret = Data("for Bravo's eyes only\n".utf8)
        try log.write(to: evidence.appendingPathComponent("proxy.log"))
        try pcap.write(to: evidence.appendingPathComponent("capture.pcap"))
        try secret.write(to: evidence.appendingPathComponent("bravo-only.txt"))
        try yaml.write(to: directory.appendingPathComponent("drill.yaml"), atomically: true, encoding: .utf8)
        return ArtifactFolder(directory: directory, log: log, pcap: pcap, secret: secret)
    }

    static func sha256(_ data: Data) -> String { ArtifactCatalog.sha256(data) }
}

extension TestServer {
    /// A server whose scenario has the artifacts of `folder`, recorded in its journal.
    static func start(artifacts folder: ArtifactFolder,
                      configure: (inout ExerciseServer.Configuration) -> Void = { _ in }) async throws -> TestServer {
        let scenarioPath = folder.directory.appendingPathComponent("drill.yaml").path
        let load = ScenarioLoader.fileSystem.load(contentsOf: scenarioPath)
        let scenario = try #require(load.scenario, "\(load.diagnostics)")
        let catalog = try ArtifactCatalog.scan(scenario, directory: folder.directory.path)
        let journal = folder.directory.appendingPathComponent("drill.journal").path
        let host = try await ExerciseHost.create(journalPath: journal, scenario: scenario, source: ArtifactFolder.yaml, scenarioPath: scenarioPath,
                                                 teams: scenario.teams, wall: TestWall(), artifacts: catalog.records)
        return try await serve(host, teams: scenario.teams, directory: folder.directory, journal: journal) { configuration in
            configuration.artifacts = catalog
            configure(&configuration)
        }
    }
}

/// `curl` against the server: status, headers (lowercased names) and body.
struct CurlResult {
    var status: Int
    var headers: [String: String]
    var body: Data

    static func get(_ url: String, token: String?, caCert: String? = nil) throws -> CurlResult {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers").path, bodyFile = directory.appendingPathComponent("body").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "--max-time", "30", "-D", headerFile, "-o", bodyFile]
            + (token.map { ["-H", "Authorization: Bearer \($0)"] } ?? []) + (caCert.map { ["--cacert", $0] } ?? []) + [url]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "curl failed on \(url)")
        let head = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        var lines = head.components(separatedBy: "\r\n")
        let status = lines.isEmpty ? 0 : Int(lines.removeFirst().split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return CurlResult(status: status, headers: headers, body: FileManager.default.contents(atPath: bodyFile) ?? Data())
    }
}

@Suite("Artifacts reach the teams they were released to, and no one else", .serialized)
struct ArtifactTests {
    @Test func theProtocolServesArtifactsToTheRightTeamOnly() async throws {
        let folder = try ArtifactFolder.make()
        let server = try await TestServer.start(artifacts: folder)
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let alpha = try await TestClient.connect(server, "team:cirt-a")

        // Before the release: the same answer as for an artifact that does not exist.
        func refusal(_ client: TestClient, _ inject: String, _ name: String, offset: Int64 = 0, length: Int? = nil) async -> WireError? {
            do {
                _ = try await client.client.request(.artifact(.init(inject: inject, name: name, offset: offset, length: length)))
                return nil
            } catch ClientError.refused(let error) {
                return error
            } catch {
                Issue.record("unexpected \(error)")
                return nil
            }
        }
        #expect(await refusal(alpha, "I01", "proxy.log")?.code == "notFound")
        #expect(await refusal(alpha, "I01", "nothing.log")?.code == "notFound")

        // At 1× I02 (at 1m) stays the white cell's to release for a minute: at 60× the clock
        // released it within a second, before the test did on a busy machine.
        try await control(whitecell, .start)
        let delivery = try await alpha.waitFor("I01") { $0.inject?.inject == "I01" ? $0.inject : nil }
        // The inject lists each artifact with its size, SHA-256 and media type.
        let listed = Dictionary(uniqueKeysWithValues: delivery.artifacts.map { ($0.name, $0) })
        #expect(listed["proxy.log"]?.sha256 == ArtifactFolder.sha256(folder.log))
        #expect(listed["proxy.log"]?.mediaType == "text/plain; charset=utf-8")
        #expect(listed["beacon capture.pcap"]?.size == Int64(folder.pcap.count))
        #expect(listed["beacon capture.pcap"]?.mediaType == "application/vnd.tcpdump.pcap")

        let log = try await alpha.client.fetchArtifact(inject: "I01", name: "proxy.log")
        #expect(log.bytes == folder.log)
        #expect(log.sha256 == ArtifactFolder.sha256(folder.log))
        #expect(log.text == String(decoding: folder.log, as: UTF8.self))
        // Three pieces, NUL bytes and all.
        let pieces = Counter()
        let pcap = try await alpha.client.fetchArtifact(inject: "I01", name: "beacon capture.pcap") { _, _ in pieces.add() }
        #expect(pcap.bytes == folder.pcap)
        #expect(pcap.sha256 == ArtifactFolder.sha256(folder.pcap))
        #expect(pcap.text == nil)
        #expect(pieces.value == 3)

        // One piece read directly: offset and length are honoured.
        let reply = try await alpha.client.request(.artifact(.init(inject: "I01", name: "beacon capture.pcap", offset: 1000, length: 10)))
        guard case .artifact(let chunk) = reply.message else { Issue.record("expected artifact, got \(reply.message.type)"); return }
        #expect(chunk.offset == 1000 && chunk.length == 10 && chunk.bytes == folder.pcap[1000..<1010])
        #expect(chunk.size == Int64(folder.pcap.count) && chunk.sha256 == ArtifactFolder.sha256(folder.pcap))
        #expect(await refusal(alpha, "I01", "proxy.log", length: Wire.maxArtifactChunkBytes + 1)?.code == "tooLarge")
        #expect(await refusal(alpha, "I01", "proxy.log", offset: 1_000_000)?.code == "badRange")
        #expect(await refusal(alpha, "I01", "proxy.log", offset: -1)?.code == "badRange")

        // Bravo's artifact: released to Bravo, never to Alpha.
        let bravo = try await TestClient.connect(server, "team:cirt-b")
        try await control(whitecell, .release(inject: "I02", teams: nil))
        _ = try await bravo.waitFor("I02") { $0.inject?.inject == "I02" ? $0 : nil }
        #expect(try await bravo.client.fetchArtifact(inject: "I02", name: "bravo-only.txt").bytes == folder.secret)
        #expect(await refusal(alpha, "I02", "bravo-only.txt")?.code == "notFound")

        // The white cell fetches any; observers none.
        #expect(try await whitecell.client.fetchArtifact(inject: "I02", name: "bravo-only.txt").bytes == folder.secret)
        let observer = try await TestClient.connect(server, "observer:observer")
        #expect(await refusal(observer, "I01", "proxy.log")?.code == "forbidden")

        // A malformed request gets an error carrying its ref.
        let raw = try await RawSocket.open(server.url)
        try await raw.hello(server.token("team:cirt-a"))
        try await raw.send(#"{"v":1,"type":"artifact","ref":"x1","inject":"I01"}"#)
        #expect(try await raw.waitFor("x1") { $0.ref == "x1" ? $0.error : nil }.code == "malformed")
        await raw.close()
        for client in [whitecell, alpha, bravo, observer] { await client.stop() }
    }

    @Test func httpDownloadsNeedTheTokenOfATeamTheArtifactReached() async throws {
        let folder = try ArtifactFolder.make()
        let server = try await TestServer.start(artifacts: folder)
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let pcapURL = base + Wire.artifactPath(inject: "I01", name: "beacon capture.pcap")
        let alphaToken = server.token("team:cirt-a")

        #expect(try CurlResult.get(pcapURL, token: nil).status == 401)
        let bad = try CurlResult.get(pcapURL, token: "not-a-token")
        #expect(bad.status == 401)
        #expect(bad.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        // Before the release: the same 404 as for a name that does not exist.
        let early = try CurlResult.get(pcapURL, token: alphaToken)
        let unknown = try CurlResult.get(base + Wire.artifactPath(inject: "I01", name: "nothing.pcap"), token: alphaToken)
        #expect(early.status == 404 && unknown.status == 404 && early.body == unknown.body)

        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let alpha = try await TestClient.connect(server, "team:cirt-a")
        // At 1× I02 (at 1m) stays the white cell's to release for a minute: at 60× the clock
        // released it within a second, before the test did on a busy machine.
        try await control(whitecell, .start)
        _ = try await alpha.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil }

        let pcap = try CurlResult.get(pcapURL, token: alphaToken)
        #expect(pcap.status == 200)
        #expect(pcap.body == folder.pcap)
        #expect(pcap.headers["content-type"] == "application/vnd.tcpdump.pcap")
        #expect(pcap.headers["content-length"] == String(folder.pcap.count))
        #expect(pcap.headers["content-disposition"] == #"attachment; filename="beacon capture.pcap"; filename*=UTF-8''beacon%20capture.pcap"#)
        #expect(pcap.headers["x-content-sha256"] == ArtifactFolder.sha256(folder.pcap))
        let log = try CurlResult.get(base + Wire.artifactPath(inject: "I01", name: "proxy.log"), token: alphaToken)
        #expect(log.status == 200 && log.body == folder.log)
        #expect(log.headers["content-type"] == "text/plain; charset=utf-8")

        // Another team's artifact: 404, the same as one that does not exist.
        let bravoFile = base + Wire.artifactPath(inject: "I02", name: "bravo-only.txt")
        try await control(whitecell, .release(inject: "I02", teams: nil))
        let bravo = try await TestClient.connect(server, "team:cirt-b")
        _ = try await bravo.waitFor("I02") { $0.inject?.inject == "I02" ? $0 : nil }
        let other = try CurlResult.get(bravoFile, token: alphaToken)
        #expect(other.status == 404 && other.body == unknown.body)
        #expect(try CurlResult.get(bravoFile, token: server.token("team:cirt-b")).body == folder.secret)
        #expect(try CurlResult.get(bravoFile, token: server.token("facilitator:whitecell")).status == 200)
        #expect(try CurlResult.get(bravoFile, token: server.token("observer:observer")).status == 403)
        for client in [whitecell, alpha, bravo] { await client.stop() }
    }

    @Test(.enabled(if: TLSTests.hasOpenSSL, "openssl is not installed"))
    func httpsDownloadsWhenTheServerHasACertificate() async throws {
        let folder = try ArtifactFolder.make()
        let (certPath, keyPath) = try TLSTests.makeCertificate(in: folder.directory)
        let certificates = try NIOSSLCertificate.fromPEMFile(certPath)
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        let server = try await TestServer.start(artifacts: folder) { configuration in
            configuration.tls = TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) },
                                                                         privateKey: .privateKey(key))
        }
        defer { Task { await server.stop() } }
        let url = "https://127.0.0.1:\(server.port)" + Wire.artifactPath(inject: "I01", name: "proxy.log")
        // The white cell may fetch any artifact, before any release too.
        let log = try CurlResult.get(url, token: server.token("facilitator:whitecell"), caCert: certPath)
        #expect(log.status == 200 && log.body == folder.log)
        #expect(try CurlResult.get(url, token: nil, caCert: certPath).status == 401)
    }

    @Test func downloadHeadersQuoteNamesSafely() {
        #expect(ExerciseServer.contentDisposition("rapport d'incident é\"x\".txt")
                == #"attachment; filename="rapport d'incident __x_.txt"; filename*=UTF-8''rapport%20d%27incident%20%C3%A9%22x%22.txt"#)
        #expect(ExerciseServer.digestHeader(String(repeating: "00", count: 32)) == "sha-256=" + Data(count: 32).base64EncodedString())
        #expect(ExerciseServer.artifactPathParts("/artifacts/I01/a%20b%2Fc.pcap")! == ("I01", "a b/c.pcap"))
        #expect(ExerciseServer.artifactPathParts("/artifacts/I01") == nil)
        #expect(ExerciseServer.bearerToken("Bearer  abc ") == "abc" && ExerciseServer.bearerToken("Basic abc") == nil)
    }

    @Test func anArtifactLinkedFromOutsideTheFolderIsRefused() throws {
        let folder = try ArtifactFolder.make()
        defer { try? FileManager.default.removeItem(at: folder.directory) }
        let outside = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("secret of the host\n".utf8).write(to: outside.appendingPathComponent("passwd"))
        let link = folder.directory.appendingPathComponent("evidence/proxy.log")
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: outside.appendingPathComponent("passwd").path)
        let scenario = try #require(ScenarioLoader.fileSystem.load(contentsOf: folder.directory.appendingPathComponent("drill.yaml").path).scenario)
        #expect {
            try ArtifactCatalog.scan(scenario, directory: folder.directory.path)
        } throws: { error in
            "\(error)".contains("outside the scenario's folder") && "\(error)".contains("proxy.log")
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
