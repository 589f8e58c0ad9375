import DrillCore
import Foundation
import Testing

/// Inputs that could stall or flood a command: each gets a bounded answer.
@Suite("bounded inputs: alias bombs, diagnostics, scenario size, roster size")
struct BoundedInputTests {
    /// About 9 KB: 1,000 injects × 1,000 tasks through aliases, every task with an unknown field.
    static let aliasBomb: String = {
        let task = "x-task: &t {id: t, type: text, prompt: p, accept: [a], bogus: 1}\n"
        let tasks = "x-tasks: &ts [" + Array(repeating: "*t", count: 1_000).joined(separator: ", ") + "]\n"
        let inject = "x-inject: &i {id: i, at: 0m, title: t, body: b, tasks: *ts}\n"
        let injects = "injects: [" + Array(repeating: "*i", count: 1_000).joined(separator: ", ") + "]\n"
        return "format: cyberdrill/1\nid: bomb\ntitle: bomb\nduration: 1h\n" + task + tasks + inject + injects
    }()

    @Test("an alias bomb whose tasks all carry an unknown field is refused with a handful of lines")
    func aliasBombGivesFewDiagnostics() {
        #expect(Self.aliasBomb.utf8.count < 12_000)
        let load = Fixture.loader.load(bytes: Array(Self.aliasBomb.utf8), path: "bomb.yaml")
        #expect(load.scenario == nil)
        #expect(load.diagnostics.count <= NodeReaderLimits.listed + 1, "\(load.diagnostics.count) diagnostics")
        // The unknown field is one problem, at one place: listed once.
        #expect(load.diagnostics.count { $0.message.contains("unknown field 'bogus'") } == 1)
        #expect(load.diagnostics.contains { $0.message.contains("expands through aliases") },
                "\(load.diagnostics.prefix(5))")
    }

    @Test("distinct problems past 1,000 are counted in one closing line")
    func diagnosticsAreCapped() {
        var text = "format: cyberdrill/1\nid: many\ntitle: many\nduration: 1h\ninjects:\n"
        for i in 0 ..< 1_500 { text += "  - {id: i\(i), at: 0m, title: t, body: b, bogus\(i): 1}\n" }
        let load = Fixture.loader.load(bytes: Array(text.utf8), path: "many.yaml")
        #expect(load.diagnostics.count == NodeReaderLimits.listed + 1)
        let last = try? #require(load.diagnostics.last)
        #expect(last?.message.hasPrefix("and ") == true && last?.message.contains("more problems") == true, "\(String(describing: last))")
        // 1,500 unknown fields (and any other problem of each inject): at least 500 past the cap.
        let more = last.flatMap { Int($0.message.split(separator: " ")[1]) } ?? 0
        #expect(more >= 500, "\(String(describing: last))")
    }

    @Test("a scenario larger than the journal can hold is refused by the loader, with the limit in the message")
    func oversizedScenarioIsRefused() throws {
        let padding = "# " + String(repeating: "x", count: 1_000) + "\n"
        let text = Fixture.base + String(repeating: padding, count: ScenarioLoader.maximumSourceBytes / padding.utf8.count + 1)
        let load = Fixture.loader.load(bytes: Array(text.utf8), path: "big.yaml")
        #expect(load.scenario == nil)
        #expect(load.diagnostics.map(\.message).contains { $0.contains("at most \(ScenarioLoader.maximumSourceBytes)") })
        // Just under the limit still loads.
        #expect(Fixture.loader.load(bytes: Array(Fixture.base.utf8), path: "small.yaml").scenario != nil)
    }

    @Test("a scenario's own teams list and a roster are capped at 10,000 teams")
    func rosterIsCapped() {
        var teams = "teams:\n"
        for i in 0 ... Roster.maximumTeams { teams += "  - {id: t\(i), name: T\(i)}\n" }
        let text = "format: cyberdrill/1\nid: crowd\ntitle: crowd\nduration: 1h\n" + teams
            + "injects:\n  - {id: i1, at: 0m, title: t, body: b}\n"
        let load = Fixture.loader.load(bytes: Array(text.utf8), path: "crowd.yaml")
        #expect(load.scenario == nil)
        #expect(load.diagnostics.contains { $0.message.contains("at most \(Roster.maximumTeams)") })
        let roster = Roster.load(text: teams, path: "roster.yaml")
        #expect(roster.hasErrors)
        #expect(roster.diagnostics.contains { $0.message.contains("at most \(Roster.maximumTeams)") })
    }
}

enum NodeReaderLimits {
    static let listed = 1_000
}
