import DrillTestSupport
import DrillCore
@testable import DrillJournal
import Foundation
import Testing

@Suite("The first event records the artifacts; a restart checks them")
struct ArtifactRecordTests {
    static let yaml = """
        format: cyberdrill/1
        id: art
        title: Artifacts
        duration: 30m
        teams:
          - { id: red, name: Red }
        injects:
          - id: I1
            at: 0m
            title: One
            channel: email
            artifacts:
              - { path: evidence/log.txt }
              - { name: dump, path: evidence/dump.bin }
        """

    func scenario(_ folder: TemporaryFolder) throws -> Scenario {
        try FileManager.default.createDirectory(atPath: folder.file("evidence"), withIntermediateDirectories: true)
        try Data("a log\n".utf8).write(to: URL(fileURLWithPath: folder.file("evidence/log.txt")))
        try Data([0, 0, 7]).write(to: URL(fileURLWithPath: folder.file("evidence/dump.bin")))
        try Self.yaml.write(toFile: folder.file("art.yaml"), atomically: true, encoding: .utf8)
        return try #require(ScenarioLoader.fileSystem.load(contentsOf: folder.file("art.yaml")).scenario)
    }

    @Test func recordsRoundTripAndAChangedOrMissingFileIsNamed() throws {
        let folder = try TemporaryFolder()
        let scenario = try scenario(folder)
        let catalog = try ArtifactCatalog.scan(scenario, directory: folder.path)
        #expect(catalog.records.map(\.name) == ["log.txt", "dump"])
        #expect(catalog.records[1].size == 3 && catalog.records[1].sha256 == ArtifactCatalog.sha256(Data([0, 0, 7])))
        let path = folder.file("art.journal")
        let journal = try Journal.create(at: path, scenario: scenario, source: Self.yaml, scenarioPath: "art.yaml", wall: 1,
                                         artifacts: catalog.records)
        try journal.close()
        let reopened = try Journal.open(at: path)
        #expect(reopened.recordedArtifacts == catalog.records)
        #expect(try JournalReplay.load(reopened).created.artifacts == catalog.records)
        #expect(try reopened.verify().isIntact)
        try catalog.check(against: reopened.recordedArtifacts)
        try reopened.close()

        try Data([0, 0, 8]).write(to: URL(fileURLWithPath: folder.file("evidence/dump.bin")))
        let changed = try ArtifactCatalog.scan(scenario, directory: folder.path)
        #expect(throws: ArtifactCatalog.Problem.self) { try changed.check(against: catalog.records) }
        do { try changed.check(against: catalog.records) } catch {
            #expect("\(error)".contains("artifact 'dump' of inject I1") && "\(error)".contains("changed since the exercise was created"))
        }
        let fewer = ArtifactCatalog()
        #expect(throws: ArtifactCatalog.Problem.self) { try fewer.check(against: catalog.records) }
        do { try fewer.check(against: catalog.records) } catch {
            #expect("\(error)".contains("'log.txt'") && "\(error)".contains("no longer in the scenario"))
        }
    }

    @Test func aJournalWrittenBeforeArtifactsWereRecordedLoadsAsBefore() throws {
        let folder = try TemporaryFolder()
        let scenario = try scenario(folder)
        let path = folder.file("old.journal")
        let journal = try Journal.create(at: path, scenario: scenario, source: Self.yaml, scenarioPath: "art.yaml", wall: 1)
        try journal.close()
        let reopened = try Journal.open(at: path)
        defer { try? reopened.close() }
        #expect(reopened.recordedArtifacts == nil)
        #expect(try JournalReplay.load(reopened).created.artifacts == nil)
        // Nothing recorded, nothing to check.
        try ArtifactCatalog.scan(scenario, directory: folder.path).check(against: reopened.recordedArtifacts)
    }
}
