import Foundation
import Testing

/// Runs the built `cyberdrill` binary, as a user would.
enum CLI {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (same build configuration), else the debug build.
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cyberdrill")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cyberdrill")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/cyberdrill")
    }

    static func run(_ arguments: [String], in directory: URL = packageRoot) throws -> Result {
        try run(command: binary.path, arguments, in: directory)
    }

    /// Runs another program (e.g. `setpriv` or `unshare` wrapping the binary), with exactly
    /// `environment` if given, else the tests' own.
    static func run(command: String, _ arguments: [String], in directory: URL = packageRoot,
                    environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cyberdrill-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let bundledScenarios = ["tutorial", "telco-ransomware", "isp-ddos-bgp", "ministry-phishing", "sahel-defacement-fr", "gulf-water-scada-ar"]
}
