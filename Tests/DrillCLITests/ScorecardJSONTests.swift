import Foundation
import Testing
@testable import DrillCLI

/// `rehearse --format json` and `replay --format json` print one schema (docs/cli.md, "The
/// scorecard JSON"): the replay of a rehearsal's journal gives back the rehearsal's figures.
@Suite("The scorecard JSON of rehearse and replay")
struct ScorecardJSONTests {
    @Test func rehearseAndReplayPrintTheSameSchemaAndFigures() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("t.journal").path
        let rehearsed = try CLI.run(["rehearse", "scenarios/tutorial.yaml", "--teams", "4", "--seed", "3", "--journal", journal, "--format", "json"])
        #expect(rehearsed.status == 0, "\(rehearsed.err)")
        let replayed = try CLI.run(["replay", journal, "--format", "json"])
        #expect(replayed.status == 0, "\(replayed.err)")

        // Exactly the documented keys, each command its own.
        let common: Set = ["scenario", "events", "teams", "objectives"]
        #expect(try Self.keys(rehearsed.out) == common.union(["seed", "endedAt", "journal", "journalRows", "chainHead"]))
        #expect(try Self.keys(replayed.out) == common.union(["digest", "phase", "exerciseTime"]))

        let a = try JSONDecoder().decode(ScorecardJSON.self, from: Data(rehearsed.out.utf8))
        let b = try JSONDecoder().decode(ScorecardJSON.self, from: Data(replayed.out.utf8))
        #expect(a.scenario == "tutorial" && b.scenario == "tutorial")
        #expect(a.seed == 3)
        #expect(a.teams.count == 4)
        #expect(a.teams.allSatisfy { $0.profile != nil })
        #expect(b.teams.allSatisfy { $0.profile == nil })
        // The journal holds the rehearsal's events after its first row (the scenario).
        #expect(a.journalRows == Int64(a.events) + 1)
        #expect(a.chainHead?.count == 64)
        #expect(b.events == a.events)
        #expect(b.exerciseTime == a.endedAt)
        #expect(b.phase == "ended")
        #expect(b.digest?.count == 64)
        #expect(b.objectives == a.objectives)
        #expect(b.teams == a.teams.map { line in var line = line; line.profile = nil; return line })
    }

    private static func keys(_ json: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return Set(object?.keys.map { $0 } ?? [])
    }
}
