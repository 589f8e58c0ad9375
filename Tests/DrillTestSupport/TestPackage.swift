import Foundation

/// Where the tests find the repository and the built `cyberdrill`: one copy for every test target.
public enum TestPackage {
    /// The repository's root folder (this file is `Tests/DrillTestSupport/TestPackage.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `cyberdrill` binary next to the test bundle (same build configuration), else the debug build.
    public static var cyberdrill: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cyberdrill")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cyberdrill")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/cyberdrill")
    }

    /// A file of the repository, e.g. `scenarios/tutorial.yaml`.
    public static func file(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
