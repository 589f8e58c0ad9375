import ArgumentParser
import DrillCore
import DrillJournal
import DrillText
import Foundation

/// Reading a scenario's artifact files for a command (`run`, `serve`): their problems to stderr
/// and exit 1, and a restart refused when the files differ from what the journal recorded.
enum ArtifactFiles {
    /// Hashes every artifact of `scenario`, whose paths are relative to `scenarioPath`'s folder.
    static func scan(_ scenario: Scenario, scenarioPath: String) throws -> ArtifactCatalog {
        do {
            return try ArtifactCatalog.scan(scenario, directory: directory(of: scenarioPath))
        } catch {
            Console.error("error: \(scenarioPath): \(error)")
            throw ExitCode(1)
        }
    }

    /// The artifacts of an exercise being resumed from `journal`, checked against its first event.
    static func scanForRestart(_ scenario: Scenario, scenarioPath: String, journal: Journal) throws -> ArtifactCatalog {
        let catalog = try scan(scenario, scenarioPath: scenarioPath)
        do {
            try catalog.check(against: journal.recordedArtifacts)
        } catch {
            Console.error("error: " + Words.t(.cliArtifactsCannotResume, ["path": journal.path, "scenario": scenarioPath, "error": "\(error)"]))
            throw ExitCode(1)
        }
        return catalog
    }

    static func directory(of scenarioPath: String) -> String {
        let directory = (scenarioPath as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}
