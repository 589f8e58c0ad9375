import Foundation

/// A new, empty folder under the system's temporary folder: `<prefix>-<UUID>`.
public func temporaryDirectory(prefix: String = "cyberdrill-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A folder of its own for each test, removed when the test is done (when this is released).
public final class TemporaryFolder {
    public let path: String

    public init(prefix: String = "cyberdrill-tests") throws {
        path = try temporaryDirectory(prefix: prefix).path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `name` inside the folder.
    public func file(_ name: String) -> String { "\(path)/\(name)" }
}
