import DrillTestSupport
import Foundation

/// Runs the built `cyberdrill` binary, as a user would (through DrillTestSupport's `runProgram`).
enum CLI {
    typealias Result = ProgramResult

    static var packageRoot: URL { TestPackage.root }

    /// The binary next to the test bundle (same build configuration), else the debug build.
    static var binary: URL { TestPackage.cyberdrill }

    static func run(_ arguments: [String], in directory: URL = packageRoot) throws -> Result {
        try run(command: binary.path, arguments, in: directory)
    }

    /// Runs another program (e.g. `setpriv` or `unshare` wrapping the binary), with exactly
    /// `environment` if given, else the tests' own; standard output and error are read at once.
    static func run(command: String, _ arguments: [String], in directory: URL = packageRoot,
                    environment: [String: String]? = nil) throws -> Result {
        try runProgram(command, arguments, in: directory, environment: environment)
    }

    static func temporaryDirectory() throws -> URL {
        try DrillTestSupport.temporaryDirectory(prefix: "cyberdrill-tests")
    }

    static let bundledScenarios = ["tutorial", "telco-ransomware", "isp-ddos-bgp", "ministry-phishing", "sahel-defacement-fr", "gulf-water-scada-ar"]
}
