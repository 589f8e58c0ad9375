import DrillTestSupport
import DrillClient
import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import NIOSSL
import Testing

@Suite("wss:// when a certificate is given", .serialized)
struct TLSTests {
    static var hasOpenSSL: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/openssl") }
    }

    /// A self-signed certificate for 127.0.0.1, made with the openssl command.
    static func makeCertificate(in directory: URL) throws -> (cert: String, key: String) {
        let cert = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TimedOut() }
        return (cert, key)
    }

    @Test(.enabled(if: hasOpenSSL, "openssl is not installed"))
    func aTeamJoinsOverTLS() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certPath, keyPath) = try Self.makeCertificate(in: directory)
        let certificates = try NIOSSLCertificate.fromPEMFile(certPath)
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        let server = try await TestServer.start { configuration in
            configuration.tls = TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) },
                                                                         privateKey: .privateKey(key))
        }
        defer { Task { await server.stop() } }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(certificates)
        var configuration = ExerciseClient.Configuration()
        configuration.tls = tls
        configuration.logger.logLevel = .critical
        let client = try ExerciseClient(url: "wss://127.0.0.1:\(server.port)/ws", token: server.token("team:cirt-a"), configuration: configuration)
        let recorder = Recorder()
        let task = Task {
            let events = client.events
            Task { await client.run() }
            for await event in events { recorder.add(event) }
        }
        let test = TestClient(client: client, recorder: recorder, task: task, name: "tls")
        try await test.waitForEvent("welcome over TLS") { if case .connected = $0 { true } else { false } }
        let pong = try await client.request(.ping)
        #expect(pong.message == .pong)
        await test.stop()
    }
}
