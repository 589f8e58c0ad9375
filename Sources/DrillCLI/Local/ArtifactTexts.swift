import DrillCore
import Foundation

/// The texts of a scenario's artifacts, read once from the files next to it (at most 1 MiB each).
struct ArtifactTexts: Sendable {
    private var texts: [String: String] = [:]

    init(scenario: Scenario, directory: String) {
        for inject in scenario.injects {
            for artifact in inject.artifacts {
                let path = artifact.path.hasPrefix("/") ? artifact.path : directory + "/" + artifact.path
                guard let text = Self.read(path, limit: 1 << 20) else { continue }
                texts["\(inject.id)/\(artifact.name)"] = text
            }
        }
    }

    func text(inject: String, artifact: String) -> String? { texts["\(inject)/\(artifact)"] }

    /// Up to `limit` bytes of a file as text (invalid UTF-8 replaced), nil when it cannot be read.
    static func read(_ path: String, limit: Int) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit) else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        if data.count == limit { text += "\n… (cut at \(limit / 1024) KiB)" }
        return text
    }
}
